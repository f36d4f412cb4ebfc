#include "generator/lock.h"

#include <catch2/catch.hpp>

#include "generator/build.h"
#include "tests/unit/generator/site_fixture.h"

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

/// `morsel check`: the diagnostics, with nothing written.
std::string Check(MemoryFileSystem* fs) { return CheckDiagnostics(fs); }

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
  std::string swapped = two.substr(0, first) + two.substr(second + 1) + "\n" + two.substr(first, second - first);
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

const char* kLessonFile = "content/course/01-mod/01-lesson.md";

const char* kQuestions =
    "---\ntitle: Lesson\n---\nSome text.\n\n"
    "```quiz\nquestions:\n"
    "  - id: pick\n    prompt: \"Pick the safe one\"\n    options:\n"
    "      - text: a\n        correct: true\n        feedback: \"Yes\"\n"
    "      - text: b\n        feedback: \"No\"\n"
    "  - id: policy\n    type: attestation\n    prompt: \"I have read the policy.\"\n"
    "```\n";

/// The lesson's text with one edit.
std::string Edited(const std::string& from, const std::string& to) {
  std::string text = kQuestions;
  size_t at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

/// A site built once from kQuestions, so that its lock holds the baseline.
MemoryFileSystem Published() {
  MemoryFileSystem fs = Site();
  std::string d, error;
  fs.WriteFile(kLessonFile, kQuestions, &error);
  REQUIRE(Build(&fs, &d));
  REQUIRE(d.empty());
  return fs;
}

/// The edited site warns `expected` on every check (check writes nothing) and on the next
/// build, which records the edit in the lock: the build after it warns no more.
void WarnsUntilBuilt(MemoryFileSystem* fs, const std::string& expected) {
  const std::string lock = File(*fs, "content/morsel.lock");
  CHECK(Check(fs) == expected);
  CHECK(Check(fs) == expected);
  CHECK(File(*fs, "content/morsel.lock") == lock);
  std::string d;
  REQUIRE(Build(fs, &d));
  CHECK(d == expected);
  CHECK(File(*fs, "content/morsel.lock") != lock);
  REQUIRE(Build(fs, &d));
  CHECK(d.empty());
}

TEST_CASE("the lock records each question's answer fingerprint, in page order") {
  MemoryFileSystem fs = Published();
  const std::string lock = File(fs, "content/morsel.lock");
  CHECK(lock.find("      - id: \"quiz-1\"\n        fingerprint: \"") != std::string::npos);
  const size_t questions = lock.find("        questions:\n          - id: \"pick\"\n            answer: \"");
  REQUIRE(questions != std::string::npos);
  CHECK(lock.find("          - id: \"policy\"\n            answer: \"", questions) != std::string::npos);
  // Read back and written again unchanged: a build of the same content keeps the bytes.
  std::string d;
  REQUIRE(Build(&fs, &d));
  CHECK(File(fs, "content/morsel.lock") == lock);
}

TEST_CASE("a lock of 24,000 questions, over 100000 YAML values at 12 bytes a value, is read") {
  MemoryFileSystem fs = Site();
  std::string lesson = "---\ntitle: L\n---\nText.\n\n```quiz\nquestions:\n";
  for (int q = 0; q < 1000; ++q) {
    lesson += "  - {id: q" + std::to_string(q) + ", prompt: Q, options: [{text: a, correct: true}, {text: b}]}\n";
  }
  std::string error;
  fs.WriteFile("content/course/01-mod/01-lesson.md", lesson + "```\n", &error);
  std::string d;
  REQUIRE(Build(&fs, &d));
  // The lesson's entry, repeated for 23 more lessons as a build of them would write it.
  std::string lock = File(fs, "content/morsel.lock");
  const size_t entry = lock.find("  \"course/mod/lesson\":\n");
  REQUIRE(entry != std::string::npos);
  const std::string text = lock.substr(entry);
  for (int i = 1; i < 24; ++i) {
    std::string copy = text;
    for (const std::string from : {"mod/lesson\"", "01-lesson.md\""}) {
      const size_t at = copy.find(from);
      REQUIRE(at != std::string::npos);
      copy.insert(at + from.size() - 1, std::to_string(i));
    }
    lock += copy;
  }
  REQUIRE(lock.size() < size_t{24000} * 5 * 16);  // denser than authors' files may be
  fs.WriteFile("content/morsel.lock", lock, &error);
  Lock read;
  DiagnosticSink sink;
  CHECK(read.Read(fs, "content", &sink));
  CHECK(sink.Format().empty());
}

TEST_CASE("a lock without answer fingerprints reads fine, warns of nothing and gains them") {
  MemoryFileSystem fs = Site();
  std::string d, error;
  fs.WriteFile(kLessonFile, kQuestions, &error);
  fs.WriteFile("content/morsel.lock",
               "site: \"t\"\npages:\n  \"course/mod/lesson\":\n    kind: lesson\n"
               "    path: \"course/01-mod/01-lesson.md\"\n    fingerprint: \"x\"\n"
               "    blocks:\n      - id: \"quiz-1\"\n        fingerprint: \"y\"\n",
               &error);
  CHECK(Check(&fs).empty());
  REQUIRE(Build(&fs, &d));
  CHECK(d.empty());
  CHECK(File(fs, "content/morsel.lock").find("          - id: \"pick\"\n            answer: \"") != std::string::npos);
}

TEST_CASE("a changed right answer warns at the question; a build records it as the baseline") {
  MemoryFileSystem fs = Published();
  std::string error;
  // Option b is now the right one.
  std::string text = Edited("        correct: true\n        feedback: \"Yes\"", "        feedback: \"Yes\"");
  text.replace(text.find("      - text: b\n"), 16, "      - text: b\n        correct: true\n");
  fs.WriteFile(kLessonFile, text, &error);
  const std::string expected =
      "content/course/01-mod/01-lesson.md:8:5: warning: the right answer of question 'pick' in block "
      "'quiz-1' changed: learners' earlier attempts will be marked stale and they will be asked again "
      "[answer-changed]\n"
      "      - id: pick\n"
      "        ^\n"
      "  hint: if it only fixes a typo in an accepted answer and earlier results should stand, set "
      "'stale_answers: keep' under 'progress' in site.yml; if the change is intended, build to record "
      "it in morsel.lock\n"
      "morsel: 0 errors, 1 warning\n";
  WarnsUntilBuilt(&fs, expected);
}

TEST_CASE("with stale_answers: keep the warning says learners keep their results") {
  MemoryFileSystem fs = Published();
  std::string error;
  fs.WriteFile("content/site.yml", "title: T\nid: t\nprogress:\n  stale_answers: keep\n", &error);
  std::string text = Edited("        correct: true\n        feedback: \"Yes\"", "        feedback: \"Yes\"");
  text.replace(text.find("      - text: b\n"), 16, "      - text: b\n        correct: true\n");
  fs.WriteFile(kLessonFile, text, &error);
  const std::string d = Check(&fs);
  CHECK(d.find("learners' earlier attempts will be marked stale (they keep their results: "
               "progress.stale_answers is 'keep') [answer-changed]") != std::string::npos);
  CHECK(d.find("  hint: if the change is intended, build to record it in morsel.lock\n") != std::string::npos);
}

TEST_CASE("a changed attestation statement warns that learners must confirm it again") {
  MemoryFileSystem fs = Published();
  std::string error;
  fs.WriteFile(kLessonFile, Edited("I have read the policy.", "I have read the 2027 policy."), &error);
  CHECK(Check(&fs) ==
        "content/course/01-mod/01-lesson.md:16:5: warning: the statement of attestation 'policy' in "
        "block 'quiz-1' changed: learners must confirm it again, and courses they completed reopen until "
        "they do [answer-changed]\n"
        "      - id: policy\n"
        "        ^\n"
        "  hint: if the change is intended, build to record it in morsel.lock; to keep learners' "
        "confirmations, restore the statement as it was\n"
        "morsel: 0 errors, 1 warning\n");
}

TEST_CASE("re-worded text, options and feedback keep answers: no warning") {
  MemoryFileSystem fs = Published();
  std::string d, error;
  std::string text = Edited("Pick the safe one", "Which one is safe?");
  text.replace(text.find("feedback: \"Yes\""), 15, "feedback: \"Right: it is safe.\"");
  text.replace(text.find("text: a"), 7, "text: \"the safe one\"");
  text.replace(text.find("Some text."), 10, "Other words entirely.");
  fs.WriteFile(kLessonFile, text, &error);
  CHECK(Check(&fs).empty());
  const std::string lock = File(fs, "content/morsel.lock");
  REQUIRE(Build(&fs, &d));
  CHECK(d.empty());
  // The block's content fingerprint follows the text; the answers stay as they were.
  const std::string after = File(fs, "content/morsel.lock");
  CHECK(after.substr(after.find("questions:")) == lock.substr(lock.find("questions:")));
}

TEST_CASE("a renamed question id warns at the new id, naming both") {
  MemoryFileSystem fs = Published();
  std::string error;
  fs.WriteFile(kLessonFile, Edited("id: pick", "id: choose"), &error);
  const std::string expected =
      "content/course/01-mod/01-lesson.md:8:9: warning: question id 'pick' in block 'quiz-1' is now "
      "'choose': answers learners gave to it are no longer shown [progress-reset]\n"
      "      - id: choose\n"
      "            ^\n"
      "  hint: keep the old id: write 'id: pick' on the question; if learners really must answer again, "
      "build to record the new id\n"
      "morsel: 0 errors, 1 warning\n";
  WarnsUntilBuilt(&fs, expected);
}

TEST_CASE("an added question or a removed one is no reset") {
  MemoryFileSystem fs = Published();
  std::string error;
  fs.WriteFile(kLessonFile, Edited("```\n", "  - id: extra\n    type: attestation\n    prompt: \"Also this.\"\n```\n"),
               &error);
  CHECK(Check(&fs).empty());
  const std::string text = kQuestions;
  const size_t from = text.find("  - id: policy");
  fs.WriteFile(kLessonFile, text.substr(0, from) + "```\n", &error);
  CHECK(Check(&fs).empty());
}

TEST_CASE("an author id that replaces a recorded page id warns once") {
  MemoryFileSystem fs = Published();
  std::string d, error;
  fs.WriteFile(kLessonFile, Edited("title: Lesson\n", "title: Lesson\nid: safe-choices\n"), &error);
  const std::string expected =
      "content/course/01-mod/01-lesson.md:3:5: warning: lesson id 'course/mod/lesson' (recorded in "
      "morsel.lock) is now 'safe-choices': the progress learners made under 'course/mod/lesson' is no "
      "longer shown [progress-reset]\n"
      "    id: safe-choices\n"
      "        ^\n"
      "  hint: keep the recorded id: change it back, or remove 'id' if the file had none; if learners "
      "really must start over, build to record the new id\n"
      "morsel: 0 errors, 1 warning\n";
  WarnsUntilBuilt(&fs, expected);
  // A moved file keeps its author id without a warning, and the lock's path follows it.
  fs.RemoveAll(kLessonFile, &error);
  fs.WriteFile("content/course/01-mod/07-moved.md", Edited("title: Lesson\n", "title: Lesson\nid: safe-choices\n"),
               &error);
  REQUIRE(Build(&fs, &d));
  CHECK(d.empty());
  CHECK(File(fs, "content/morsel.lock")
            .find("\"safe-choices\":\n    kind: lesson\n    path: \"course/01-mod/07-moved.md\"") != std::string::npos);
}

TEST_CASE("an author block id that replaces a recorded block id warns at the id") {
  MemoryFileSystem fs = Published();
  std::string error;
  fs.WriteFile(kLessonFile, Edited("```quiz\n", "```quiz\nid: safety\n"), &error);
  const std::string expected =
      "content/course/01-mod/01-lesson.md:7:5: warning: block id 'quiz-1' (recorded in morsel.lock) is "
      "now 'safety': answers learners gave in it are no longer shown [progress-reset]\n"
      "    id: safety\n"
      "        ^\n"
      "  hint: keep the recorded id: write 'id: quiz-1' on the block; if learners really must start "
      "over, build to record the new id\n"
      "morsel: 0 errors, 1 warning\n";
  WarnsUntilBuilt(&fs, expected);
  // Giving the recorded id explicitly is no change.
  MemoryFileSystem same = Published();
  same.WriteFile(kLessonFile, Edited("```quiz\n", "```quiz\nid: quiz-1\n"), &error);
  CHECK(Check(&same).empty());
}

TEST_CASE("a new block with an author id before a recorded one is no reset") {
  MemoryFileSystem fs = Published();
  std::string error;
  const std::string extra = "```quiz\nid: warm-up\nquestions:\n  - prompt: \"Ready?\"\n    type: attestation\n```\n\n";
  fs.WriteFile(kLessonFile, Edited("```quiz\n", extra + "```quiz\n"), &error);
  CHECK(Check(&fs).empty());
}

TEST_CASE("--strict: a warning fails the build and nothing is written") {
  MemoryFileSystem fs = Published();
  std::string error;
  const std::string lock = File(fs, "content/morsel.lock");
  fs.WriteFile(kLessonFile, Edited("id: pick", "id: choose"), &error);
  DiagnosticSink sink;
  BuildStats stats;
  BuildOptions options;
  options.strict = true;
  CHECK_FALSE(BuildSite(&fs, options, &stats, &sink));
  CHECK(sink.WarningCount() == 1);
  CHECK(File(fs, "content/morsel.lock") == lock);
}

TEST_CASE("fingerprints are stable") {
  CHECK(Fingerprint("") == "cbf29ce484222325");
  CHECK(Fingerprint("a") == "af63dc4c8601ec8c");
}

// A duplicate id's error comes before the warnings it causes: a copy of a lesson that keeps
// its id is compared with the lesson's recorded answers, and ids given to two lessons
// replace each one's recorded id.
TEST_CASE("a duplicate id is reported before the warnings it causes") {
  MemoryFileSystem fs = Site();
  std::string d, error;
  std::string lesson = kLesson;
  fs.WriteFile(kLessonFile, lesson.insert(lesson.find("---\n", 4), "id: intro\n"), &error);
  REQUIRE(Build(&fs, &d));
  REQUIRE(d.empty());
  // A copy, sorted first, with the other option right.
  std::string copy = File(fs, kLessonFile);
  copy.replace(copy.find("        correct: true\n"), 22, "");
  copy.replace(copy.find("      - text: b\n"), 16, "      - text: b\n        correct: true\n");
  fs.WriteFile("content/course/01-mod/00-copy.md", copy, &error);
  const std::string checked = Check(&fs);
  INFO(checked);
  CHECK(checked.find("content/course/01-mod/00-copy.md:3:5: error: lesson id 'intro' is also used by "
                     "content/course/01-mod/01-lesson.md [duplicate-id]") == 0);
  CHECK(checked.find("[answer-changed]") != std::string::npos);

  // Two lessons given one id: the error, then each one's recorded id replaced.
  MemoryFileSystem two = Site();
  two.WriteFile("content/course/01-mod/02-other.md", "---\ntitle: Other\n---\nOther text.\n", &error);
  REQUIRE(Build(&two, &d));
  for (const char* path : {"content/course/01-mod/01-lesson.md", "content/course/01-mod/02-other.md"}) {
    std::string text = File(two, path);
    text.insert(text.find("---\n", 4), "id: same\n");
    two.WriteFile(path, text, &error);
  }
  const std::string same = Check(&two);
  INFO(same);
  CHECK(same.find("content/course/01-mod/01-lesson.md:3:5: error: lesson id 'same' is also used by "
                  "content/course/01-mod/02-other.md [duplicate-id]") == 0);
  CHECK(same.find("01-lesson.md:3:5: warning: lesson id 'course/mod/lesson' (recorded in morsel.lock) is now "
                  "'same'") != std::string::npos);
  CHECK(same.find("02-other.md:3:5: warning: lesson id 'course/mod/other'") != std::string::npos);
}

TEST_CASE("a block id used twice is reported at the first block, before its warnings") {
  MemoryFileSystem fs = Site();
  std::string d, error;
  const std::string second =
      "\n```quiz\nquestions:\n  - prompt: \"R\"\n    options:\n      - text: c\n        correct: true\n"
      "      - text: d\n```\n";
  fs.WriteFile(kLessonFile, std::string(kLesson) + second, &error);
  REQUIRE(Build(&fs, &d));
  // Both blocks renamed to one id: the first's recorded id is replaced, the second's clashes.
  std::string text = File(fs, kLessonFile);
  for (size_t at = text.find("```quiz\n"); at != std::string::npos; at = text.find("```quiz\n", at + 1)) {
    text.insert(at + 8, "id: check\n");
  }
  fs.WriteFile(kLessonFile, text, &error);
  CHECK(Check(&fs) ==
        "content/course/01-mod/01-lesson.md:7:5: error: block id 'check' is used twice in this lesson: here and at "
        "line 17 [duplicate-id]\n"
        "    id: check\n"
        "        ^\n"
        "  hint: give each block of a lesson its own id\n"
        "content/course/01-mod/01-lesson.md:7:5: warning: block id 'quiz-1' (recorded in morsel.lock) is now "
        "'check': answers learners gave in it are no longer shown [progress-reset]\n"
        "    id: check\n"
        "        ^\n"
        "  hint: keep the recorded id: write 'id: quiz-1' on the block; if learners really must start over, build to "
        "record the new id\n"
        "morsel: 1 error, 1 warning\n");
}

}  // namespace
}  // namespace morsel::gen
