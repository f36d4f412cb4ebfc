#include "generator/build.h"

#include <catch2/catch.hpp>

#include <regex>

#include <nlohmann/json.hpp>

#include "generator/assets.h"
#include "generator/progress.h"
#include "generator/text.h"
#include "tests/unit/generator/site_fixture.h"

namespace morsel::gen {
namespace {

const char* kQuiz =
    "```quiz\n"
    "questions:\n"
    "  - prompt: \"Pick *one*\"\n"
    "    options:\n"
    "      - text: \"Right\"\n"
    "        correct: true\n"
    "        feedback: \"Yes\"\n"
    "      - text: \"Wrong\"\n"
    "        feedback: \"No\"\n"
    "```\n";

MemoryFileSystem MiniSite() {
  MemoryFileSystem fs;
  std::string error;
  fs.WriteFile("content/site.yml", "title: Mini\nid: mini\n", &error);
  fs.WriteFile("content/course/_index.md", "---\ntitle: Course\n---\nOverview.\n", &error);
  fs.WriteFile("content/course/01-mod/_index.md", "---\ntitle: Module\n---\n", &error);
  fs.WriteFile("content/course/01-mod/02-second.md",
               "---\ntitle: Second\nweight: 2\n---\nBack to [first](01-first.md).\n\n## Re cap!\n\n[Again](#re-cap)\n",
               &error);
  fs.WriteFile("content/course/01-mod/01-first.md",
               std::string("---\ntitle: First\nweight: 1\nduration_minutes: 3\n---\nText.\n\n") + kQuiz, &error);
  return fs;
}

struct Result {
  bool ok = false;
  BuildStats stats;
  std::string diagnostics;
};

Result Build(MemoryFileSystem* fs) {
  Result r;
  DiagnosticSink sink;
  BuildOptions options;
  r.ok = BuildSite(fs, options, &r.stats, &sink);
  r.diagnostics = sink.Format();
  return r;
}

std::string Page(const MemoryFileSystem& fs, const std::string& path) {
  auto it = fs.files().find(path);
  return it == fs.files().end() ? "" : it->second;
}

TEST_CASE("a mini site builds pages with stripped prefixes and rewritten links") {
  MemoryFileSystem fs = MiniSite();
  Result r = Build(&fs);
  INFO(r.diagnostics);
  REQUIRE(r.ok);
  CHECK(r.stats.lessons == 2);
  CHECK(r.stats.questions == 1);
  CHECK(fs.IsFile("site/index.html"));
  CHECK(fs.IsFile("site/course/index.html"));
  CHECK_FALSE(FindPublished(fs, "site/runtime/morsel-runtime.wasm").empty());
  CHECK_FALSE(FindPublished(fs, "site/runtime/morsel-runtime.wasm.js").empty());
  const std::string css = FindPublished(fs, "site/assets/morsel.css");
  REQUIRE_FALSE(css.empty());
  std::string second = Page(fs, "site/course/mod/second.html");
  CHECK(second.find("<a href=\"first.html\">first</a>") != std::string::npos);
  CHECK(second.find("<h2 id=\"re-cap\">Re cap!</h2>") != std::string::npos);
  CHECK(second.find("<a href=\"#re-cap\">Again</a>") != std::string::npos);
  // Weight orders lessons: "first" comes before "second" and links to it as next.
  std::string first = Page(fs, "site/course/mod/first.html");
  CHECK(first.find("rel=\"next\" href=\"second.html\"") != std::string::npos);
  CHECK(first.find("<legend>Pick <em>one</em></legend>") != std::string::npos);
  CHECK(first.find("type=\"radio\"") != std::string::npos);
  CHECK(first.find("href=\"../../" + css.substr(5) + "\"") != std::string::npos);
  CHECK(first.find(R"("questions":["course/mod/first:quiz-1/q1"])") != std::string::npos);
}

TEST_CASE("quiz errors point into the Markdown file with caret and hint") {
  MemoryFileSystem fs = MiniSite();
  std::string error;
  std::string text = Page(fs, "content/course/01-mod/01-first.md");
  text.replace(text.find("        correct: true\n"), 22, "");
  text.replace(text.find("    options:"), 12, "    optons:");
  fs.WriteFile("content/course/01-mod/01-first.md",
               text +
                   "\n```quiz\nquestions:\n  - prompt: \"Two\"\n    options:\n      - text: a\n"
                   "        correct: true\n      - text: b\n        correct: true\n```\n",
               &error);
  Result r = Build(&fs);
  CHECK_FALSE(r.ok);
  CHECK(r.diagnostics ==
        "content/course/01-mod/01-first.md:11:5: error: unknown key 'optons' in a single-choice question, which is "
        "missing the required key 'options' [unknown-key]\n"
        "        optons:\n"
        "        ^\n"
        "  hint: did you mean 'options'?\n"
        "content/course/01-mod/01-first.md:25:18: error: a single-choice question has exactly one "
        "correct option, but options 1 and 2 are both marked correct [quiz-multiple-correct-answers]\n"
        "            correct: true\n"
        "                     ^\n"
        "  hint: keep 'correct: true' on one option only, or use type 'multiple'\n"
        "morsel: 2 errors, 0 warnings\n");
  CHECK_FALSE(fs.IsFile("site/index.html"));
}

TEST_CASE("a question with no correct option is reported at its options list") {
  MemoryFileSystem fs = MiniSite();
  std::string error;
  std::string text = Page(fs, "content/course/01-mod/01-first.md");
  text.replace(text.find("        correct: true\n"), 22, "");
  fs.WriteFile("content/course/01-mod/01-first.md", text, &error);
  Result r = Build(&fs);
  CHECK(r.diagnostics ==
        "content/course/01-mod/01-first.md:12:7: error: no option of this question is marked "
        "correct [quiz-no-correct-answer]\n"
        "          - text: \"Right\"\n"
        "          ^\n"
        "  hint: add 'correct: true' to the right option\n"
        "morsel: 1 error, 0 warnings\n");
}

TEST_CASE("quiz items pasted without 'questions:' get a hint to put them under it") {
  MemoryFileSystem fs = OneLessonSite(
      "```quiz\n"
      "  - type: true_false\n"
      "    prompt: \"A padlock proves a site is genuine.\"\n"
      "    answer: false\n"
      "```\n");
  CHECK(CheckDiagnostics(&fs) ==
        "content/course/01-mod/01-lesson.md:5:3: error: a quiz block must be a mapping of keys to values, not a list "
        "[wrong-type]\n"
        "      - type: true_false\n"
        "      ^\n"
        "  hint: a quiz block's questions go under 'questions:': write 'questions:' on a line of its own above the "
        "first '- '\n"
        "morsel: 1 error, 0 warnings\n");
  // Only a quiz block that is a list: a block of another wrong shape has no such hint.
  fs = OneLessonSite("```quiz\njust text\n```\n");
  const std::string text = CheckDiagnostics(&fs);
  CHECK(text.find("not a string [wrong-type]") != std::string::npos);
  CHECK(text.find("questions:") == std::string::npos);
}

TEST_CASE("options written as plain text get a hint to write {text: ...} and mark the right one") {
  MemoryFileSystem fs = OneLessonSite(
      "```quiz\n"
      "questions:\n"
      "  - prompt: \"Pick one\"\n"
      "    options: [\"A\", {text: B, correct: true}]\n"
      "  - type: multiple\n"
      "    prompt: \"Pick some\"\n"
      "    options:\n"
      "      - \"Say \\\"hi\\\"\"\n"
      "      - {text: D, correct: true}\n"
      "  - type: poll\n"
      "    prompt: \"Which?\"\n"
      "    options: [{text: E}, F]\n"
      "```\n");
  CHECK(CheckDiagnostics(&fs) ==
        "content/course/01-mod/01-lesson.md:7:15: error: an option must be a mapping of keys to values, not a string "
        "[wrong-type]\n"
        "        options: [\"A\", {text: B, correct: true}]\n"
        "                  ^\n"
        "  hint: write each option as a mapping: {text: \"A\"}, and add 'correct: true' to the right one\n"
        "content/course/01-mod/01-lesson.md:11:9: error: an option must be a mapping of keys to values, not a string "
        "[wrong-type]\n"
        "          - \"Say \\\"hi\\\"\"\n"
        "            ^\n"
        "  hint: write each option as a mapping: {text: \"Say \\\"hi\\\"\"}, and add 'correct: true' to each right "
        "one\n"
        "content/course/01-mod/01-lesson.md:15:26: error: an option must be a mapping of keys to values, not a string "
        "[wrong-type]\n"
        "        options: [{text: E}, F]\n"
        "                             ^\n"
        "  hint: write each option as a mapping: {text: \"F\"}\n"
        "morsel: 3 errors, 0 warnings\n");
}

TEST_CASE("front matter and config mistakes are all reported before stopping") {
  MemoryFileSystem fs = MiniSite();
  std::string error;
  fs.WriteFile("content/site.yml", "title: Mini\nid: Mini Site\nlanguag: en\n", &error);
  fs.WriteFile("content/course/01-mod/02-second.md",
               "---\ntitle: Second\ndurration_minutes: 3\n---\nSee [nowhere](missing.md).\n", &error);
  Result r = Build(&fs);
  CHECK_FALSE(r.ok);
  CHECK(r.diagnostics ==
        "content/course/01-mod/02-second.md:3:1: error: unknown key 'durration_minutes' in a "
        "lesson's front matter [unknown-key]\n"
        "    durration_minutes: 3\n"
        "    ^\n"
        "  hint: did you mean 'duration_minutes'?\n"
        "content/course/01-mod/02-second.md:5:5: error: link to 'missing.md' does not match any page [broken-link]\n"
        "    See [nowhere](missing.md).\n"
        "        ^\n"
        "  hint: links are relative to this file: check the path and the file name\n"
        "content/site.yml:2:5: error: site id 'Mini Site' must be a lowercase slug (a-z, 0-9, '-') [invalid-site-id]\n"
        "    id: Mini Site\n"
        "        ^\n"
        "  hint: learners' progress is stored under this id: pick it once, keep it\n"
        "content/site.yml:3:1: error: unknown key 'languag' in site.yml [unknown-key]\n"
        "    languag: en\n"
        "    ^\n"
        "  hint: did you mean 'language'?\n"
        "morsel: 4 errors, 0 warnings\n");
}

TEST_CASE("unclosed front matter, empty modules and clashing pages are errors") {
  MemoryFileSystem fs = MiniSite();
  std::string error;
  fs.WriteFile("content/course/01-mod/03-broken.md", "---\ntitle: Broken\n", &error);
  fs.WriteFile("content/course/02-empty/_index.md", "---\ntitle: Empty\n---\n", &error);
  fs.WriteFile("content/course/01-mod/second.md", "---\ntitle: Clash\n---\n", &error);
  Result r = Build(&fs);
  CHECK_FALSE(r.ok);
  CHECK(r.diagnostics.find("content/course/01-mod/03-broken.md:1:1: error: front matter is not "
                           "closed [front-matter-not-closed]") != std::string::npos);
  CHECK(r.diagnostics.find("content/course/02-empty/_index.md: error: module 'Empty' has no "
                           "lessons [empty-module]") != std::string::npos);
  CHECK(r.diagnostics.find("error: 'course/01-mod/02-second.md' and 'course/01-mod/second.md' "
                           "would both be written to 'course/mod/second.html' "
                           "[duplicate-output-path]") != std::string::npos);
}

TEST_CASE("the output folder is replaced only when Morsel wrote it") {
  MemoryFileSystem fs = MiniSite();
  std::string error;
  fs.WriteFile("site/notes.txt", "mine", &error);
  Result r = Build(&fs);
  CHECK_FALSE(r.ok);
  CHECK(r.diagnostics.find("[unsafe-output]") != std::string::npos);
  CHECK(fs.IsFile("site/notes.txt"));

  fs.RemoveAll("site", &error);
  REQUIRE(Build(&fs).ok);
  fs.WriteFile("site/stale.html", "old", &error);
  REQUIRE(Build(&fs).ok);
  CHECK_FALSE(fs.IsFile("site/stale.html"));
}

TEST_CASE("two builds of the same content are byte-identical") {
  MemoryFileSystem a = MiniSite();
  MemoryFileSystem b = MiniSite();
  REQUIRE(Build(&a).ok);
  REQUIRE(Build(&b).ok);
  CHECK(a.files() == b.files());
}

TEST_CASE(
    "pictures get their size, lazy loading after the first and a figure for a titled one; files their type and "
    "size") {
  MemoryFileSystem fs = MiniSite();
  std::string error;
  // A 3 × 2 PNG's signature and header; an SVG sized by its viewBox.
  const std::string png("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x03\0\0\0\x02\x08\x06\0\0\0", 29);
  fs.WriteFile("content/course/01-mod/small.png", png, &error);
  fs.WriteFile("content/course/01-mod/wide.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 640 360\"/>",
               &error);
  fs.WriteFile("content/course/01-mod/big.zip", std::string(1536 * 1024, 'z'), &error);
  fs.WriteFile("content/course/01-mod/03-media.md",
               "---\ntitle: Media\nweight: 3\n---\n![First](small.png)\n\n![A chart](wide.svg \"Sales by month\")\n\n"
               "Inline ![icon](small.png \"a tip\") and [the data](big.zip).\n",
               &error);
  Result r = Build(&fs);
  INFO(r.diagnostics);
  REQUIRE(r.ok);
  const std::string media = Page(fs, "site/course/mod/media.html");
  CHECK(media.find("<p><img src=\"small.png\" alt=\"First\" width=\"3\" height=\"2\" decoding=\"async\"></p>") !=
        std::string::npos);
  CHECK(media.find("<figure class=\"morsel-figure\"><img src=\"wide.svg\" alt=\"A chart\" width=\"640\" height=\"360\" "
                   "loading=\"lazy\" decoding=\"async\"><figcaption>Sales by month</figcaption></figure>") !=
        std::string::npos);
  // Not alone in its paragraph: a picture with a title, not a figure.
  CHECK(media.find("<img src=\"small.png\" alt=\"icon\" title=\"a tip\" width=\"3\" height=\"2\" loading=\"lazy\"") !=
        std::string::npos);
  CHECK(media.find("<a href=\"big.zip\">the data</a> <span class=\"morsel-file-meta\">(ZIP, 1.5\u00a0MB)</span>") !=
        std::string::npos);
}

TEST_CASE("anchors, images and attachments are checked and copied") {
  MemoryFileSystem fs = MiniSite();
  std::string error;
  fs.WriteFile("content/course/01-mod/diagram.svg", "<svg/>", &error);
  fs.WriteFile("content/files/guide.pdf", "%PDF", &error);
  fs.WriteFile("content/course/01-mod/03-media.md",
               "---\ntitle: Media\nweight: 3\n---\n# Intro\n\n![A diagram](diagram.svg)\n"
               "[Guide](../../files/guide.pdf) and [recap](02-second.md#re-cap).\n",
               &error);
  Result r = Build(&fs);
  INFO(r.diagnostics);
  REQUIRE(r.ok);
  std::string media = Page(fs, "site/course/mod/media.html");
  // The page's first picture loads at once; an SVG without a size gets none.
  CHECK(media.find("<img src=\"diagram.svg\" alt=\"A diagram\" decoding=\"async\">") != std::string::npos);
  CHECK(media.find(
            "<a href=\"../../files/guide.pdf\">Guide</a> <span class=\"morsel-file-meta\">(PDF, 1\u00a0KB)</span>") !=
        std::string::npos);
  CHECK(media.find("<a href=\"second.html#re-cap\">recap</a>") != std::string::npos);
  CHECK(Page(fs, "site/course/mod/diagram.svg") == "<svg/>");
  CHECK(Page(fs, "site/files/guide.pdf") == "%PDF");

  fs.WriteFile("content/course/01-mod/03-media.md",
               "---\ntitle: Media\nweight: 3\n---\n![Missing](nope.png) ![Page](02-second.md)\n"
               "[bad anchor](02-second.md#nope) [outside](../../../etc/passwd) [here](#nowhere)\n",
               &error);
  r = Build(&fs);
  CHECK(r.diagnostics ==
        "content/course/01-mod/03-media.md:5:1: error: image 'nope.png' does not exist [missing-image]\n"
        "    ![Missing](nope.png) ![Page](02-second.md)\n"
        "    ^\n"
        "  hint: paths are relative to this file, and files must be inside the content folder\n"
        "content/course/01-mod/03-media.md:5:22: error: '02-second.md' is not an image [not-an-image]\n"
        "    ![Missing](nope.png) ![Page](02-second.md)\n"
        "                         ^\n"
        "  hint: link to a page with [text](02-second.md), not ![...]()\n"
        "content/course/01-mod/03-media.md:6:1: error: link '02-second.md#nope' names an anchor "
        "that does not exist [broken-anchor]\n"
        "    [bad anchor](02-second.md#nope) [outside](../../../etc/passwd) [here](#nowhere)\n"
        "    ^\n"
        "  hint: headings get anchors like '#key-idea' for '## Key idea'; this page has: #re-cap\n"
        "content/course/01-mod/03-media.md:6:33: error: file '../../../etc/passwd' does not exist [broken-link]\n"
        "    [bad anchor](02-second.md#nope) [outside](../../../etc/passwd) [here](#nowhere)\n"
        "                                    ^\n"
        "  hint: paths are relative to this file, and files must be inside the content folder\n"
        "content/course/01-mod/03-media.md:6:64: error: link '#nowhere' names an anchor that does "
        "not exist [broken-anchor]\n"
        "    [bad anchor](02-second.md#nope) [outside](../../../etc/passwd) [here](#nowhere)\n"
        "                                                                   ^\n"
        "  hint: headings get anchors like '#key-idea' for '## Key idea'\n"
        "morsel: 5 errors, 0 warnings\n");
}

TEST_CASE("drafts are left out unless asked for, and durations are estimated") {
  MemoryFileSystem fs = MiniSite();
  std::string error;
  fs.WriteFile("content/course/01-mod/03-draft.md", "---\ntitle: Draft\ndraft: true\n---\nSoon.\n", &error);
  Result r = Build(&fs);
  REQUIRE(r.ok);
  CHECK(r.stats.lessons == 2);
  CHECK_FALSE(fs.IsFile("site/course/mod/draft.html"));
  // 'second' has no duration_minutes: estimated from its words, at least a minute.
  CHECK(Page(fs, "site/course/index.html").find("1 min (estimated)") != std::string::npos);

  DiagnosticSink sink;
  BuildOptions options;
  options.drafts = true;
  BuildStats stats;
  REQUIRE(BuildSite(&fs, options, &stats, &sink));
  CHECK(stats.lessons == 3);
  CHECK(fs.IsFile("site/course/mod/draft.html"));
}

}  // namespace
}  // namespace morsel::gen

namespace morsel::gen {
namespace {

TEST_CASE("built pages keep answer keys out of sight") {
  auto site = [](const std::string& correct_first) {
    MemoryFileSystem fs;
    std::string error;
    fs.WriteFile("content/site.yml", "title: T\nid: t\n", &error);
    fs.WriteFile("content/c/_index.md", "---\ntitle: C\n---\n", &error);
    fs.WriteFile("content/c/m/_index.md", "---\ntitle: M\n---\n", &error);
    fs.WriteFile("content/c/m/l.md",
                 "---\ntitle: L\n---\n```quiz\nquestions:\n"
                 "  - id: pick\n    prompt: \"Pick\"\n    options:\n"
                 "      - text: \"Alpha\"\n" +
                     correct_first +
                     "        feedback: \"Feedback-for-alpha\"\n"
                     "      - text: \"Beta\"\n" +
                     (correct_first.empty() ? "        correct: true\n" : "") +
                     "  - id: word\n    type: fill_blanks\n    prompt: \"Password?\"\n"
                     "    text: \"It is [[Swordfish|Zanzibar]].\"\n"
                     "  - id: number\n    type: numeric\n    prompt: \"Year?\"\n    answer: 1987\n"
                     "    tolerance: 2\n```\n",
                 &error);
    DiagnosticSink sink;
    BuildStats stats;
    BuildOptions options;
    REQUIRE(BuildSite(&fs, options, &stats, &sink));
    return fs;
  };
  MemoryFileSystem first = site("        correct: true\n");
  MemoryFileSystem second = site("");
  for (const auto& [path, contents] : first.files()) {
    if (path.compare(0, 5, "site/") != 0 || path.compare(0, 13, "site/runtime/") == 0) continue;
    INFO(path);
    for (const char* secret : {"Swordfish", "wordfish", "Zanzibar", "1987", "1985", "1989", "Feedback-for-alpha",
                               "\"correct\":true", "\"correct\":false"}) {
      CHECK(contents.find(secret) == std::string::npos);
    }
  }
  // Moving the correct option changes only the sealed key of that question, and the
  // site's content version, which follows every answer.
  const std::string a = first.files().at("site/c/m/l.html");
  const std::string b = second.files().at("site/c/m/l.html");
  CHECK(a != b);
  auto without_first_key = [](std::string page) {
    for (const char* start : {"\"key\":\"", "data-morsel-content-version=\""}) {
      size_t at = page.find(start);
      REQUIRE(at != std::string::npos);
      size_t end = page.find('"', at + std::string(start).size());
      page.erase(at, end - at + 1);
    }
    return page;
  };
  CHECK(without_first_key(a) == without_first_key(b));
}

/// The attributes of the first page's <body>.
std::string BodyTag(const MemoryFileSystem& fs, const std::string& page) {
  const std::string html = Page(fs, page);
  const size_t at = html.find("<body");
  return at == std::string::npos ? "" : html.substr(at, html.find('>', at) + 1 - at);
}

TEST_CASE("every page's body carries the stale-answer setting and the content version") {
  MemoryFileSystem fs = MiniSite();
  REQUIRE(Build(&fs).ok);
  const std::string body = BodyTag(fs, "site/index.html");
  // ask_again, the runtime's default, is not written (25 bytes of every page).
  CHECK(body.find(" data-morsel-stale") == std::string::npos);
  const size_t at = body.find(" data-morsel-content-version=\"");
  REQUIRE(at != std::string::npos);
  const std::string version = body.substr(at + 30, 12);
  CHECK(version.find_first_not_of("0123456789abcdef") == std::string::npos);
  const std::string lesson_body = BodyTag(fs, "site/course/mod/first.html");
  // (Course and lesson pages also name their course's single file.)
  const size_t settings = at;
  CHECK(lesson_body.find(body.substr(settings, at + 30 + 13 - settings)) != std::string::npos);
  // The search page is rendered with the same page data.
  CHECK(BodyTag(fs, "site/search/index.html").find(body.substr(settings, at + 30 + 13 - settings)) !=
        std::string::npos);

  // Re-worded text and feedback keep the version; a changed right answer changes it.
  std::string error;
  std::string lesson = Page(fs, "content/course/01-mod/01-first.md");
  lesson.replace(lesson.find("Text."), 5, "Other text.");
  lesson.replace(lesson.find("\"Yes\""), 5, "\"Yes, right\"");
  fs.WriteFile("content/course/01-mod/01-first.md", lesson, &error);
  REQUIRE(Build(&fs).ok);
  // (The search index moved to a new folder: only the settings are compared.)
  const auto settings_of = [](const std::string& tag) { return tag.substr(tag.find(" data-morsel-content-version")); };
  CHECK(settings_of(BodyTag(fs, "site/index.html")) == settings_of(body));
  lesson.replace(lesson.find("        correct: true\n"), 22, "");
  lesson.replace(lesson.find("        feedback: \"No\""), 0, "        correct: true\n");
  fs.WriteFile("content/course/01-mod/01-first.md", lesson, &error);
  Result changed = Build(&fs);
  REQUIRE(changed.ok);
  CHECK(changed.diagnostics.find("[answer-changed]") != std::string::npos);
  CHECK(BodyTag(fs, "site/index.html").find(version) == std::string::npos);

  fs.WriteFile("content/site.yml", "title: Mini\nid: mini\nprogress:\n  stale_answers: keep\n", &error);
  REQUIRE(Build(&fs).ok);
  CHECK(BodyTag(fs, "site/course/index.html").find(" data-morsel-stale=\"keep\"") != std::string::npos);
}

TEST_CASE("progress settings are checked like every site key") {
  MemoryFileSystem fs = MiniSite();
  std::string error;
  fs.WriteFile("content/site.yml", "title: Mini\nid: mini\nprogress:\n  stale_answer: keep\n", &error);
  Result r = Build(&fs);
  CHECK_FALSE(r.ok);
  CHECK(r.diagnostics.find("content/site.yml:4:3: error: unknown key 'stale_answer' in 'progress' [unknown-key]") !=
        std::string::npos);
  CHECK(r.diagnostics.find("did you mean 'stale_answers'?") != std::string::npos);
  fs.WriteFile("content/site.yml", "title: Mini\nid: mini\nprogress:\n  stale_answers: forget\n", &error);
  r = Build(&fs);
  CHECK_FALSE(r.ok);
  CHECK(r.diagnostics.find("content/site.yml:4:18: error:") != std::string::npos);
  CHECK(r.diagnostics.find("[invalid-value]") != std::string::npos);
  fs.WriteFile("content/site.yml", "title: Mini\nid: mini\nprogres: {}\n", &error);
  CHECK(Build(&fs).diagnostics.find("did you mean 'progress'?") != std::string::npos);
}

TEST_CASE("features.search: false leaves the search field and its script out") {
  MemoryFileSystem fs = MiniSite();
  REQUIRE(Build(&fs).ok);
  CHECK(Page(fs, "site/index.html").find("data-morsel-search-form") != std::string::npos);
  CHECK(Page(fs, "site/index.html").find("runtime/search.") != std::string::npos);
  std::string error;
  fs.WriteFile("content/site.yml", "title: Mini\nid: mini\nfeatures:\n  search: false\n", &error);
  REQUIRE(Build(&fs).ok);
  for (const char* page : {"site/index.html", "site/course/index.html", "site/course/mod/first.html"}) {
    INFO(page);
    CHECK(Page(fs, page).find("data-morsel-search-form") == std::string::npos);
    CHECK(Page(fs, page).find("runtime/search.") == std::string::npos);
    CHECK(Page(fs, page).find("<header class=\"morsel-header\">") != std::string::npos);
  }
  CHECK_FALSE(fs.IsFile("site/search/index.html"));
}

TEST_CASE("assets are published under fingerprinted names that every reference uses") {
  MemoryFileSystem fs = MiniSite();
  REQUIRE(Build(&fs).ok);
  // Each runtime file, the stylesheet and the icon: named by its contents' hash; the plain
  // name is not written (a stale link to it fails instead of loading another build's file).
  int fingerprinted = 0;
  for (const auto& [path, contents] : fs.files()) {
    if (path.rfind("site/runtime/", 0) != 0 && path.rfind("site/assets/", 0) != 0) continue;
    INFO(path);
    if (path == "site/sw.js") continue;
    static const std::regex kName(R"(site/(runtime|assets)/[a-z-]+(\.wasm)?\.[0-9a-f]{10}\.[a-z]+)");
    CHECK(std::regex_match(path, kName));
    const size_t hash = path.rfind('.', path.rfind('.') - 1) + 1;
    const std::string logical = path.substr(0, hash - 1) + path.substr(hash + 10);
    CHECK(FingerprintedPath(logical, contents) == path);
    CHECK_FALSE(fs.IsFile(logical));
    ++fingerprinted;
  }
  CHECK(fingerprinted >= 12);
  // Every src/href of every page, and every entry of the runtime's map, is a file.
  static const std::regex kLink(R"re((?:src|href)="([^"#?:]+)")re");
  for (const auto& [path, html] : fs.files()) {
    if (path.size() < 5 || path.compare(path.size() - 5, 5, ".html") != 0) continue;
    INFO(path);
    const std::string dir = DirName(path);
    for (std::sregex_iterator it(html.begin(), html.end(), kLink), end; it != end; ++it) {
      const std::string target = NormalizePath(JoinPath(dir, (*it)[1].str()));
      INFO(target);
      CHECK((fs.IsFile(target) || fs.IsDir(target)));
    }
    // The runtime's map is not in the page: runtime/strings.js, which every page loads, sets it.
    CHECK(html.find("data-morsel-assets") == std::string::npos);
  }
  const std::string strings = fs.files().at(FindPublished(fs, "site/runtime/strings.js"));
  const std::string prefix = "window.MorselAssets = ";
  const size_t at = strings.find(prefix);
  REQUIRE(at != std::string::npos);
  const nlohmann::json assets =
      nlohmann::json::parse(strings.substr(at + prefix.size(), strings.rfind(';') - at - prefix.size()));
  CHECK(assets.size() == 18);  // kLazyFiles (generator/assets.cc); not search/: search/manifest.js names it
  // Each logical name's fingerprint, put in the name as runtime/web/morsel.js asset() does.
  for (const auto& [logical, fingerprint] : assets.items()) {
    INFO(logical);
    const std::string hash = fingerprint.get<std::string>();
    CHECK(std::regex_match(hash, std::regex("[0-9a-f]{10}")));
    const size_t dot = logical.rfind('.');
    CHECK(fs.IsFile("site/" + logical.substr(0, dot) + "." + hash + logical.substr(dot)));
  }
  // A lesson edit moves the search index to a new folder, which search/manifest.js names,
  // and leaves the runtime's names and the other pages as they were.
  const std::string script = FindPublished(fs, "site/runtime/morsel.js");
  const std::string index = FindPublished(fs, "site/search/");
  const std::map<std::string, std::string> before = fs.files();
  std::string error;
  std::string lesson;
  REQUIRE(fs.ReadFile("content/course/01-mod/02-second.md", &lesson, &error));
  fs.WriteFile("content/course/01-mod/02-second.md", lesson + "\nA new paragraph.\n", &error);
  REQUIRE(Build(&fs).ok);
  CHECK(FindPublished(fs, "site/runtime/morsel.js") == script);
  const std::string moved = FindPublished(fs, "site/search/");
  REQUIRE_FALSE(moved.empty());
  CHECK(moved != index);
  CHECK(fs.files().at("site/search/manifest.js").find("\"" + moved.substr(12, 10) + "\");") != std::string::npos);
  for (const char* page : {"site/index.html", "site/course/index.html", "site/course/mod/first.html",
                           "site/search/index.html", "site/my-learning.html"}) {
    INFO(page);
    REQUIRE(before.count(page) == 1);
    CHECK(fs.files().at(page) == before.at(page));
  }
}

/// What a build reported (generator/progress.h): each stage, its total and what it counted.
class RecordedProgress : public BuildProgress {
 public:
  struct Entry {
    std::string name;
    size_t total = 0;
    std::string unit;
    size_t done = 0;
  };
  void Stage(std::string_view name, size_t total, std::string_view unit) override {
    stages.push_back({std::string(name), total, std::string(unit)});
  }
  void Advance(size_t n = 1) override {
    REQUIRE_FALSE(stages.empty());
    stages.back().done += n;
  }
  std::string Names() const {
    std::string names;
    for (const auto& stage : stages) names += stage.name + ",";
    return names;
  }
  std::vector<Entry> stages;
};

/// The stages a build (or with `check_only` a check) of `fs` reported; it must succeed,
/// unless `ok` is given to tell whether it did.
RecordedProgress BuildRecorded(MemoryFileSystem* fs, bool check_only, bool* ok = nullptr) {
  RecordedProgress progress;
  BuildOptions options;
  options.check_only = check_only;
  options.progress = &progress;
  DiagnosticSink sink;
  BuildStats stats;
  const bool built = BuildSite(fs, options, &stats, &sink);
  INFO(sink.Format());
  if (ok == nullptr) REQUIRE(built);
  if (ok != nullptr) *ok = built;
  return progress;
}

TEST_CASE("a build reports its stages, and counts every page, index file and single file's lesson it said it would") {
  MemoryFileSystem fs = MiniSite();
  std::string error;
  fs.WriteFile("content/_index.md", "---\ntitle: Home\n---\nWelcome.\n", &error);
  const RecordedProgress progress = BuildRecorded(&fs, false);
  CHECK(progress.Names() ==
        "load content,check content,render contents,write search index,copy files,render pages,write hosting "
        "files,write site,");
  size_t index_files = 0;
  for (const auto& [path, bytes] : fs.files()) index_files += StartsWith(path, "site/search/") ? 1 : 0;
  for (const auto& stage : progress.stages) {
    INFO(stage.name);
    CHECK(stage.done == stage.total);
    if (StartsWith(stage.name, "render")) CHECK(stage.unit == "pages");
  }
  CHECK(progress.stages[2].total == 4);  // the home page, the course and its two lessons
  CHECK(progress.stages[3].unit == "files");
  CHECK(progress.stages[3].total == index_files - 2);  // and the search page and search/manifest.js
  CHECK(progress.stages[5].total == 6);                // the four pages, and each lesson's section of the single file
}

TEST_CASE("a check reports the stages before writing; a site without a home page has no page for it") {
  MemoryFileSystem fs = MiniSite();
  const RecordedProgress progress = BuildRecorded(&fs, true);
  CHECK(progress.Names() ==
        "load content,check content,render contents,write search index,copy files,render pages,write hosting "
        "files,");
  for (const auto& stage : progress.stages) {
    INFO(stage.name);
    CHECK(stage.done == stage.total);
  }
  CHECK(progress.stages[2].total == 3);

  // Content with errors stops after checking it.
  std::string error;
  fs.WriteFile("content/course/01-mod/01-first.md", "---\ntitle: First\nweigth: 1\n---\n", &error);
  bool ok = true;
  CHECK(BuildRecorded(&fs, true, &ok).Names() == "load content,check content,");
  CHECK_FALSE(ok);
}

}  // namespace
}  // namespace morsel::gen

namespace morsel::gen {
namespace {

/// A lesson page's bytes but its own content (the lesson body's inner HTML).
size_t AroundContent(const std::string& html) {
  const size_t div = html.find("data-morsel-lesson-body=");
  REQUIRE(div != std::string::npos);
  const size_t start = html.find('>', div) + 1;
  const size_t end = html.find("</div>\n\n<p class=\"morsel-social\">", start);
  REQUIRE(end != std::string::npos);
  return html.size() - (end - start);
}

/// A site with one course of `lessons` lessons in modules of 25, realistic titles and
/// descriptions; the first lesson page's bytes around its content.
size_t FirstLessonAroundContent(int lessons) {
  MemoryFileSystem fs;
  std::string error;
  fs.WriteFile("content/site.yml", "title: Acme Compliance Academy\nid: acme\nbase_url: https://learn.example.com/\n",
               &error);
  fs.WriteFile("content/course/_index.md",
               "---\ntitle: Data protection essentials for customer-facing teams\ncertificate: true\n---\nWhy.\n",
               &error);
  for (int i = 0; i < lessons; ++i) {
    const std::string module = "content/course/" + std::to_string(10 + i / 25) + "-module-" + std::to_string(i / 25);
    if (i % 25 == 0) fs.WriteFile(module + "/_index.md", "---\ntitle: Handling personal data safely\n---\n", &error);
    fs.WriteFile(module + "/" + std::to_string(100 + i) + "-lesson-" + std::to_string(i) + ".md",
                 "---\ntitle: Recognise a lawful basis for processing " + std::to_string(i) +
                     "\ndescription: What each of the six lawful bases means, and how to tell which one applies "
                     "before you collect anything.\n---\nBody.\n",
                 &error);
  }
  Result r = Build(&fs);
  INFO(r.diagnostics);
  REQUIRE(r.ok);
  return AroundContent(Page(fs, "site/course/module-0/lesson-0.html"));
}

TEST_CASE("a lesson page is at most 6 KB around its content, whatever the size of its course") {
  const size_t small = FirstLessonAroundContent(3);
  const size_t large = FirstLessonAroundContent(300);
  CAPTURE(small, large);
  CHECK(large <= 6 * 1024);
  // "Lesson 1 of 3" and "Lesson 1 of 300": nothing else grows with the course.
  CHECK(large - small <= 2);
}

}  // namespace
}  // namespace morsel::gen
