// The progress module: the whole-document operations a lesson page rarely needs at once
// — merging another tab's state or an import, compaction, resets, course totals (course
// pages, a finished course), My learning's site view and the LMS's compact state (an LMS
// page waits for this module before it loads state) — as plain C exports over runtime/core/api.h, built apart from
// the main runtime (bindings.cc) so that the module a lesson page loads first does not carry them. The glue
// (runtime/web/morsel.js) loads it once the page is ready, and a write that needs it waits
// for it. Same contract as bindings.cc: JSON text in, JSON text out, valid until the next
// call; nothing throws across this boundary.
#include <emscripten.h>

#include "runtime/core/api.h"
#include "runtime/wasm/keep_result.h"

using morsel::wasm::CallApi;

extern "C" {

EMSCRIPTEN_KEEPALIVE const char* morsel_site_view(const char* input) {
  return CallApi<morsel::core::ApiSiteView>(input);
}

EMSCRIPTEN_KEEPALIVE const char* morsel_merge(const char* input) { return CallApi<morsel::core::ApiMerge>(input); }

EMSCRIPTEN_KEEPALIVE const char* morsel_compact(const char* input) { return CallApi<morsel::core::ApiCompact>(input); }

EMSCRIPTEN_KEEPALIVE const char* morsel_reset(const char* input) { return CallApi<morsel::core::ApiReset>(input); }

EMSCRIPTEN_KEEPALIVE const char* morsel_course_progress(const char* input) {
  return CallApi<morsel::core::ApiCourseProgress>(input);
}

EMSCRIPTEN_KEEPALIVE const char* morsel_lms_suspend(const char* input) {
  return CallApi<morsel::core::ApiLmsSuspend>(input);
}

EMSCRIPTEN_KEEPALIVE const char* morsel_lms_resume(const char* input) {
  return CallApi<morsel::core::ApiLmsResume>(input);
}

EMSCRIPTEN_KEEPALIVE const char* morsel_gamification(const char* input) {
  return CallApi<morsel::core::ApiGamification>(input);
}
// A completion receipt of a course (My learning's "Download completion receipt").
EMSCRIPTEN_KEEPALIVE const char* morsel_receipt(const char* input) { return CallApi<morsel::core::ApiReceipt>(input); }

// Certificates, recertification and the learner's name (runtime/web/certificate.js).
EMSCRIPTEN_KEEPALIVE const char* morsel_certificate(const char* input) {
  return CallApi<morsel::core::ApiCertificate>(input);
}

}  // extern "C"
