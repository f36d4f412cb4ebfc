#pragma once

// The view contract: what a page shows this learner now, computed from the learner's state
// and the page's blocks alone. The glue paints it and holds no rule; the LMS adapter,
// gamification and review read the same answers. docs/runtime.md documents every shape.

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "runtime/core/grade.h"
#include "runtime/core/quiz.h"
#include "runtime/core/scenario.h"
#include "runtime/core/state.h"

namespace morsel::core {

/// The seed of a learner's draw and shuffles for one attempt at a quiz.
std::string PlanSeed(const std::string& learner, const std::string& quiz_id, int64_t attempt);

/// A learner's draw for one attempt at a quiz (`shuffle` and `draw`, seeded by learner,
/// block and attempt): {"questions": [ids shown, in order], "options": {question id:
/// [option indexes in display order]}} (shuffled options only).
nlohmann::json PlanView(const Quiz& quiz, const std::string& learner, int64_t attempt);

/// A graded result as the page shows it: {graded, correct, score, max_score, feedback, parts}.
nlohmann::json GradeJson(const Grade& grade);

/// What may be revealed of a question once the policy allows: {correct_options,
/// explanation} (typed answers are only hashes in a page, so they are never revealed).
nlohmann::json RevealOf(const Question& question);

/// Whether the show_answers policy lets the learner see the answer now; `left` is the
/// attempts left (-1 = no limit); `passed` is the question's (check) or the attempt's
/// (assessment) result. A learner who got it right may see it unless the policy is never.
bool MayReveal(ShowAnswers policy, int left, bool passed);

/// The view of one quiz block for this learner: the questions in the order shown (after any
/// draw and shuffle), the option order of shuffled questions, and per question the restored
/// response and result, the message to show instead (a stale answer), locked or not and the
/// attempts left. An assessment shows its last submission, locked, with its summary; with
/// `fresh_attempt` (the learner asked to try again, and attempts are left) a new attempt's
/// draw with nothing filled in. See docs/runtime.md for the shape.
nlohmann::json QuizView(const nlohmann::json& state, const Quiz& quiz, bool fresh_attempt);

/// Removes from a page's lesson ({"id", "questions", "quizzes"}) the questions of `quiz`
/// that `view` does not show: only the drawn questions count for the lesson and the quiz.
void KeepShownQuestions(nlohmann::json* lesson, const Quiz& quiz, const nlohmann::json& view);

/// The view of a case study: the path in progress (or a new one) and the step it leads to,
/// {"path", "step"}.
nlohmann::json ScenarioView(const nlohmann::json& state, const Scenario& scenario);

/// A case study's step as the page shows it.
nlohmann::json StepJson(const ScenarioStep& step);

/// Status of each lesson id, and where the learner left off: {"lessons": {id: status},
/// "resume": {"lesson", "anchor", "status"} | null}.
nlohmann::json StatusView(const nlohmann::json& state, const std::vector<std::string>& lesson_ids);

/// What "My learning" shows: per course ({"id", "lessons": [ids]}) the lessons done, time
/// spent, last activity, the lesson to continue with (the resume position when it is in
/// the course and not completed, else the first lesson not completed) and when the course
/// was completed; and the learner's last `days` days of activity ending on `now`'s local
/// date. See docs/runtime.md.
nlohmann::json SiteView(const nlohmann::json& state, const nlohmann::json& courses, const Now& now, int days);

}  // namespace morsel::core
