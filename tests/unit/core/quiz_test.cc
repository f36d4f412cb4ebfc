#include "runtime/core/quiz.h"

#include <algorithm>

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
  CHECK(Codes(diagnostics) ==
        "/questions/1/id duplicate-id: question id 'same' is used twice in this quiz\n");

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

/// Every authored question in `authored` graded the same through the sealed runtime form.
void RoundTrip(const json& authored, const std::vector<std::pair<std::string, json>>& responses) {
  Quiz quiz;
  Diagnostics diagnostics;
  ParseQuiz(authored, &quiz, &diagnostics);
  REQUIRE(diagnostics.empty());
  quiz.id = "lesson:quiz-1";
  for (bool plain : {false, true}) {
    json runtime = QuizToRuntime(quiz, plain);
    Quiz back;
    std::string error;
    REQUIRE(QuizFromRuntime(runtime, &back, &error));
    for (const auto& [id, response] : responses) {
      INFO(id << " " << response.dump() << (plain ? " plain" : " sealed"));
      const Question* original = FindQuestion(quiz, id);
      const Question* runtime_q = FindQuestion(back, id);
      REQUIRE(original != nullptr);
      REQUIRE(runtime_q != nullptr);
      Grade a, b;
      std::string ea, eb;
      bool ok_a = GradeQuestion(*original, response, false, &a, &ea);
      // The runtime form shows matching and ordering items in display order: map the
      // canonical response into what the page would send.
      json shown = response;
      if (!runtime_q->display.empty()) {
        const char* key = runtime_q->type == QuestionType::kMatching ? "matches" : "order";
        for (auto& v : shown[key]) {
          int canonical = v.get<int>();
          for (size_t d = 0; d < runtime_q->display.size() && canonical >= 0; ++d) {
            if (runtime_q->display[d] == canonical) {
              v = static_cast<int>(d);
              break;
            }
          }
        }
      }
      bool ok_b = GradeQuestion(*runtime_q, shown, false, &b, &eb);
      CHECK(ok_a == ok_b);
      CHECK(a.correct == b.correct);
      CHECK(a.score == Approx(b.score));
      CHECK(a.feedback == b.feedback);
    }
  }
}

TEST_CASE("the sealed runtime form grades exactly like the authored form") {
  RoundTrip(json::parse(R"({"questions": [
    {"id": "s", "prompt": "?", "options": [{"text": "a", "feedback": "no"}, {"text": "b", "correct": true, "feedback": "yes"}]},
    {"id": "m", "type": "multiple", "scoring": "partial", "penalty": 25, "prompt": "?",
     "options": [{"text": "a", "correct": true}, {"text": "b", "correct": true}, {"text": "c"}]},
    {"id": "f", "type": "fill_blanks", "prompt": "?", "text": "A [[Zoë|Zoe]] and [[42]]"},
    {"id": "n", "type": "numeric", "prompt": "?", "answer": 3.5, "tolerance": 0.1},
    {"id": "x", "type": "matching", "prompt": "?", "pairs": [{"left": "a", "right": "1"}, {"left": "b", "right": "2"},
     {"left": "c", "right": "3"}], "distractors": ["4"]},
    {"id": "o", "type": "ordering", "prompt": "?", "items": ["one", "two", "three", "four"]},
    {"id": "d", "type": "dropdown", "prompt": "?", "text": "[[x|*y]] [[*p|q|r]]"},
    {"id": "t", "type": "true_false", "prompt": "?", "answer": true, "feedback_true": "yes", "feedback_false": "no"},
    {"id": "a", "type": "attestation", "prompt": "I agree", "feedback_correct": "Thanks"}
  ]})"),
            {{"s", {{"choice", 1}}}, {"s", {{"choice", 0}}}, {"m", {{"choices", {0, 2}}}},
             {"m", {{"choices", {0, 1}}}}, {"f", {{"blanks", {"ZOE", " 42 "}}}}, {"f", {{"blanks", {"Zo", "42"}}}},
             {"n", {{"text", "3,45"}}}, {"n", {{"text", "3.7"}}}, {"x", {{"matches", {0, 1, 2}}}},
             {"x", {{"matches", {3, 1, -1}}}}, {"o", {{"order", {0, 1, 2, 3}}}}, {"o", {{"order", {1, 0, 2, 3}}}},
             {"d", {{"choices", {1, 0}}}}, {"d", {{"choices", {0, 0}}}}, {"t", {{"choice", 0}}},
             {"a", {{"agreed", true}}}});
}

TEST_CASE("the page form keeps answers out of sight and refuses tampering") {
  Quiz quiz;
  Diagnostics diagnostics;
  ParseQuiz(json::parse(R"({"questions": [
    {"id": "f", "type": "fill_blanks", "prompt": "Secret?", "text": "It is [[Swordfish]]"},
    {"id": "n", "type": "numeric", "prompt": "?", "answer": 1234.5},
    {"id": "s", "prompt": "?", "options": [{"text": "a", "feedback": "Wrong one"}, {"text": "b", "correct": true}]}
  ]})"), &quiz, &diagnostics);
  REQUIRE(diagnostics.empty());
  quiz.id = "l:q";
  std::string page = QuizToRuntime(quiz).dump();
  CHECK(page.find("wordfish") == std::string::npos);
  CHECK(page.find("1234") == std::string::npos);
  CHECK(page.find("correct") == std::string::npos);
  CHECK(page.find("Wrong one") == std::string::npos);
  CHECK(page.find("Secret") == std::string::npos);  // prompts live in the HTML, not here

  // Changing which option is correct changes only the sealed key.
  Quiz other = quiz;
  other.questions[2].options[0].correct = true;
  other.questions[2].options[1].correct = false;
  json a = QuizToRuntime(quiz), b = QuizToRuntime(other);
  CHECK(a["questions"][2]["key"] != b["questions"][2]["key"]);
  a["questions"][2].erase("key");
  b["questions"][2].erase("key");
  CHECK(a == b);

  json tampered = QuizToRuntime(quiz);
  tampered["questions"][2]["options"] = 3;
  Quiz back;
  std::string error;
  CHECK_FALSE(QuizFromRuntime(tampered, &back, &error));
  CHECK(error == "answer key does not match the question");
  tampered = QuizToRuntime(quiz);
  tampered["questions"][0]["key"] = "bm90IGEga2V5";
  CHECK_FALSE(QuizFromRuntime(tampered, &back, &error));
  CHECK_FALSE(QuizFromRuntime(json::parse(R"({"kind":"quiz","id":"x","questions":[{"id":"q","type":"single"}]})"),
                              &back, &error));
  CHECK(error == "question has no answer key");
}

TEST_CASE("display orders are deterministic and never the answer order") {
  CHECK(Permutation("seed", 5) == Permutation("seed", 5));
  CHECK(Permutation("seed", 5) != Permutation("other", 5));
  for (int n = 2; n < 8; ++n) {
    for (const char* seed : {"a", "b", "c", "d", "e", "f"}) {
      std::vector<int> p = Permutation(seed, n);
      std::vector<int> sorted = p;
      std::sort(sorted.begin(), sorted.end());
      for (int i = 0; i < n; ++i) CHECK(sorted[static_cast<size_t>(i)] == i);
      bool identity = true;
      for (int i = 0; i < n; ++i) identity = identity && p[static_cast<size_t>(i)] == i;
      CHECK_FALSE(identity);
    }
  }
  CHECK(Permutation("x", 1) == std::vector<int>{0});
  CHECK(Permutation("x", 0).empty());
}

}  // namespace
}  // namespace morsel::core

namespace morsel::core {
namespace {

TEST_CASE("answer fingerprints change with the answer, not with the wording") {
  auto fingerprint = [](const char* authored) {
    Quiz quiz;
    Diagnostics diagnostics;
    ParseQuiz(nlohmann::json::parse(authored), &quiz, &diagnostics);
    INFO(authored << ": " << (diagnostics.empty() ? "" : diagnostics[0].message));
    REQUIRE(diagnostics.empty());
    return AnswerFingerprint(quiz.questions.at(0));
  };
  const std::string base = fingerprint(R"({"questions": [{"prompt": "Pick", "options": [
      {"text": "a", "correct": true, "feedback": "yes"}, {"text": "b"}]}]})");
  CHECK(base.size() == 12);
  CHECK(base == fingerprint(R"({"questions": [{"prompt": "Pick one, re-worded", "options": [
      {"text": "a, re-worded", "correct": true, "feedback": "other feedback"}, {"text": "b"}]}]})"));
  CHECK(base != fingerprint(R"({"questions": [{"prompt": "Pick", "options": [
      {"text": "a"}, {"text": "b", "correct": true}]}]})"));
  const std::string blanks = fingerprint(R"({"questions": [{"type": "fill_blanks", "prompt": "Fill", "text": "The [[Paris]] one."}]})");
  CHECK(blanks == fingerprint(R"({"questions": [{"type": "fill_blanks", "prompt": "Fill", "text": "A different [[paris]] sentence."}]})"));
  CHECK(blanks != fingerprint(R"({"questions": [{"type": "fill_blanks", "prompt": "Fill", "text": "The [[Lyon]] one."}]})"));
  CHECK(fingerprint(R"({"questions": [{"type": "attestation", "prompt": "I follow policy v1."}]})") !=
        fingerprint(R"({"questions": [{"type": "attestation", "prompt": "I follow policy v2."}]})"));
}

}  // namespace
}  // namespace morsel::core
