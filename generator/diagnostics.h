#pragma once

#include <map>
#include <string>
#include <vector>

#include "runtime/core/diagnostic.h"

namespace morsel::gen {

using core::Severity;

/// A problem at a place in a source file: core::Diagnostic's fields in its order, with a
/// file position for its JSON pointer. Line and column are 1-based; columns count
/// characters; 0 means "the whole file" or "the whole line". Build one with Error,
/// Warning or Located.
struct SourceDiagnostic {
  Severity severity = Severity::kError;
  std::string path;
  int line = 0;
  int column = 0;
  std::string code;
  std::string message;
  std::string hint;
};

/// An error at `path:line:column` (0 for the whole file or line); `hint` says how to fix it.
SourceDiagnostic Error(std::string path, int line, int column, std::string code, std::string message,
                       std::string hint = "");

/// A warning at `path:line:column`: reported, and the build goes on (not with --strict).
SourceDiagnostic Warning(std::string path, int line, int column, std::string code, std::string message,
                         std::string hint = "");

/// The core's diagnostic `d` at the file position its JSON pointer maps to.
SourceDiagnostic Located(const core::Diagnostic& d, std::string path, int line, int column);

/// One error where the core found two for one typo: an unknown key whose "did you mean"
/// names a required key missing from the same mapping (`promt:` for `prompt:`) keeps its
/// error, which now also says that the key is missing; the `missing-key` error goes.
core::Diagnostics FoldNearMisses(core::Diagnostics found);

/// Collects every diagnostic of a run, so the author sees all problems at once.
class DiagnosticSink {
 public:
  void Add(SourceDiagnostic diagnostic) { diagnostics_.push_back(std::move(diagnostic)); }
  /// Remembers a file's text so that formatted diagnostics can quote its lines.
  void AddSource(const std::string& path, const std::string& text) { sources_[path] = text; }

  /// The text remembered for `path`, or nullptr.
  const std::string* Source(const std::string& path) const {
    auto it = sources_.find(path);
    return it == sources_.end() ? nullptr : &it->second;
  }

  /// Every diagnostic, in the order added.
  const std::vector<SourceDiagnostic>& diagnostics() const { return diagnostics_; }
  int ErrorCount() const;
  int WarningCount() const;
  /// Sorted by path, line and column, errors before warnings at one position (else
  /// stable).
  std::vector<SourceDiagnostic> Sorted() const;
  /// Every diagnostic, formatted with its source line and caret, then a summary line.
  std::string Format() const;

 private:
  std::vector<SourceDiagnostic> diagnostics_;
  std::map<std::string, std::string> sources_;
};

/// `path:line:col: error: message [code]`, the source line, a caret and the hint.
std::string FormatDiagnostic(const SourceDiagnostic& d, const std::string* source);

/// The text of 1-based line `line` of `text`, without its line ending ("" past the end);
/// lines end at "\n", "\r\n" or a lone "\r" (`LineEnd`, text.h).
std::string LineOf(const std::string& text, int line);

/// 1-based column, in characters, of byte offset `byte_offset` within `line`.
int CharColumn(const std::string& line, size_t byte_offset);

}  // namespace morsel::gen
