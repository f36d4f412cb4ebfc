#pragma once

#include <map>
#include <string>

#include "runtime/core/quiz.h"

namespace morsel::core {

/// What a quiz is worth towards its lesson's and course's score. Pools and assessments
/// count as a whole, by the learner's best result, because their questions differ per
/// learner and attempt; other quizzes count question by question.
struct QuizPoints {
  /// Points of each question key ("<quiz id>/<question id>"); 0 for ungraded questions.
  std::map<std::string, double> questions;
  /// True for a pool (a draw) or an assessment: the quiz counts through `whole`.
  bool counts_whole = false;
  /// What the whole quiz is worth: a pool weighs its drawn share of the points.
  double whole = 0;
};

/// The points of `quiz` (its id already the site's block id), as the generator records
/// them for the page and the runtime totals them: one rule for both hosts.
QuizPoints WeighQuiz(const Quiz& quiz);

}  // namespace morsel::core
