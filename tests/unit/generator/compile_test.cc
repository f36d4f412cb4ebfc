// The compile stage (generator/compile.h) as a whole site sees it: heading ids per page
// and the diagnostics of links and images in blocks' texts.
#include "generator/compile.h"

#include <catch2/catch.hpp>

#include <set>

#include "generator/build.h"
#include "runtime/core/quiz.h"
#include "runtime/core/quiz_runtime.h"
#include "tests/unit/generator/site_fixture.h"

namespace morsel::gen {
namespace {

using nlohmann::json;

/// A case study whose situation, and a quiz whose option feedback, repeat the lesson's
/// "## Next steps"; the case study comes first in the page.
const char* kRepeatedHeadings =
    "```scenario\n"
    "id: case\n"
    "nodes:\n"
    "  - id: start\n"
    "    text: |\n"
    "      ## Next steps\n"
    "\n"
    "      What now?\n"
    "    choices:\n"
    "      - { text: \"Stop\", goto: end }\n"
    "  - id: end\n"
    "    text: Done.\n"
    "    ending: true\n"
    "    outcome: good\n"
    "```\n"
    "\n"
    "## Next steps\n"
    "\n"
    "Back to [the next steps](#next-steps).\n"
    "\n"
    "```quiz\n"
    "id: check\n"
    "questions:\n"
    "  - id: q\n"
    "    prompt: Ready?\n"
    "    options:\n"
    "      - text: \"Yes\"\n"
    "        correct: true\n"
    "        feedback: \"## Next steps\"\n"
    "      - text: \"No\"\n"
    "```\n";

/// Every value of ` id="…"` in `html`, in order.
std::vector<std::string> Ids(const std::string& html) {
  std::vector<std::string> ids;
  const std::string open = " id=\"";
  for (size_t at = html.find(open); at != std::string::npos; at = html.find(open, at + 1)) {
    const size_t start = at + open.size();
    ids.push_back(html.substr(start, html.find('"', start) - start));
  }
  return ids;
}

/// The first quiz's block data in `html`, unsealed.
core::Quiz FirstQuiz(const std::string& html) {
  size_t at = html.find("\"kind\":\"quiz\"");
  REQUIRE(at != std::string::npos);
  at = html.rfind('>', at) + 1;
  core::Quiz quiz;
  std::string error;
  REQUIRE(core::QuizFromRuntime(json::parse(html.substr(at, html.find("</script>", at) - at)), &quiz, &error));
  return quiz;
}

TEST_CASE("headings of a lesson and of its blocks' texts get ids unique in the page") {
  MemoryFileSystem fs = OneLessonSite(kRepeatedHeadings);
  DiagnosticSink sink;
  BuildStats stats;
  REQUIRE(BuildSite(&fs, BuildOptions(), &stats, &sink));
  INFO(sink.Format());
  std::string page, error;
  REQUIRE(fs.ReadFile("site/course/mod/lesson.html", &page, &error));
  std::set<std::string> ids;
  for (const std::string& id : Ids(page)) {
    INFO("id " << id);
    CHECK(ids.insert(id).second);
  }
  // The body's heading keeps its id although a case study before it says the same: links
  // and resume positions name it. The blocks' texts take the next ids, in page order.
  CHECK(page.find("<h2 id=\"next-steps\">Next steps</h2>\n<p>Back to <a href=\"#next-steps\">") != std::string::npos);
  CHECK(page.find("<h2 id=\"next-steps-1\">Next steps</h2>\n<p>What now?</p>") != std::string::npos);
  // Feedback travels in the block data; the glue inserts it into the same page.
  const core::Quiz quiz = FirstQuiz(page);
  REQUIRE(quiz.questions.size() == 1);
  CHECK(quiz.questions[0].options[0].feedback == "<h2 id=\"next-steps-2\">Next steps</h2>\n");
}

TEST_CASE("a missing image in a block's feedback is reported at its place in the YAML") {
  MemoryFileSystem fs = OneLessonSite(
      "```quiz\n"
      "questions:\n"
      "  - prompt: Which chart?\n"
      "    options:\n"
      "      - text: \"This one\"\n"
      "        correct: true\n"
      "        feedback: \"Yes: ![the chart](chart.png)\"\n"
      "      - text: \"That one\"\n"
      "```\n");
  DiagnosticSink sink;
  BuildStats stats;
  CHECK_FALSE(BuildSite(&fs, BuildOptions(), &stats, &sink));
  CHECK(sink.Format() ==
        "content/course/01-mod/01-lesson.md:10:25: error: image 'chart.png' does not exist [missing-image]\n"
        "            feedback: \"Yes: ![the chart](chart.png)\"\n"
        "                            ^\n"
        "  hint: paths are relative to this file, and files must be inside the content folder\n"
        "morsel: 1 error, 0 warnings\n");
}

}  // namespace
}  // namespace morsel::gen
