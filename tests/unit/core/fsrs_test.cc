#include "runtime/core/fsrs.h"

#include <cmath>
#include <cstdint>
#include <string>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "runtime/core/calendar.h"

namespace morsel::core {
namespace {

constexpr int64_t kDayMs = 86400000;

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil),
// so that the tests name dates instead of day numbers.
int64_t Day(int64_t y, int64_t m, int64_t d) {
  y -= m <= 2 ? 1 : 0;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

// The epoch time of a UTC date and time.
int64_t Utc(int64_t y, int64_t m, int64_t d, int64_t hour, int64_t minute) {
  return Day(y, m, d) * kDayMs + (hour * 60 + minute) * 60000;
}

// The epoch time of a local date and time at `offset_min` minutes east of UTC.
int64_t Local(int64_t y, int64_t m, int64_t d, int64_t hour, int64_t minute, int offset_min) {
  return Utc(y, m, d, hour, minute) - int64_t{offset_min} * 60000;
}

constexpr int kNewYorkWinter = -300;  // EST
constexpr int kNewYorkSummer = -240;  // EDT
constexpr int kBerlinWinter = 60;
constexpr int kTokyo = 540;

FsrsCard Reviewed(double stability, double difficulty, int64_t last_review_day, int64_t due_day) {
  FsrsCard card;
  card.stability = stability;
  card.difficulty = difficulty;
  card.last_review_day = last_review_day;
  card.due_day = due_day;
  card.reps = 3;
  card.state = FsrsState::kReview;
  return card;
}

bool NearRelative(double actual, double expected, double tolerance) {
  return std::abs(actual - expected) <= tolerance * std::abs(expected);
}

TEST_CASE("UTC and local days: 23:30 in New York is that local day and the next UTC day", "[fsrs]") {
  const int64_t late_evening = Local(2026, 1, 15, 23, 30, kNewYorkWinter);
  CHECK(late_evening == Utc(2026, 1, 16, 4, 30));
  CHECK(LocalDay(late_evening, kNewYorkWinter) == Day(2026, 1, 15));
  CHECK(UtcDay(late_evening) == Day(2026, 1, 16));
  // East of UTC the other way round: 08:00 in Tokyo is still the day before in UTC.
  const int64_t morning = Local(2026, 1, 16, 8, 0, kTokyo);
  CHECK(LocalDay(morning, kTokyo) == Day(2026, 1, 16));
  CHECK(UtcDay(morning) == Day(2026, 1, 15));
  // Days before 1970 round down, not towards zero.
  CHECK(UtcDay(-1) == -1);
  CHECK(UtcDay(-kDayMs) == -1);
  CHECK(UtcDay(-kDayMs - 1) == -2);
  CHECK(LocalDay(0, -60) == -1);
  CHECK(LocalDay(-1, 60) == 0);
  CHECK(Day(1970, 1, 1) == 0);
  CHECK(Day(2026, 3, 8) == 20520);
}

TEST_CASE("local days across a change of daylight saving time", "[fsrs]") {
  SECTION("spring forward: 23 hours apart, yet a day later on both calendars") {
    const int64_t saturday = Local(2026, 3, 7, 23, 30, kNewYorkWinter);
    const int64_t sunday = Local(2026, 3, 8, 23, 30, kNewYorkSummer);
    CHECK(sunday - saturday == 23 * 3600000);
    CHECK(LocalDay(sunday, kNewYorkSummer) - LocalDay(saturday, kNewYorkWinter) == 1);
    CHECK(UtcDay(sunday) - UtcDay(saturday) == 1);
  }
  SECTION("spring forward: one local day, two UTC days") {
    const int64_t saturday = Local(2026, 3, 7, 18, 0, kNewYorkWinter);  // 23:00 UTC
    const int64_t sunday = Local(2026, 3, 8, 20, 30, kNewYorkSummer);   // 00:30 UTC on Monday
    CHECK(LocalDay(sunday, kNewYorkSummer) - LocalDay(saturday, kNewYorkWinter) == 1);
    CHECK(UtcDay(sunday) - UtcDay(saturday) == 2);
  }
  SECTION("fall back: 24 hours apart on one local day of 25 hours, a UTC day apart") {
    const int64_t after_midnight = Local(2026, 11, 1, 0, 30, kNewYorkSummer);
    const int64_t before_midnight = Local(2026, 11, 1, 23, 30, kNewYorkWinter);
    CHECK(before_midnight - after_midnight == kDayMs);
    const int64_t first = LocalDay(after_midnight, kNewYorkSummer);
    const int64_t second = LocalDay(before_midnight, kNewYorkWinter);
    CHECK(first == Day(2026, 11, 1));
    CHECK(second == first);
    CHECK(UtcDay(before_midnight) - UtcDay(after_midnight) == 1);
    // So a card that Morsel schedules on local days is reviewed again the same day: nothing
    // elapsed, where ts-fsrs would count the day in UTC.
    const FsrsReview review = Review(FsrsCard{}, FsrsRating::kGood, first, FsrsParams{});
    CHECK(ElapsedDays(review.card, second) == 0);
    CHECK(ElapsedDays(review.card, UtcDay(before_midnight)) == 1);
  }
}

TEST_CASE("local days across a change of time zone", "[fsrs]") {
  SECTION("flying east skips local days that UTC does not") {
    const int64_t new_york = Local(2026, 1, 10, 20, 0, kNewYorkWinter);  // 01:00 UTC on the 11th
    const int64_t tokyo = Local(2026, 1, 12, 8, 0, kTokyo);              // 23:00 UTC on the 11th
    CHECK(LocalDay(tokyo, kTokyo) - LocalDay(new_york, kNewYorkWinter) == 2);
    CHECK(UtcDay(tokyo) - UtcDay(new_york) == 0);
  }
  SECTION("flying west can bring the local calendar back a day: it counts as no time") {
    const int64_t berlin = Local(2026, 1, 10, 0, 30, kBerlinWinter);    // 23:30 UTC on the 9th
    const int64_t new_york = Local(2026, 1, 9, 22, 0, kNewYorkWinter);  // 03:00 UTC on the 10th
    const int64_t first = LocalDay(berlin, kBerlinWinter);
    const int64_t second = LocalDay(new_york, kNewYorkWinter);
    CHECK(first == Day(2026, 1, 10));
    CHECK(second == Day(2026, 1, 9));
    CHECK(UtcDay(new_york) - UtcDay(berlin) == 1);
    const FsrsCard card = Review(FsrsCard{}, FsrsRating::kGood, first, FsrsParams{}).card;
    CHECK(ElapsedDays(card, second) == 0);
    const FsrsReview again = Review(card, FsrsRating::kGood, second, FsrsParams{});
    const FsrsReview same_day = Review(card, FsrsRating::kGood, first, FsrsParams{});
    CHECK(again.elapsed_days == 0);
    CHECK(again.card.last_review_day == first);
    CHECK(again.card.due_day == same_day.card.due_day);
    CHECK(again.card.stability == same_day.card.stability);
    CHECK(again.card.difficulty == same_day.card.difficulty);
  }
}

TEST_CASE("the first review of each rating", "[fsrs]") {
  const FsrsParams params;
  const int64_t day = Day(2026, 5, 4);
  const std::array<FsrsReview, 4> all = ReviewAll(FsrsCard{}, day, params);
  // First stability is w[rating - 1]; first difficulty w4 - e^((rating - 1) w5) + 1,
  // which for Easy is below 1 and is clamped to it.
  const double stability[] = {0.212, 1.2931, 2.3065, 8.2956};
  const double difficulty[] = {6.4133, 5.11217071, 2.11810397, 1};
  // round(S) is 0, 1, 2 and 8 days; the ordering rule makes them 1, 2, 3 and 8.
  const int interval[] = {1, 2, 3, 8};
  for (int g = 1; g <= 4; ++g) {
    INFO("rating " << g);
    const FsrsReview review = Review(FsrsCard{}, static_cast<FsrsRating>(g), day, params);
    CHECK(review.card.stability == Approx(stability[g - 1]).epsilon(1e-12));
    CHECK(review.card.difficulty == Approx(difficulty[g - 1]).epsilon(1e-9));
    CHECK(review.interval_days == interval[g - 1]);
    CHECK(review.card.due_day == day + interval[g - 1]);
    CHECK(review.card.last_review_day == day);
    CHECK(review.elapsed_days == 0);
    CHECK(review.card.reps == 1);
    CHECK(review.card.lapses == 0);  // Again on a new card is no lapse
    CHECK(review.card.state == FsrsState::kReview);
    CHECK(all[g - 1].card.due_day == review.card.due_day);
    CHECK(all[g - 1].card.stability == review.card.stability);
  }
}

TEST_CASE("a lapse: Again on a learnt card", "[fsrs]") {
  const FsrsParams params;
  FsrsCard card = Review(FsrsCard{}, FsrsRating::kGood, 100, params).card;
  card = Review(card, FsrsRating::kGood, card.due_day, params).card;
  REQUIRE(card.stability > 5);
  const FsrsReview lapse = Review(card, FsrsRating::kAgain, card.due_day, params);
  CHECK(lapse.card.lapses == 1);
  CHECK(lapse.card.reps == 3);
  CHECK(lapse.card.state == FsrsState::kReview);
  // Forgotten: much less stable, harder, and due again soon.
  CHECK(lapse.card.stability < card.stability / 2);
  CHECK(lapse.card.difficulty > card.difficulty);
  CHECK(lapse.interval_days < Review(card, FsrsRating::kHard, card.due_day, params).interval_days);
  // Good and Hard are no lapses.
  CHECK(Review(card, FsrsRating::kHard, card.due_day, params).card.lapses == 0);
}

TEST_CASE("reviewing early grows stability less than on the due day, and late more", "[fsrs]") {
  const FsrsParams params;
  FsrsCard card = Review(FsrsCard{}, FsrsRating::kGood, 100, params).card;
  card = Review(card, FsrsRating::kGood, card.due_day, params).card;
  const int64_t due = card.due_day;
  REQUIRE(due - card.last_review_day > 4);
  const double early = Review(card, FsrsRating::kGood, due - 3, params).card.stability;
  const double on_time = Review(card, FsrsRating::kGood, due, params).card.stability;
  const double late = Review(card, FsrsRating::kGood, due + 10, params).card.stability;
  CHECK(card.stability < early);
  CHECK(early < on_time);
  CHECK(on_time < late);
  CHECK(Retrievability(card, due - 3, params) > Retrievability(card, due, params));
  // On the day of the last review recall is certain and Good teaches nothing: with no
  // same-day term (whole days), stability stays as it was.
  const FsrsReview same_day = Review(card, FsrsRating::kGood, card.last_review_day, params);
  CHECK(same_day.elapsed_days == 0);
  CHECK(same_day.card.stability == card.stability);
}

TEST_CASE("intervals round as JavaScript's Math.round: a half goes up", "[fsrs]") {
  // Reviewed again on the same day, recall is certain and Hard and Good keep the
  // stability, 2.5 days: Hard's interval is round(2.5) = 3, Good's one more.
  const std::array<FsrsReview, 4> all = ReviewAll(Reviewed(2.5, 5, 100, 102), 100, FsrsParams{});
  CHECK(all[1].card.stability == 2.5);
  CHECK(all[1].interval_days == 3);
  CHECK(all[2].interval_days == 4);
  CHECK(all[3].interval_days == 5);
  CHECK(all[0].interval_days == 1);
}

TEST_CASE("the maximum interval clamps, and the ordering rule goes past it as ts-fsrs does", "[fsrs]") {
  FsrsParams params;
  const FsrsCard card = Reviewed(1000, 5, 100, 130);
  const std::array<FsrsReview, 4> unbounded = ReviewAll(card, 130, params);
  CHECK(unbounded[2].interval_days > 1000);
  params.max_interval_days = 30;
  const std::array<FsrsReview, 4> clamped = ReviewAll(card, 130, params);
  CHECK(clamped[0].interval_days == unbounded[0].interval_days);  // Again's was short anyway
  CHECK(clamped[1].interval_days == 30);
  CHECK(clamped[2].interval_days == 31);
  CHECK(clamped[3].interval_days == 32);
  CHECK(clamped[2].card.due_day == 161);
  // The memory is the same: the maximum only bounds the schedule.
  CHECK(clamped[2].card.stability == unbounded[2].card.stability);
  // A maximum of one day: every button at its lowest under the ordering rule.
  params.max_interval_days = 1;
  const std::array<FsrsReview, 4> one = ReviewAll(FsrsCard{}, 0, params);
  CHECK(one[0].interval_days == 1);
  CHECK(one[1].interval_days == 2);
  CHECK(one[2].interval_days == 3);
  CHECK(one[3].interval_days == 4);
}

TEST_CASE("a higher desired retention schedules sooner, with the same memory", "[fsrs]") {
  const FsrsCard card = Reviewed(20, 5, 100, 120);
  FsrsParams params;
  int previous = 1 << 30;
  double stability = 0;
  for (const double retention : {0.7, 0.8, 0.9, 0.95, 0.99}) {
    INFO("retention " << retention);
    params.desired_retention = retention;
    const FsrsReview review = Review(card, FsrsRating::kGood, 120, params);
    CHECK(review.interval_days < previous);
    previous = review.interval_days;
    if (stability != 0) CHECK(review.card.stability == stability);
    stability = review.card.stability;
  }
  // At 0.9 the interval is the stability, by the definition of stability.
  params.desired_retention = 0.9;
  CHECK(Review(card, FsrsRating::kGood, 120, params).interval_days ==
        std::lround(Review(card, FsrsRating::kGood, 120, params).card.stability));
}

TEST_CASE("retrievability follows the forgetting curve", "[fsrs]") {
  const FsrsParams params;
  CHECK(Retrievability(FsrsCard{}, 500, params) == 0);
  const FsrsCard card = Reviewed(10, 5, 100, 110);
  CHECK(Retrievability(card, 100, params) == 1);
  CHECK(Retrievability(card, 90, params) == 1);  // before the last review: no time elapsed
  CHECK(Retrievability(card, 110, params) == Approx(0.9).margin(1e-7));
  CHECK(Retrievability(card, 105, params) > 0.9);
  CHECK(Retrievability(card, 200, params) < Retrievability(card, 150, params));
  CHECK(ElapsedDays(card, 117) == 17);
  CHECK(ElapsedDays(FsrsCard{}, 117) == 0);
}

TEST_CASE("parameters ts-fsrs and Morsel accept", "[fsrs]") {
  FsrsParams params;
  CHECK(FsrsParamsValid(params));
  params.desired_retention = 1;
  CHECK(FsrsParamsValid(params));
  for (const double retention : {0.0, -0.5, 1.01}) {
    params.desired_retention = retention;
    CHECK_FALSE(FsrsParamsValid(params));
  }
  params = FsrsParams{};
  params.max_interval_days = 0;
  CHECK_FALSE(FsrsParamsValid(params));
  params.max_interval_days = 36501;
  CHECK_FALSE(FsrsParamsValid(params));
}

// tests/unit/core/fsrs_vectors.json, as the build embeds it (tests/fsrs/embed_vectors.cmake):
// the tests also run under wasm in Node, where the host's files cannot be read.
const char* const kVectorPieces[] = {
#include "fsrs_vectors.inc"
};

TEST_CASE("the core schedules as ts-fsrs does: the cross-check vectors", "[fsrs]") {
  std::string text;
  for (const char* piece : kVectorPieces) text += piece;
  const nlohmann::json vectors = nlohmann::json::parse(text);
  REQUIRE(vectors["columns"] == nlohmann::json::parse(R"(["ms", "rating", "elapsed_days", "retrievability",
      "stability", "difficulty", "interval", "due_day", "reps", "lapses", "state"])"));
  for (size_t i = 0; i < kFsrsDefaultWeights.size(); ++i) CHECK(vectors["weights"][i] == kFsrsDefaultWeights[i]);

  // The card is carried from step to step as the core computes it, never reset to the
  // expected one, so a drift would show in the days that follow.
  size_t reviews = 0;
  for (const nlohmann::json& sequence : vectors["sequences"]) {
    FsrsParams params;
    params.desired_retention = sequence["retention"].get<double>();
    params.max_interval_days = sequence["max_interval"].get<int>();
    REQUIRE(FsrsParamsValid(params));
    FsrsCard card;
    int step_number = 0;
    for (const nlohmann::json& step : sequence["steps"]) {
      INFO(sequence["name"].get<std::string>() << ", review " << ++step_number << ": " << step.dump());
      const int64_t day = UtcDay(step[0].get<int64_t>());
      const auto rating = static_cast<FsrsRating>(step[1].get<int>());
      CHECK(ElapsedDays(card, day) == step[2].get<int64_t>());
      const double retrievability = step[3].get<double>();
      CHECK(std::abs(Retrievability(card, day, params) - retrievability) <= 1e-4 * retrievability);
      const FsrsReview review = Review(card, rating, day, params);
      CHECK(review.elapsed_days == step[2].get<int64_t>());
      CHECK(NearRelative(review.card.stability, step[4].get<double>(), 1e-4));
      CHECK(NearRelative(review.card.difficulty, step[5].get<double>(), 1e-4));
      CHECK(review.interval_days == step[6].get<int>());
      CHECK(review.card.due_day == step[7].get<int64_t>());
      CHECK(review.card.reps == step[8].get<int>());
      CHECK(review.card.lapses == step[9].get<int>());
      CHECK(static_cast<int>(review.card.state) == step[10].get<int>());
      card = review.card;
      ++reviews;
    }
  }
  CHECK(vectors["sequences"].size() >= 200);
  CHECK(reviews >= 2000);
}

}  // namespace
}  // namespace morsel::core
