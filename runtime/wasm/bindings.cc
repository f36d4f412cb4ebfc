// The only file that sees emscripten: plain C exports over runtime/core/api.h.
// Each takes a NUL-terminated UTF-8 JSON string and returns one that stays valid until
// the next call (the JS glue copies it at once). No exception crosses this boundary:
// the api functions catch everything themselves. Validation of authored blocks is not
// exported: the generator runs it at build time, and leaving it out keeps the block
// parsers (a quarter of the core's code) out of every learner's download. The page reads
// what it shows from the view calls (visit, view, status). The rare whole-document
// operations (merge, compact, reset, course totals, My learning's site view) are in the
// progress module (progress_bindings.cc), which the glue loads after the page is ready.
#include <emscripten.h>

#include <string>

#include "runtime/core/api.h"

namespace {

std::string& ResultBuffer() {
  static std::string buffer;
  return buffer;
}

const char* Keep(std::string value) {
  ResultBuffer() = std::move(value);
  return ResultBuffer().c_str();
}

}  // namespace

extern "C" {

EMSCRIPTEN_KEEPALIVE const char* morsel_version() { return Keep(morsel::core::ApiVersion()); }

EMSCRIPTEN_KEEPALIVE const char* morsel_load_state(const char* input) {
  return Keep(morsel::core::ApiLoadState(input == nullptr ? "" : input));
}

EMSCRIPTEN_KEEPALIVE const char* morsel_visit(const char* input) {
  return Keep(morsel::core::ApiVisit(input == nullptr ? "" : input));
}

EMSCRIPTEN_KEEPALIVE const char* morsel_view(const char* input) {
  return Keep(morsel::core::ApiView(input == nullptr ? "" : input));
}

EMSCRIPTEN_KEEPALIVE const char* morsel_status(const char* input) {
  return Keep(morsel::core::ApiStatus(input == nullptr ? "" : input));
}

EMSCRIPTEN_KEEPALIVE const char* morsel_answer(const char* input) {
  return Keep(morsel::core::ApiAnswer(input == nullptr ? "" : input));
}

EMSCRIPTEN_KEEPALIVE const char* morsel_submit(const char* input) {
  return Keep(morsel::core::ApiSubmit(input == nullptr ? "" : input));
}

EMSCRIPTEN_KEEPALIVE const char* morsel_track(const char* input) {
  return Keep(morsel::core::ApiTrack(input == nullptr ? "" : input));
}

EMSCRIPTEN_KEEPALIVE const char* morsel_scenario_start(const char* input) {
  return Keep(morsel::core::ApiScenarioStart(input == nullptr ? "" : input));
}

EMSCRIPTEN_KEEPALIVE const char* morsel_scenario_choose(const char* input) {
  return Keep(morsel::core::ApiScenarioChoose(input == nullptr ? "" : input));
}

}  // extern "C"
