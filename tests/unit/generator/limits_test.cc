// Hostile and oversized input against the whole generator (issue 13): every YAML file
// kind refuses a recursive alias with a positioned diagnostic, a theme name is a plain
// folder name, and each stated limit (docs/security.md "Limits") gives its diagnostic
// just past it and builds just under it. No timing is asserted.
#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include <catch2/catch.hpp>

#include "generator/build.h"
#include "generator/compile.h"
#include "generator/loader.h"
#include "generator/markdown.h"
#include "generator/yaml_json.h"
#include "tests/unit/generator/site_fixture.h"

namespace morsel::gen {
namespace {

Checked Check(MemoryFileSystem* fs) { return CheckSite(fs); }

/// `fs` fails `morsel check`, saying `expected` among its diagnostics.
void CheckRefused(MemoryFileSystem* fs, const std::string& expected) {
  Checked c = Check(fs);
  CHECK_FALSE(c.ok);
  INFO(c.diagnostics);
  CHECK(c.diagnostics.find(expected) != std::string::npos);
}

const char* kQuiz =
    "```quiz\n"
    "questions:\n"
    "  - prompt: Which?\n"
    "    options:\n"
    "      - text: A\n"
    "        correct: true\n"
    "      - text: B\n"
    "```\n";

TEST_CASE("a self-referencing alias is refused at the alias in front matter, blocks, site.yml and morsel.lock") {
  SECTION("front matter") {
    MemoryFileSystem fs = OneLessonSite("Text.\n");
    std::string error;
    fs.WriteFile("content/course/01-mod/01-lesson.md", "---\ntitle: L\ntags: &a [*a]\n---\nText.\n", &error);
    CheckRefused(&fs,
                 "content/course/01-mod/01-lesson.md:3:11: error: alias '*a' is inside the value it "
                 "names");
  }
  SECTION("quiz block") {
    MemoryFileSystem fs = OneLessonSite("```quiz\nquestions: &q [*q]\n```\n");
    CheckRefused(&fs, "01-lesson.md:5:16: error: alias '*q'");
  }
  SECTION("site.yml") {
    MemoryFileSystem fs = OneLessonSite("Text.\n", "title: T\nid: t\ndescription: &d {x: *d}\n");
    CheckRefused(&fs, "content/site.yml:3:21: error: alias '*d'");
  }
  SECTION("morsel.lock") {
    MemoryFileSystem fs = OneLessonSite("Text.\n");
    std::string error;
    fs.WriteFile("content/morsel.lock", "site: &s [*s]\n", &error);
    CheckRefused(&fs, "content/morsel.lock:1:11: error: alias '*s'");
  }
}

TEST_CASE("theme names are plain folder names; an unknown one is reported even with a quiz to render") {
  for (const char* name : {"corporate", "../../x", "../themes/min", "/etc", "a/b"}) {
    INFO(name);
    MemoryFileSystem fs = OneLessonSite(kQuiz, std::string("title: T\nid: t\ntheme: ") + name + "\n");
    std::string error;
    // A theme folder the path would reach if it were followed.
    fs.WriteFile("themes/min/templates/quiz.mustache", "stolen", &error);
    CheckRefused(&fs, "[unknown-theme]");
  }
  MemoryFileSystem fs = OneLessonSite(kQuiz, "title: T\nid: t\ntheme: min\n");
  std::string error;
  fs.WriteFile("themes/min/i18n/en.json", "{}", &error);
  CHECK(Check(&fs).ok);
}

TEST_CASE("a lesson of 2 MB is checked; one byte more is too large") {
  const std::string head = "---\ntitle: Lesson\n---\n";
  std::string body(kMaxMarkdownBytes - 1, 'a');
  body += "\n";
  MemoryFileSystem fs = OneLessonSite(body);
  CHECK(Check(&fs).ok);
  fs = OneLessonSite(body + "b");
  CheckRefused(&fs,
               "01-lesson.md:4:1: error: the text is 2048 KB: Markdown files may hold at most 2 MB "
               "[too-large]");
}

/// A MemoryFileSystem that records which files were read.
class ReadRecorder : public MemoryFileSystem {
 public:
  explicit ReadRecorder(MemoryFileSystem files) : MemoryFileSystem(std::move(files)) {}
  bool ReadFile(const std::string& path, std::string* contents, std::string* error) const override {
    read_.push_back(path);
    return MemoryFileSystem::ReadFile(path, contents, error);
  }
  bool Read(const std::string& path) const { return std::count(read_.begin(), read_.end(), path) > 0; }

 private:
  mutable std::vector<std::string> read_;
};

TEST_CASE("a text file larger than any valid page, or a morsel.lock past 8 MB, is refused without being read") {
  CHECK(kMaxTextFileBytes >= kMaxYamlBytes + kMaxMarkdownBytes + std::string("---\n---\n").size());
  std::string error;
  ReadRecorder fs(OneLessonSite("Text.\n"));
  fs.WriteFile("content/course/01-mod/02-huge.md", std::string(kMaxTextFileBytes + 1, 'a'), &error);
  Checked c = Check(&fs);
  CHECK_FALSE(c.ok);
  CHECK(c.diagnostics.find("content/course/01-mod/02-huge.md: error: the file is 10240 KB: Morsel reads text files of "
                           "at most 10 MB (front matter up to 8 MB, text up to 2 MB) [too-large]") !=
        std::string::npos);
  CHECK_FALSE(fs.Read("content/course/01-mod/02-huge.md"));
  CHECK(fs.Read("content/course/01-mod/01-lesson.md"));

  ReadRecorder at_limit(OneLessonSite("Text.\n"));
  at_limit.WriteFile("content/course/01-mod/02-huge.md", std::string(kMaxTextFileBytes, 'a'), &error);
  Check(&at_limit);
  CHECK(at_limit.Read("content/course/01-mod/02-huge.md"));

  ReadRecorder lock(OneLessonSite("Text.\n"));
  lock.WriteFile("content/morsel.lock", std::string(kMaxYamlBytes + 1, '#'), &error);
  c = Check(&lock);
  CHECK(c.diagnostics.find("content/morsel.lock: error: morsel.lock is 8192 KB: at most 8 MB is read") !=
        std::string::npos);
  CHECK_FALSE(lock.Read("content/morsel.lock"));
}

TEST_CASE("a table of 100 columns is checked; 101 columns are too large") {
  auto table = [](int columns) {
    std::string head = "|", rule = "|", row = "|";
    for (int i = 0; i < columns; ++i) {
      head += "h|";
      rule += "-|";
      row += "c|";
    }
    return head + "\n" + rule + "\n" + row + "\n";
  };
  MemoryFileSystem fs = OneLessonSite(table(kMaxTableColumns));
  CHECK(Check(&fs).ok);
  fs = OneLessonSite(table(kMaxTableColumns + 1));
  CheckRefused(&fs, "01-lesson.md:4:203: error: a line holds more than 100 table cells ('|') [too-large]");
  // Lines counted as cmark counts them: a lone CR ends one.
  std::string mac = "Text.\r\r" + table(kMaxTableColumns + 1);
  std::replace(mac.begin(), mac.end(), '\n', '\r');
  fs = OneLessonSite(mac);
  CheckRefused(&fs, "01-lesson.md:6:203: error: a line holds more than 100 table cells");
}

TEST_CASE("Markdown nested 100 levels deep is checked; 101 levels are too deep") {
  // The document itself is the first level.
  std::string quotes;
  for (int i = 0; i < kMaxMarkdownDepth - 2; ++i) quotes += "> ";  // + document + paragraph
  MemoryFileSystem fs = OneLessonSite(quotes + "deep\n");
  CHECK(Check(&fs).ok);
  std::string list;
  for (int i = 0; i < kMaxMarkdownDepth; ++i) list += std::string(static_cast<size_t>(2 * i), ' ') + "- x\n";
  fs = OneLessonSite(list);
  CheckRefused(&fs, "[too-deep]");
  // In a quiz's text too.
  fs = OneLessonSite("```quiz\nquestions:\n  - prompt: \"" + std::string(kMaxMarkdownDepth, '>') +
                     " x\"\n    options:\n      - text: A\n        correct: true\n      - text: B\n```\n");
  CheckRefused(&fs, "01-lesson.md:4:1: error: Markdown is nested more than 100 levels deep");
}

TEST_CASE("a byte order mark before a quiz fence still opens the quiz") {
  MemoryFileSystem fs = OneLessonSite("Text.\n\n\xEF\xBB\xBF```quiz\nquestions: []\n```\n");
  CheckRefused(&fs, "[quiz-empty]");
}

TEST_CASE("a lesson with CR-only line ends has its front matter read") {
  MemoryFileSystem fs = OneLessonSite("");
  std::string error;
  fs.WriteFile("content/course/01-mod/01-lesson.md", "---\rtitle: Lesson\rweight: x\r---\rText.\r", &error);
  Checked c = Check(&fs);
  CHECK_FALSE(c.ok);
  CHECK(c.diagnostics.find("01-lesson.md:3:9: error: 'weight' must be a whole number") != std::string::npos);
  CHECK(c.diagnostics.find("missing-key") == std::string::npos);
}

TEST_CASE("a NUL in a title is refused where it is written") {
  MemoryFileSystem fs = OneLessonSite("");
  std::string error;
  fs.WriteFile("content/course/01-mod/01-lesson.md", "---\ntitle: \"A\\0B\"\n---\nText.\n", &error);
  CheckRefused(&fs, "01-lesson.md:2:8: error: text holds the control character U+0000");
}

TEST_CASE("a lesson of 1000 questions is checked; question 1001 is too large") {
  auto quiz = [](size_t questions) {
    std::string text = "```quiz\nquestions:\n";
    for (size_t i = 0; i < questions; ++i) {
      text +=
          "  - prompt: Q" + std::to_string(i) + "\n    options:\n      - {text: A, correct: true}\n      - text: B\n";
    }
    return text + "```\n";
  };
  MemoryFileSystem fs = OneLessonSite(quiz(kMaxQuestionsPerLesson - 1) + "\n" + quiz(1));
  CHECK(Check(&fs).ok);
  fs = OneLessonSite(quiz(kMaxQuestionsPerLesson - 1) + "\n" + quiz(2));
  CheckRefused(&fs,
               ":4010:5: error: a lesson may hold at most 1000 questions: this is question 1001 "
               "[too-large]");
}

TEST_CASE("a theme's string catalogue nests at most 64 levels deep") {
  auto nested = [](int levels) {
    std::string text = "{\"theme\": {\"next_lesson\": \"Onward\"}, \"x\": ";
    for (int i = 0; i < levels - 1; ++i) text += "[";
    for (int i = 0; i < levels - 1; ++i) text += "]";
    return text + "}";
  };
  MemoryFileSystem fs = OneLessonSite("Text.\n");
  std::string error;
  fs.WriteFile("theme/i18n/en.json", nested(64), &error);
  CHECK(Check(&fs).ok);
  fs.WriteFile("theme/i18n/en.json", nested(65), &error);
  CheckRefused(&fs,
               "theme/i18n/en.json: error: the string catalogue is nested more than 64 levels deep "
               "[theme-strings]");
}

}  // namespace
}  // namespace morsel::gen
