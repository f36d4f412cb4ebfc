#pragma once

// Certificates and recertification (issue 15): what a course's pass says, when it is due
// again, a new round of a course that is, and the learner's name kept for certificates and
// receipts. All from the learner state; the pages only paint (runtime/web/certificate.js).
//
// State members (docs/runtime.md, "Learner state"):
//   courses.<id>.passed_on   the learner's local date of the pass (RecordCourse)
//   courses.<id>.history     [past rounds, oldest first]: {"passed_at", "passed_on",
//                            "completed_at", "percent", "recertified_at", "lessons": {lesson
//                            id: completed_at}, "xp": {"questions": right first time}}
//   profile                  {"name", "at"}: the name the learner typed, and when

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "runtime/core/state.h"

namespace morsel::core {

/// Longest name kept, in characters (code points).
inline constexpr size_t kMaxNameChars = 200;

/// The name the learner typed ("" without one).
std::string LearnerName(const nlohmann::json& state);

/// Keeps `name` (spaces around it trimmed, cut to kMaxNameChars characters; "" forgets it)
/// as the learner's name, stamped with `now`.
void SetLearnerName(nlohmann::json* state, const std::string& name, const Now& now);

/// What a course's passes say on `now`'s local day. `course` is {"id", "recertify_after"?}.
/// Returns {"status": "not_passed" | "passed" | "due", "passed_at", "passed_on", "percent"
/// (of the latest pass, the current round's or the last past round's), "due_on": the date
/// the latest pass is due again or null, "renewing": a new round started and not passed
/// yet, "passes": every pass so far, "number": the certificate's number ("XXXX-XXXX", from
/// the learner, course and pass)}; a course never passed has only "status" and "passes".
nlohmann::json CertificateFacts(const nlohmann::json& state, const nlohmann::json& course, const Now& now);

/// Starts a new round of a passed course: its current pass goes to `history` and the
/// progress of `lesson_ids` (lessons, questions, quizzes, case studies; not review items)
/// is forgotten, so the learner takes the course again. False, changing nothing, when the
/// course has no current pass.
bool Recertify(nlohmann::json* state, const std::string& course_id, const std::vector<std::string>& lesson_ids,
               const Now& now);

/// `state` with its past rounds' lesson completions folded back in (a lesson completed in
/// a past round and not yet again counts as completed then), for rules about what a learner
/// has ever done: badges.
nlohmann::json WithPastRounds(const nlohmann::json& state);

/// What past rounds earned, for XP: lessons completed, questions right first time, passes.
struct PastRounds {
  int64_t lessons = 0;
  int64_t questions = 0;
  int64_t passes = 0;
};
PastRounds PastRoundsOf(const nlohmann::json& state);

/// Before two copies of a state merge (MergeStates): a round one copy started and the other
/// has not seen makes that copy's records of the round's lessons stale, so they are dropped
/// from it, as are both copies' passes and completions from before the last round began;
/// the rounds are united into `*state`; and the later name wins.
void MergeRounds(nlohmann::json* state, nlohmann::json* other);

}  // namespace morsel::core
