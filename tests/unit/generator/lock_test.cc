#include "generator/lock.h"

#include <catch2/catch.hpp>

#include "generator/build.h"

namespace morsel::gen {
namespace {

const char* kLesson =
    "---\ntitle: Lesson\n---\nSome text that identifies this lesson.\n\n"
    "```quiz\nquestions:\n  - prompt: \"Q\"\n    options:\n      - text: a\n        correct: true\n"
    "      - text: b\n```\n";

MemoryFileSystem Site() {
  MemoryFileSystem fs;
  std::string error;
  fs.WriteFile("content/site.yml", "title: T\nid: t\n", &error);
  fs.WriteFile("content/course/_index.md", "---\ntitle: C\n---\n", &error);
  fs.WriteFile("content/course/01-mod/_index.md", "---\ntitle: M\n---\n", &error);
  fs.WriteFile("content/course/01-mod/01-lesson.md", kLesson, &error);
  return fs;
}

bool Build(MemoryFileSystem* fs, std::string* diagnostics, bool allow_change = false) {
  DiagnosticSink sink;
  BuildStats stats;
  BuildOptions options;
  options.allow_site_id_change = allow_change;
  bool ok = BuildSite(fs, options, &stats, &sink);
  *diagnostics = sink.Format();
  return ok;
}

std::string File(const MemoryFileSystem& fs, const std::string& path) {
  auto it = fs.files().find(path);
  return it == fs.files().end() ? "" : it->second;
}

TEST_CASE("the first build records ids; a moved and renamed lesson keeps its id") {
  MemoryFileSystem fs = Site();
  std::string d;
  REQUIRE(Build(&fs, &d));
  std::string lock = File(fs, "content/morsel.lock");
  CHECK(lock.find("\"course/mod/lesson\":\n    kind: lesson\n    path: \"course/01-mod/01-lesson.md\"") !=
        std::string::npos);
  CHECK(lock.find("- id: \"quiz-1\"") != std::string::npos);
  CHECK(File(fs, "site/course/mod/lesson.html").find("course/mod/lesson:quiz-1") != std::string::npos);

  // Unchanged content leaves the lock byte for byte as it was.
  REQUIRE(Build(&fs, &d));
  CHECK(File(fs, "content/morsel.lock") == lock);

  // Move and rename the lesson: its id (and so learners' progress) stays.
  std::string error;
  fs.RemoveAll("content/course/01-mod/01-lesson.md", &error);
  fs.WriteFile("content/course/01-mod/05-renamed.md", kLesson, &error);
  REQUIRE(Build(&fs, &d));
  std::string page = File(fs, "site/course/mod/renamed.html");
  CHECK(page.find("\"id\":\"course/mod/lesson\"") != std::string::npos);
  CHECK(page.find("course/mod/lesson:quiz-1") != std::string::npos);
  CHECK(File(fs, "content/morsel.lock").find("path: \"course/01-mod/05-renamed.md\"") != std::string::npos);
}

TEST_CASE("re-worded content keeps its id by path; a new lesson gets a new one") {
  MemoryFileSystem fs = Site();
  std::string d, error;
  REQUIRE(Build(&fs, &d));
  std::string text = kLesson;
  text.replace(text.find("Some text"), 9, "Other words");
  fs.WriteFile("content/course/01-mod/01-lesson.md", text, &error);
  fs.WriteFile("content/course/01-mod/02-second.md", "---\ntitle: Second\n---\nNew.\n", &error);
  REQUIRE(Build(&fs, &d));
  CHECK(File(fs, "site/course/mod/lesson.html").find("\"id\":\"course/mod/lesson\"") != std::string::npos);
  CHECK(File(fs, "content/morsel.lock").find("\"course/mod/second\":") != std::string::npos);
}

TEST_CASE("reordered blocks keep their ids by content") {
  MemoryFileSystem fs = Site();
  std::string d, error;
  std::string two = std::string(kLesson) +
                    "\n```quiz\nquestions:\n  - prompt: \"Other\"\n    options:\n      - text: x\n"
                    "        correct: true\n      - text: y\n```\n";
  fs.WriteFile("content/course/01-mod/01-lesson.md", two, &error);
  REQUIRE(Build(&fs, &d));
  // Swap the two blocks.
  size_t second = two.find("\n```quiz\nquestions:\n  - prompt: \"Other\"");
  size_t first = two.find("```quiz");
  std::string swapped = two.substr(0, first) + two.substr(second + 1) + "\n" +
                        two.substr(first, second - first);
  fs.WriteFile("content/course/01-mod/01-lesson.md", swapped, &error);
  REQUIRE(Build(&fs, &d));
  std::string page = File(fs, "site/course/mod/lesson.html");
  CHECK(page.find("course/mod/lesson:quiz-2/q1") < page.find("course/mod/lesson:quiz-1/q1"));
}

TEST_CASE("a changed site id is refused unless allowed") {
  MemoryFileSystem fs = Site();
  std::string d, error;
  REQUIRE(Build(&fs, &d));
  fs.WriteFile("content/site.yml", "title: T\nid: other\n", &error);
  CHECK_FALSE(Build(&fs, &d));
  CHECK(d ==
        "content/site.yml:2:5: error: site id changed from 't' (recorded in morsel.lock) to "
        "'other': every learner's progress would be lost [site-id-changed]\n"
        "    id: other\n"
        "        ^\n"
        "  hint: change it back, or pass --allow-site-id-change if learners really must start over\n"
        "morsel: 1 error, 0 warnings\n");
  REQUIRE(Build(&fs, &d, true));
  CHECK(File(fs, "content/morsel.lock").find("site: \"other\"") != std::string::npos);
}

TEST_CASE("a damaged lock is reported, not overwritten") {
  MemoryFileSystem fs = Site();
  std::string d, error;
  fs.WriteFile("content/morsel.lock", "site: t\npages:\n  x: 3\n", &error);
  CHECK_FALSE(Build(&fs, &d));
  CHECK(d.find("content/morsel.lock:3:6: error: morsel.lock is damaged: entry 'x' needs 'kind' "
               "and 'path' [lock-damaged]") != std::string::npos);
  CHECK(File(fs, "content/morsel.lock") == "site: t\npages:\n  x: 3\n");
}

TEST_CASE("fingerprints are stable") {
  CHECK(Fingerprint("") == "cbf29ce484222325");
  CHECK(Fingerprint("a") == "af63dc4c8601ec8c");
}

}  // namespace
}  // namespace morsel::gen
