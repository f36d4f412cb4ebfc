#include "runtime/core/fsrs.h"

#include <algorithm>
#include <cmath>

namespace morsel::core {
namespace {

// Written from ts-fsrs 5.4.2 (MIT licence, Copyright (c) 2026 Open Spaced Repetition; the
// notice is in tests/fsrs/README.md). Each helper mirrors the FSRSAlgorithm method or
// function of the same name, with its operations in the same order: ts-fsrs rounds to 8
// decimals at these points, and doubles computed in another order could round the other
// way there.

// Stability's bounds (ts-fsrs S_MIN, and the 36500 its formulas clamp to).
constexpr double kMinStability = 0.001;
constexpr double kMaxStability = 36500;

// JavaScript's Math.round: the nearest integer, halves towards +infinity (std::round takes
// halves away from zero, and floor(x + 0.5) is wrong just below a half). x - floor(x) is
// exact in doubles.
double JsRound(double x) {
  const double floor = std::floor(x);
  return x - floor >= 0.5 ? floor + 1 : floor;
}

// ts-fsrs roundTo(x, 8), which it applies to nearly every intermediate value.
double Round8(double x) { return JsRound(x * 1e8) / 1e8; }

// ts-fsrs clamp: the lower bound first, so an upper bound below it wins.
double Clamp(double value, double low, double high) { return std::min(std::max(value, low), high); }

// computeDecayFactor: the decay (negative) and the factor that makes R(S, S) = 0.9.
struct DecayFactor {
  double decay;
  double factor;
};
DecayFactor ComputeDecayFactor(const FsrsParams& params) {
  const double decay = -params.weights[20];
  return {decay, Round8(std::exp((1 / decay) * std::log(0.9)) - 1)};
}

// forgetting_curve(t, S).
double ForgettingCurve(const FsrsParams& params, double elapsed_days, double stability) {
  const DecayFactor curve = ComputeDecayFactor(params);
  return Round8(std::pow(1 + curve.factor * elapsed_days / stability, curve.decay));
}

// calculate_interval_modifier: the days per unit of stability at which recall falls to the
// desired retention (1 at 0.9).
double IntervalModifier(const FsrsParams& params) {
  const DecayFactor curve = ComputeDecayFactor(params);
  return Round8((std::pow(params.desired_retention, 1 / curve.decay) - 1) / curve.factor);
}

// next_interval without fuzz: whole days in [1, max]. The clamps come before the
// conversion, so a stability that is not finite still gives a day count.
int NextInterval(const FsrsParams& params, double stability) {
  const double days = std::min(std::max(1.0, JsRound(stability * IntervalModifier(params))),
                               static_cast<double>(params.max_interval_days));
  return static_cast<int>(days);
}

// init_stability(g).
double InitStability(const FsrsParams& params, int g) { return std::max(params.weights[g - 1], 0.1); }

// init_difficulty(g), unclamped: mean reversion pulls towards Easy's, which is below 1
// with the default weights.
double InitDifficulty(const FsrsParams& params, int g) {
  const auto& w = params.weights;
  return Round8(w[4] - std::exp((g - 1) * w[5]) + 1);
}

// linear_damping: a change of difficulty shrinks as difficulty nears 10.
double LinearDamping(double delta_d, double old_d) { return Round8(delta_d * (10 - old_d) / 9); }

// mean_reversion towards `init` by w[7].
double MeanReversion(const FsrsParams& params, double init, double current) {
  const auto& w = params.weights;
  return Round8(w[7] * init + (1 - w[7]) * current);
}

// next_difficulty(d, g).
double NextDifficulty(const FsrsParams& params, double d, int g) {
  const double delta_d = -params.weights[6] * (g - 3);
  const double next_d = d + LinearDamping(delta_d, d);
  return Clamp(MeanReversion(params, InitDifficulty(params, 4), next_d), 1, 10);
}

// next_recall_stability(d, s, r, g).
double NextRecallStability(const FsrsParams& params, double d, double s, double r, int g) {
  const auto& w = params.weights;
  const double hard_penalty = g == 2 ? w[15] : 1;
  const double easy_bound = g == 4 ? w[16] : 1;
  return Round8(Clamp(s * (1 + std::exp(w[8]) * (11 - d) * std::pow(s, -w[9]) * (std::exp((1 - r) * w[10]) - 1) *
                                   hard_penalty * easy_bound),
                      kMinStability, kMaxStability));
}

// next_forget_stability(d, s, r).
double NextForgetStability(const FsrsParams& params, double d, double s, double r) {
  const auto& w = params.weights;
  return Round8(Clamp(w[11] * std::pow(d, -w[12]) * (std::pow(s + 1, w[13]) - 1) * std::exp((1 - r) * w[14]),
                      kMinStability, kMaxStability));
}

// next_state(memory, t, g, r) with short-term scheduling off: no same-day stability term
// (w[17]..w[19]) even when t is 0, and after Again at most the old stability (the bound
// S / e^(w17 * w18) with w17 and w18 taken as 0).
void NextState(const FsrsParams& params, const FsrsCard& card, int g, double r, FsrsCard* next) {
  if (card.state == FsrsState::kNew) {
    next->difficulty = Clamp(InitDifficulty(params, g), 1, 10);
    next->stability = InitStability(params, g);
    return;
  }
  const double d = card.difficulty;
  const double s = card.stability;
  if (g == 1) {
    next->stability = Clamp(Round8(s), kMinStability, NextForgetStability(params, d, s, r));
  } else {
    next->stability = NextRecallStability(params, d, s, r, g);
  }
  next->difficulty = NextDifficulty(params, d, g);
}

}  // namespace

bool FsrsParamsValid(const FsrsParams& params) {
  return params.desired_retention > 0 && params.desired_retention <= 1 && params.max_interval_days >= 1 &&
         params.max_interval_days <= kMaxStability;
}

int64_t ElapsedDays(const FsrsCard& card, int64_t day) {
  if (card.state == FsrsState::kNew) return 0;
  return std::max<int64_t>(day - card.last_review_day, 0);
}

double Retrievability(const FsrsCard& card, int64_t day, const FsrsParams& params) {
  if (card.state == FsrsState::kNew) return 0;
  return ForgettingCurve(params, static_cast<double>(ElapsedDays(card, day)), card.stability);
}

std::array<FsrsReview, 4> ReviewAll(const FsrsCard& card, int64_t day, const FsrsParams& params) {
  // A review before the last one counts as on the last one's day (fsrs.h).
  if (card.state != FsrsState::kNew) day = std::max(day, card.last_review_day);
  const int64_t elapsed = ElapsedDays(card, day);
  // A new card has no retrievability; its first stability and difficulty ignore it.
  const double r =
      card.state == FsrsState::kNew ? 0 : ForgettingCurve(params, static_cast<double>(elapsed), card.stability);
  std::array<FsrsReview, 4> reviews;
  std::array<int, 4> intervals{};
  for (int g = 1; g <= 4; ++g) {
    FsrsReview& review = reviews[g - 1];
    review.card = card;
    review.elapsed_days = elapsed;
    NextState(params, card, g, r, &review.card);
    intervals[g - 1] = NextInterval(params, review.card.stability);
  }
  // LongTermScheduler.next_interval: the buttons' intervals strictly increase, even past
  // the maximum interval.
  intervals[0] = std::min(intervals[0], intervals[1]);
  for (int i = 1; i < 4; ++i) intervals[i] = std::max(intervals[i], intervals[i - 1] + 1);
  for (int g = 1; g <= 4; ++g) {
    FsrsReview& review = reviews[g - 1];
    review.interval_days = intervals[g - 1];
    review.card.last_review_day = day;
    review.card.due_day = day + intervals[g - 1];
    review.card.reps = card.reps + 1;
    // Only a reviewed card can lapse: Again on a new card is its first answer.
    if (g == 1 && card.state != FsrsState::kNew) review.card.lapses = card.lapses + 1;
    review.card.state = FsrsState::kReview;
  }
  return reviews;
}

FsrsReview Review(const FsrsCard& card, FsrsRating rating, int64_t day, const FsrsParams& params) {
  return ReviewAll(card, day, params)[static_cast<int>(rating) - 1];
}

}  // namespace morsel::core
