#include "runtime/core/quiz.h"

#include <set>

#include "runtime/core/schema.h"

namespace morsel::core {
namespace {

bool IsSlug(const std::string& s) {
  if (s.empty()) return false;
  for (char c : s) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    if (!ok) return false;
  }
  return true;
}

void CheckId(ObjectChecker& checker, const std::string& id, Diagnostics* diagnostics) {
  if (!id.empty() && !IsSlug(id)) {
    diagnostics->push_back({Severity::kError, checker.PointerTo("id"), false, "invalid-id",
                            "id '" + id + "' may only contain a-z, 0-9, '-' and '_'",
                            "ids are kept in learners' progress: choose a short stable slug"});
  }
}

void ParseOption(const nlohmann::json& data, const std::string& pointer, Option* option,
                 Diagnostics* diagnostics) {
  ObjectChecker checker(data, pointer, "an option", diagnostics);
  checker.AllowOnly({"text", "correct", "feedback"});
  if (checker.Require("text")) {
    option->text = checker.String("text");
    if (option->text.empty() && data.at("text").is_string()) {
      diagnostics->push_back({Severity::kError, checker.PointerTo("text"), false, "empty-text",
                              "option text is empty", ""});
    }
  }
  option->correct = checker.Bool("correct");
  option->feedback = checker.String("feedback");
}

void ParseQuestion(const nlohmann::json& data, const std::string& pointer, size_t index,
                   Question* question, Diagnostics* diagnostics) {
  ObjectChecker checker(data, pointer, "a question", diagnostics);
  checker.AllowOnly({"id", "type", "prompt", "options"});
  if (!checker.ok()) return;
  question->id = checker.String("id");
  CheckId(checker, question->id, diagnostics);
  if (question->id.empty()) question->id = "q" + std::to_string(index + 1);
  if (data.contains("type")) {
    std::string type = checker.String("type");
    if (data.at("type").is_string() && type != "single") {
      std::string suggestion = Suggest(type, {"single"});
      diagnostics->push_back(
          {Severity::kError, checker.PointerTo("type"), false, "unknown-question-type",
           "unknown question type '" + type + "'",
           suggestion.empty() ? "supported types: single" : "did you mean '" + suggestion + "'?"});
    }
  }
  if (checker.Require("prompt")) {
    question->prompt = checker.String("prompt");
    if (question->prompt.empty() && data.at("prompt").is_string()) {
      diagnostics->push_back({Severity::kError, checker.PointerTo("prompt"), false,
                              "empty-text", "question prompt is empty", ""});
    }
  }
  if (!checker.Require("options")) return;
  const nlohmann::json* options = checker.Array("options");
  if (options == nullptr) return;
  std::string options_pointer = checker.PointerTo("options");
  if (options->size() < 2) {
    diagnostics->push_back({Severity::kError, options_pointer, false, "quiz-too-few-options",
                            "a single-choice question needs at least 2 options, found " +
                                std::to_string(options->size()),
                            ""});
  }
  size_t first_correct = options->size();
  for (size_t i = 0; i < options->size(); ++i) {
    Option option;
    std::string option_pointer = options_pointer + "/" + std::to_string(i);
    ParseOption((*options)[i], option_pointer, &option, diagnostics);
    if (option.correct) {
      if (first_correct == options->size()) {
        first_correct = i;
      } else {
        diagnostics->push_back(
            {Severity::kError, option_pointer + "/correct", false,
             "quiz-multiple-correct-answers",
             "a single-choice question has exactly one correct option, but options " +
                 std::to_string(first_correct + 1) + " and " + std::to_string(i + 1) +
                 " are both marked correct",
             "keep 'correct: true' on one option only"});
      }
    }
    question->options.push_back(std::move(option));
  }
  if (!options->empty() && first_correct == options->size()) {
    diagnostics->push_back({Severity::kError, options_pointer, false, "quiz-no-correct-answer",
                            "no option of this question is marked correct",
                            "add 'correct: true' to the right option"});
  }
}

}  // namespace

void ParseQuiz(const nlohmann::json& authored, Quiz* quiz, Diagnostics* diagnostics) {
  ObjectChecker checker(authored, "", "a quiz block", diagnostics);
  checker.AllowOnly({"id", "questions"});
  if (!checker.ok()) return;
  quiz->id = checker.String("id");
  CheckId(checker, quiz->id, diagnostics);
  if (!checker.Require("questions")) return;
  const nlohmann::json* questions = checker.Array("questions");
  if (questions == nullptr) return;
  if (questions->empty()) {
    diagnostics->push_back({Severity::kError, "/questions", false, "quiz-empty",
                            "a quiz block needs at least one question", ""});
  }
  std::set<std::string> ids;
  for (size_t i = 0; i < questions->size(); ++i) {
    Question question;
    std::string pointer = "/questions/" + std::to_string(i);
    ParseQuestion((*questions)[i], pointer, i, &question, diagnostics);
    if (!ids.insert(question.id).second) {
      diagnostics->push_back({Severity::kError, pointer + "/id", false, "duplicate-id",
                              "question id '" + question.id + "' is used twice in this quiz",
                              "each question of a quiz needs its own id"});
    }
    quiz->questions.push_back(std::move(question));
  }
}

nlohmann::json QuizToRuntime(const Quiz& quiz) {
  nlohmann::json questions = nlohmann::json::array();
  for (const Question& q : quiz.questions) {
    nlohmann::json options = nlohmann::json::array();
    for (const Option& o : q.options) {
      options.push_back({{"correct", o.correct}, {"feedback", o.feedback}});
    }
    questions.push_back({{"id", q.id}, {"type", q.type}, {"options", std::move(options)}});
  }
  return {{"kind", "quiz"}, {"id", quiz.id}, {"questions", std::move(questions)}};
}

bool QuizFromRuntime(const nlohmann::json& data, Quiz* quiz, std::string* error) {
  auto fail = [&](const char* message) {
    *error = message;
    return false;
  };
  if (!data.is_object() || data.value("kind", "") != "quiz") return fail("not a quiz block");
  const auto id = data.find("id");
  const auto questions = data.find("questions");
  if (id == data.end() || !id->is_string()) return fail("quiz block has no id");
  if (questions == data.end() || !questions->is_array()) return fail("quiz block has no questions");
  quiz->id = id->get<std::string>();
  for (const nlohmann::json& q : *questions) {
    if (!q.is_object()) return fail("malformed question");
    Question question;
    const auto qid = q.find("id");
    const auto options = q.find("options");
    if (qid == q.end() || !qid->is_string()) return fail("question has no id");
    if (options == q.end() || !options->is_array()) return fail("question has no options");
    question.id = qid->get<std::string>();
    question.type = q.value("type", "single");
    for (const nlohmann::json& o : *options) {
      if (!o.is_object()) return fail("malformed option");
      Option option;
      const auto correct = o.find("correct");
      const auto feedback = o.find("feedback");
      option.correct = correct != o.end() && correct->is_boolean() && correct->get<bool>();
      if (feedback != o.end() && feedback->is_string()) option.feedback = feedback->get<std::string>();
      question.options.push_back(std::move(option));
    }
    quiz->questions.push_back(std::move(question));
  }
  return true;
}

const Question* FindQuestion(const Quiz& quiz, const std::string& id) {
  for (const Question& q : quiz.questions) {
    if (q.id == id) return &q;
  }
  return nullptr;
}

bool GradeQuestion(const Question& question, const nlohmann::json& response, Grade* grade,
                   std::string* error) {
  const auto choice = response.is_object() ? response.find("choice") : response.end();
  if (!response.is_object() || choice == response.end() || !choice->is_number_integer()) {
    *error = "the response must be {\"choice\": <option index>}";
    return false;
  }
  const int64_t index = choice->get<int64_t>();
  if (index < 0 || index >= static_cast<int64_t>(question.options.size())) {
    *error = "option " + std::to_string(index) + " does not exist";
    return false;
  }
  const Option& option = question.options[static_cast<size_t>(index)];
  grade->choice = static_cast<int>(index);
  grade->correct = option.correct;
  grade->max_score = 1;
  grade->score = option.correct ? 1 : 0;
  grade->feedback = option.feedback;
  return true;
}

}  // namespace morsel::core
