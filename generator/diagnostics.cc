#include "generator/diagnostics.h"

#include <algorithm>

#include "generator/text.h"

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

core::Diagnostics FoldNearMisses(core::Diagnostics found) {
  std::vector<bool> folded(found.size(), false);
  for (size_t m = 0; m < found.size(); ++m) {
    const core::Diagnostic& missing = found[m];
    // The core's message ends with the key in quotes: "... is missing the required key 'prompt'".
    if (missing.code != "missing-key" || missing.message.size() < 2 || missing.message.back() != '\'') continue;
    const size_t open = missing.message.rfind('\'', missing.message.size() - 2);
    if (open == std::string::npos) continue;
    const std::string quoted = missing.message.substr(open);
    const std::string prefix = missing.pointer + "/";
    for (core::Diagnostic& unknown : found) {
      if (unknown.code != "unknown-key" || unknown.hint != "did you mean " + quoted + "?" ||
          unknown.pointer.compare(0, prefix.size(), prefix) != 0 ||
          unknown.pointer.find('/', prefix.size()) != std::string::npos) {
        continue;
      }
      unknown.message += ", which is missing the required key " + quoted;
      folded[m] = true;
      break;
    }
  }
  core::Diagnostics kept;
  for (size_t i = 0; i < found.size(); ++i) {
    if (!folded[i]) kept.push_back(std::move(found[i]));
  }
  return kept;
}

namespace {

bool IsContinuationByte(unsigned char c) { return (c & 0xC0) == 0x80; }

/// The lines of one text, each found by reading on from the line asked for before:
/// diagnostics are formatted sorted by line, so a file is read once however many of
/// them it has.
class LineCursor {
 public:
  explicit LineCursor(const std::string& text) : text_(text) {}

  /// The text of 1-based line `line`, without its line ending ("" past the end).
  std::string Line(int line) {
    if (line < line_) {
      line_ = 1;
      start_ = 0;
    }
    size_t next = 0;
    for (; line_ < line && start_ < text_.size(); ++line_) {
      LineEnd(text_, start_, &next);
      start_ = next;
    }
    if (line_ != line) return "";
    return text_.substr(start_, LineEnd(text_, start_, &next) - start_);
  }

 private:
  const std::string& text_;
  int line_ = 1;
  size_t start_ = 0;
};

/// `path:line:col: error: message [code]`, `quoted` (the source line, when known) with
/// a caret under the column, and the hint.
std::string Formatted(const SourceDiagnostic& d, const std::string* quoted) {
  std::string out = d.path;
  if (d.line > 0) out += ":" + std::to_string(d.line);
  if (d.line > 0 && d.column > 0) out += ":" + std::to_string(d.column);
  out += d.severity == Severity::kError ? ": error: " : ": warning: ";
  out += d.message;
  if (!d.code.empty()) out += " [" + d.code + "]";
  out += "\n";
  if (quoted != nullptr) {
    const std::string& line = *quoted;
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

}  // namespace

std::string LineOf(const std::string& text, int line) { return LineCursor(text).Line(line); }

int CharColumn(const std::string& line, size_t byte_offset) {
  int column = 1;
  for (size_t i = 0; i < byte_offset && i < line.size(); ++i) {
    if (!IsContinuationByte(static_cast<unsigned char>(line[i]))) ++column;
  }
  return column;
}

std::string FormatDiagnostic(const SourceDiagnostic& d, const std::string* source) {
  if (source == nullptr || d.line <= 0) return Formatted(d, nullptr);
  const std::string line = LineOf(*source, d.line);
  return Formatted(d, &line);
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
    if (a.column != b.column) return a.column < b.column;
    // At one place, the error first: the warnings there follow from what it reports.
    return a.severity == Severity::kError && b.severity != Severity::kError;
  });
  return sorted;
}

std::string DiagnosticSink::Format() const {
  std::string out;
  std::map<std::string, LineCursor> cursors;
  for (const SourceDiagnostic& d : Sorted()) {
    auto source = sources_.find(d.path);
    if (source == sources_.end() || d.line <= 0) {
      out += Formatted(d, nullptr);
      continue;
    }
    const std::string line = cursors.emplace(d.path, source->second).first->second.Line(d.line);
    out += Formatted(d, &line);
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
