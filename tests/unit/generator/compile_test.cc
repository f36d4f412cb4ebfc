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

TEST_CASE("an image that is a link to a file outside the content folder is refused where it is shown") {
  LinkingFileSystem fs(OneLessonSite("![leak](leak.png)\n"),
                       {{"content/course/01-mod/leak.png", "/home/author/.ssh/id_rsa"}});
  std::string error;
  fs.WriteFile("content/course/01-mod/leak.png", "the secret", &error);
  CHECK(CheckDiagnostics(&fs) ==
        "content/course/01-mod/01-lesson.md:4:1: error: image 'leak.png' resolves to '/home/author/.ssh/id_rsa', "
        "outside the content folder [outside-source]\n"
        "    ![leak](leak.png)\n"
        "    ^\n"
        "  hint: copy the file into the content folder instead of linking to it\n"
        "content/course/01-mod/leak.png: error: 'content/course/01-mod/leak.png' resolves to "
        "'/home/author/.ssh/id_rsa', outside the content folder [outside-source]\n"
        "  hint: Morsel reads only what is inside the content folder (and the theme folders): copy the file in "
        "instead of linking to it\n"
        "morsel: 2 errors, 0 warnings\n");
}

/// The diagnostics of checking a one-lesson site.
std::string Checked(const std::string& lesson, const std::string& site_yml = "title: T\nid: t\n") {
  MemoryFileSystem fs = OneLessonSite(lesson, site_yml);
  return CheckDiagnostics(&fs);
}

TEST_CASE("links to javascript:, vbscript: and data: URLs are refused, with raw HTML on or off") {
  const std::string lesson =
      "[a](javascript:alert(1)) [b](<JavaScript:alert(2)>) <vbscript:msgbox(3)>\n"
      "\n"
      "[c](data:text/html,x) ![d](data:image/svg+xml,x)\n"
      "\n"
      "[e] ![fine](data:image/png;base64,iVBORw0KGgo=) [fine](https://example.com/)\n"
      "\n"
      "[e]: &#106;avascript:alert(5)\n";
  for (const std::string site_yml : {"title: T\nid: t\n", "title: T\nid: t\nraw_html: true\n"}) {
    INFO(site_yml);
    const std::string printed = Checked(lesson, site_yml);
    INFO(printed);
    CHECK(printed.find("01-lesson.md:4:1: error: link to a javascript: URL is refused [unsafe-url]\n") !=
          std::string::npos);
    CHECK(printed.find("01-lesson.md:4:26: error: link to a javascript: URL is refused [unsafe-url]\n") !=
          std::string::npos);
    CHECK(printed.find("01-lesson.md:4:53: error: link to a vbscript: URL is refused [unsafe-url]\n") !=
          std::string::npos);
    CHECK(printed.find("01-lesson.md:6:1: error: link to a data: URL is refused [unsafe-url]\n") != std::string::npos);
    CHECK(printed.find("01-lesson.md:6:23: error: image to a data: URL is refused [unsafe-url]\n") !=
          std::string::npos);
    CHECK(printed.find("01-lesson.md:8:1: error: link to a javascript: URL is refused [unsafe-url]\n") !=
          std::string::npos);
    CHECK(printed.find("morsel: 6 errors,") != std::string::npos);
  }
}

TEST_CASE("a javascript: link in a block's text is refused at its place in the YAML") {
  const std::string printed = Checked(
      "```quiz\n"
      "questions:\n"
      "  - prompt: Which?\n"
      "    options:\n"
      "      - text: \"This one\"\n"
      "        correct: true\n"
      "        feedback: \"See [why](javascript:alert(1))\"\n"
      "      - text: \"That one\"\n"
      "```\n");
  INFO(printed);
  CHECK(printed.find("01-lesson.md:10:24: error: link to a javascript: URL is refused [unsafe-url]\n") !=
        std::string::npos);
}

TEST_CASE("a footer link to a javascript: URL is refused") {
  const std::string printed = Checked("Text.\n",
                                      "title: T\nid: t\nfooter_links:\n"
                                      "  - {title: Help, url: \"https://example.com/\"}\n"
                                      "  - {title: Evil, url: \" javascript:alert(1)\"}\n");
  CHECK(printed ==
        "content/site.yml: error: footer link 'Evil' to a javascript: URL is refused [unsafe-url]\n"
        "  hint: link a page of the site or an http(s) address\n"
        "morsel: 1 error, 0 warnings\n");
}

TEST_CASE("raw HTML omitted from a page is reported once per file, where it first is") {
  CHECK(Checked("Text <b>bold</b> and <i>more</i>.\n\n<div>block</div>\n") ==
        "content/course/01-mod/01-lesson.md:4:6: warning: raw HTML is omitted from the page: 'raw_html' is off "
        "[raw-html-omitted]\n"
        "    Text <b>bold</b> and <i>more</i>.\n"
        "         ^\n"
        "  hint: write it in Markdown; set 'raw_html: true' in site.yml only if you trust every author "
        "(docs/security.md)\n"
        "morsel: 0 errors, 1 warning\n");
  // Comments are not reported: omitted or not, nobody sees them.
  CHECK(Checked("Text.\n\n<!-- a note for authors -->\n\nMore <!-- inline --> text.\n").empty());
  CHECK(Checked("Text <b>bold</b>.\n", "title: T\nid: t\nraw_html: true\n").empty());
}

TEST_CASE("raw HTML in a block's text is reported at the block, raw_html on or off") {
  const std::string quiz =
      "```quiz\n"
      "questions:\n"
      "  - prompt: Which is <b>phishing</b>?\n"
      "    options:\n"
      "      - text: \"This one\"\n"
      "        correct: true\n"
      "      - text: \"That one <img src=x onerror=alert(1)>\"\n"
      "```\n";
  for (const std::string site_yml : {"title: T\nid: t\n", "title: T\nid: t\nraw_html: true\n"}) {
    const std::string printed = Checked(quiz, site_yml);
    CHECK(printed.find("01-lesson.md:4:1: warning: raw HTML in a block's text is omitted from the page "
                       "[raw-html-omitted]\n") != std::string::npos);
    CHECK(printed.find("morsel: 0 errors, 1 warning\n") != std::string::npos);
  }
}

/// How many times `part` occurs in `text`.
size_t Count(const std::string& text, const std::string& part) {
  size_t n = 0;
  for (size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++n;
  return n;
}

TEST_CASE("a broken link suggests the page or file it meant, for the first hundred of a page") {
  std::string body;
  for (int i = 0; i < 101; ++i) body += "[again](01-lessn.md)\n\n";
  MemoryFileSystem fs = OneLessonSite(body + "[far](" + std::string(300, 'x') + ".md)\n");
  std::string error;
  MemoryFileSystem files = OneLessonSite("[notes](note.pdf) ![chart](chrt.png) ![notes](notes.png)\n");
  files.WriteFile("content/course/01-mod/notes.pdf", "%PDF-1.4\n", &error);
  files.WriteFile("content/course/01-mod/chart.png", "png", &error);

  const std::string many = CheckDiagnostics(&fs);
  CHECK(Count(many, "hint: did you mean '01-lesson.md'?\n") == 100);
  CHECK(Count(many, "hint: links are relative to this file") == 2);  // the 101st, and the long one
  const std::string near = CheckDiagnostics(&files);
  CHECK(near.find("file 'note.pdf' does not exist [broken-link]") != std::string::npos);
  CHECK(near.find("hint: did you mean 'notes.pdf'?") != std::string::npos);
  CHECK(near.find("hint: did you mean 'chart.png'?") != std::string::npos);
  // A typo in a folder: the page of the same name elsewhere; a typo in the name: a page of
  // the folder the link leads to.
  MemoryFileSystem folders = OneLessonSite("[a](../02-secnd/02-other.md) [b](../02-second/02-othr.md)\n");
  folders.WriteFile("content/course/02-second/_index.md", "---\ntitle: Second\n---\n", &error);
  folders.WriteFile("content/course/02-second/02-other.md", "---\ntitle: Other\n---\nText.\n", &error);
  const std::string moved = CheckDiagnostics(&folders);
  CHECK(Count(moved, "hint: did you mean '../02-second/02-other.md'?\n") == 2);
  // An image is suggested an image, not the PDF of the same name.
  CHECK(near.find("image 'notes.png' does not exist [missing-image]\n    [notes](note.pdf) ![chart](chrt.png) "
                  "![notes](notes.png)\n                                         ^\n  hint: paths are relative") !=
        std::string::npos);
}

}  // namespace
}  // namespace morsel::gen
