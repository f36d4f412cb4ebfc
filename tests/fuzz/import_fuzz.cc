// An imported progress file and a pasted progress code (runtime/core/api.cc ApiMerge and
// its ReadForeignState, then MergeStates): the glue turns a code into the same export
// text (runtime/web/dashboard.js readCode: base64, deflate-raw), so both reach the core as
// `incoming`. Merged into a learner's state that already has progress, for this site;
// the merged state must stay loadable.
#include <cstddef>
#include <cstdint>
#include <string>

#include "runtime/core/api.h"
#include "runtime/core/json_parse.h"
#include "runtime/core/state.h"
#include "tests/fuzz/fuzz_input.h"

namespace {

using nlohmann::json;
namespace core = morsel::core;

const json& Now() {
  static const json now = {{"epoch_ms", 1767225600000}, {"local_date", "2026-01-01"}};
  return now;
}

/// A state with a visit, a time entry and a lesson completed.
const json& Existing() {
  static const json state = [] {
    json request = {{"stored", nullptr}, {"learner", "me"}, {"now", Now()}};
    json state = core::ParseJson(core::ApiLoadState(morsel::fuzz::Dump(request)))["state"];
    request = {{"state", state},
               {"lesson", {{"id", "l1"}, {"questions", json::array()}, {"completion", "view"}}},
               {"now", Now()}};
    state = core::ParseJson(core::ApiVisit(morsel::fuzz::Dump(request)))["state"];
    request = {{"state", state}, {"lesson", "l1"}, {"ms", 60000}, {"now", Now()}};
    return core::ParseJson(core::ApiTrack(morsel::fuzz::Dump(request)))["state"];
  }();
  return state;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const json request = {{"state", Existing()}, {"incoming", morsel::fuzz::Text(data, size)}, {"site", "demo"}};
  const json answer = core::ParseJson(core::ApiMerge(morsel::fuzz::Dump(request)));
  if (answer.value("ok", false)) {
    std::string problem;
    if (core::CheckState(answer["state"], &problem) != core::LoadStatus::kOk) __builtin_trap();
    // The merged state, stored and loaded again, is this learner's.
    const json again = {{"stored", morsel::fuzz::Dump(answer["state"])}, {"learner", "other"}, {"now", Now()}};
    const json loaded = core::ParseJson(core::ApiLoadState(morsel::fuzz::Dump(again)));
    if (loaded.value("status", "") != "ok") __builtin_trap();
  }
  return 0;
}
