// The learner state as an LMS hands it back (runtime/core/lms_state.cc): the first part
// is a suspend_data text, read with DecodeLmsState and through ApiLmsResume against a
// small fixed course. A text that reads must give a well-formed state that the views
// take, and must be stable: written again and read again, it is the same state. The
// second part, when it is a stored state document, is written with EncodeLmsState under
// several budgets and must read back (parts split by "--8<--" lines).
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "runtime/core/api.h"
#include "runtime/core/json_parse.h"
#include "runtime/core/lms_state.h"
#include "runtime/core/progress.h"
#include "runtime/core/state.h"
#include "tests/fuzz/fuzz_input.h"

namespace {

using nlohmann::json;
namespace core = morsel::core;

core::Now Now() { return core::Now{1767225600000, "2026-01-01", 60}; }

json Course() {
  return {
      {"id", "c"},
      {"lessons",
       {{{"id", "l1"}, {"questions", {"l1:quiz-1/q1", "l1:quiz-1/q2"}}, {"fingerprints", {{"l1:quiz-1/q1", "abc"}}}},
        {{"id", "l2"}, {"questions", {"l2:poll/q", "l2:exam/a"}}, {"quizzes", {{{"id", "l2:exam"}}}}},
        {{"id", "c:m:l3"}, {"points", {{"c:m:l3:q/x", 2}}}}}}};
}

/// Reads a text; traps when a state that reads is not well-formed or not stable.
json Read(const std::string& text, const core::LmsCourse& course) {
  json state;
  std::string problem;
  const core::LoadStatus status = core::DecodeLmsState(text, course, "lms-learner", Now(), &state, &problem);
  if (core::CheckState(state, &problem) != core::LoadStatus::kOk) __builtin_trap();
  if (status != core::LoadStatus::kOk) return state;
  const core::LmsEncoding again = core::EncodeLmsState(state, course, SIZE_MAX);
  json reread;
  if (core::DecodeLmsState(again.text, course, "lms-learner", Now(), &reread, &problem) != core::LoadStatus::kOk ||
      reread != state) {
    __builtin_trap();
  }
  return state;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::vector<std::string> parts = morsel::fuzz::Parts(morsel::fuzz::Text(data, size), 2);
  const json course_json = Course();
  const core::LmsCourse course = core::LmsCourseFromJson(course_json);
  json state = Read(parts[0], course);

  // The api, as the glue calls it, and the views over what it gives.
  json request = {{"data", parts[0]}, {"course", course_json}, {"learner", "lms-learner"}};
  request["now"] = {{"epoch_ms", 1767225600000}, {"local_date", "2026-01-01"}};
  const json resumed = core::ParseJson(core::ApiLmsResume(morsel::fuzz::Dump(request)));
  if (resumed.value("ok", false) != true) __builtin_trap();
  const json& from_api = resumed["state"];
  core::ApiStatus(morsel::fuzz::Dump(json({{"state", from_api}, {"lessons", {"l1", "l2", "c:m:l3"}}})));
  core::ApiCourseProgress(morsel::fuzz::Dump(json({{"state", from_api}, {"course", course_json}})));
  const json suspended =
      core::ParseJson(core::ApiLmsSuspend(morsel::fuzz::Dump(json({{"state", from_api}, {"course", course_json}}))));
  if (suspended.value("ok", false) != true) __builtin_trap();
  core::LiveAttemptCount(state, "l1:quiz-1/q1");
  core::QuizAttemptCount(state, "l2:exam");

  // A stored state written for the LMS under shrinking budgets: it always reads back.
  json stored = core::ParseJson(parts[1]);
  std::string problem;
  if (stored.is_object() && core::CheckState(stored, &problem) == core::LoadStatus::kOk) {
    core::MigrateState(&stored);
    for (const size_t budget : {size_t{4096}, size_t{300}, size_t{40}, size_t{0}}) {
      const core::LmsEncoding encoding = core::EncodeLmsState(stored, course, budget);
      json back;
      if (core::DecodeLmsState(encoding.text, course, "lms-learner", Now(), &back, &problem) != core::LoadStatus::kOk) {
        __builtin_trap();
      }
      Read(encoding.text, course);
    }
  }
  return 0;
}
