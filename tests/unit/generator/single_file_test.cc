// The single-file edition of a course (generator/single_file.h): one document with every
// lesson, links as #fragments, images inlined up to the limit, the runtime inline and a
// Content-Security-Policy that allows exactly the inline scripts and style by hash.
#include "generator/single_file.h"
#include "generator/html_escape.h"

#include <catch2/catch.hpp>

#include <set>

#include "generator/build.h"
#include "runtime/core/quiz.h"
#include "runtime/core/quiz_runtime.h"

namespace morsel::gen {
namespace {

using nlohmann::json;

MemoryFileSystem Course(size_t big_image_bytes) {
  MemoryFileSystem fs;
  std::string error;
  fs.WriteFile("content/site.yml", "title: Mini\nid: mini\n", &error);
  fs.WriteFile("content/course/_index.md", "---\ntitle: Course\n---\nSee ![logo](small.png).\n", &error);
  fs.WriteFile("content/course/small.png", "PNGDATA", &error);
  fs.WriteFile("content/course/big.png", std::string(big_image_bytes, 'x'), &error);
  fs.WriteFile("content/course/notes.txt", "notes", &error);
  fs.WriteFile("content/course/01-mod/_index.md", "---\ntitle: Module\n---\n", &error);
  fs.WriteFile("content/course/01-mod/01-first.md",
               "---\ntitle: First\n---\nOn to [second](02-second.md#re-cap), [notes](../notes.txt).\n\n"
               "![Big](../big.png)\n",
               &error);
  fs.WriteFile("content/course/01-mod/02-second.md",
               "---\ntitle: Second\n---\n## Re cap\n\nBack to [first](01-first.md).\n", &error);
  return fs;
}

std::string Built(MemoryFileSystem* fs, DiagnosticSink* sink) {
  BuildStats stats;
  BuildOptions options;
  REQUIRE(BuildSite(fs, options, &stats, sink));
  std::string html, error;
  REQUIRE(fs->ReadFile("site/course/course-offline.html", &html, &error));
  return html;
}

TEST_CASE("the single file holds every lesson, links by fragment and inlines small images") {
  MemoryFileSystem fs = Course(10);
  DiagnosticSink sink;
  std::string html = Built(&fs, &sink);
  INFO(sink.Format());
  CHECK(sink.WarningCount() == 0);
  CHECK(html.find("<section data-morsel-page=\"course\" id=\"course-course\"") != std::string::npos);
  CHECK(html.find("<section data-morsel-page=\"lesson\" id=\"course/mod/first\"") != std::string::npos);
  CHECK(html.find("<section data-morsel-page=\"lesson\" id=\"course/mod/second\"") != std::string::npos);
  // Links between lessons become fragments; other files stay paths from the file.
  CHECK(html.find("href=\"#course/mod/second:re-cap\"") != std::string::npos);
  CHECK(html.find("href=\"#course/mod/first\"") != std::string::npos);
  CHECK(html.find("href=\"notes.txt\"") != std::string::npos);
  CHECK(html.find("src=\"data:image/png;base64,UE5HREFUQQ==\"") != std::string::npos);
  CHECK(html.find("src=\"data:image/png;base64,eHh4eHh4eHh4eA==\"") != std::string::npos);
  // Nothing is loaded: no external script or stylesheet.
  CHECK(html.find("<script src=") == std::string::npos);
  CHECK(html.find("<link rel=\"stylesheet\"") == std::string::npos);
  // Each lesson carries its own lesson data.
  CHECK(html.find("class=\"morsel-lesson-data\" data-morsel-lesson-data>{\"completion\"") != std::string::npos);
  // The course page offers it.
  std::string course, error;
  REQUIRE(fs.ReadFile("site/course/index.html", &course, &error));
  CHECK(course.find("<a href=\"course-offline.html\" download>") != std::string::npos);
}

TEST_CASE("the single file's policy allows exactly its inline scripts and style") {
  MemoryFileSystem fs = Course(10);
  DiagnosticSink sink;
  std::string html = Built(&fs, &sink);
  size_t at = html.find("Content-Security-Policy\" content=\"");
  REQUIRE(at != std::string::npos);
  std::string policy = html.substr(at, html.find('>', at) - at);
  int scripts = 0;
  for (size_t open = html.find("<script>"); open != std::string::npos; open = html.find("<script>", open + 1)) {
    size_t start = open + 8;
    std::string text = html.substr(start, html.find("</script>", start) - start);
    std::string hash = CspHash(text);
    CHECK(policy.find(hash.substr(1, hash.size() - 2)) != std::string::npos);
    ++scripts;
  }
  // theme.js (in <head>), offline.js, the main and progress modules (packed wasm, loader), xapi.js, lms.js,
  // path.js, morsel.js
  CHECK(scripts == 10);
  size_t style = html.find("<style>") + 7;
  std::string css = CspHash(html.substr(style, html.find("</style>", style) - style));
  CHECK(policy.find(css.substr(1, css.size() - 2)) != std::string::npos);
  CHECK(policy.find("&#39;wasm-unsafe-eval&#39;") != std::string::npos);
}

TEST_CASE("an image above the limit is linked, with a warning at its place in the source") {
  MemoryFileSystem fs = Course(SingleFileOptions().inline_image_limit + 1);
  DiagnosticSink sink;
  std::string html = Built(&fs, &sink);
  CHECK(sink.WarningCount() == 1);
  CHECK(sink.Format().find("content/course/01-mod/01-first.md:6:1: warning: image 'big.png' (201 KB) "
                           "is too large to inline in the single-file edition (limit 200 KB) "
                           "[large-inline-image]") != std::string::npos);
  CHECK(html.find("src=\"big.png\"") != std::string::npos);
}

/// Two lessons with the same headings, a quiz and a case study whose texts link to pages
/// and headings, and a course overview with a heading of the same name.
MemoryFileSystem TwinLessons() {
  MemoryFileSystem fs;
  std::string error;
  fs.WriteFile("content/site.yml", "title: Twins\nid: twins\n", &error);
  fs.WriteFile("content/course/_index.md",
               "---\ntitle: Course\n---\n## Summary\n\nStart with [its summary](01-mod/01-first.md#summary).\n",
               &error);
  fs.WriteFile("content/course/01-mod/_index.md", "---\ntitle: Module\n---\n", &error);
  fs.WriteFile("content/course/01-mod/01-first.md",
               "---\ntitle: First\n---\n## Summary\n\n"
               "See [this summary](#summary), [the other one](02-second.md#summary), [the top](#main), "
               "[the course's](../_index.md#summary) and [the module](_index.md).\n\n"
               "```quiz\n"
               "id: check\n"
               "questions:\n"
               "  - id: q1\n"
               "    prompt: \"Which lesson? See [the second](02-second.md)\"\n"
               "    hint: \"Read [its summary](02-second.md#summary)\"\n"
               "    options:\n"
               "      - { text: \"First\", feedback: \"No: read [its summary](02-second.md#summary)\" }\n"
               "      - { text: \"Second\", correct: true }\n"
               "```\n",
               &error);
  fs.WriteFile("content/course/01-mod/02-second.md",
               "---\ntitle: Second\n---\n## Summary\n\nBack to [the first summary](01-first.md#summary).\n\n"
               "```scenario\n"
               "id: case\n"
               "title: A case\n"
               "nodes:\n"
               "  - id: start\n"
               "    text: \"Go back to [the first lesson](01-first.md#summary).\"\n"
               "    choices:\n"
               "      - { text: \"Done\", goto: done, feedback: \"See [this summary](#summary)\" }\n"
               "  - id: done\n"
               "    text: Done.\n"
               "    ending: true\n"
               "    outcome: good\n"
               "```\n",
               &error);
  return fs;
}

/// The values of attribute `name` (written ` name="…"`) in `html`, in order.
std::vector<std::string> Attributes(const std::string& html, const std::string& name) {
  std::vector<std::string> values;
  const std::string open = " " + name + "=\"";
  for (size_t at = html.find(open); at != std::string::npos; at = html.find(open, at + 1)) {
    const size_t start = at + open.size();
    values.push_back(html.substr(start, html.find('"', start) - start));
  }
  return values;
}

/// The text of the first element `<tag …class="cls"…>…</tag>` after `from` in `html`.
std::string Element(const std::string& html, const std::string& cls, size_t from = 0) {
  size_t at = html.find("class=\"" + cls + "\"", from);
  if (at == std::string::npos) return "";
  at = html.find('>', at) + 1;
  const size_t end = html.find("</", at);
  return html.substr(at, end - at);
}

/// The sealed answer key's feedback of option `option` of the first quiz in `html`.
std::string SealedFeedback(const std::string& html, size_t option) {
  core::Quiz quiz;
  std::string error;
  REQUIRE(core::QuizFromRuntime(json::parse(Element(html, "morsel-block-data")), &quiz, &error));
  REQUIRE(quiz.questions.size() == 1);
  REQUIRE(quiz.questions[0].options.size() > option);
  return quiz.questions[0].options[option].feedback;
}

std::string Section(const std::string& html, const std::string& id) {
  const size_t start = html.find("id=\"" + id + "\"");
  REQUIRE(start != std::string::npos);
  return html.substr(start, html.find("</section>\n<section data-morsel-page", start) - start);
}

TEST_CASE("every id of the single file is unique and every reference names one") {
  MemoryFileSystem fs = TwinLessons();
  DiagnosticSink sink;
  std::string html = Built(&fs, &sink);
  std::set<std::string> ids;
  for (const std::string& id : Attributes(html, "id")) {
    INFO("id " << id);
    CHECK(ids.insert(id).second);
  }
  CHECK(ids.count("course/mod/first:summary") == 1);
  CHECK(ids.count("course/mod/second:summary") == 1);
  CHECK(ids.count("course-course:summary") == 1);
  for (const char* name : {"for", "aria-labelledby", "aria-describedby"}) {
    for (const std::string& value : Attributes(html, name)) {
      INFO(name << "=\"" << value << "\"");
      CHECK(ids.count(value) == 1);
    }
  }
  CHECK(Attributes(html, "for").size() == 2);
  CHECK(Attributes(html, "aria-labelledby").size() == 2);  // the module and the case study
  for (const std::string& href : Attributes(html, "href")) {
    if (href.empty() || href[0] != '#') continue;
    INFO("href " << href);
    CHECK(ids.count(href.substr(1)) == 1);
  }
}

TEST_CASE("links in the single file name the lesson they meant, from the body and from block texts") {
  MemoryFileSystem fs = TwinLessons();
  DiagnosticSink sink;
  std::string html = Built(&fs, &sink);
  INFO(sink.Format());
  CHECK(sink.WarningCount() == 0);
  const std::string first = Section(html, "course/mod/first");
  const std::string second = Section(html, "course/mod/second");
  CHECK(first.find("<a href=\"#course/mod/first:summary\">this summary</a>") != std::string::npos);
  CHECK(first.find("<a href=\"#course/mod/second:summary\">the other one</a>") != std::string::npos);
  CHECK(first.find("<a href=\"#course/mod/first\">the top</a>") != std::string::npos);
  CHECK(first.find("<a href=\"#course-course:summary\">the course’s</a>") != std::string::npos);
  CHECK(first.find("<a href=\"#module-mod\">the module</a>") != std::string::npos);
  CHECK(second.find("<a href=\"#course/mod/first:summary\">the first summary</a>") != std::string::npos);
  // A quiz's prompt and hint, and a case study's text, are in the markup: mapped there.
  CHECK(first.find("Which lesson? See <a href=\"#course/mod/second\">the second</a>") != std::string::npos);
  CHECK(first.find("<p>Read <a href=\"#course/mod/second:summary\">its summary</a></p>") != std::string::npos);
  CHECK(second.find("Go back to <a href=\"#course/mod/first:summary\">the first lesson</a>") != std::string::npos);
  // Feedback travels sealed in the block data, as on the lesson's page, with the page's
  // links (runtime/web/offline.js maps them when it is shown): the same bytes in both.
  std::string page, error;
  REQUIRE(fs.ReadFile("site/course/mod/first.html", &page, &error));
  CHECK(Element(first, "morsel-block-data") == Element(page, "morsel-block-data"));
  CHECK(SealedFeedback(first, 0) == "No: read <a href=\"second.html#summary\">its summary</a>");
  CHECK(html.find("data-morsel-url=\"mod/first.html\"") != std::string::npos);
  CHECK(html.find("data-morsel-url=\"index.html\"") != std::string::npos);
}

TEST_CASE("links in quiz and case-study texts are mapped and checked like the page's") {
  MemoryFileSystem fs = TwinLessons();
  DiagnosticSink sink;
  Built(&fs, &sink);
  std::string first, second, error;
  REQUIRE(fs.ReadFile("site/course/mod/first.html", &first, &error));
  REQUIRE(fs.ReadFile("site/course/mod/second.html", &second, &error));
  CHECK(first.find("Which lesson? See <a href=\"second.html\">the second</a>") != std::string::npos);
  CHECK(first.find("<p>Read <a href=\"second.html#summary\">its summary</a></p>") != std::string::npos);
  CHECK(second.find("Go back to <a href=\"first.html#summary\">the first lesson</a>") != std::string::npos);

  std::string text;
  REQUIRE(fs.ReadFile("content/course/01-mod/01-first.md", &text, &error));
  const std::string broken = "[its summary](02-second.md#summary)\" }";
  text.replace(text.find(broken), broken.size(), "[its summary](02-second.md#nowhere)\" }");
  fs.WriteFile("content/course/01-mod/01-first.md", text, &error);
  DiagnosticSink errors;
  BuildStats stats;
  CHECK_FALSE(BuildSite(&fs, BuildOptions(), &stats, &errors));
  INFO(errors.Format());
  CHECK(errors.Format().find("content/course/01-mod/01-first.md:15:46: error: link "
                             "'02-second.md#nowhere' names an anchor that does not exist "
                             "[broken-anchor]") != std::string::npos);
}

/// A course of two lessons that say the same: a heading "Next steps" in the body, in a
/// quiz's option feedback and in a case study's situation, and the image chart.png (of
/// `chart` bytes) in a quiz's option feedback and explanation and in a case study's choice
/// feedback, nowhere else.
MemoryFileSystem FeedbackCourse(const std::string& chart) {
  MemoryFileSystem fs;
  std::string error;
  fs.WriteFile("content/site.yml", "title: Charts\nid: charts\n", &error);
  fs.WriteFile("content/course/_index.md", "---\ntitle: Course\n---\n", &error);
  fs.WriteFile("content/course/01-mod/_index.md", "---\ntitle: Module\n---\n", &error);
  fs.WriteFile("content/course/01-mod/chart.png", chart, &error);
  const std::string lesson =
      "## Next steps\n\nSee [the next steps](#next-steps).\n\n"
      "```quiz\n"
      "id: check\n"
      "questions:\n"
      "  - id: q\n"
      "    prompt: Which chart?\n"
      "    options:\n"
      "      - text: \"This one\"\n"
      "        correct: true\n"
      "        feedback: \"Yes: ![the chart](chart.png)\"\n"
      "      - text: \"That one\"\n"
      "        feedback: |\n"
      "          ## Next steps\n"
      "\n"
      "          Look again: [next steps](#next-steps).\n"
      "    explanation: \"![the chart](chart.png) shows it.\"\n"
      "```\n\n"
      "```scenario\n"
      "id: case\n"
      "nodes:\n"
      "  - id: start\n"
      "    text: |\n"
      "      ## Next steps\n"
      "\n"
      "      Choose.\n"
      "    choices:\n"
      "      - { text: \"Look\", goto: end, feedback: \"![the chart](chart.png)\" }\n"
      "  - id: end\n"
      "    text: Done.\n"
      "    ending: true\n"
      "    outcome: good\n"
      "```\n";
  fs.WriteFile("content/course/01-mod/01-first.md", "---\ntitle: First\n---\n" + lesson, &error);
  fs.WriteFile("content/course/01-mod/02-second.md", "---\ntitle: Second\n---\n" + lesson, &error);
  return fs;
}

/// The first quiz of `html`, unsealed.
core::Quiz SealedQuiz(const std::string& html) {
  core::Quiz quiz;
  std::string error;
  REQUIRE(core::QuizFromRuntime(json::parse(Element(html, "morsel-block-data")), &quiz, &error));
  REQUIRE(quiz.questions.size() == 1);
  return quiz;
}

const char* kChartUri = "data:image/png;base64,UE5HREFUQQ==";  // "PNGDATA"

TEST_CASE("images in quiz and case-study feedback are inlined in the single file like the body's") {
  MemoryFileSystem fs = FeedbackCourse("PNGDATA");
  DiagnosticSink sink;
  const std::string html = Built(&fs, &sink);
  INFO(sink.Format());
  CHECK(sink.WarningCount() == 0);
  // Nothing in the file, sealed or not, names the image file.
  CHECK(html.find("chart.png") == std::string::npos);
  const std::string first = Section(html, "course/mod/first");
  const core::Quiz quiz = SealedQuiz(first);
  const std::string img = std::string("<img src=\"") + kChartUri + "\" alt=\"the chart\" />";
  CHECK(quiz.questions[0].options[0].feedback == "Yes: " + img);
  CHECK(quiz.questions[0].explanation == img + " shows it.");
  // A case study's feedback is in its block data in the open (ScriptJson escapes '<').
  const size_t scenario = first.find("class=\"morsel-scenario\"");
  REQUIRE(scenario != std::string::npos);
  CHECK(Element(first, "morsel-block-data", scenario).find(std::string("src=\\\"") + kChartUri + "\\\"") !=
        std::string::npos);

  // The lesson's own page keeps the link to the copied file, which it has beside it.
  std::string page, error;
  REQUIRE(fs.ReadFile("site/course/mod/first.html", &page, &error));
  CHECK(SealedQuiz(page).questions[0].options[0].feedback == "Yes: <img src=\"chart.png\" alt=\"the chart\" />");
  CHECK(fs.IsFile("site/course/mod/chart.png"));
}

TEST_CASE("an image in feedback above the limit keeps the page's link and is warned about once") {
  MemoryFileSystem fs = FeedbackCourse(std::string(SingleFileOptions().inline_image_limit + 1, 'x'));
  DiagnosticSink sink;
  const std::string html = Built(&fs, &sink);
  INFO(sink.Format());
  // Once per lesson although each shows it three times, where the source first shows it.
  CHECK(sink.WarningCount() == 2);
  CHECK(sink.Format().find("content/course/01-mod/01-first.md:16:25: warning: image 'chart.png' (201 KB) "
                           "is too large to inline in the single-file edition (limit 200 KB) "
                           "[large-inline-image]\n"
                           "            feedback: \"Yes: ![the chart](chart.png)\"\n"
                           "                            ^\n"
                           "  hint: make the image smaller;") != std::string::npos);
  CHECK(sink.Format().find("content/course/01-mod/02-second.md:16:25: warning:") != std::string::npos);
  // As the lesson's page wrote it: runtime/web/offline.js maps it from there when shown.
  CHECK(SealedQuiz(Section(html, "course/mod/first")).questions[0].options[0].feedback ==
        "Yes: <img src=\"chart.png\" alt=\"the chart\" />");
  CHECK(html.find("data:image/png") == std::string::npos);
}

TEST_CASE("headings of blocks' texts keep their page's unique ids in the single file") {
  MemoryFileSystem fs = FeedbackCourse("PNGDATA");
  DiagnosticSink sink;
  const std::string html = Built(&fs, &sink);
  std::set<std::string> ids;
  for (const std::string& id : Attributes(html, "id")) {
    INFO("id " << id);
    CHECK(ids.insert(id).second);
  }
  for (const char* lesson : {"course/mod/first", "course/mod/second"}) {
    INFO(lesson);
    const std::string section = Section(html, lesson);
    const std::string prefix = std::string(lesson) + ":";
    CHECK(ids.count(prefix + "next-steps") == 1);
    CHECK(ids.count(prefix + "next-steps-2") == 1);  // the case study's situation
    CHECK(section.find("<a href=\"#" + prefix + "next-steps\">the next steps</a>") != std::string::npos);
    // The feedback's heading is prefixed like the markup's; its link stays the page's
    // ("#next-steps"), which offline.js maps to "#<lesson>:next-steps" as it is shown.
    CHECK(SealedQuiz(section).questions[0].options[1].feedback ==
          "<h2 id=\"" + prefix +
              "next-steps-1\">Next steps</h2>\n"
              "<p>Look again: <a href=\"#next-steps\">next steps</a>.</p>\n");
  }
}

TEST_CASE("CSP hashes and Latin-1 to UTF-8") {
  // echo -n 'alert(1)' | openssl dgst -sha256 -binary | base64
  CHECK(CspHash("alert(1)") == "'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='");
  CHECK(Latin1ToUtf8("a\xe9\x80") == "a\xc3\xa9\xc2\x80");
}

}  // namespace
}  // namespace morsel::gen
