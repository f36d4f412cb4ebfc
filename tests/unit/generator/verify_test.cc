// `morsel verify` (generator/verify.h): receipts made by the core's api from states built by
// grading real answers to a compiled site's blocks, then verified against that source.
#include "generator/verify.h"

#include <catch2/catch.hpp>

#include "generator/build.h"
#include "generator/lock.h"
#include "generator/theme.h"
#include "runtime/core/api.h"
#include "runtime/core/receipt.h"
#include "tests/unit/generator/site_fixture.h"

namespace morsel::gen {
namespace {

using nlohmann::json;

/// A quiz of two single-choice questions; q2's right option is `right_q2` (0 or 1), and
/// each question allows one attempt.
std::string Lesson(int right_q2 = 1) {
  return "Read.\n\n```quiz\nid: check\nattempts: 1\nquestions:\n"
         "  - id: q1\n    prompt: One?\n    options:\n      - text: yes\n        correct: true\n      - text: no\n"
         "  - id: q2\n    prompt: Two?\n    options:\n      - text: a\n" +
         std::string(right_q2 == 0 ? "        correct: true\n" : "") + "      - text: b\n" +
         std::string(right_q2 == 1 ? "        correct: true\n" : "") + "```\n";
}

/// A site of one course ("course", pass mark 50, recertified after 12 months) whose one
/// lesson completes once both questions are answered.
MemoryFileSystem TeamSite(int right_q2 = 1) {
  MemoryFileSystem fs = OneLessonSite("", "title: Team & Co\nid: team\n");
  std::string error;
  fs.WriteFile("content/course/01-mod/01-lesson.md", "---\ntitle: Lesson\ncompletion: answer\n---\n" + Lesson(right_q2),
               &error);
  fs.WriteFile("content/course/_index.md", "---\ntitle: Course\npass_mark: 50\nrecertify_after: 12 months\n---\n",
               &error);
  return fs;
}

json Call(std::string (*api)(std::string_view), const json& input) {
  json out = json::parse(api(input.dump()));
  INFO(out.dump());
  REQUIRE(out["ok"] == true);
  return out;
}

/// The compiled site of `fs`, as verify loads it.
Site Compiled(const MemoryFileSystem& fs) {
  BuildOptions options;
  options.check_only = true;
  const ConfinedFileSystem source(fs, SourceFolders(options));
  Site site;
  Theme theme;
  Lock lock;
  DiagnosticSink sink;
  INFO(sink.Format());
  REQUIRE(CompileStages(source, options, &site, &theme, &lock, &sink));
  return site;
}

json Now(int64_t ms) { return {{"epoch_ms", ms}, {"local_date", "2026-03-15"}, {"utc_offset_min", 0}}; }

/// A learner named `name` who answers q1 and q2 with `choices` on the site's lesson page, as
/// the page calls the core, then downloads the receipt: its text.
std::string Receipt(const MemoryFileSystem& fs, const std::string& learner, const std::string& name,
                    std::pair<int, int> choices) {
  const Site site = Compiled(fs);
  const json source = VerifySource(site, site.courses.at(0));
  const json& entry = source["course"]["lessons"][0];
  const int64_t start = 1773532800000;  // 2026-03-15T00:00:00Z
  json state = Call(core::ApiLoadState, {{"stored", nullptr}, {"learner", learner}, {"now", Now(start)}})["state"];
  json visit = Call(core::ApiVisit,
                    {{"state", state}, {"lesson", entry["lesson"]}, {"blocks", entry["blocks"]}, {"now", Now(start)}});
  state = visit["state"];
  int64_t at = start;
  for (const auto& [question, choice] : {std::pair<std::string, int>{"q1", choices.first}, {"q2", choices.second}}) {
    state = Call(core::ApiAnswer, {{"state", state},
                                   {"lesson", visit["lesson"]},
                                   {"block", entry["blocks"][0]},
                                   {"question", question},
                                   {"response", {{"choice", choice}}},
                                   {"now", Now(at += 60000)}})["state"];
  }
  const json& scoring = source["course"]["scoring"];
  state = Call(core::ApiCourseProgress, {{"state", state}, {"course", scoring}, {"now", Now(at + 5)}})["state"];
  json course = scoring;
  course["title"] = "Course";
  course["lessons"][0]["fingerprints"] = source["course"]["fingerprints"];
  return Call(core::ApiReceipt,
              {{"state", state},
               {"site", {{"id", "team"}, {"title", "Team & Co"}, {"content_version", site.content_version}}},
               {"course", course},
               {"learner_name", name},
               {"now", Now(at + 60000)}})["receipt"]
      .get<std::string>();
}

struct Verified {
  std::vector<ReceiptReport> reports;
  std::string site_title;
};

/// `morsel verify` of `files` (written into `fs` first) against the content folder.
Verified Verify(MemoryFileSystem* fs, const std::map<std::string, std::string>& files) {
  VerifyOptions options;
  std::string error;
  for (const auto& [path, text] : files) {
    fs->WriteFile(path, text, &error);
    options.receipts.push_back(path);
  }
  Verified out;
  DiagnosticSink sink;
  INFO(sink.Format());
  REQUIRE(VerifyReceipts(*fs, options, &out.reports, &out.site_title, &sink));
  REQUIRE(out.reports.size() == files.size());
  return out;
}

std::string Version(const MemoryFileSystem& fs) { return Compiled(fs).content_version; }

TEST_CASE("a valid pass verifies with a verdict line and exit status 0", "[verify]") {
  MemoryFileSystem fs = TeamSite();
  const std::string text = Receipt(fs, "learner-a", "Ada", {0, 1});
  const Verified v = Verify(&fs, {{"ada.json", text}});
  const ReceiptReport& r = v.reports[0];
  CHECK(r.Valid());
  CHECK(VerdictLine(r) ==
        "ada.json: Ada, course: PASSED 100% (pass mark 50%), content " + Version(fs) + " matches, checksum ok");
  CHECK(VerdictDetails(r).empty());
  CHECK(r.passed_on == "2026-03-15");
  CHECK(r.due_on == "2027-03-15");
}

TEST_CASE("a failed attempt is reported as FAILED, not valid", "[verify]") {
  MemoryFileSystem fs = TeamSite();
  // Both wrong, one attempt each: the pass mark is out of reach.
  const Verified v = Verify(&fs, {{"bob.json", Receipt(fs, "learner-b", "Bob", {1, 0})}});
  const ReceiptReport& r = v.reports[0];
  CHECK_FALSE(r.Valid());
  CHECK(VerdictLine(r) == "bob.json: Bob, course: FAILED 0% (pass mark 50%), content " + Version(fs) +
                              " matches, checksum ok — not valid: the course is not passed");
  CHECK(r.due_on.empty());
}

TEST_CASE("a hand-edited receipt fails its checksum and re-grading disagrees", "[verify]") {
  MemoryFileSystem fs = TeamSite();
  json receipt = json::parse(Receipt(fs, "learner-c", "Cy", {0, 0}));  // q2 wrong: 50%, a pass
  json& q2 = receipt["questions"]["course/mod/lesson:check/q2"]["attempts"][0];
  REQUIRE(q2.is_object());
  q2["correct"] = true;
  q2["score"] = 1;
  receipt["progress"]["percent"] = 100;
  const Verified v = Verify(&fs, {{"cy.json", receipt.dump(2)}});
  const ReceiptReport& r = v.reports[0];
  CHECK_FALSE(r.Valid());
  CHECK(VerdictLine(r) == "cy.json: Cy, course: PASSED 50% (pass mark 50%), content " + Version(fs) +
                              " matches, checksum FAILED — not valid: its checksum does not match: the file was "
                              "changed after it was made (and 2 more)");
  CHECK(VerdictDetails(r) ==
        "  problem: its checksum does not match: the file was changed after it was made\n"
        "  problem: attempt 1 at 'course/mod/lesson:check/q2': recorded right (1/1), re-graded not right (0/1)\n"
        "  problem: the receipt records 100%, re-grading gives 50%\n");
}

TEST_CASE("a receipt for an older content version names the block that changed", "[verify]") {
  MemoryFileSystem old_site = TeamSite(1);
  const std::string text = Receipt(old_site, "learner-d", "Di", {0, 1});
  MemoryFileSystem fs = TeamSite(0);  // q2's right answer is now the other option
  const Verified v = Verify(&fs, {{"di.json", text}});
  const ReceiptReport& r = v.reports[0];
  // Re-graded against the current answer, the learner still passes (50%): valid, and said.
  CHECK(r.Valid());
  CHECK(VerdictLine(r) == "di.json: Di, course: PASSED 50% (pass mark 50%), content " + Version(old_site) +
                              " differs from " + Version(fs) + " (changed: course/mod/lesson:check), checksum ok");
  CHECK(VerdictDetails(r).find("  note: attempt 1 at 'course/mod/lesson:check/q2': recorded right (1/1), re-graded "
                               "not right (0/1) (its answer changed since)\n") != std::string::npos);
}

TEST_CASE("a batch as CSV and as the team report", "[verify]") {
  MemoryFileSystem fs = TeamSite();
  json edited = json::parse(Receipt(fs, "learner-e", "<Eve & \"Co\">", {0, 1}));
  edited["learner"]["name"] = "=HYPERLINK(\"x\")";
  const Verified v = Verify(&fs, {{"a.json", Receipt(fs, "learner-a", "Ada", {0, 1})},
                                  {"b.json", Receipt(fs, "learner-b", "Bob, Jr.", {1, 0})},
                                  {"e.json", Receipt(fs, "learner-e", "<Eve & \"Co\">", {0, 1})},
                                  {"f.json", edited.dump()},
                                  {"g.json", "not json"}});
  const std::string version = Version(fs);
  CHECK(
      VerifyCsv(v.reports) ==
      "file,learner,learner id,course,course title,result,valid,score,pass mark,passed on,due again on,badges,"
      "content,checksum,problems\r\n"
      "a.json,Ada,learner-a,course,Course,PASSED,yes,100%,50%,2026-03-15,2027-03-15,,content " +
          version +
          " matches,ok,\r\n"
          "b.json,\"Bob, Jr.\",learner-b,course,Course,FAILED,no,0%,50%,,,,content " +
          version +
          " matches,ok,\r\n"
          "e.json,\"<Eve & \"\"Co\"\">\",learner-e,course,Course,PASSED,yes,100%,50%,2026-03-15,2027-03-15,,content " +
          version +
          " matches,ok,\r\n"
          "f.json,\"'=HYPERLINK(\"\"x\"\")\",learner-e,course,Course,PASSED,no,100%,50%,2026-03-15,2027-03-15,,"
          "content " +
          version +
          " matches,FAILED,its checksum does not match: the file was changed after it was made\r\n"
          "g.json,,,,,NOT VERIFIED,no,,,,,,,,it is not JSON (or nests deeper than 64 levels)\r\n");
  const std::string html = VerifyHtml(v.site_title, v.reports);
  CHECK(html.find("<title>Completion receipts · Team &amp; Co</title>") != std::string::npos);
  CHECK(html.find("<p>5 receipts, 2 valid passes,") != std::string::npos);
  CHECK(html.find("<td>&lt;Eve &amp; &quot;Co&quot;&gt;</td>") != std::string::npos);
  CHECK(html.find("<Eve") == std::string::npos);
  CHECK(html.find("<script") == std::string::npos);
  // What is due again: the valid passes only, soonest first.
  CHECK(html.find("<tr><td>2027-03-15</td><td>Ada</td><td>Course</td><td>2026-03-15</td><td>12 months</td></tr>\n"
                  "<tr><td>2027-03-15</td><td>&lt;Eve &amp; &quot;Co&quot;&gt;</td>") != std::string::npos);
}

TEST_CASE("files that are not receipts get a reason each, and the others still a verdict", "[verify]") {
  MemoryFileSystem fs = TeamSite();
  json other = json::parse(Receipt(fs, "learner-a", "Ada", {0, 1}));
  other["course"]["id"] = "history";
  const Verified v = Verify(&fs, {{"1.json", ""},
                                  {"2.json", "[1, 2]"},
                                  {"3.json", "{\"format\": \"morsel-progress\"}"},
                                  {"4.json", other.dump()},
                                  {"5.json", std::string(100, '[') + std::string(100, ']')},
                                  {"6.json", Receipt(fs, "learner-a", "Ada", {0, 1})}});
  std::vector<std::string> lines;
  for (const ReceiptReport& r : v.reports) lines.push_back(VerdictLine(r));
  CHECK(lines[0] == "1.json: not verified: it is not JSON (or nests deeper than 64 levels)");
  CHECK(lines[1] == "2.json: not verified: it is not a receipt Morsel can read: it is not a JSON object");
  CHECK(lines[2] ==
        "3.json: not verified: it is not a receipt Morsel can read: it is not a Morsel completion "
        "receipt (no \"format\": \"morsel-receipt\")");
  CHECK(lines[3] == "4.json: not verified: the source has no course 'history'");
  CHECK(lines[4] == "5.json: not verified: it is not JSON (or nests deeper than 64 levels)");
  CHECK(v.reports[5].Valid());
}

TEST_CASE("content with errors verifies nothing", "[verify]") {
  MemoryFileSystem fs = TeamSite();
  std::string error;
  fs.WriteFile("content/course/01-mod/01-lesson.md", "---\ntitle: [\n---\n", &error);
  VerifyOptions options;
  options.receipts = {"x.json"};
  std::vector<ReceiptReport> reports;
  std::string title;
  DiagnosticSink sink;
  CHECK_FALSE(VerifyReceipts(fs, options, &reports, &title, &sink));
  CHECK(sink.ErrorCount() > 0);
  CHECK(reports.empty());
}

}  // namespace
}  // namespace morsel::gen
