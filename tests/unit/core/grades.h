#pragma once

// Grades for core tests that record answers without grading a question.

#include "runtime/core/grade.h"

namespace morsel::core::testing {

/// A right answer worth one point.
inline Grade Right() {
  Grade grade;
  grade.correct = true;
  grade.score = 1;
  grade.max_score = 1;
  return grade;
}

/// A wrong answer out of one point.
inline Grade Wrong() {
  Grade grade;
  grade.max_score = 1;
  return grade;
}

}  // namespace morsel::core::testing
