#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "runtime/core/quiz.h"

namespace morsel::core {

/// The outcome of grading one response to one question.
struct Grade {
  /// False for ungraded types (reflection, poll, likert): score and correct mean nothing.
  bool graded = true;
  /// Full marks.
  bool correct = false;
  double score = 0;
  double max_score = 0;
  /// What to tell the learner: the chosen option's feedback, or the question's
  /// feedback_correct / feedback_incorrect.
  std::string feedback;
  /// Per part (chosen option, gap, pair, position): true when that part is right.
  std::vector<bool> parts;
};

/// Grades `response` against `question`. `hint_used` applies the hint penalty. Returns
/// false (with a message) when the response is not a well-formed answer to this
/// question; a wrong answer is not an error. Response shapes, by type:
///   single, true_false, poll, likert: {"choice": i}
///   multiple: {"choices": [i, …]}        dropdown: {"choices": [i per gap]}
///   fill_blanks: {"blanks": ["…", …]}    numeric: {"text": "3,5"} or {"value": 3.5}
///   matching: {"matches": [right index per left item, -1 for none]}
///   ordering: {"order": [item indices as the learner ordered them]}
///   attestation: {"agreed": true}        reflection: {"text": "…"}
bool GradeQuestion(const Question& question, const nlohmann::json& response, bool hint_used, Grade* grade,
                   std::string* error);

/// Whether `response` answers every part of `question`: "" when it does, else why not, as
/// the key of the message the learner sees ("choose_first", "answer_every_part",
/// "each_position_once", "each_match_once", "agree_first", "not_a_number"). An answer that
/// is not complete is never graded nor counted as an attempt. An ordering may come as the
/// page reads it, {"positions": [position of each item, -1 unset]}: it is rewritten to
/// {"order"} here.
std::string MissingAnswer(const Question& question, nlohmann::json* response);

/// The longest reflection kept, in bytes: state lives in a shared storage quota.
inline constexpr size_t kMaxReflectionBytes = 20000;

}  // namespace morsel::core
