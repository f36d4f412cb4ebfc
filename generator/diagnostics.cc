#include "generator/diagnostics.h"

#include <algorithm>

namespace morsel::gen {

SourceDiagnostic Error(std::string path, int line, int column, std::string code, std::string message,
                       std::string hint) {
  return {Severity::kError, std::move(path), line, column, std::move(code), std::move(message), std::move(hint)};
}

SourceDiagnostic Warning(std::string path, int line, int column, std::string code, std::string message,
                         std::string hint) {
  return {Severity::kWarning, std::move(path), line, column, std::move(code), std::move(message), std::move(hint)};
}

SourceDiagnostic Located(const core::Diagnostic& d, std::string path, int line, int column) {
  return {d.severity, std::move(path), line, column, d.code, d.message, d.hint};
}
namespace {

bool IsContinuationByte(unsigned char c) { return (c & 0xC0) == 0x80; }

}  // namespace

std::string LineOf(const std::string& text, int line) {
  size_t start = 0;
  for (int i = 1; i < line; ++i) {
    size_t nl = text.find('\n', start);
    if (nl == std::string::npos) return "";
    start = nl + 1;
  }
  size_t end = text.find('\n', start);
  std::string out = text.substr(start, end == std::string::npos ? std::string::npos : end - start);
  if (!out.empty() && out.back() == '\r') out.pop_back();
  return out;
}

int CharColumn(const std::string& line, size_t byte_offset) {
  int column = 1;
  for (size_t i = 0; i < byte_offset && i < line.size(); ++i) {
    if (!IsContinuationByte(static_cast<unsigned char>(line[i]))) ++column;
  }
  return column;
}

std::string FormatDiagnostic(const SourceDiagnostic& d, const std::string* source) {
  std::string out = d.path;
  if (d.line > 0) out += ":" + std::to_string(d.line);
  if (d.line > 0 && d.column > 0) out += ":" + std::to_string(d.column);
  out += d.severity == Severity::kError ? ": error: " : ": warning: ";
  out += d.message;
  if (!d.code.empty()) out += " [" + d.code + "]";
  out += "\n";
  if (source != nullptr && d.line > 0) {
    std::string line = LineOf(*source, d.line);
    out += "    " + line + "\n";
    if (d.column > 0) {
      // Keep tabs so the caret lines up under the character in any terminal.
      std::string pad;
      int column = 1;
      for (size_t i = 0; i < line.size() && column < d.column; ++i) {
        if (IsContinuationByte(static_cast<unsigned char>(line[i]))) continue;
        pad += line[i] == '\t' ? '\t' : ' ';
        ++column;
      }
      out += "    " + pad + "^\n";
    }
  }
  if (!d.hint.empty()) out += "  hint: " + d.hint + "\n";
  return out;
}

int DiagnosticSink::ErrorCount() const {
  return static_cast<int>(std::count_if(diagnostics_.begin(), diagnostics_.end(),
                                        [](const auto& d) { return d.severity == Severity::kError; }));
}

int DiagnosticSink::WarningCount() const { return static_cast<int>(diagnostics_.size()) - ErrorCount(); }

std::vector<SourceDiagnostic> DiagnosticSink::Sorted() const {
  std::vector<SourceDiagnostic> sorted = diagnostics_;
  std::stable_sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) {
    if (a.path != b.path) return a.path < b.path;
    if (a.line != b.line) return a.line < b.line;
    return a.column < b.column;
  });
  return sorted;
}

std::string DiagnosticSink::Format() const {
  std::string out;
  for (const SourceDiagnostic& d : Sorted()) {
    auto source = sources_.find(d.path);
    out += FormatDiagnostic(d, source == sources_.end() ? nullptr : &source->second);
  }
  int errors = ErrorCount();
  int warnings = WarningCount();
  if (errors + warnings > 0) {
    out += "morsel: " + std::to_string(errors) + (errors == 1 ? " error" : " errors") + ", " +
           std::to_string(warnings) + (warnings == 1 ? " warning" : " warnings") + "\n";
  }
  return out;
}

}  // namespace morsel::gen
