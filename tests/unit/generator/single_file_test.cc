// The single-file edition of a course (generator/single_file.h): one document with every
// lesson, links as #fragments, images inlined up to the limit, the runtime inline and a
// Content-Security-Policy that allows exactly the inline scripts and style by hash.
#include "generator/single_file.h"

#include <catch2/catch.hpp>

#include "generator/build.h"

namespace morsel::gen {
namespace {

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
  CHECK(html.find("href=\"#re-cap\"") != std::string::npos);
  CHECK(html.find("href=\"#course/mod/first\"") != std::string::npos);
  CHECK(html.find("href=\"notes.txt\"") != std::string::npos);
  CHECK(html.find("src=\"data:image/png;base64,UE5HREFUQQ==\"") != std::string::npos);
  CHECK(html.find("src=\"data:image/png;base64,eHh4eHh4eHh4eA==\"") != std::string::npos);
  // Nothing is loaded: no external script or stylesheet.
  CHECK(html.find("<script src=") == std::string::npos);
  CHECK(html.find("<link rel=\"stylesheet\"") == std::string::npos);
  // Each lesson carries its own lesson data.
  CHECK(html.find("class=\"morsel-lesson-data\">{\"completion\"") != std::string::npos);
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
  CHECK(scripts == 4);
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
  CHECK(errors.Format().find("content/course/01-mod/01-first.md:15:60: error: link "
                             "'02-second.md#nowhere' names an anchor that does not exist "
                             "[broken-anchor]") != std::string::npos);
}

TEST_CASE("CSP hashes and Latin-1 to UTF-8") {
  // echo -n 'alert(1)' | openssl dgst -sha256 -binary | base64
  CHECK(CspHash("alert(1)") == "'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='");
  CHECK(Latin1ToUtf8("a\xe9\x80") == "a\xc3\xa9\xc2\x80");
}

}  // namespace
}  // namespace morsel::gen
