// `morsel export answers` (generator/export.h): the answer key reviewers sign off, with
// the block ids the site itself uses.
#include "generator/export.h"

#include <catch2/catch.hpp>

#include "generator/build.h"
#include "tests/unit/generator/site_fixture.h"

namespace morsel::gen {
namespace {

const char* kQuiz =
    "```quiz\n"
    "%s"
    "questions:\n"
    "  - id: q1\n"
    "    prompt: Which is <b>phishing</b>?\n"
    "    options:\n"
    "      - text: \"The odd invoice\"\n"
    "        correct: true\n"
    "        feedback: \"Yes, check the sender\"\n"
    "      - text: \"The newsletter\"\n"
    "```\n";

std::string Quiz(const std::string& id_line) {
  std::string text = kQuiz;
  text.replace(text.find("%s"), 2, id_line);
  return text;
}

/// A site titled "Key & Co" whose one lesson reads "Read." and then `lesson_body`.
MemoryFileSystem Site(const std::string& lesson_body) {
  return OneLessonSite("Read.\n\n" + lesson_body, "title: Key & Co\nid: key\n");
}

constexpr const char* kCsvHeader =
    "course,module,lesson,source,block,question,type,prompt,points,accepted answer,feedback,scoring\r\n";

/// The answer key of the content folder "content" of `fs` in `format`; the export must
/// succeed.
std::string Exported(const FileSystem& fs, const char* format = "csv") {
  DiagnosticSink sink;
  std::string out;
  const bool ok = ExportAnswers(fs, "content", format, &out, &sink);
  INFO(sink.Format());
  REQUIRE(ok);
  return out;
}

/// The diagnostics of an export of `fs` that must fail and write nothing.
std::string Refused(const FileSystem& fs) {
  DiagnosticSink sink;
  std::string out;
  CHECK_FALSE(ExportAnswers(fs, "content", "csv", &out, &sink));
  CHECK(out.empty());
  return sink.Format();
}

TEST_CASE("the CSV has one row per question with its accepted answer, feedback and scoring") {
  CHECK(Exported(Site(Quiz("id: check\n"))) ==
        std::string(kCsvHeader) +
            "Course,Module,Lesson,content/course/01-mod/01-lesson.md:6,check,q1,single,Which is <b>phishing</b>?,1,"
            "The odd invoice,\"The odd invoice: Yes, check the sender\",1 point\r\n");
}

TEST_CASE("CSV cells that a spreadsheet would read as a formula are quoted with a leading apostrophe") {
  // OWASP's CSV injection rule: a cell starting with '=', '+', '-', '@', tab or CR gets a
  // "'" in front and is quoted, so Excel, LibreOffice and Sheets show it as text.
  MemoryFileSystem fs = Site(
      "```quiz\n"
      "id: check\n"
      "questions:\n"
      "  - id: q1\n"
      "    prompt: \"=1+1\"\n"
      "    options:\n"
      "      - text: \"@SUM(A1:A9)\"\n"
      "        correct: true\n"
      "      - text: \"2\"\n"
      "  - id: q2\n"
      "    prompt: \"+cmd|' /C calc'!A0\"\n"
      "    options:\n"
      "      - text: \"\\tTab\"\n"
      "        correct: true\n"
      "      - text: \"Space\"\n"
      "  - id: q3\n"
      "    prompt: \"-1 or 1?\"\n"
      "    options:\n"
      "      - text: \"\\rReturn\"\n"
      "        correct: true\n"
      "      - text: \"1\"\n"
      "```\n");
  CHECK(Exported(fs) == std::string(kCsvHeader) +
                            "Course,Module,Lesson,content/course/01-mod/01-lesson.md:6,check,q1,single,\"'=1+1\",1,"
                            "\"'@SUM(A1:A9)\",,1 point\r\n"
                            "Course,Module,Lesson,content/course/01-mod/01-lesson.md:6,check,q2,single,"
                            "\"'+cmd|' /C calc'!A0\",1,\"'\tTab\",,1 point\r\n"
                            "Course,Module,Lesson,content/course/01-mod/01-lesson.md:6,check,q3,single,\"'-1 or 1?\",1,"
                            "\"'\rReturn\",,1 point\r\n");
}

TEST_CASE("the HTML answer key escapes what authors wrote") {
  const std::string html = Exported(Site(Quiz("id: check\n")), "html");
  CHECK(html.find("<title>Answer key · Key &amp; Co</title>") != std::string::npos);
  CHECK(html.find("<td>Which is &lt;b&gt;phishing&lt;/b&gt;?</td>") != std::string::npos);
  CHECK(html.find("<p>1 questions. Confidential: for reviewers only.</p>") != std::string::npos);
}

TEST_CASE("a block keeps the id morsel.lock recorded for it, in the export as on the site") {
  // Built once with the author's id; the id line is then removed: the site keeps giving
  // the block its recorded id (learners' answers stay), and so does the export.
  MemoryFileSystem fs = Site(Quiz("id: check\n"));
  DiagnosticSink first;
  BuildStats stats;
  BuildOptions options;
  options.source = "content";
  options.out = "site";
  REQUIRE(BuildSite(&fs, options, &stats, &first));
  std::string error;
  fs.WriteFile("content/course/01-mod/01-lesson.md", "---\ntitle: Lesson\n---\nRead.\n\n" + Quiz(""), &error);
  DiagnosticSink sink;
  REQUIRE(BuildSite(&fs, options, &stats, &sink));
  INFO(sink.Format());
  std::string page;
  REQUIRE(fs.ReadFile("site/course/mod/lesson.html", &page, &error));
  CHECK(page.find("data-morsel-block=\"course/mod/lesson:check\"") != std::string::npos);
  const std::string csv = Exported(fs);
  CHECK(csv.find(",content/course/01-mod/01-lesson.md:6,check,q1,") != std::string::npos);
  CHECK(csv.find("quiz-1") == std::string::npos);
}

TEST_CASE("content with errors exports nothing and says why") {
  std::string broken = Quiz("id: check\n");
  broken.replace(broken.find("        correct: true\n"), 22, "");
  const std::string printed = Refused(Site(broken));
  CHECK(printed.find("[quiz-no-correct-answer]") != std::string::npos);
  CHECK(printed.find("content: error: the content has errors: its answers are not exported [export-invalid]\n"
                     "  hint: run 'morsel check' and fix what it reports\n") != std::string::npos);
}

TEST_CASE("content that does not check across pages exports nothing") {
  MemoryFileSystem fs = Site(Quiz("id: check\n"));
  std::string error;
  fs.WriteFile("content/course/01-mod/02-other.md", "---\ntitle: Other\nprerequisites: [nowhere]\n---\nText.\n",
               &error);
  const std::string printed = Refused(fs);
  CHECK(printed.find("[unknown-prerequisite]") != std::string::npos);
  CHECK(printed.find("[export-invalid]") != std::string::npos);
}

TEST_CASE("the export reads nothing outside the content folder, as a build does") {
  // A quiz's feedback shows an image that is a symbolic link to a file outside.
  std::string quiz = Quiz("id: check\n");
  quiz.replace(quiz.find("Yes, check the sender"), 21, "Yes: ![sender](leak.png)");
  LinkingFileSystem fs(Site(quiz), {{"content/course/01-mod/leak.png", "/home/author/secret.png"}});
  std::string error;
  fs.WriteFile("content/course/01-mod/leak.png", "the secret", &error);
  const std::string printed = Refused(fs);
  CHECK(printed.find("error: image 'leak.png' resolves to '/home/author/secret.png', outside the content folder "
                     "[outside-source]") != std::string::npos);
  CHECK(printed.find("[export-invalid]") != std::string::npos);
}

TEST_CASE("-o refuses a folder and any file in the content folder; another file may be replaced") {
  MemoryFileSystem fs = Site(Quiz("id: key\n"));
  std::string error;
  fs.WriteFile("elsewhere/old.csv", "old", &error);
  CHECK(UnsafeExportFile(fs, "content", "answers.csv").empty());
  CHECK(UnsafeExportFile(fs, "content", "elsewhere/old.csv").empty());
  CHECK(UnsafeExportFile(fs, "content", "content/site.yml") ==
        "'content/site.yml' is inside the content folder 'content': the answer key would be kept (and could be "
        "published) with the course, or replace one of its files");
  CHECK_FALSE(UnsafeExportFile(fs, "content", "content/course/new-answers.csv").empty());
  CHECK_FALSE(UnsafeExportFile(fs, "content/", "./content/../content/x.csv").empty());
  CHECK(UnsafeExportFile(fs, "content", "elsewhere") == "'elsewhere' is a folder: name the file to write");
}

}  // namespace
}  // namespace morsel::gen
