#include "generator/verify.h"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <set>

#include "generator/build.h"
#include "generator/html_escape.h"
#include "generator/lock.h"
#include "generator/render.h"
#include "generator/text.h"
#include "generator/theme.h"
#include "runtime/core/calendar.h"
#include "runtime/core/json_parse.h"
#include "runtime/core/quiz_runtime.h"
#include "runtime/core/receipt.h"
#include "runtime/core/scenario.h"

namespace morsel::gen {
namespace {

using nlohmann::json;

/// A receipt larger than this is not read: the largest learner state a browser keeps is
/// 256 KB, and a receipt holds one course of it.
constexpr int64_t kMaxReceiptBytes = 16 * 1024 * 1024;

/// A member of an object read without throwing: `fallback` when absent or of another type.
std::string Text(const json& doc, const char* key, const std::string& fallback = "") {
  const auto it = doc.is_object() ? doc.find(key) : doc.end();
  return doc.is_object() && it != doc.end() && it->is_string() ? it->get<std::string>() : fallback;
}

/// A percent for a verdict: whole when it is, else one decimal.
std::string Percent(const json& value) {
  if (!value.is_number()) return "?";
  const double rounded = std::round(value.get<double>() * 10) / 10;
  std::string text = json(rounded).dump();
  if (text.size() > 2 && text.compare(text.size() - 2, 2, ".0") == 0) text.resize(text.size() - 2);
  return text + "%";
}

/// Who a receipt is of: the learner's name, else their id.
std::string Who(const ReceiptReport& report) {
  const json& learner = report.receipt.is_object() ? report.receipt.value("learner", json::object()) : json::object();
  const std::string name = Text(learner, "name");
  return name.empty() ? Text(learner, "id", "?") : name;
}

std::string CourseId(const ReceiptReport& report) {
  return report.receipt.is_object() ? Text(report.receipt.value("course", json::object()), "id", "?") : "?";
}

/// "PASSED", "FAILED" or "INCOMPLETE".
std::string Status(const ReceiptReport& report) {
  std::string status = Text(report.verdict, "status", "?");
  std::transform(status.begin(), status.end(), status.begin(),
                 [](char c) { return c >= 'a' && c <= 'z' ? c - 32 : c; });
  return status;
}

/// What the content comparison says: "matches", or which blocks changed.
std::string ContentText(const json& verdict) {
  const json& content = verdict.value("content", json::object());
  const std::string receipt = Text(content, "receipt", "?");
  if (content.value("matches", false)) return "content " + receipt + " matches";
  std::string text = "content " + receipt + " differs from " + Text(content, "source", "?");
  std::vector<std::string> parts;
  for (const char* kind : {"changed", "removed"}) {
    std::string ids;
    for (const json& id : content.value(kind, json::array())) ids += (ids.empty() ? "" : ", ") + id.get<std::string>();
    if (!ids.empty()) parts.push_back(std::string(kind) + ": " + ids);
  }
  if (parts.empty()) return text + " (no block of this course changed)";
  std::string joined;
  for (const std::string& part : parts) joined += (joined.empty() ? "" : "; ") + part;
  return text + " (" + joined + ")";
}

/// The local date of an epoch-ms time on the receipt's calendar.
std::string LocalDate(const json& ms, const json& receipt) {
  if (!ms.is_number_integer()) return "";
  const json issued = receipt.is_object() ? receipt.value("issued", json::object()) : json::object();
  const json minutes = issued.is_object() ? issued.value("utc_offset_min", json()) : json();
  const int offset = minutes.is_number_integer() ? minutes.get<int>() : 0;
  return core::DateText(core::LocalDay(ms.get<int64_t>(), offset));
}

std::string Badges(const ReceiptReport& report) {
  std::string text;
  if (!report.receipt.is_object()) return text;
  for (const json& badge : report.receipt.value("badges", json::array())) {
    const std::string name = Text(badge, "name", Text(badge, "id"));
    if (!name.empty()) text += (text.empty() ? "" : ", ") + name;
  }
  return text;
}

std::string Problems(const ReceiptReport& report) {
  if (!report.unreadable.empty()) return report.unreadable;
  std::string text;
  for (const json& p : report.verdict.value("problems", json::array()))
    text += (text.empty() ? "" : "; ") + p.get<std::string>();
  return text;
}

/// Reads and verifies one receipt against the site.
ReceiptReport Verify(const FileSystem& fs, const std::string& file, const Site& site) {
  ReceiptReport report;
  report.file = file;
  std::string text, error;
  if (fs.FileSize(file) > kMaxReceiptBytes) {
    report.unreadable = "it is too large to be a receipt (over 16 MB)";
    return report;
  }
  if (!fs.ReadFile(file, &text, &error)) {
    report.unreadable = "it cannot be read: " + error;
    return report;
  }
  json receipt = core::ParseJson(text);
  if (receipt.is_discarded()) {
    report.unreadable = "it is not JSON (or nests deeper than 64 levels)";
    return report;
  }
  const std::string shape = core::ReceiptShapeProblem(receipt);
  report.receipt = std::move(receipt);
  if (!shape.empty()) {
    report.unreadable = "it is not a receipt Morsel can read: " + shape;
    report.receipt = nullptr;
    return report;
  }
  const std::string course_id = CourseId(report);
  const Course* course = nullptr;
  for (const Course& c : site.courses) {
    if (c.id == course_id) course = &c;
  }
  if (course == nullptr) {
    report.unreadable = "the source has no course '" + course_id + "'";
    return report;
  }
  report.course_title = course->title;
  report.verdict = core::VerifyReceipt(report.receipt, VerifySource(site, *course));
  report.passed_on = LocalDate(report.verdict.value("passed_at", json()), report.receipt);
  report.recertify_after = course->recertify_after;
  if (!report.passed_on.empty() && !course->recertify_after.empty()) {
    core::AddPeriod(report.passed_on, course->recertify_after, &report.due_on);
  }
  return report;
}

}  // namespace

json VerifySource(const Site& site, const Course& course) {
  json lessons = json::array();
  json fingerprints = json::object();
  ForEachLesson(course, [&](const Module&, const Lesson& l) {
    json blocks = json::array();
    json scenarios = json::array();
    for (const CompiledBlock& compiled : l.blocks) {
      if (const auto* quiz = std::get_if<core::Quiz>(&compiled.block)) {
        blocks.push_back(core::QuizToRuntime(*quiz, site.config.plain_answer_keys));
      } else {
        scenarios.push_back(core::ScenarioToRuntime(std::get<core::Scenario>(compiled.block)));
      }
    }
    for (const auto& [key, fp] : l.answer_fingerprints) fingerprints[key] = fp;
    lessons.push_back(
        {{"lesson", LessonRuntime(l)}, {"blocks", std::move(blocks)}, {"scenarios", std::move(scenarios)}});
  });
  json out;
  out["site"] = {{"id", site.config.id}, {"content_version", site.content_version}};
  out["course"] = {{"id", course.id},
                   {"title", course.title},
                   {"pass_mark", course.pass_mark},
                   {"scoring", CourseScoring(course, /*unlock_all=*/true)},
                   {"lessons", std::move(lessons)},
                   {"fingerprints", std::move(fingerprints)}};
  if (!course.recertify_after.empty()) out["course"]["recertify_after"] = course.recertify_after;
  return out;
}

bool VerifyReceipts(const FileSystem& fs, const VerifyOptions& options, std::vector<ReceiptReport>* reports,
                    std::string* site_title, DiagnosticSink* sink) {
  BuildOptions build;
  build.source = options.source;
  build.check_only = true;
  if (!CheckFolders(fs, build, "", "", sink)) return false;
  const ConfinedFileSystem source(fs, SourceFolders(build));
  Site site;
  Theme theme;
  Lock lock;
  const bool ok = CompileStages(source, build, &site, &theme, &lock, sink);
  if (!ReportEscapes(source, sink) || !ok) return false;
  *site_title = site.config.title;
  for (const std::string& file : options.receipts) reports->push_back(Verify(fs, file, site));
  return true;
}

std::string VerdictLine(const ReceiptReport& report) {
  std::string line = report.file + ": ";
  if (!report.unreadable.empty()) return line + "not verified: " + report.unreadable;
  const json& verdict = report.verdict;
  line += Who(report) + ", " + CourseId(report) + ": " + Status(report) + " " +
          Percent(verdict.value("progress", json::object()).value("percent", json())) + " (pass mark " +
          Percent(verdict.value("pass_mark", json(0))) + "), " + ContentText(verdict) + ", checksum " +
          (verdict.value("checksum_ok", false) ? "ok" : "FAILED");
  const json& problems = verdict.value("problems", json::array());
  if (!report.Valid()) {
    line += " — not valid: ";
    if (problems.empty()) {
      line += Text(verdict, "status") == "incomplete" ? "the course is not completed" : "the course is not passed";
    } else {
      line += problems[0].get<std::string>();
      if (problems.size() > 1) line += " (and " + std::to_string(problems.size() - 1) + " more)";
    }
  }
  return line;
}

std::string VerdictDetails(const ReceiptReport& report) {
  std::string text;
  if (!report.verdict.is_object()) return text;
  for (const char* kind : {"problems", "notes"}) {
    for (const json& item : report.verdict.value(kind, json::array())) {
      text += std::string("  ") + (kind[0] == 'p' ? "problem: " : "note: ") + item.get<std::string>() + "\n";
    }
  }
  return text;
}

namespace {

constexpr const char* kColumns[] = {"file",         "learner", "learner id", "course",    "course title",
                                    "result",       "valid",   "score",      "pass mark", "passed on",
                                    "due again on", "badges",  "content",    "checksum",  "problems"};

/// A report's cells in the order of kColumns.
std::vector<std::string> Cells(const ReceiptReport& r) {
  const bool read = r.unreadable.empty();
  const json& verdict = r.verdict;
  const json learner = read ? r.receipt.value("learner", json::object()) : json::object();
  return {r.file,
          read ? Text(learner, "name") : "",
          read ? Text(learner, "id") : "",
          read ? CourseId(r) : "",
          r.course_title,
          read ? Status(r) : "NOT VERIFIED",
          r.Valid() ? "yes" : "no",
          read ? Percent(verdict.value("progress", json::object()).value("percent", json())) : "",
          read ? Percent(verdict.value("pass_mark", json(0))) : "",
          r.passed_on,
          r.due_on,
          Badges(r),
          read ? ContentText(verdict) : "",
          read ? (verdict.value("checksum_ok", false) ? "ok" : "FAILED") : "",
          Problems(r)};
}

}  // namespace

std::string VerifyCsv(const std::vector<ReceiptReport>& reports) {
  std::string text;
  for (size_t i = 0; i < std::size(kColumns); ++i) text += (i ? "," : "") + std::string(kColumns[i]);
  text += "\r\n";
  for (const ReceiptReport& r : reports) {
    const std::vector<std::string> cells = Cells(r);
    for (size_t i = 0; i < cells.size(); ++i) text += (i ? "," : "") + CsvField(cells[i]);
    text += "\r\n";
  }
  return text;
}

std::string VerifyHtml(const std::string& site_title, const std::vector<ReceiptReport>& reports) {
  size_t valid = 0;
  for (const ReceiptReport& r : reports) valid += r.Valid() ? 1 : 0;
  std::string html =
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
      "<title>Completion receipts · " +
      EscapeHtml(site_title) +
      "</title>\n<style>body{font-family:system-ui,sans-serif;margin:2rem}"
      "table{border-collapse:collapse}th,td{border:1px solid #999;padding:.3rem .5rem;text-align:left;"
      "vertical-align:top}th{background:#eee}.no{color:#a00}</style>\n</head>\n<body>\n<h1>Completion receipts: " +
      EscapeHtml(site_title) + "</h1>\n<p>" + std::to_string(reports.size()) + " receipts, " + std::to_string(valid) +
      " valid passes, each re-graded against the site's source by <code>morsel verify</code>. A receipt records "
      "answers that pass the course; it does not prove who gave them.</p>\n<table>\n<thead><tr>";
  for (const char* column : kColumns) html += std::string("<th scope=\"col\">") + column + "</th>";
  html += "</tr></thead>\n<tbody>\n";
  std::vector<const ReceiptReport*> due;
  for (const ReceiptReport& r : reports) {
    html += r.Valid() ? "<tr>" : "<tr class=\"no\">";
    for (const std::string& cell : Cells(r)) html += "<td>" + EscapeHtml(cell) + "</td>";
    html += "</tr>\n";
    if (r.Valid() && !r.due_on.empty()) due.push_back(&r);
  }
  html += "</tbody>\n</table>\n<h2>Due again</h2>\n";
  if (due.empty())
    return html + "<p>Nothing is due again: no valid pass of a course with recertify_after.</p>\n</body>\n</html>\n";
  std::stable_sort(due.begin(), due.end(),
                   [](const ReceiptReport* a, const ReceiptReport* b) { return a->due_on < b->due_on; });
  html +=
      "<table>\n<thead><tr><th scope=\"col\">due again on</th><th scope=\"col\">learner</th>"
      "<th scope=\"col\">course</th><th scope=\"col\">passed on</th><th scope=\"col\">recertify "
      "after</th></tr></thead>\n<tbody>\n";
  for (const ReceiptReport* r : due) {
    html += "<tr><td>" + EscapeHtml(r->due_on) + "</td><td>" + EscapeHtml(Who(*r)) + "</td><td>" +
            EscapeHtml(r->course_title) + "</td><td>" + EscapeHtml(r->passed_on) + "</td><td>" +
            EscapeHtml(r->recertify_after) + "</td></tr>\n";
  }
  return html + "</tbody>\n</table>\n</body>\n</html>\n";
}

}  // namespace morsel::gen
