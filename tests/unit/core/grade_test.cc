#include "runtime/core/grade.h"

#include <catch2/catch.hpp>

namespace morsel::core {
namespace {

using nlohmann::json;

Question Parse(const std::string& yaml_as_json) {
  Quiz quiz;
  Diagnostics diagnostics;
  ParseQuiz(json::parse(R"({"questions": [)" + yaml_as_json + "]}"), &quiz, &diagnostics);
  std::string messages;
  for (const Diagnostic& d : diagnostics) messages += d.pointer + " " + d.code + ": " + d.message + "\n";
  INFO(messages);
  REQUIRE(diagnostics.empty());
  REQUIRE(quiz.questions.size() == 1);
  return quiz.questions[0];
}

Grade Answer(const Question& q, const json& response, bool hint = false) {
  Grade g;
  std::string error;
  INFO(response.dump());
  REQUIRE(GradeQuestion(q, response, hint, &g, &error));
  return g;
}

std::string Refused(const Question& q, const json& response) {
  Grade g;
  std::string error;
  CHECK_FALSE(GradeQuestion(q, response, false, &g, &error));
  return error;
}

TEST_CASE("multiple response: all or nothing, and partial credit with penalties that never go below zero") {
  const std::string options = R"("prompt": "Pick", "options": [
      {"text": "a", "correct": true, "feedback": "A!"}, {"text": "b", "correct": true},
      {"text": "c"}, {"text": "d"}])";
  Question all = Parse(R"({"type": "multiple", )" + options + "}");
  CHECK(Answer(all, {{"choices", {0, 1}}}).correct);
  CHECK(Answer(all, {{"choices", {1, 0}}}).score == 1);
  CHECK(Answer(all, {{"choices", {0}}}).score == 0);
  CHECK(Answer(all, {{"choices", {0, 1, 2}}}).score == 0);
  CHECK(Answer(all, {{"choices", json::array()}}).score == 0);
  CHECK(Answer(all, {{"choices", {0}}}).feedback == "A!");

  Question partial =
      Parse(R"({"type": "multiple", "scoring": "partial", "penalty": 50, "points": 4, )" + options + "}");
  CHECK(Answer(partial, {{"choices", {0}}}).score == 2);
  CHECK(Answer(partial, {{"choices", {0, 1, 2}}}).score == 2);  // 1 - 0.5
  CHECK(Answer(partial, {{"choices", {0, 2, 3}}}).score == 0);  // 0.5 - 1 → floor at 0
  CHECK(Answer(partial, {{"choices", {0, 1}}}).score == 4);
  CHECK(Refused(partial, {{"choices", {0, 0}}}) == "an option is chosen twice");
  CHECK(Refused(partial, {{"choices", {4}}}) == "'choices' holds a value outside 0..3");
  CHECK(Refused(partial, {{"choice", 1}}) == "the response needs 'choices': a list of numbers");
}

TEST_CASE("true/false with feedback for each answer") {
  Question q = Parse(R"({"type": "true_false", "prompt": "MFA stops all attacks.", "answer": false,
                         "feedback_true": "No: push fatigue.", "feedback_false": "Right."})");
  Grade wrong = Answer(q, {{"choice", 0}});
  CHECK_FALSE(wrong.correct);
  CHECK(wrong.feedback == "No: push fatigue.");
  CHECK(Answer(q, {{"choice", 1}}).correct);
}

TEST_CASE("fill in the blanks: alternatives and normalisation done by the core") {
  Question q = Parse(R"({"type": "fill_blanks", "prompt": "Complete",
                         "text": "Report within [[24 hours|one day]] to the [[Security Desk]]."})");
  REQUIRE(q.gapped.gaps.size() == 2);
  CHECK(Answer(q, {{"blanks", {"24 hours", "security desk"}}}).correct);
  CHECK(Answer(q, {{"blanks", {"  One   Day ", "SECURITY DESK!"}}}).correct);
  Grade half = Answer(q, {{"blanks", {"a week", "Security Desk"}}});
  CHECK_FALSE(half.correct);
  CHECK(half.score == 0.5);
  CHECK(half.parts == std::vector<bool>{false, true});
  CHECK(Answer(q, {{"blanks", {"", ""}}}).score == 0);
  CHECK(Refused(q, {{"blanks", {"x"}}}) == "the response needs 'blanks': one text per gap (2)");

  Question strict = Parse(R"({"type": "fill_blanks", "prompt": "Name", "case_sensitive": true,
                              "keep_diacritics": true, "text": "[[Zoë]]"})");
  CHECK(Answer(strict, {{"blanks", {"Zoë"}}}).correct);
  CHECK_FALSE(Answer(strict, {{"blanks", {"zoë"}}}).correct);
  CHECK_FALSE(Answer(strict, {{"blanks", {"Zoe"}}}).correct);
  Question loose = Parse(R"({"type": "fill_blanks", "prompt": "Name", "text": "[[Zoë]]"})");
  CHECK(Answer(loose, {{"blanks", {"ZOE"}}}).correct);
}

TEST_CASE("numeric: exact, tolerance, percent, range and the decimal comma") {
  Question exact = Parse(R"({"type": "numeric", "prompt": "How many?", "answer": 72})");
  CHECK(Answer(exact, {{"text", "72"}}).correct);
  CHECK_FALSE(Answer(exact, {{"text", "72.1"}}).correct);
  CHECK(Answer(exact, {{"value", 72}}).correct);
  CHECK(Refused(exact, {{"text", "seventy"}}) == "'seventy' is not a number");

  Question tolerance = Parse(R"({"type": "numeric", "prompt": "Pi?", "answer": 3.14, "tolerance": 0.01})");
  CHECK(Answer(tolerance, {{"text", "3,15"}}).correct);  // boundary, decimal comma
  CHECK(Answer(tolerance, {{"text", "3.13"}}).correct);  // boundary
  CHECK_FALSE(Answer(tolerance, {{"text", "3.16"}}).correct);

  Question percent = Parse(R"({"type": "numeric", "prompt": "?", "answer": 200, "tolerance_percent": 5})");
  CHECK(Answer(percent, {{"text", "210"}}).correct);
  CHECK_FALSE(Answer(percent, {{"text", "210.5"}}).correct);

  Question range = Parse(R"({"type": "numeric", "prompt": "?", "range": [10, 20]})");
  CHECK(Answer(range, {{"text", "10"}}).correct);
  CHECK(Answer(range, {{"text", "20"}}).correct);
  CHECK_FALSE(Answer(range, {{"text", "9.99"}}).correct);

  Question sum = Parse(R"({"type": "numeric", "prompt": "?", "answer": 0.3})");
  CHECK(Answer(sum, {{"value", 0.1 + 0.2}}).correct);
}

TEST_CASE("matching with distractors, ordering, dropdown") {
  Question m = Parse(R"({"type": "matching", "prompt": "Match", "pairs": [
      {"left": "Phishing", "right": "Email"}, {"left": "Vishing", "right": "Phone"}],
      "distractors": ["Fax"]})");
  CHECK(m.right.size() == 3);
  CHECK(Answer(m, {{"matches", {0, 1}}}).correct);
  Grade half = Answer(m, {{"matches", {0, 2}}});
  CHECK(half.score == 0.5);
  CHECK(Answer(m, {{"matches", {-1, -1}}}).score == 0);
  CHECK(Refused(m, {{"matches", {1, 1}}}) == "right item 1 is matched twice");

  Question o = Parse(R"({"type": "ordering", "prompt": "Order", "items": ["Contain", "Report", "Review"]})");
  CHECK(Answer(o, {{"order", {0, 1, 2}}}).correct);
  CHECK(Answer(o, {{"order", {0, 2, 1}}}).score == 0);
  CHECK(Refused(o, {{"order", {0, 0, 1}}}) == "'order' must list every item exactly once");

  Question d = Parse(R"({"type": "dropdown", "prompt": "Choose",
                         "text": "Report [[*within an hour|next week]] to [[IT|*Security]]."})");
  CHECK(d.gapped.gaps[0].correct == 0);
  CHECK(d.gapped.gaps[1].correct == 1);
  CHECK(d.gapped.gaps[1].answers == std::vector<std::string>{"IT", "Security"});
  CHECK(Answer(d, {{"choices", {0, 1}}}).correct);
  CHECK(Answer(d, {{"choices", {1, 1}}}).score == 0.5);
  CHECK(Refused(d, {{"choices", {0, 2}}}) == "gap 2 has no choice 2");
}

TEST_CASE("attestation, reflection, poll and likert") {
  Question a = Parse(R"({"type": "attestation", "prompt": "I have read the policy."})");
  CHECK(Answer(a, {{"agreed", true}}).correct);
  CHECK_FALSE(Answer(a, {{"agreed", false}}).correct);

  Question r = Parse(R"({"type": "reflection", "prompt": "What will you change?"})");
  Grade reflection = Answer(r, {{"text", "Lock my screen."}});
  CHECK_FALSE(reflection.graded);
  CHECK(reflection.max_score == 0);
  CHECK(Refused(r, {{"text", std::string(kMaxReflectionBytes + 1, 'x')}}) ==
        "the reflection is longer than 20000 bytes");

  Question p = Parse(R"({"type": "poll", "prompt": "Which?", "options": [{"text": "a"}, {"text": "b"}]})");
  CHECK_FALSE(Answer(p, {{"choice", 1}}).graded);
  Question l = Parse(R"({"type": "likert", "prompt": "Confident?", "scale": ["Not", "Somewhat", "Very"]})");
  CHECK(l.options.size() == 3);
  CHECK_FALSE(Answer(l, {{"choice", 2}}).graded);
}

TEST_CASE("points and the hint penalty") {
  Question q = Parse(R"({"prompt": "?", "points": 10, "hint": "Think.", "hint_penalty": 30,
                         "options": [{"text": "a", "correct": true}, {"text": "b"}]})");
  CHECK(Answer(q, {{"choice", 0}}).score == 10);
  CHECK(Answer(q, {{"choice", 0}}, true).score == Approx(7));
  CHECK(Answer(q, {{"choice", 0}}, true).max_score == 10);
  CHECK(Refused(q, json::array()) == "the response must be a JSON object");
}

TEST_CASE("question-type validation") {
  auto codes = [](const std::string& question) {
    Quiz quiz;
    Diagnostics d;
    ParseQuiz(json::parse(R"({"questions": [)" + question + "]}"), &quiz, &d);
    std::string out;
    for (const Diagnostic& x : d) out += x.pointer + " " + x.code + ": " + x.message + "\n";
    return out;
  };
  CHECK(codes(R"({"type": "fill_blanks", "prompt": "?", "text": "no gaps"})") ==
        "/questions/0/text gap-syntax: the text has no [[gap]]\n");
  CHECK(codes(R"({"type": "fill_blanks", "prompt": "?", "text": "open [[gap"})") ==
        "/questions/0/text gap-syntax: gap 1 opens with '[[' but never closes with ']]'\n");
  CHECK(codes(R"({"type": "dropdown", "prompt": "?", "text": "[[a|b]]"})") ==
        "/questions/0/text gap-syntax: dropdown gap 1 needs at least 2 choices with exactly one marked '*', found 2 "
        "with 0 marked\n");
  CHECK(codes(R"({"type": "numeric", "prompt": "?", "range": [5, 1]})") ==
        "/questions/0/range invalid-value: 'range' must be a list of two numbers [min, max] with min <= max\n");
  CHECK(
      codes(
          R"({"type": "matching", "prompt": "?", "pairs": [{"left": "a", "right": "x"}, {"left": "b", "right": "x"}]})") ==
      "/questions/0/pairs/1/right duplicate-item: 'x' is listed twice on the right\n");
  CHECK(codes(R"({"type": "poll", "prompt": "?", "options": [{"text": "a", "correct": true}, {"text": "b"}]})") ==
        "/questions/0/options/0/correct poll-has-answer: a poll has no correct option\n");
  CHECK(
      codes(
          R"({"type": "single", "prompt": "?", "scoring": "partial", "options": [{"text": "a", "correct": true}, {"text": "b"}]})") ==
      "/questions/0/scoring invalid-value: 'scoring' applies only to multiple questions\n");
  CHECK(codes(R"({"type": "ordering", "prompt": "?", "itemz": ["a", "b"]})") ==
        "/questions/0/itemz unknown-key: unknown key 'itemz' in an ordering question\n"
        "/questions/0 missing-key: a question is missing the required key 'items'\n");
}

}  // namespace
}  // namespace morsel::core
