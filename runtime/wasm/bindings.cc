// The main module's exports: plain C functions over runtime/core/api.h.
// Each takes a NUL-terminated UTF-8 JSON string and returns one that stays valid until
// the next call (the JS glue copies it at once). No exception crosses this boundary:
// the api functions catch everything themselves. Validation of authored blocks is not
// exported: the generator runs it at build time, and leaving it out keeps the block
// parsers (a quarter of the core's code) out of every learner's download. The page reads
// what it shows from the view calls (visit, view, status). The rare whole-document
// operations (merge, compact, reset, course totals, My learning's site view, the LMS's
// compact state) are in the progress module (progress_bindings.cc), which the glue loads
// after the page is ready.
#include <emscripten.h>

#include "runtime/core/api.h"
#include "runtime/wasm/keep_result.h"

using morsel::wasm::CallApi;

extern "C" {

EMSCRIPTEN_KEEPALIVE const char* morsel_version() { return morsel::wasm::Keep(morsel::core::ApiVersion()); }

EMSCRIPTEN_KEEPALIVE const char* morsel_load_state(const char* input) {
  return CallApi<morsel::core::ApiLoadState>(input);
}

EMSCRIPTEN_KEEPALIVE const char* morsel_visit(const char* input) { return CallApi<morsel::core::ApiVisit>(input); }

EMSCRIPTEN_KEEPALIVE const char* morsel_view(const char* input) { return CallApi<morsel::core::ApiView>(input); }

EMSCRIPTEN_KEEPALIVE const char* morsel_status(const char* input) { return CallApi<morsel::core::ApiStatus>(input); }

EMSCRIPTEN_KEEPALIVE const char* morsel_answer(const char* input) { return CallApi<morsel::core::ApiAnswer>(input); }

EMSCRIPTEN_KEEPALIVE const char* morsel_submit(const char* input) { return CallApi<morsel::core::ApiSubmit>(input); }

EMSCRIPTEN_KEEPALIVE const char* morsel_track(const char* input) { return CallApi<morsel::core::ApiTrack>(input); }

EMSCRIPTEN_KEEPALIVE const char* morsel_scenario_start(const char* input) {
  return CallApi<morsel::core::ApiScenarioStart>(input);
}

EMSCRIPTEN_KEEPALIVE const char* morsel_scenario_choose(const char* input) {
  return CallApi<morsel::core::ApiScenarioChoose>(input);
}

}  // extern "C"
