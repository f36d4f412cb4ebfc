// The learner state as stored by a browser (runtime/core/state.cc, progress.cc, api.cc):
// two stored values (this tab's and another tab's, parts split by "--8<--" lines) loaded
// with LoadState, the second merged into the first both through the api (as text, as the
// glue does) and directly, then every whole-document operation and view over the result:
// compaction, resets, time tracking, status, My learning and course totals.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "runtime/core/api.h"
#include "runtime/core/json_parse.h"
#include "runtime/core/progress.h"
#include "runtime/core/state.h"
#include "tests/fuzz/fuzz_input.h"

namespace {

using nlohmann::json;
namespace core = morsel::core;

json Now() { return {{"epoch_ms", 1767225600000}, {"local_date", "2026-01-01"}, {"utc_offset_min", 60}}; }

/// What LoadState makes of a stored value: the state, or a fresh one.
json Load(const std::string& stored) {
  json request;
  request["stored"] = stored;
  request["learner"] = "fuzz-learner";
  request["now"] = Now();
  const json answer = core::ParseJson(core::ApiLoadState(morsel::fuzz::Dump(request)));
  return answer.value("state", json());
}

/// Calls `api` with `request` plus the state, and returns the state it answers (or the
/// one it was given).
template <typename Api>
json Call(Api api, json request, const json& state) {
  request["state"] = state;
  request["now"] = Now();
  const json answer = core::ParseJson(api(morsel::fuzz::Dump(request)));
  const auto out = answer.find("state");
  return out != answer.end() && out->is_object() ? *out : state;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::vector<std::string> parts = morsel::fuzz::Parts(morsel::fuzz::Text(data, size), 2);
  json state = Load(parts[0]);
  const json other = Load(parts[1]);
  std::string problem;
  if (!state.is_object() || core::CheckState(state, &problem) != core::LoadStatus::kOk) __builtin_trap();

  state = Call(core::ApiMerge, {{"incoming", parts[1]}}, state);
  json direct = state;
  if (core::CheckState(other, &problem) == core::LoadStatus::kOk) core::MergeStates(&direct, other);

  const json lessons = {"l1", "l2", "c:m:l3"};
  core::ApiStatus(morsel::fuzz::Dump(json({{"state", state}, {"lessons", lessons}})));
  core::ApiSiteView(morsel::fuzz::Dump(
      json({{"state", state}, {"courses", {{{"id", "c"}, {"lessons", lessons}}}}, {"now", Now()}, {"days", 30}})));
  const json course = {{"id", "c"},
                       {"pass_mark", 50},
                       {"lessons", {{{"id", "l1"}, {"points", {{"l1:q/a", 1}}}}, {{"id", "l2"}, {"module", "m"}}}}};
  core::ApiCourseProgress(morsel::fuzz::Dump(json({{"state", state}, {"course", course}, {"now", Now()}})));
  state = Call(core::ApiTrack, {{"lesson", "l1"}, {"ms", 1500}, {"anchor", "intro"}}, state);
  for (const size_t budget : {size_t{100000}, size_t{2000}, size_t{0}}) {
    json compacted = state;
    core::CompactState(&compacted, budget);
  }
  state = Call(core::ApiReset, {{"lessons", {"l1"}}}, state);
  if (core::CheckState(state, &problem) != core::LoadStatus::kOk) __builtin_trap();
  return 0;
}
