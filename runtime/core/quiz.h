#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "runtime/core/diagnostic.h"

namespace morsel::core {

/// Every kind of question a quiz block can hold.
enum class QuestionType {
  kSingle,       // one correct option
  kMultiple,     // several correct options
  kTrueFalse,    // a statement that is true or false
  kFillBlanks,   // typed answers in gaps of a sentence
  kNumeric,      // a number, exact or within a tolerance or range
  kMatching,     // pair each left item with a right item (with distractors)
  kOrdering,     // put items in order
  kDropdown,     // choose a word for each gap of a sentence
  kAttestation,  // "I have read and understood …": required, recorded with time
  kReflection,   // free text, kept in the learner's browser, ungraded
  kPoll,         // choose an option, ungraded
  kLikert,       // a rating on a scale, ungraded
};

/// "single", "multiple", … as authored.
const char* QuestionTypeName(QuestionType type);

/// One answer option of a choice question. Text fields hold inline Markdown as authored
/// and HTML once the generator has rendered them.
struct Option {
  std::string text;
  std::string feedback;
  bool correct = false;
};

/// A gap in a sentence: accepted typed answers (fill_blanks) or choices (dropdown).
struct Gap {
  std::vector<std::string> answers;
  /// For dropdowns: the index of the correct choice in `answers`.
  int correct = -1;
};

/// A sentence with gaps: text[0] gap[0] text[1] gap[1] … text[n].
struct GappedText {
  std::vector<std::string> text;
  std::vector<Gap> gaps;
};

/// Splits "The [[capital|main city]] of France is [[Paris]]." into text and gaps;
/// false (with *error) on an unclosed or empty gap.
bool ParseGappedText(const std::string& source, GappedText* out, std::string* error);

/// How a multiple-response question is scored.
enum class Scoring { kAllOrNothing, kPartial };

/// One question of a quiz block.
struct Question {
  std::string id;
  QuestionType type = QuestionType::kSingle;
  std::string prompt;
  double points = 1;
  std::string hint;
  /// Fraction of the points lost when the hint was shown (0–1).
  double hint_penalty = 0;
  std::string explanation;
  std::vector<std::string> tags;
  /// single, multiple, true_false (True, False), poll, likert.
  std::vector<Option> options;
  Scoring scoring = Scoring::kAllOrNothing;
  /// Partial scoring: fraction of the points lost per wrong pick (the score never goes
  /// below zero).
  double penalty = 0;
  /// fill_blanks, dropdown.
  GappedText gapped;
  bool case_sensitive = false;
  bool keep_diacritics = false;
  bool keep_punctuation = false;
  /// numeric: the accepted interval [min, max] and the number shown as the answer.
  double min = 0;
  double max = 0;
  double answer = 0;
  std::string unit;
  /// matching: left items, right items (pairs first, then distractors); left i matches
  /// right i. ordering: items in the correct order.
  std::vector<std::string> left;
  std::vector<std::string> right;
  std::vector<std::string> items;
  /// Runtime only: display position → canonical index (matching: right items;
  /// ordering: items). Empty means display order is canonical.
  std::vector<int> display;
  /// Runtime only: when set, accepted fill_blanks answers are HashAnswer(salt, normalised).
  std::string answer_salt;
  /// Runtime only: AnswerFingerprint as sealed in the page ("" when absent).
  std::string fingerprint;
  /// Feedback when the whole answer is right / not right (types without per-option feedback).
  std::string feedback_correct;
  std::string feedback_incorrect;

  /// True for types that are scored (not reflection, poll, likert).
  bool Graded() const;
};

/// How a quiz block is answered.
enum class QuizMode {
  kCheck,       // feedback per question at once
  kAssessment,  // answer every question, submit once, see the result
};

/// "check" or "assessment": the mode as authored and as the page form spells it.
const char* QuizModeName(QuizMode mode);

/// The mode `name` spells; false (leaving *mode alone) for any other text.
bool QuizModeFromName(const std::string& name, QuizMode* mode);

/// A mode put in JSON is its name: nlohmann would otherwise write the enum's number.
inline void to_json(nlohmann::json& out, QuizMode mode) { out = QuizModeName(mode); }

/// When learners may see the right answers.
enum class ShowAnswers { kNever, kAfterPass, kAfterLastAttempt, kAlways };

/// A ```quiz block: one or more questions and the rules for answering them.
struct Quiz {
  std::string id;
  QuizMode mode = QuizMode::kCheck;
  /// Percent of the points needed to pass; 0 = no pass mark.
  int pass_mark = 0;
  /// Attempts allowed at the whole quiz (assessment) or per question (check); 0 = no limit.
  int attempts = 0;
  ShowAnswers show_answers = ShowAnswers::kAfterLastAttempt;
  bool shuffle_questions = false;
  bool shuffle_options = false;
  /// Draw this many questions per attempt (0 = all).
  int draw = 0;
  /// Or draw per tag, in this order: that many of the questions carrying each tag.
  std::vector<std::pair<std::string, int>> draw_tags;
  std::vector<Question> questions;
};

/// Reads an authored quiz block (YAML converted to JSON), reporting every problem.
/// `*quiz` is filled as far as the data allows even when errors are reported.
void ParseQuiz(const nlohmann::json& authored, Quiz* quiz, Diagnostics* diagnostics);

/// The questions an attempt shows, as indexes into quiz.questions in display order:
/// applies `draw` / `draw_tags` and `shuffle_questions` with `seed` (learner, block and
/// attempt), so the same seed always gives the same draw.
std::vector<int> PlanQuestions(const Quiz& quiz, const std::string& seed);

/// Finds a question by id; nullptr when absent.
const Question* FindQuestion(const Quiz& quiz, const std::string& id);

}  // namespace morsel::core
