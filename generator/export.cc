#include "generator/export.h"

#include <iterator>
#include <string_view>
#include <vector>

#include "generator/build.h"
#include "generator/compile.h"
#include "generator/html_escape.h"
#include "generator/loader.h"
#include "generator/lock.h"
#include "generator/text.h"
#include "generator/validate.h"
#include "runtime/core/quiz.h"
#include "runtime/core/scenario.h"

namespace morsel::gen {
namespace {

using core::Question;
using core::QuestionType;

struct Row {
  std::string course, module, lesson, where, block, question, type, prompt, points, answer, feedback, scoring;
};

std::string Join(const std::vector<std::string>& parts, const char* separator) {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) out += (i ? separator : "") + parts[i];
  return out;
}

std::string Number(double value) {
  std::string text = nlohmann::json(value).dump();
  if (text.size() > 2 && text.compare(text.size() - 2, 2, ".0") == 0) text.resize(text.size() - 2);
  return text;
}

/// What counts as right, in words a reviewer reads.
std::string Answer(const Question& q) {
  std::vector<std::string> parts;
  switch (q.type) {
    case QuestionType::kSingle:
    case QuestionType::kMultiple:
      for (const core::Option& o : q.options) {
        if (o.correct) parts.push_back(o.text);
      }
      return Join(parts, " | ");
    case QuestionType::kTrueFalse:
      return q.options[0].correct ? "true" : "false";
    case QuestionType::kFillBlanks:
    case QuestionType::kDropdown:
      for (size_t i = 0; i < q.gapped.gaps.size(); ++i) {
        const core::Gap& gap = q.gapped.gaps[i];
        std::string accepted = q.type == QuestionType::kDropdown && gap.correct >= 0
                                   ? gap.answers[static_cast<size_t>(gap.correct)]
                                   : Join(gap.answers, " / ");
        parts.push_back("gap " + std::to_string(i + 1) + ": " + accepted);
      }
      return Join(parts, "; ");
    case QuestionType::kNumeric:
      if (q.min == q.max) return Number(q.answer) + (q.unit.empty() ? "" : " " + q.unit);
      return "from " + Number(q.min) + " to " + Number(q.max) + (q.unit.empty() ? "" : " " + q.unit);
    case QuestionType::kMatching:
      for (size_t i = 0; i < q.left.size(); ++i) parts.push_back(q.left[i] + " → " + q.right[i]);
      if (q.right.size() > q.left.size()) {
        parts.push_back(
            "distractors: " +
            Join(std::vector<std::string>(q.right.begin() + static_cast<long>(q.left.size()), q.right.end()), ", "));
      }
      return Join(parts, "; ");
    case QuestionType::kOrdering:
      return Join(q.items, " → ");
    case QuestionType::kAttestation:
      return "agreed";
    case QuestionType::kReflection:
    case QuestionType::kPoll:
    case QuestionType::kLikert:
      return "(not graded)";
  }
  return "";
}

std::string Feedback(const Question& q) {
  std::vector<std::string> parts;
  for (const core::Option& o : q.options) {
    if (!o.feedback.empty())
      parts.push_back((o.text.empty() ? std::string(o.correct ? "right" : "wrong") : o.text) + ": " + o.feedback);
  }
  if (q.type == QuestionType::kTrueFalse) {
    parts.clear();
    if (!q.options[0].feedback.empty()) parts.push_back("true: " + q.options[0].feedback);
    if (!q.options[1].feedback.empty()) parts.push_back("false: " + q.options[1].feedback);
  }
  if (!q.feedback_correct.empty()) parts.push_back("if right: " + q.feedback_correct);
  if (!q.feedback_incorrect.empty()) parts.push_back("if wrong: " + q.feedback_incorrect);
  if (!q.explanation.empty()) parts.push_back("explanation: " + q.explanation);
  return Join(parts, " | ");
}

std::string Scoring(const Question& q) {
  if (!q.Graded()) return "not graded";
  std::string out = Number(q.points) + (q.points == 1 ? " point" : " points");
  if (q.type == QuestionType::kMultiple) {
    out += q.scoring == core::Scoring::kPartial ? ", partial credit" : ", all or nothing";
    if (q.penalty > 0) out += ", -" + Number(q.penalty * 100) + "% per wrong pick";
  }
  if (q.type == QuestionType::kFillBlanks || q.type == QuestionType::kDropdown || q.type == QuestionType::kMatching) {
    out += ", partial credit per part";
  }
  if (q.hint_penalty > 0) out += ", hint costs " + Number(q.hint_penalty * 100) + "%";
  return out;
}

/// The site as a build compiles it: read through `fs` confined to the content folder,
/// pages loaded, ids from the lock (which is read and never written here), what spans
/// pages checked, blocks compiled, so every block has the id the site gives it.
bool CompileForExport(const ConfinedFileSystem& fs, const std::string& source, Site* site, DiagnosticSink* sink) {
  bool ok = LoadSite(fs, source, LoadOptions{}, site, sink);
  Lock lock;
  ok = lock.Read(fs, source, sink) && ok;
  lock.AssignPageIds(site, sink);
  ok = ValidateSite(site, source, sink) && ok;
  ok = ok && CompileSite(site, fs, source, &lock, sink);
  ok = ReportEscapes(fs, sink) && ok;
  if (!ok) {
    sink->Add(Error(source, 0, 0, "export-invalid", "the content has errors: its answers are not exported",
                    "run 'morsel check' and fix what it reports"));
  }
  return ok;
}

/// One row per question of a quiz, one per case study, in site order.
std::vector<Row> Rows(const Site& site, const std::string& source) {
  std::vector<Row> rows;
  ForEachLesson(site, [&](const Course& course, const Module& module, const Lesson& lesson) {
    const std::string where_file = JoinPath(source, lesson.source_path) + ":";
    for (const CompiledBlock& compiled : lesson.blocks) {
      const std::string where = where_file + std::to_string(compiled.line);
      if (const auto* scenario = std::get_if<core::Scenario>(&compiled.block)) {
        std::vector<std::string> endings;
        for (const core::ScenarioNode& n : scenario->nodes) {
          if (n.ending) endings.push_back(n.id + " (" + n.outcome + ", " + std::to_string(n.score) + ")");
        }
        rows.push_back({course.title, module.title, lesson.title, where, LessonBlockId(lesson, scenario->id), "",
                        "scenario", scenario->title, "0-100", "endings: " + Join(endings, ", "), "",
                        "score = ending score + choice scores"});
        continue;
      }
      // Flashcards and media have no right answer to sign off.
      if (std::holds_alternative<core::Flashcards>(compiled.block)) continue;
      if (std::holds_alternative<MediaBlock>(compiled.block)) continue;
      const auto& quiz = std::get<core::Quiz>(compiled.block);
      for (const Question& q : quiz.questions) {
        rows.push_back({course.title, module.title, lesson.title, where, LessonBlockId(lesson, quiz.id), q.id,
                        core::QuestionTypeName(q.type), q.prompt, Number(q.points), Answer(q), Feedback(q),
                        Scoring(q)});
      }
    }
  });
  return rows;
}

constexpr const char* kHeaders[] = {"course", "module", "lesson", "source",          "block",    "question",
                                    "type",   "prompt", "points", "accepted answer", "feedback", "scoring"};

/// A row's fields in the order of kHeaders.
std::vector<const std::string*> Fields(const Row& r) {
  return {&r.course, &r.module, &r.lesson, &r.where,  &r.block,    &r.question,
          &r.type,   &r.prompt, &r.points, &r.answer, &r.feedback, &r.scoring};
}

/// RFC 4180: a header line, then one line per row, CRLF line ends.
std::string CsvText(const std::vector<Row>& rows) {
  std::string text;
  for (size_t i = 0; i < std::size(kHeaders); ++i) text += (i ? "," : "") + std::string(kHeaders[i]);
  text += "\r\n";
  for (const Row& r : rows) {
    const std::vector<const std::string*> fields = Fields(r);
    for (size_t i = 0; i < fields.size(); ++i) text += (i ? "," : "") + CsvField(*fields[i]);
    text += "\r\n";
  }
  return text;
}

/// One self-contained page with a table of the rows.
std::string HtmlPage(const SiteConfig& config, const std::vector<Row>& rows) {
  std::string html = "<!DOCTYPE html>\n<html lang=\"" + EscapeHtml(config.language) +
                     "\">\n<head>\n<meta charset=\"utf-8\">\n<title>Answer key · " + EscapeHtml(config.title) +
                     "</title>\n<style>body{font-family:system-ui,sans-serif;margin:2rem}"
                     "table{border-collapse:collapse}th,td{border:1px solid #999;padding:.3rem .5rem;"
                     "text-align:left;vertical-align:top}th{background:#eee}</style>\n</head>\n<body>\n"
                     "<h1>Answer key: " +
                     EscapeHtml(config.title) + "</h1>\n<p>" + std::to_string(rows.size()) +
                     " questions. Confidential: for reviewers only.</p>\n"
                     "<table>\n<thead><tr>";
  for (const char* h : kHeaders) html += std::string("<th scope=\"col\">") + h + "</th>";
  html += "</tr></thead>\n<tbody>\n";
  for (const Row& r : rows) {
    html += "<tr>";
    for (const std::string* f : Fields(r)) html += "<td>" + EscapeHtml(*f) + "</td>";
    html += "</tr>\n";
  }
  return html + "</tbody>\n</table>\n</body>\n</html>\n";
}

}  // namespace

bool ExportAnswers(const FileSystem& fs, const std::string& source, const std::string& format, std::string* out,
                   DiagnosticSink* sink) {
  // Read as a build reads: a link to a file outside the content folder is refused.
  const ConfinedFileSystem content(fs, {source});
  Site site;
  if (!CompileForExport(content, source, &site, sink)) return false;
  const std::vector<Row> rows = Rows(site, source);
  *out = format == "csv" ? CsvText(rows) : HtmlPage(site.config, rows);
  return true;
}

std::string UnsafeExportFile(const FileSystem& fs, const std::string& source, const std::string& file) {
  if (fs.IsDir(file)) return "'" + file + "' is a folder: name the file to write";
  const std::string real = fs.RealPath(file);
  const std::string content = fs.RealPath(source);
  if (real.empty()) return "'" + file + "' cannot be resolved (a symbolic link loop)";
  if (!content.empty() && (real == content || IsWithin(real, content))) {
    return "'" + file + "' is inside the content folder '" + source +
           "': the answer key would be kept (and could be published) with the course, or replace one of its files";
  }
  return "";
}

}  // namespace morsel::gen
