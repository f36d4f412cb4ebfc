#include "runtime/core/points.h"

#include <catch2/catch.hpp>

namespace morsel::core {
namespace {

using nlohmann::json;

/// Four questions worth 1, 2, 3 points and one ungraded reflection, plus `rules`.
Quiz Parsed(json rules) {
  json authored = {
      {"questions",
       json::array({{{"id", "a"}, {"type", "true_false"}, {"prompt", "A?"}, {"answer", true}, {"points", 1}},
                    {{"id", "b"}, {"type", "true_false"}, {"prompt", "B?"}, {"answer", true}, {"points", 2}},
                    {{"id", "c"}, {"type", "true_false"}, {"prompt", "C?"}, {"answer", false}, {"points", 3}},
                    {{"id", "d"}, {"type", "reflection"}, {"prompt", "Why?"}}})}};
  authored.update(rules);
  Quiz quiz;
  Diagnostics found;
  ParseQuiz(authored, &quiz, &found);
  INFO((found.empty() ? std::string() : found[0].pointer + " " + found[0].message));
  REQUIRE(!HasErrors(found));
  quiz.id = "lesson:quiz";
  return quiz;
}

TEST_CASE("a check quiz counts question by question; ungraded questions are worth 0") {
  QuizPoints points = WeighQuiz(Parsed(json::object()));
  CHECK_FALSE(points.counts_whole);
  CHECK(points.whole == 0);
  CHECK(points.questions ==
        std::map<std::string, double>{
            {"lesson:quiz/a", 1}, {"lesson:quiz/b", 2}, {"lesson:quiz/c", 3}, {"lesson:quiz/d", 0}});
}

TEST_CASE("an assessment counts as a whole, worth all its points") {
  QuizPoints points = WeighQuiz(Parsed({{"mode", "assessment"}}));
  CHECK(points.counts_whole);
  CHECK(points.whole == 6);
  CHECK(points.questions.at("lesson:quiz/c") == 3);
}

TEST_CASE("a pool weighs its drawn share of the points") {
  // 2 of 4 questions drawn: half of the 6 points.
  QuizPoints points = WeighQuiz(Parsed({{"draw", 2}}));
  CHECK(points.counts_whole);
  CHECK(points.whole == 3);
}

TEST_CASE("a pooled assessment that draws every question is worth all its points") {
  QuizPoints points = WeighQuiz(Parsed({{"draw", 4}, {"mode", "assessment"}}));
  CHECK(points.counts_whole);
  CHECK(points.whole == 6);
}

}  // namespace
}  // namespace morsel::core
