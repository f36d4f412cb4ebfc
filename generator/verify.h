#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "generator/diagnostics.h"
#include "generator/file_system.h"
#include "generator/model.h"

namespace morsel::gen {

/// `morsel verify RECEIPT... [--source content] [--csv | --html OUT]` (docs/cli.md).
struct VerifyOptions {
  std::vector<std::string> receipts;
  std::string source = "content";
  /// "text" (a verdict line per receipt), "csv" (a row per receipt) or "html" (the team
  /// report written to `html_out`; the verdict lines still go to standard output).
  std::string format = "text";
  std::string html_out;
};

/// One receipt's outcome.
struct ReceiptReport {
  std::string file;
  /// Why it has no verdict (it cannot be read, is not a receipt, names a course the source
  /// does not have); "" when it has one.
  std::string unreadable;
  nlohmann::json receipt;
  /// core::VerifyReceipt's verdict.
  nlohmann::json verdict;
  std::string course_title;
  /// The course's recertify_after and the date the learner is due again ("" without).
  std::string recertify_after;
  std::string passed_on;
  std::string due_on;
  bool Valid() const { return unreadable.empty() && verdict.value("valid", false); }
};

/// The course of `site` as core::VerifyReceipt re-grades a receipt against it: the page's
/// lessons and blocks in their runtime form, its scoring and its answer fingerprints.
nlohmann::json VerifySource(const Site& site, const Course& course);

/// Loads the source as `morsel check` does (load, ids, validate, compile; nothing written)
/// and verifies each receipt read through `fs`. False, with diagnostics, when the source
/// has errors; otherwise `*reports` has one entry per receipt, in the order given, and
/// `*site_title` the site's title.
bool VerifyReceipts(const FileSystem& fs, const VerifyOptions& options, std::vector<ReceiptReport>* reports,
                    std::string* site_title, DiagnosticSink* sink);

/// A receipt's verdict line: "<file>: <learner>, <course>: PASSED 85% (pass mark 80%),
/// content <version> matches, checksum ok", and after " — not valid: " the first problem
/// when it is not a valid pass.
std::string VerdictLine(const ReceiptReport& report);

/// The problems and notes of a report, each on an indented line ("  problem: …", "  note: …").
std::string VerdictDetails(const ReceiptReport& report);

/// One CSV row per receipt (RFC 4180, CRLF, a header row; cells a spreadsheet would run as
/// formulas quoted with a leading apostrophe).
std::string VerifyCsv(const std::vector<ReceiptReport>& reports);

/// The team report: one self-contained HTML page (no script, every text escaped) with a
/// table of who completed what, scores, badges and dates, and what is due again.
std::string VerifyHtml(const std::string& site_title, const std::vector<ReceiptReport>& reports);

}  // namespace morsel::gen
