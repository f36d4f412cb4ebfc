#include "runtime/core/points.h"

#include <algorithm>

namespace morsel::core {

QuizPoints WeighQuiz(const Quiz& quiz) {
  QuizPoints points;
  int drawn = quiz.draw;
  for (const auto& entry : quiz.draw_tags) drawn += entry.second;
  const bool pooled = drawn > 0;
  points.counts_whole = pooled || quiz.mode == QuizMode::kAssessment;
  double total = 0;
  for (const Question& question : quiz.questions) {
    const double value = question.Graded() ? question.points : 0;
    points.questions[quiz.id + "/" + question.id] = value;
    total += value;
  }
  const size_t count = quiz.questions.size();
  points.whole = pooled && count > 0 ? total * static_cast<double>(std::min(static_cast<size_t>(drawn), count)) /
                                           static_cast<double>(count)
                                     : total;
  if (!points.counts_whole) points.whole = 0;
  return points;
}

}  // namespace morsel::core
