#include "runtime/core/quiz.h"

#include <algorithm>
#include <set>

#include "runtime/core/edit_distance.h"
#include "runtime/core/id_slug.h"
#include "runtime/core/number_text.h"
#include "runtime/core/object_checker.h"
#include "runtime/core/quiz_runtime.h"

namespace morsel::core {
namespace {

using nlohmann::json;

constexpr const char* kTypeNames[] = {"single",   "multiple", "true_false",  "fill_blanks", "numeric", "matching",
                                      "ordering", "dropdown", "attestation", "reflection",  "poll",    "likert"};

constexpr const char* kModeNames[] = {"check", "assessment"};

/// "a single question", "an ordering question".
std::string WithArticle(const char* noun) {
  const char c = noun[0];
  const bool vowel = c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
  return std::string(vowel ? "an " : "a ") + noun;
}

/// How messages name a type: "single-choice", "fill_blanks", …
const char* DisplayName(QuestionType type) {
  return type == QuestionType::kSingle ? "single-choice" : kTypeNames[static_cast<int>(type)];
}

void CheckId(ObjectChecker& checker, const std::string& id, Diagnostics* diagnostics) {
  if (!id.empty() && !IsIdSlug(id)) {
    diagnostics->push_back({Severity::kError, checker.PointerTo("id"), false, "invalid-id",
                            "id '" + id + "' may only contain a-z, 0-9, '-' and '_'",
                            "ids are kept in learners' progress: choose a short stable slug"});
  }
}

void Report(Diagnostics* d, const std::string& pointer, const char* code, std::string message, std::string hint = "") {
  d->push_back({Severity::kError, pointer, false, code, std::move(message), std::move(hint)});
}

/// A number from JSON, or false.
bool Number(const json& v, double* out) {
  if (!v.is_number()) return false;
  *out = v.get<double>();
  return true;
}

/// Parsing state for one question: its data, pointer and diagnostics.
class QuestionParser {
 public:
  QuestionParser(const json& data, std::string pointer, size_t index, Question* q, Diagnostics* d)
      : data_(data),
        pointer_(std::move(pointer)),
        index_(index),
        q_(q),
        d_(d),
        checker_(data, pointer_, "a question", d) {}

  void Parse() {
    if (!checker_.ok()) return;
    std::string type = "single";
    if (data_.contains("type")) {
      type = checker_.String("type");
      bool known = false;
      for (size_t i = 0; i < sizeof kTypeNames / sizeof *kTypeNames; ++i) {
        if (type == kTypeNames[i]) {
          q_->type = static_cast<QuestionType>(i);
          known = true;
        }
      }
      if (!known && data_.at("type").is_string()) {
        std::string suggestion =
            Suggest(type, {"single", "multiple", "true_false", "fill_blanks", "numeric", "matching", "ordering",
                           "dropdown", "attestation", "reflection", "poll", "likert"});
        Report(d_, checker_.PointerTo("type"), "unknown-question-type", "unknown question type '" + type + "'",
               suggestion.empty() ? "types: single, multiple, true_false, fill_blanks, numeric, "
                                    "matching, ordering, dropdown, attestation, reflection, poll, likert"
                                  : "did you mean '" + suggestion + "'?");
        return;
      }
    }
    Common();
    switch (q_->type) {
      case QuestionType::kSingle:
      case QuestionType::kMultiple:
      case QuestionType::kPoll:
        Allow({"options", "scoring", "penalty"});
        Options();
        break;
      case QuestionType::kTrueFalse:
        TrueFalse();
        break;
      case QuestionType::kFillBlanks:
      case QuestionType::kDropdown:
        Gapped();
        break;
      case QuestionType::kNumeric:
        Numeric();
        break;
      case QuestionType::kMatching:
        Matching();
        break;
      case QuestionType::kOrdering:
        Ordering();
        break;
      case QuestionType::kLikert:
        Likert();
        break;
      case QuestionType::kAttestation:
      case QuestionType::kReflection:
        Allow({});
        break;
    }
  }

 private:
  /// The keys of this type, on top of the common ones.
  void Allow(std::initializer_list<const char*> extra) {
    std::vector<const char*> keys = {"id",           "type",        "prompt", "points",           "hint",
                                     "hint_penalty", "explanation", "tags",   "feedback_correct", "feedback_incorrect"};
    keys.insert(keys.end(), extra.begin(), extra.end());
    // ObjectChecker::AllowOnly takes an initializer_list: check by hand with its wording.
    for (auto it = data_.begin(); it != data_.end(); ++it) {
      bool known = false;
      for (const char* k : keys) known = known || it.key() == k;
      if (known) continue;
      std::string best;
      size_t best_distance = 4;
      for (const char* k : keys) {
        size_t distance = EditDistance(it.key(), k);
        if (distance < best_distance && distance <= std::max<size_t>(1, it.key().size() / 3)) {
          best_distance = distance;
          best = k;
        }
      }
      std::string list;
      for (const char* k : keys) list += (list.empty() ? "" : ", ") + std::string(k);
      d_->push_back({Severity::kError, checker_.PointerTo(it.key().c_str()), true, "unknown-key",
                     "unknown key '" + it.key() + "' in " + WithArticle(DisplayName(q_->type)) + " question",
                     best.empty() ? "allowed keys: " + list : "did you mean '" + best + "'?"});
    }
  }

  void Common() {
    q_->id = checker_.String("id");
    CheckId(checker_, q_->id, d_);
    if (q_->id.empty()) q_->id = "q" + NumberText(index_ + 1);
    if (checker_.Require("prompt")) {
      q_->prompt = checker_.String("prompt");
      if (q_->prompt.empty() && data_.at("prompt").is_string()) {
        Report(d_, checker_.PointerTo("prompt"), "empty-text", "question prompt is empty");
      }
    }
    if (data_.contains("points")) {
      double points = 0;
      if (!Number(data_.at("points"), &points) || points < 0 || points > 1000) {
        Report(d_, checker_.PointerTo("points"), "out-of-range", "'points' must be a number from 0 to 1000");
      } else {
        q_->points = points;
      }
    }
    if (!q_->Graded()) q_->points = 0;
    q_->hint = checker_.String("hint");
    if (data_.contains("hint_penalty")) {
      double penalty = 0;
      if (!Number(data_.at("hint_penalty"), &penalty) || penalty < 0 || penalty > 100) {
        Report(d_, checker_.PointerTo("hint_penalty"), "out-of-range",
               "'hint_penalty' must be a percentage from 0 to 100");
      } else {
        q_->hint_penalty = penalty / 100;
      }
      if (q_->hint.empty()) {
        Report(d_, checker_.PointerTo("hint_penalty"), "missing-key", "'hint_penalty' without a 'hint'",
               "add the hint the penalty is for");
      }
    }
    q_->explanation = checker_.String("explanation");
    q_->tags = checker_.StringList("tags");
    q_->feedback_correct = checker_.String("feedback_correct");
    q_->feedback_incorrect = checker_.String("feedback_incorrect");
  }

  void Options() {
    if (!checker_.Require("options")) return;
    const json* options = checker_.Array("options");
    if (options == nullptr) return;
    const std::string options_pointer = checker_.PointerTo("options");
    const bool poll = q_->type == QuestionType::kPoll;
    if (options->size() < 2) {
      Report(d_, options_pointer, "quiz-too-few-options",
             WithArticle(DisplayName(q_->type)) + " question needs at least 2 options, found " +
                 NumberText(options->size()));
    }
    std::vector<size_t> correct;
    for (size_t i = 0; i < options->size(); ++i) {
      std::string pointer = options_pointer + "/" + NumberText(i);
      ObjectChecker option((*options)[i], pointer, "an option", d_);
      option.AllowOnly({"text", "correct", "feedback"});
      Option out;
      if (option.Require("text")) {
        out.text = option.String("text");
        if (out.text.empty() && (*options)[i].at("text").is_string()) {
          Report(d_, option.PointerTo("text"), "empty-text", "option text is empty");
        }
      }
      out.correct = option.Bool("correct");
      out.feedback = option.String("feedback");
      if (out.correct) {
        if (poll) {
          Report(d_, pointer + "/correct", "poll-has-answer", "a poll has no correct option",
                 "use type 'single' to grade it");
        }
        correct.push_back(i);
      }
      q_->options.push_back(std::move(out));
    }
    if (q_->type == QuestionType::kSingle && correct.size() > 1) {
      Report(d_, options_pointer + "/" + NumberText(correct[1]) + "/correct", "quiz-multiple-correct-answers",
             "a single-choice question has exactly one correct option, but options " + NumberText(correct[0] + 1) +
                 " and " + NumberText(correct[1] + 1) + " are both marked correct",
             "keep 'correct: true' on one option only, or use type 'multiple'");
    }
    if (!poll && !options->empty() && correct.empty()) {
      Report(d_, options_pointer, "quiz-no-correct-answer", "no option of this question is marked correct",
             "add 'correct: true' to the right option");
    }
    if (q_->type == QuestionType::kMultiple) {
      std::string scoring = checker_.Enum("scoring", {"all_or_nothing", "partial"}, "all_or_nothing");
      q_->scoring = scoring == "partial" ? Scoring::kPartial : Scoring::kAllOrNothing;
      if (data_.contains("penalty")) {
        double penalty = 0;
        if (!Number(data_.at("penalty"), &penalty) || penalty < 0 || penalty > 100) {
          Report(d_, checker_.PointerTo("penalty"), "out-of-range", "'penalty' must be a percentage from 0 to 100");
        }
        q_->penalty = penalty / 100;
        if (q_->scoring != Scoring::kPartial) {
          Report(d_, checker_.PointerTo("penalty"), "invalid-value", "'penalty' applies only with 'scoring: partial'");
        }
      }
    } else {
      for (const char* key : {"scoring", "penalty"}) {
        if (data_.contains(key)) {
          Report(d_, checker_.PointerTo(key), "invalid-value",
                 std::string("'") + key + "' applies only to multiple questions");
        }
      }
    }
  }

  void TrueFalse() {
    Allow({"answer", "feedback_true", "feedback_false"});
    if (!checker_.Require("answer")) return;
    bool answer = checker_.Bool("answer");
    // Two options the generator labels from the theme's strings: True, then False.
    q_->options = {{"", checker_.String("feedback_true"), answer}, {"", checker_.String("feedback_false"), !answer}};
  }

  void Gapped() {
    const bool dropdown = q_->type == QuestionType::kDropdown;
    if (dropdown) {
      Allow({"text"});
    } else {
      Allow({"text", "case_sensitive", "keep_diacritics", "keep_punctuation"});
      q_->case_sensitive = checker_.Bool("case_sensitive");
      q_->keep_diacritics = checker_.Bool("keep_diacritics");
      q_->keep_punctuation = checker_.Bool("keep_punctuation");
    }
    if (!checker_.Require("text")) return;
    std::string text = checker_.String("text");
    std::string error;
    if (!data_.at("text").is_string()) return;
    if (!ParseGappedText(text, &q_->gapped, &error)) {
      Report(
          d_, checker_.PointerTo("text"), "gap-syntax", error,
          dropdown ? "write each gap as [[*right|wrong|wrong]]" : "write each gap as [[answer|other accepted answer]]");
      return;
    }
    if (q_->gapped.gaps.empty()) {
      Report(d_, checker_.PointerTo("text"), "gap-syntax", "the text has no [[gap]]",
             dropdown ? "mark each gap as [[*right|wrong]]" : "mark each gap as [[answer]]");
      return;
    }
    for (size_t i = 0; i < q_->gapped.gaps.size(); ++i) {
      Gap& gap = q_->gapped.gaps[i];
      if (!dropdown) {
        for (const std::string& a : gap.answers) {
          if (!a.empty() && a[0] == '*') {
            Report(
                d_, checker_.PointerTo("text"), "gap-syntax",
                "gap " + NumberText(i + 1) + " marks '" + a.substr(1) + "' with '*', which only dropdown questions use",
                "every answer listed in a fill_blanks gap is accepted");
            break;
          }
        }
        continue;
      }
      int stars = 0;
      for (size_t k = 0; k < gap.answers.size(); ++k) {
        if (!gap.answers[k].empty() && gap.answers[k][0] == '*') {
          gap.answers[k] = gap.answers[k].substr(1);
          gap.correct = static_cast<int>(k);
          ++stars;
        }
      }
      if (stars != 1 || gap.answers.size() < 2) {
        Report(d_, checker_.PointerTo("text"), "gap-syntax",
               "dropdown gap " + NumberText(i + 1) + " needs at least 2 choices with exactly one marked '*', found " +
                   NumberText(gap.answers.size()) + " with " + NumberText(stars) + " marked",
               "write it as [[*right|wrong|wrong]]");
      }
    }
  }

  void Numeric() {
    Allow({"answer", "tolerance", "tolerance_percent", "range", "unit"});
    q_->unit = checker_.String("unit");
    const bool has_range = data_.contains("range");
    if (!has_range && !checker_.Require("answer")) return;
    if (has_range) {
      const json& range = data_.at("range");
      double lo = 0, hi = 0;
      if (!range.is_array() || range.size() != 2 || !Number(range[0], &lo) || !Number(range[1], &hi) || lo > hi) {
        Report(d_, checker_.PointerTo("range"), "invalid-value",
               "'range' must be a list of two numbers [min, max] with min <= max");
        return;
      }
      for (const char* key : {"answer", "tolerance", "tolerance_percent"}) {
        if (data_.contains(key)) {
          Report(d_, checker_.PointerTo(key), "invalid-value",
                 std::string("'") + key + "' cannot be combined with 'range'");
        }
      }
      q_->min = lo;
      q_->max = hi;
      q_->answer = (lo + hi) / 2;
      return;
    }
    if (!Number(data_.at("answer"), &q_->answer)) {
      Report(d_, checker_.PointerTo("answer"), "wrong-type", "'answer' must be a number");
      return;
    }
    double tolerance = 0;
    if (data_.contains("tolerance") && data_.contains("tolerance_percent")) {
      Report(d_, checker_.PointerTo("tolerance_percent"), "invalid-value",
             "give either 'tolerance' or 'tolerance_percent', not both");
    }
    if (data_.contains("tolerance")) {
      if (!Number(data_.at("tolerance"), &tolerance) || tolerance < 0) {
        Report(d_, checker_.PointerTo("tolerance"), "invalid-value", "'tolerance' must be a number >= 0");
        tolerance = 0;
      }
    } else if (data_.contains("tolerance_percent")) {
      double percent = 0;
      if (!Number(data_.at("tolerance_percent"), &percent) || percent < 0 || percent > 100) {
        Report(d_, checker_.PointerTo("tolerance_percent"), "invalid-value",
               "'tolerance_percent' must be a number from 0 to 100");
      }
      tolerance = q_->answer * percent / 100;
      if (tolerance < 0) tolerance = -tolerance;
    }
    q_->min = q_->answer - tolerance;
    q_->max = q_->answer + tolerance;
  }

  std::vector<std::string> TextList(const char* key, size_t minimum, const char* what) {
    std::vector<std::string> items = checker_.StringList(key);
    if (data_.contains(key) && items.size() < minimum) {
      Report(d_, checker_.PointerTo(key), "quiz-too-few-options",
             WithArticle(DisplayName(q_->type)) + " question needs at least " + NumberText(minimum) + " " + what +
                 ", found " + NumberText(items.size()));
    }
    std::set<std::string> seen;
    for (size_t i = 0; i < items.size(); ++i) {
      if (!seen.insert(items[i]).second) {
        Report(d_, checker_.PointerTo(key) + "/" + NumberText(i), "duplicate-item",
               "'" + items[i] + "' is listed twice", "learners could not tell the two apart");
      }
    }
    return items;
  }

  void Matching() {
    Allow({"pairs", "distractors"});
    if (!checker_.Require("pairs")) return;
    const json* pairs = checker_.Array("pairs");
    if (pairs == nullptr) return;
    const std::string pairs_pointer = checker_.PointerTo("pairs");
    if (pairs->size() < 2) {
      Report(d_, pairs_pointer, "quiz-too-few-options",
             "a matching question needs at least 2 pairs, found " + NumberText(pairs->size()));
    }
    for (size_t i = 0; i < pairs->size(); ++i) {
      ObjectChecker pair((*pairs)[i], pairs_pointer + "/" + NumberText(i), "a pair", d_);
      pair.AllowOnly({"left", "right"});
      std::string left = pair.Require("left") ? pair.String("left") : "";
      std::string right = pair.Require("right") ? pair.String("right") : "";
      q_->left.push_back(left);
      q_->right.push_back(right);
    }
    for (const std::string& d : checker_.StringList("distractors")) q_->right.push_back(d);
    std::set<std::string> seen;
    for (size_t i = 0; i < q_->right.size(); ++i) {
      if (!seen.insert(q_->right[i]).second) {
        Report(d_,
               i < pairs->size() ? pairs_pointer + "/" + NumberText(i) + "/right" : checker_.PointerTo("distractors"),
               "duplicate-item", "'" + q_->right[i] + "' is listed twice on the right",
               "each right-hand item must be different");
      }
    }
  }

  void Ordering() {
    Allow({"items"});
    if (!checker_.Require("items")) return;
    q_->items = TextList("items", 2, "items");
  }

  void Likert() {
    Allow({"scale"});
    // Without a scale the generator uses the theme's five-point agreement labels.
    for (const std::string& label : TextList("scale", 2, "scale points")) {
      q_->options.push_back({label, "", false});
    }
  }

  const json& data_;
  std::string pointer_;
  size_t index_;
  Question* q_;
  Diagnostics* d_;
  ObjectChecker checker_;
};

}  // namespace

const char* QuestionTypeName(QuestionType type) { return kTypeNames[static_cast<int>(type)]; }

const char* QuizModeName(QuizMode mode) { return kModeNames[static_cast<int>(mode)]; }

bool QuizModeFromName(const std::string& name, QuizMode* mode) {
  for (int m = 0; m <= static_cast<int>(QuizMode::kAssessment); ++m) {
    if (name == kModeNames[m]) {
      *mode = static_cast<QuizMode>(m);
      return true;
    }
  }
  return false;
}

bool Question::Graded() const {
  return type != QuestionType::kReflection && type != QuestionType::kPoll && type != QuestionType::kLikert;
}

bool ParseGappedText(const std::string& source, GappedText* out, std::string* error) {
  out->text.assign(1, "");
  out->gaps.clear();
  size_t pos = 0;
  while (pos < source.size()) {
    size_t open = source.find("[[", pos);
    if (open == std::string::npos) {
      out->text.back() += source.substr(pos);
      break;
    }
    out->text.back() += source.substr(pos, open - pos);
    size_t close = source.find("]]", open + 2);
    if (close == std::string::npos) {
      *error = "gap " + NumberText(out->gaps.size() + 1) + " opens with '[[' but never closes with ']]'";
      return false;
    }
    Gap gap;
    std::string inner = source.substr(open + 2, close - open - 2);
    size_t start = 0;
    while (true) {
      size_t bar = inner.find('|', start);
      std::string answer = inner.substr(start, bar == std::string::npos ? std::string::npos : bar - start);
      while (!answer.empty() && answer.front() == ' ') answer.erase(0, 1);
      while (!answer.empty() && answer.back() == ' ') answer.pop_back();
      if (answer.empty() || answer == "*") {
        *error = "gap " + NumberText(out->gaps.size() + 1) + " has an empty answer";
        return false;
      }
      gap.answers.push_back(answer);
      if (bar == std::string::npos) break;
      start = bar + 1;
    }
    out->gaps.push_back(std::move(gap));
    out->text.emplace_back();
    pos = close + 2;
  }
  return true;
}

void ParseQuiz(const json& authored, Quiz* quiz, Diagnostics* diagnostics) {
  ObjectChecker checker(authored, "", "a quiz block", diagnostics);
  checker.AllowOnly({"id", "mode", "pass_mark", "attempts", "show_answers", "shuffle", "draw", "questions"});
  if (!checker.ok()) return;
  quiz->id = checker.String("id");
  CheckId(checker, quiz->id, diagnostics);
  QuizModeFromName(checker.Enum("mode", {"check", "assessment"}, "check"), &quiz->mode);
  quiz->pass_mark = static_cast<int>(checker.Int("pass_mark", 0, 100, 0));
  quiz->attempts = static_cast<int>(checker.Int("attempts", 0, 1000, 0));
  std::string show =
      checker.Enum("show_answers", {"never", "after_pass", "after_last_attempt", "always"}, "after_last_attempt");
  quiz->show_answers = show == "never"        ? ShowAnswers::kNever
                       : show == "after_pass" ? ShowAnswers::kAfterPass
                       : show == "always"     ? ShowAnswers::kAlways
                                              : ShowAnswers::kAfterLastAttempt;
  if (authored.contains("shuffle")) {
    ObjectChecker shuffle(authored.at("shuffle"), "/shuffle", "'shuffle'", diagnostics);
    shuffle.AllowOnly({"questions", "options"});
    quiz->shuffle_questions = shuffle.Bool("questions");
    quiz->shuffle_options = shuffle.Bool("options");
  }
  const auto draw = authored.find("draw");
  if (draw != authored.end() && draw->is_object()) {
    ObjectChecker count(*draw, "/draw", "'draw'", diagnostics);
    for (auto it = draw->begin(); it != draw->end(); ++it) {
      quiz->draw_tags.emplace_back(it.key(), static_cast<int>(count.Int(it.key().c_str(), 1, 1000, 1)));
    }
    if (quiz->draw_tags.empty()) {
      Report(diagnostics, "/draw", "out-of-range", "'draw' lists no tags",
             "give a number of questions, or a mapping of tag: number");
    }
  } else {
    quiz->draw = static_cast<int>(checker.Int("draw", 0, 1000, 0));
  }
  if (!checker.Require("questions")) return;
  const json* questions = checker.Array("questions");
  if (questions == nullptr) return;
  if (questions->empty()) {
    Report(diagnostics, "/questions", "quiz-empty", "a quiz block needs at least one question");
  }
  if (quiz->draw > 0 && static_cast<size_t>(quiz->draw) > questions->size()) {
    Report(
        diagnostics, "/draw", "out-of-range",
        "'draw' asks for " + NumberText(quiz->draw) + " questions but the quiz has " + NumberText(questions->size()));
  }
  std::set<std::string> ids;
  for (size_t i = 0; i < questions->size(); ++i) {
    Question question;
    std::string pointer = "/questions/" + NumberText(i);
    QuestionParser((*questions)[i], pointer, i, &question, diagnostics).Parse();
    if (!ids.insert(question.id).second) {
      Report(diagnostics, pointer + "/id", "duplicate-id",
             "question id '" + question.id + "' is used twice in this quiz",
             "each question of a quiz needs its own id");
    }
    quiz->questions.push_back(std::move(question));
  }
  for (const auto& entry : quiz->draw_tags) {
    // (Not a structured binding: C++17 lambdas cannot capture one.)
    const std::string& tag = entry.first;
    const int count = entry.second;
    const auto tagged = std::count_if(quiz->questions.begin(), quiz->questions.end(), [&](const Question& q) {
      return std::find(q.tags.begin(), q.tags.end(), tag) != q.tags.end();
    });
    if (count > tagged) {
      Report(diagnostics, "/draw/" + tag, "out-of-range",
             "'draw' asks for " + NumberText(count) + " questions tagged '" + tag + "' but the quiz has " +
                 NumberText(tagged),
             "tag questions with `tags: [" + tag + "]`, or draw fewer");
    }
  }
}

std::vector<int> PlanQuestions(const Quiz& quiz, const std::string& seed) {
  const int count = static_cast<int>(quiz.questions.size());
  std::vector<int> order(static_cast<size_t>(count));
  for (int i = 0; i < count; ++i) order[static_cast<size_t>(i)] = i;
  const bool pool = quiz.draw > 0 || !quiz.draw_tags.empty();
  if (quiz.shuffle_questions || pool) order = Permutation("questions:" + seed, count);
  if (!quiz.draw_tags.empty()) {
    // Per tag in the author's order, the first questions of the shuffled order that carry
    // the tag and were not drawn for an earlier tag.
    std::vector<int> drawn;
    for (const auto& [tag, wanted] : quiz.draw_tags) {
      int taken = 0;
      for (int index : order) {
        if (taken == wanted) break;
        const auto& tags = quiz.questions[static_cast<size_t>(index)].tags;
        if (std::find(tags.begin(), tags.end(), tag) == tags.end() ||
            std::find(drawn.begin(), drawn.end(), index) != drawn.end()) {
          continue;
        }
        drawn.push_back(index);
        ++taken;
      }
    }
    order = std::move(drawn);
  } else if (quiz.draw > 0 && quiz.draw < count) {
    order.resize(static_cast<size_t>(quiz.draw));
  }
  // A pool keeps the author's order among the drawn questions unless it also shuffles.
  if (pool && !quiz.shuffle_questions) std::sort(order.begin(), order.end());
  return order;
}

const Question* FindQuestion(const Quiz& quiz, const std::string& id) {
  for (const Question& q : quiz.questions) {
    if (q.id == id) return &q;
  }
  return nullptr;
}

}  // namespace morsel::core
