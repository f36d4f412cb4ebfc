// The template data of a block (generator/quiz_view.h): what the theme's `quiz` and
// `scenario` templates show, and the feedback the runtime form carries.
#include "generator/quiz_view.h"

#include <algorithm>

#include <catch2/catch.hpp>

namespace morsel::gen {
namespace {

using nlohmann::json;

core::Quiz Parsed(const json& authored) {
  core::Quiz quiz;
  core::Diagnostics found;
  core::ParseQuiz(authored, &quiz, &found);
  REQUIRE_FALSE(core::HasErrors(found));
  quiz.id = "course/mod/lesson:check";
  return quiz;
}

const json kSingle = {
    {"questions",
     json::array({{{"id", "q1"},
                   {"prompt", "Which is *phishing*?"},
                   {"options", json::array({{{"text", "A [link](other.md)"}, {"feedback", "See [why](other.md)"}},
                                            {{"text", "B"}, {"correct", true}}})}}})}};

/// Hooks that write every URL as "<tag>:<url>", so a test sees which hook mapped it.
MarkdownHooks Tagged(const std::string& tag, const std::string& prefix = "") {
  MarkdownHooks hooks;
  hooks.rewrite_url = [tag](const std::string& url, bool, int, int) { return tag + ":" + url; };
  hooks.id_prefix = prefix;
  return hooks;
}

TEST_CASE("a question's view: ids from the block id, Markdown rendered, links of the markup mapped") {
  core::Quiz quiz = Parsed(kSingle);
  const json view = QuizView(&quiz, json::object(), {Tagged("page"), Tagged("feedback")});
  CHECK(view["dom_id"] == "morsel-course-mod-lesson-check");
  const json& q = view["questions"][0];
  CHECK(q["dom_id"] == "morsel-course-mod-lesson-check-q1");
  CHECK(q["name"] == "morsel-course-mod-lesson-check-q1");
  CHECK(q["prompt_html"] == "Which is <em>phishing</em>?");
  CHECK(q["is_radio"] == true);
  CHECK(q["options"][0]["input_id"] == "morsel-course-mod-lesson-check-q1-0");
  CHECK(q["options"][0]["text_html"] == "A <a href=\"page:other.md\">link</a>");
  // Feedback travels in the runtime form, rendered in place with the feedback's hooks.
  CHECK(quiz.questions[0].options[0].feedback == "See <a href=\"feedback:other.md\">why</a>");
}

TEST_CASE("the single file's prefix goes before every element id, not before the inputs' group name") {
  core::Quiz quiz = Parsed(kSingle);
  const json view = QuizView(&quiz, json::object(), {Tagged("page", "lesson:"), Tagged("feedback", "lesson:")});
  CHECK(view["dom_id"] == "lesson:morsel-course-mod-lesson-check");
  const json& q = view["questions"][0];
  CHECK(q["dom_id"] == "lesson:morsel-course-mod-lesson-check-q1");
  CHECK(q["options"][1]["input_id"] == "lesson:morsel-course-mod-lesson-check-q1-1");
  CHECK(q["name"] == "morsel-course-mod-lesson-check-q1");
}

TEST_CASE("true/false options and the default agreement scale come from the theme's strings") {
  core::Quiz quiz =
      Parsed({{"questions", json::array({{{"id", "tf"}, {"type", "true_false"}, {"prompt", "Sure?"}, {"answer", true}},
                                         {{"id", "agree"}, {"type", "likert"}, {"prompt", "Agree?"}}})}});
  const json strings = {{"true", "Vrai"}, {"false", "Faux"}, {"likert_scale", {"Non", "Oui"}}};
  const json view = QuizView(&quiz, strings, {});
  CHECK(view["questions"][0]["options"][0]["text_html"] == "Vrai");
  CHECK(view["questions"][0]["options"][1]["text_html"] == "Faux");
  REQUIRE(view["questions"][1]["options"].size() == 2);
  CHECK(view["questions"][1]["options"][1]["text_html"] == "Oui");
}

TEST_CASE("BlockTexts lists every text whose links the page must resolve") {
  CompiledBlock block{Parsed(kSingle), 3};
  const std::vector<std::string> texts = BlockTexts(block);
  for (const char* text : {"Which is *phishing*?", "A [link](other.md)", "See [why](other.md)", "B"}) {
    INFO(text);
    CHECK(std::find(texts.begin(), texts.end(), text) != texts.end());
  }
}

TEST_CASE("a case study's nodes get ids under the block's, choices' feedback goes to the runtime form") {
  core::Scenario scenario;
  core::Diagnostics found;
  core::ParseScenario(
      {{"id", "case"},
       {"title", "The invoice"},
       {"nodes",
        json::array({{{"id", "start"},
                      {"text", "An **odd** invoice."},
                      {"choices", json::array({{{"text", "Pay"}, {"goto", "end"}, {"feedback", "[No](x.md)"}}})}},
                     {{"id", "end"}, {"text", "Done."}, {"ending", true}, {"outcome", "good"}}})}},
      &scenario, &found);
  REQUIRE_FALSE(core::HasErrors(found));
  scenario.id = "lesson:case";
  const json view =
      ScenarioView(&scenario, {{"scenario_outcomes", {{"good", "Well done"}}}}, {Tagged("page"), Tagged("feedback")});
  CHECK(view["dom_id"] == "morsel-lesson-case");
  CHECK(view["title"] == "The invoice");
  CHECK(view["nodes"][0]["dom_id"] == "morsel-lesson-case-start");
  CHECK(view["nodes"][0]["text_html"] == "<p>An <strong>odd</strong> invoice.</p>\n");
  CHECK(view["nodes"][1]["outcome_label"] == "Well done");
  CHECK(scenario.nodes[0].choices[0].feedback == "<a href=\"feedback:x.md\">No</a>");
}

}  // namespace
}  // namespace morsel::gen
