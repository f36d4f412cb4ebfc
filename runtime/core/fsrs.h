#pragma once

// Spaced-repetition scheduling with FSRS-6 (the Free Spaced Repetition Scheduler, version
// 6), in whole days: no intra-day learning steps and no interval fuzz. It follows the
// long-term scheduler of ts-fsrs 5.4.2 (`enable_short_term: false`, `enable_fuzz: false`)
// formula for formula, with its rounding to 8 decimals and its clamps, so the same review
// log gives the same card; tests/unit/core/fsrs_test.cc replays vectors that ts-fsrs wrote
// (tests/fsrs/vectors.js) and matches them to 1e-4 relative, days exactly.
//
// Days. The core reads no clock: every review is dated by a day number, days since
// 1970-01-01. ts-fsrs counts the days elapsed between two reviews as the difference of
// their UTC calendar days (UtcDay); Morsel's "due today" is the learner's local calendar
// day (LocalDay). Morsel schedules on local day numbers: a card reviewed at 23:30 local
// time is due tomorrow local time, whatever the date in UTC. On UTC day numbers the
// scheduler is ts-fsrs's exactly; on local day numbers it is the same scheduler on the
// learner's calendar, which differs from ts-fsrs only in which two reviews count as a day
// apart. A review dated before the card's last review (the learner flew west across the
// date line, or the clock was wrong) counts as made on the last review's day: time never
// runs backwards for a card (ts-fsrs throws instead).

#include <array>
#include <cstdint>

namespace morsel::core {

/// The learner's answer to a review, numbered as FSRS numbers them.
enum class FsrsRating { kAgain = 1, kHard = 2, kGood = 3, kEasy = 4 };

/// A card never reviewed, or reviewed and scheduled. With short-term scheduling off,
/// ts-fsrs takes a card from New straight to Review on its first review and keeps it there
/// (a lapse stays in Review); its Learning (1) and Relearning (3) never occur. The numbers
/// are ts-fsrs's.
enum class FsrsState { kNew = 0, kReview = 2 };

/// FSRS-6's default weights, w[0] to w[20], as ts-fsrs 5.4.2 ships them (`default_w`).
/// w[0..3]: first stability per rating; w[4..7]: difficulty; w[8..10]: stability after a
/// recall; w[11..14]: after a lapse; w[15], w[16]: Hard's and Easy's factors; w[17..19]:
/// same-day reviews (unused in whole days); w[20]: the forgetting curve's decay.
inline constexpr std::array<double, 21> kFsrsDefaultWeights = {0.212,  1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194,
                                                               0.001,  1.8722, 0.1666, 0.796,  1.4835, 0.0614, 0.2629,
                                                               1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542};

/// How a site schedules. The weights are used as given: ts-fsrs clamps weights to its
/// bounds first, and the defaults are within them.
struct FsrsParams {
  std::array<double, 21> weights = kFsrsDefaultWeights;
  /// The probability of recall at which a card falls due: higher means shorter intervals.
  double desired_retention = 0.9;
  /// The longest interval the scheduler gives. ts-fsrs's rule that Again < Hard < Good <
  /// Easy (see ReviewAll) can still push Hard, Good and Easy up to three days past it.
  int max_interval_days = 36500;
};

/// Whether a site's parameters are ones Review can use: a desired retention ts-fsrs accepts,
/// in (0, 1], and a maximum interval of 1 to 36500 days (ts-fsrs sets no upper bound; 36500,
/// its default, is also the largest stability it gives).
bool FsrsParamsValid(const FsrsParams& params);

/// One review item's memory and schedule. A default card is new.
struct FsrsCard {
  /// Days after which recall falls to 90%; 0 while new.
  double stability = 0;
  /// 1 (easy) to 10 (hard); 0 while new.
  double difficulty = 0;
  /// The day the card is due: the last review's day plus the interval it scheduled.
  int64_t due_day = 0;
  int64_t last_review_day = 0;
  /// Reviews done, and Again answers after the first review.
  int reps = 0;
  int lapses = 0;
  FsrsState state = FsrsState::kNew;
};

/// The card after a review, and what the review saw and scheduled.
struct FsrsReview {
  FsrsCard card;
  /// Days until the card is due again (card.due_day - card.last_review_day).
  int interval_days = 0;
  /// Days since the previous review (ElapsedDays), as the formulas used them.
  int64_t elapsed_days = 0;
};

/// Days elapsed from the card's last review to `day`: 0 for a new card and for a day
/// before the last review.
int64_t ElapsedDays(const FsrsCard& card, int64_t day);

/// The probability of recalling the card on `day`, from FSRS-6's forgetting curve
/// R(t, S) = (1 + f * t / S)^(-w20), f = 0.9^(-1 / w20) - 1 (so R(S, S) = 0.9), at
/// t = ElapsedDays, rounded to 8 decimals as ts-fsrs does; 0 for a new card (ts-fsrs's
/// get_retrievability). Unlike get_retrievability, which counts whole 24-hour periods
/// since the last review, t counts calendar days, as the scheduler does.
double Retrievability(const FsrsCard& card, int64_t day, const FsrsParams& params);

/// The card after a review on `day` rated `rating`: ts-fsrs's long-term scheduler. A new
/// card gets its first stability and difficulty from the rating; a reviewed card gets a
/// new difficulty (moved by the rating, damped near 10, pulled slightly towards an Easy
/// first answer's) and a new stability (after a recall: larger the lower the retrievability
/// was; after Again: the lapse formula, never above the old stability). The interval is
/// round(S * I) days with I = (r^(-1/w20) - 1) / f for desired retention r, within
/// [1, max_interval_days], then ordered as ReviewAll says. The card is due on
/// `day` + interval and is in kReview.
FsrsReview Review(const FsrsCard& card, FsrsRating rating, int64_t day, const FsrsParams& params);

/// The four possible outcomes of a review on `day`, indexed by rating - 1 (what the
/// learner's rating buttons would schedule). As in ts-fsrs, when computed together the
/// intervals are made strictly increasing, each raised to one more than the one before:
/// Again's is first lowered to at most Hard's, then Hard > Again, Good > Hard, Easy > Good.
std::array<FsrsReview, 4> ReviewAll(const FsrsCard& card, int64_t day, const FsrsParams& params);

}  // namespace morsel::core
