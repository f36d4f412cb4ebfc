#include "runtime/core/quiz_runtime.h"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include <catch2/catch.hpp>

#include "runtime/core/grade.h"

namespace morsel::core {
namespace {

using nlohmann::json;

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
            {{"s", {{"choice", 1}}},
             {"s", {{"choice", 0}}},
             {"m", {{"choices", {0, 2}}}},
             {"m", {{"choices", {0, 1}}}},
             {"f", {{"blanks", {"ZOE", " 42 "}}}},
             {"f", {{"blanks", {"Zo", "42"}}}},
             {"n", {{"text", "3,45"}}},
             {"n", {{"text", "3.7"}}},
             {"x", {{"matches", {0, 1, 2}}}},
             {"x", {{"matches", {3, 1, -1}}}},
             {"o", {{"order", {0, 1, 2, 3}}}},
             {"o", {{"order", {1, 0, 2, 3}}}},
             {"d", {{"choices", {1, 0}}}},
             {"d", {{"choices", {0, 0}}}},
             {"t", {{"choice", 0}}},
             {"a", {{"agreed", true}}}});
}

TEST_CASE("the page form keeps answers out of sight and refuses tampering") {
  Quiz quiz;
  Diagnostics diagnostics;
  ParseQuiz(json::parse(R"({"questions": [
    {"id": "f", "type": "fill_blanks", "prompt": "Secret?", "text": "It is [[Swordfish]]"},
    {"id": "n", "type": "numeric", "prompt": "?", "answer": 1234.5},
    {"id": "s", "prompt": "?", "options": [{"text": "a", "feedback": "Wrong one"}, {"text": "b", "correct": true}]}
  ]})"),
            &quiz, &diagnostics);
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
  const std::string blanks =
      fingerprint(R"({"questions": [{"type": "fill_blanks", "prompt": "Fill", "text": "The [[Paris]] one."}]})");
  CHECK(
      blanks ==
      fingerprint(
          R"({"questions": [{"type": "fill_blanks", "prompt": "Fill", "text": "A different [[paris]] sentence."}]})"));
  CHECK(blanks !=
        fingerprint(R"({"questions": [{"type": "fill_blanks", "prompt": "Fill", "text": "The [[Lyon]] one."}]})"));
  CHECK(fingerprint(R"({"questions": [{"type": "attestation", "prompt": "I follow policy v1."}]})") !=
        fingerprint(R"({"questions": [{"type": "attestation", "prompt": "I follow policy v2."}]})"));
}

Quiz ParsedQuiz(const char* authored, const char* id) {
  Quiz quiz;
  Diagnostics diagnostics;
  ParseQuiz(json::parse(authored), &quiz, &diagnostics);
  INFO(authored);
  REQUIRE(diagnostics.empty());
  quiz.id = id;
  return quiz;
}

TEST_CASE("the page form of an assessment names its rules in the open, its answers only in the key") {
  Quiz quiz = ParsedQuiz(R"({"mode": "assessment", "pass_mark": 60, "attempts": 2, "show_answers": "after_pass",
    "shuffle": {"questions": true}, "questions": [
      {"id": "s", "prompt": "?", "points": 2, "options": [{"text": "a", "feedback": "no"}, {"text": "b", "correct": true}]},
      {"id": "n", "type": "numeric", "prompt": "?", "answer": 3.5, "tolerance": 0.5}]})",
                         "c/m/l:exam");
  CHECK(QuizToRuntime(quiz, true).dump() ==
        R"({"attempts":2,"id":"c/m/l:exam","kind":"quiz","mode":"assessment","pass_mark":60,"questions":[)"
        R"({"id":"s","key":{"fp":"049aff0346cd","o":[[0,"no"],[1,""]]},"options":2,"points":2.0,"type":"single"},)"
        R"({"id":"n","key":{"ans":3.5,"fp":"caa736a91c94","hi":4.0,"lo":3.0},"points":1.0,"type":"numeric"}],)"
        R"("show_answers":"after_pass","shuffle_questions":true})");
}

TEST_CASE("a check block's page form keeps its defaults and draw rules") {
  Quiz quiz = ParsedQuiz(R"({"draw": {"easy": 1, "hard": 2}, "questions": [
      {"id": "a", "prompt": "?", "tags": ["easy"], "options": [{"text": "x", "correct": true}, {"text": "y"}]},
      {"id": "b", "type": "true_false", "prompt": "?", "tags": ["hard"], "answer": false},
      {"id": "c", "type": "true_false", "prompt": "?", "tags": ["hard"], "answer": true}]})",
                         "c/m/l:pool");
  json page = QuizToRuntime(quiz, true);
  for (json& q : page["questions"]) q.erase("key");
  CHECK(page.dump() ==
        R"({"draw_tags":[["easy",1],["hard",2]],"id":"c/m/l:pool","kind":"quiz","mode":"check","questions":[)"
        R"({"id":"a","options":2,"points":1.0,"tags":["easy"],"type":"single"},)"
        R"({"id":"b","options":2,"points":1.0,"tags":["hard"],"type":"true_false"},)"
        R"({"id":"c","options":2,"points":1.0,"tags":["hard"],"type":"true_false"}],)"
        R"("show_answers":"after_last_attempt"})");
}

TEST_CASE("the rules of a block survive the page form") {
  Quiz quiz = ParsedQuiz(R"({"mode": "assessment", "pass_mark": 75, "attempts": 3, "show_answers": "never",
    "shuffle": {"questions": true, "options": true}, "draw": {"easy": 1}, "questions": [
      {"id": "a", "prompt": "?", "tags": ["easy"], "options": [{"text": "x", "correct": true}, {"text": "y"}]},
      {"id": "b", "prompt": "?", "tags": ["easy"], "options": [{"text": "x"}, {"text": "y", "correct": true}]}]})",
                         "c/m/l:final");
  for (bool plain : {false, true}) {
    Quiz back;
    std::string error;
    REQUIRE(QuizFromRuntime(QuizToRuntime(quiz, plain), &back, &error));
    CHECK(back.id == "c/m/l:final");
    CHECK(back.mode == QuizMode::kAssessment);
    CHECK(back.pass_mark == 75);
    CHECK(back.attempts == 3);
    CHECK(back.show_answers == ShowAnswers::kNever);
    CHECK(back.shuffle_questions);
    CHECK(back.shuffle_options);
    CHECK(back.draw_tags == std::vector<std::pair<std::string, int>>{{"easy", 1}});
    REQUIRE(back.questions.size() == 2);
    CHECK(back.questions[1].tags == std::vector<std::string>{"easy"});
    CHECK(back.questions[0].fingerprint == AnswerFingerprint(quiz.questions[0]));
    // The core draws the same questions from the page form as from the authored block.
    CHECK(PlanQuestions(back, "learner/c/m/l:final/1") == PlanQuestions(quiz, "learner/c/m/l:final/1"));
  }
}

TEST_CASE("a page form without a mode, or with one the core does not know, is answered as a check") {
  Quiz quiz = ParsedQuiz(R"({"mode": "assessment", "questions": [{"id": "a", "prompt": "?", "options": [
      {"text": "x", "correct": true}, {"text": "y"}]}]})",
                         "l:q");
  for (const json& mode : {json(), json("exam"), json(1)}) {
    json page = QuizToRuntime(quiz);
    if (mode.is_null()) {
      page.erase("mode");
    } else {
      page["mode"] = mode;
    }
    Quiz back;
    std::string error;
    INFO("mode " << mode.dump());
    REQUIRE(QuizFromRuntime(page, &back, &error));
    CHECK(back.mode == QuizMode::kCheck);
    CHECK(QuizToRuntime(back)["mode"] == "check");
  }
}

TEST_CASE("a sealed key opens only under its own block and question id") {
  Quiz quiz = ParsedQuiz(R"({"questions": [
      {"id": "a", "prompt": "?", "options": [{"text": "x", "correct": true}, {"text": "y"}]},
      {"id": "b", "prompt": "?", "options": [{"text": "x"}, {"text": "y", "correct": true}]}]})",
                         "c/m/l:quiz");
  json page = QuizToRuntime(quiz);
  Quiz back;
  std::string error;
  // A key copied to another question of the page cannot be read.
  json swapped = page;
  swapped["questions"][0]["key"] = page["questions"][1]["key"];
  CHECK_FALSE(QuizFromRuntime(swapped, &back, &error));
  CHECK(error == "answer key cannot be read");
  // Nor can a whole block copied under another block's id.
  json moved = page;
  moved["id"] = "c/m/l:other";
  back = Quiz();
  CHECK_FALSE(QuizFromRuntime(moved, &back, &error));
  CHECK(error == "answer key cannot be read");
}

TEST_CASE("malformed page forms are refused with a reason") {
  auto refusal = [](const char* text) {
    Quiz quiz;
    std::string error;
    if (QuizFromRuntime(json::parse(text), &quiz, &error)) return std::string("(accepted)");
    return error;
  };
  CHECK(refusal(R"([])") == "not a quiz block");
  CHECK(refusal(R"({"kind": "scenario", "id": "x", "questions": []})") == "not a quiz block");
  CHECK(refusal(R"({"kind": "quiz", "questions": []})") == "quiz block has no id");
  CHECK(refusal(R"({"kind": "quiz", "id": "x"})") == "quiz block has no questions");
  CHECK(refusal(R"({"kind": "quiz", "id": "x", "questions": [], "attempts": "2"})") == "'attempts' is not a number");
  CHECK(refusal(R"({"kind": "quiz", "id": "x", "questions": [], "draw_tags": [["easy"]]})") ==
        "'draw_tags' entries must be [tag, count]");
  CHECK(refusal(R"({"kind": "quiz", "id": "x", "questions": [{"id": "q", "type": "essay", "key": {}}]})") ==
        "unknown question type");
  CHECK(refusal(R"({"kind": "quiz", "id": "x", "questions": [{"id": "q", "type": "single", "key": {"o": 1}}]})") ==
        "malformed answer key: options");
  CHECK(refusal(R"({"kind": "quiz", "id": "x", "questions": [{"id": "q", "type": "single", "options": 5000,
                    "key": {}}]})") == "'options' is not a count");
  CHECK(refusal(R"({"kind": "quiz", "id": "x", "questions": []})") == "(accepted)");
}

TEST_CASE("matching and ordering items are shown in a fixed order that depends on the block and question") {
  Quiz quiz = ParsedQuiz(R"({"questions": [
      {"id": "o", "type": "ordering", "prompt": "?", "items": ["one", "two", "three", "four", "five"]},
      {"id": "m", "type": "matching", "prompt": "?", "pairs": [{"left": "a", "right": "1"}, {"left": "b", "right": "2"}],
       "distractors": ["3"]}]})",
                         "c/m/l:q");
  const std::vector<int> ordering = DisplayOrder(quiz, quiz.questions[0]);
  CHECK(ordering.size() == 5);
  CHECK(ordering == DisplayOrder(quiz, quiz.questions[0]));
  CHECK(ordering == Permutation("display:c/m/l:q/o", 5));
  CHECK(DisplayOrder(quiz, quiz.questions[1]).size() == 3);  // the right-hand items, distractors included
  Quiz other = quiz;
  other.id = "c/m/l:elsewhere";
  bool any_differs = false;
  for (const char* id : {"c/m/l:elsewhere", "c/m/l:a", "c/m/l:b", "c/m/l:c"}) {
    other.id = id;
    any_differs = any_differs || DisplayOrder(other, other.questions[0]) != ordering;
  }
  CHECK(any_differs);
  // The sealed key carries the order, so the core grades what the page showed.
  Quiz back;
  std::string error;
  REQUIRE(QuizFromRuntime(QuizToRuntime(quiz), &back, &error));
  CHECK(back.questions[0].display == ordering);
}

}  // namespace
}  // namespace morsel::core
