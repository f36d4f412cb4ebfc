#include "runtime/core/quiz.h"

#include "runtime/core/grade.h"

#include <catch2/catch.hpp>

namespace morsel::core {
namespace {

using nlohmann::json;

json Authored() {
  return json::parse(R"({
    "questions": [{
      "prompt": "Which is phishing?",
      "options": [
        {"text": "A", "feedback": "no"},
        {"text": "B", "correct": true, "feedback": "yes"},
        {"text": "C"}
      ]
    }]
  })");
}

std::string Codes(const Diagnostics& diagnostics) {
  std::string out;
  for (const Diagnostic& d : diagnostics) out += d.pointer + " " + d.code + ": " + d.message + "\n";
  return out;
}

TEST_CASE("a quiz's mode is named as authored, in JSON too") {
  CHECK(std::string(QuizModeName(QuizMode::kCheck)) == "check");
  CHECK(std::string(QuizModeName(QuizMode::kAssessment)) == "assessment");
  CHECK(json{{"mode", QuizMode::kAssessment}}.dump() == R"({"mode":"assessment"})");
  QuizMode mode = QuizMode::kCheck;
  CHECK(QuizModeFromName("assessment", &mode));
  CHECK(mode == QuizMode::kAssessment);
  CHECK_FALSE(QuizModeFromName("Assessment", &mode));
  CHECK_FALSE(QuizModeFromName("", &mode));
  CHECK(mode == QuizMode::kAssessment);

  Quiz quiz;
  Diagnostics diagnostics;
  ParseQuiz(json::parse(R"({"mode": "asessment", "questions": [{"prompt": "?", "options": [
      {"text": "a", "correct": true}, {"text": "b"}]}]})"),
            &quiz, &diagnostics);
  CHECK(quiz.mode == QuizMode::kCheck);
  CHECK(Codes(diagnostics) == "/mode invalid-value: 'mode' must be one of: check, assessment (found 'asessment')\n");
}

TEST_CASE("a valid quiz parses with default ids") {
  Quiz quiz;
  Diagnostics diagnostics;
  ParseQuiz(Authored(), &quiz, &diagnostics);
  CHECK(diagnostics.empty());
  REQUIRE(quiz.questions.size() == 1);
  CHECK(quiz.questions[0].id == "q1");
  CHECK(quiz.questions[0].options[1].correct);
}

TEST_CASE("a question without a correct option is reported at its options") {
  json data = Authored();
  data["questions"][0]["options"][1].erase("correct");
  Quiz quiz;
  Diagnostics diagnostics;
  ParseQuiz(data, &quiz, &diagnostics);
  CHECK(Codes(diagnostics) ==
        "/questions/0/options quiz-no-correct-answer: no option of this question is marked correct\n");
}

TEST_CASE("two correct options are reported at the second") {
  json data = Authored();
  data["questions"][0]["options"][2]["correct"] = true;
  Quiz quiz;
  Diagnostics diagnostics;
  ParseQuiz(data, &quiz, &diagnostics);
  CHECK(Codes(diagnostics) ==
        "/questions/0/options/2/correct quiz-multiple-correct-answers: a single-choice question "
        "has exactly one correct option, but options 2 and 3 are both marked correct\n");
}

TEST_CASE("unknown keys get a suggestion and point at the key") {
  json data = Authored();
  data["questions"][0]["optons"] = data["questions"][0]["options"];
  data["questions"][0].erase("options");
  Quiz quiz;
  Diagnostics diagnostics;
  ParseQuiz(data, &quiz, &diagnostics);
  REQUIRE(diagnostics.size() == 2);
  CHECK(diagnostics[0].code == "unknown-key");
  CHECK(diagnostics[0].pointer == "/questions/0/optons");
  CHECK(diagnostics[0].at_key);
  CHECK(diagnostics[0].hint == "did you mean 'options'?");
  CHECK(diagnostics[1].code == "missing-key");
  CHECK(diagnostics[1].message == "a question is missing the required key 'options'");
}

TEST_CASE("wrong types, empty quizzes and duplicate ids are reported") {
  Quiz quiz;
  Diagnostics diagnostics;
  ParseQuiz(json::parse(R"({"questions": "none"})"), &quiz, &diagnostics);
  CHECK(Codes(diagnostics) == "/questions wrong-type: 'questions' must be a list, not a string\n");

  diagnostics.clear();
  ParseQuiz(json::parse(R"({"questions": []})"), &quiz, &diagnostics);
  CHECK(Codes(diagnostics) == "/questions quiz-empty: a quiz block needs at least one question\n");

  diagnostics.clear();
  json data = Authored();
  data["questions"][0]["id"] = "same";
  data["questions"].push_back(data["questions"][0]);
  Quiz twice;
  ParseQuiz(data, &twice, &diagnostics);
  CHECK(Codes(diagnostics) == "/questions/1/id duplicate-id: question id 'same' is used twice in this quiz\n");

  diagnostics.clear();
  ParseQuiz(json::parse("[1, 2]"), &quiz, &diagnostics);
  CHECK(Codes(diagnostics) == " wrong-type: a quiz block must be a mapping of keys to values, not a list\n");
}

TEST_CASE("a single option, a bad id and a bad type name are reported") {
  json data = Authored();
  data["questions"][0]["options"] = json::array({{{"text", "only"}, {"correct", true}}});
  data["questions"][0]["id"] = "Bad Id";
  Quiz quiz;
  Diagnostics diagnostics;
  ParseQuiz(data, &quiz, &diagnostics);
  CHECK(Codes(diagnostics) ==
        "/questions/0/id invalid-id: id 'Bad Id' may only contain a-z, 0-9, '-' and '_'\n"
        "/questions/0/options quiz-too-few-options: a single-choice question needs at least 2 options, found 1\n");

  // An unknown type stops there: which keys belong depends on the type.
  data["questions"][0]["type"] = "singel";
  diagnostics.clear();
  Quiz again;
  ParseQuiz(data, &again, &diagnostics);
  REQUIRE(diagnostics.size() == 1);
  CHECK(Codes(diagnostics) == "/questions/0/type unknown-question-type: unknown question type 'singel'\n");
  CHECK(diagnostics[0].hint == "did you mean 'single'?");
}

TEST_CASE("grading a single-choice question") {
  Quiz quiz;
  Diagnostics diagnostics;
  ParseQuiz(Authored(), &quiz, &diagnostics);
  const Question& q = quiz.questions[0];
  Grade grade;
  std::string error;
  REQUIRE(GradeQuestion(q, json{{"choice", 1}}, false, &grade, &error));
  CHECK(grade.correct);
  CHECK(grade.score == 1);
  CHECK(grade.feedback == "yes");
  REQUIRE(GradeQuestion(q, json{{"choice", 0}}, false, &grade, &error));
  CHECK_FALSE(grade.correct);
  CHECK(grade.score == 0);
  CHECK(grade.feedback == "no");

  CHECK_FALSE(GradeQuestion(q, json{{"choice", 3}}, false, &grade, &error));
  CHECK(error == "option 3 does not exist");
  CHECK_FALSE(GradeQuestion(q, json{{"choice", -1}}, false, &grade, &error));
  CHECK_FALSE(GradeQuestion(q, json{{"choice", "1"}}, false, &grade, &error));
  CHECK_FALSE(GradeQuestion(q, json::array(), false, &grade, &error));
  CHECK_FALSE(GradeQuestion(q, json{{"choice", 1.5}}, false, &grade, &error));
}

}  // namespace
}  // namespace morsel::core
