#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace morsel::core {

// Whole-document operations on the learner state (state.h): migrations from older
// schemas, the monotonic merge used for a second tab and for imports, compaction to a
// storage budget, and resets. Inputs are untrusted; none of these throws on a
// well-formed state (CheckState), and each keeps the document well-formed.

/// Brings a state of an older schema (CheckState-valid for its version) up to
/// kStateSchema, one version at a time. Returns the schema it started from.
int MigrateState(nlohmann::json* state);

/// What a merge brought in.
struct MergeSummary {
  int lessons_added = 0;
  int lessons_completed = 0;
  int attempts_added = 0;
  int quiz_attempts_added = 0;
};

/// Merges `other` (a well-formed state of the current schema) into `*state`: completion
/// never regresses (unless the other side reopened the lesson later), attempts are a
/// union, best results keep the maximum, first visits the earliest and last visits the
/// latest; time and activity keep the larger count; reviews merge per item (MergeReviews).
/// The learner id of `*state` is kept.
MergeSummary MergeStates(nlohmann::json* state, const nlohmann::json& other);

/// Shrinks the state until its JSON text fits in `budget` bytes: first the activity log
/// beyond 90 days, then every question's attempts except the first best and the last
/// (counted in "dropped"), then assessments' attempt lists to their best and last, then
/// review logs to their last entry (CompactReviews: cards and counts stay). Completion,
/// best results and the latest answers are never dropped. Returns the size after.
size_t CompactState(nlohmann::json* state, size_t budget);

/// Forgets the progress of these lessons: their entries and every question, quiz, case
/// study and review item recorded under their blocks ("<lesson id>:…"); with
/// `keep_reviews`, review items stay (a new round of a course keeps their schedules).
void ResetLessons(nlohmann::json* state, const std::vector<std::string>& lesson_ids, bool keep_reviews = false);

}  // namespace morsel::core
