#pragma once

// Spaced-repetition review of what a learner has met (issue 15): questions answered on a
// lesson page and flashcards, scheduled with FSRS-6 (fsrs.h) on the learner's local
// calendar days (calendar.h), and kept in the learner state's `reviews` member:
//
//   "reviews": {"<lesson id>:<block id>/<question or card id>": {
//       "card": {"stability": 3.17, "difficulty": 5.28, "due": "2026-12-02",
//                "last": "2026-11-28", "reps": 2, "lapses": 0},
//       "reps": 1,                                   // reviews done (XP, badges)
//       "first": {"at": ms, "day": "2026-11-25", "rating": 3},   // questions only
//       "log": [{"at": ms, "day": "2026-11-28", "rating": 3}]}}
//
// An item is a key of the site's catalogue (the Review page's list: graded questions of
// check-mode quizzes, flashcards). A question becomes an item with its first graded
// attempt on a lesson page, which serves as its first review (right: Good, wrong: Again)
// on that attempt's local day; until it is first reviewed on the Review page its card is
// derived from that attempt and nothing is written. A flashcard becomes an item once its
// lesson has been visited (its page showed it): new, due at once. "reps" counts only the
// reviews made when the item was due: a card reviewed again before it is due adds
// nothing. Bad shapes in `reviews` are ignored when read and replaced when written.
//
// MergeStates (progress.h) merges reviews per item, monotonically: the card of the later
// last review (then the one with more reviews; then ours), the larger "reps", the union of
// the logs, the earlier "first": merging the same state twice changes nothing.

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "runtime/core/diagnostic.h"
#include "runtime/core/fsrs.h"
#include "runtime/core/state.h"

namespace morsel::core {

/// How a site schedules reviews: site.yml's `review` mapping.
struct ReviewSettings {
  FsrsParams fsrs;
  /// At most this many reviews a day (due items first, then new flashcards).
  int daily_limit = 20;
};

/// The lowest and highest desired retention a site may set: the range the FSRS
/// cross-check covers (tests/fsrs/vectors.js).
inline constexpr double kMinRetention = 0.7;
inline constexpr double kMaxRetention = 0.99;
inline constexpr int kMaxDailyLimit = 1000;

/// Reads site.yml's `review` mapping ({desired_retention, max_interval_days, daily_limit},
/// each optional). Always returns settings the runtime can use (bad values give the
/// defaults) and reports each problem with a JSON pointer relative to the mapping
/// (`unknown-key` with "did you mean", `wrong-type`, `out-of-range`).
ReviewSettings ReadReviewSettings(const nlohmann::json& review, Diagnostics* diagnostics);

/// The review settings as the pages pass them to the core (the same keys), read leniently.
nlohmann::json ReviewSettingsJson(const ReviewSettings& settings);

/// The learner's local day number of `now` (its local_date, else epoch_ms at its offset).
int64_t ReviewToday(const Now& now);

/// The item's card: the one stored, else (questions) the one its first graded attempt
/// scheduled, the attempt's day taken at `offset_min`. False when the item has neither
/// (a flashcard not reviewed yet, a question not answered).
bool ItemCard(const nlohmann::json& state, const std::string& key, int offset_min, const FsrsParams& params,
              FsrsCard* card);

/// What is due: `items` is the site's catalogue, [{"key", "card"?: true for a flashcard}].
/// Returns {"due": [keys to review today, most overdue first, then new flashcards, at most
/// `limit` less the reviews done today], "due_count": items due today, "new_count": new
/// flashcards (of lessons visited), "today_done": reviews done today, "left_today": how
/// many more the limit allows, "next": {"date", "count"} of the first day after today
/// with items due, or null}. `limit` < 0: no limit.
nlohmann::json ReviewQueue(const nlohmann::json& state, const nlohmann::json& items, const ReviewSettings& settings,
                           const Now& now, int limit);

/// Records a review of `key` rated `rating` today. Counted (the card rescheduled, "reps"
/// and the log grown) only when the item is due: new, or due on or before today. Returns
/// {"counted", "due": the card's due date after, "interval": days, "reps"}.
nlohmann::json RecordReview(nlohmann::json* state, const std::string& key, FsrsRating rating,
                            const ReviewSettings& settings, const Now& now);

/// Trims every item's log to its last review; cards and "reps" stay.
void CompactReviews(nlohmann::json* state);

}  // namespace morsel::core
