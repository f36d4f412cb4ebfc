#pragma once

#include <string>

#include "generator/diagnostics.h"
#include "generator/file_system.h"

namespace morsel::gen {

/// `morsel export answers`: every question of the site with its accepted answers,
/// feedback and scoring, for subject-matter and compliance sign-off. `format` is "csv"
/// (RFC 4180) or "html" (one self-contained page). Returns false (with diagnostics) when
/// the content does not check.
bool ExportAnswers(const FileSystem& fs, const std::string& source, const std::string& format, std::string* out,
                   DiagnosticSink* sink);

/// Why `morsel export answers -o <file>` must not write `file`, or "" when it may: a
/// folder, or a file in the content folder `source` (the answer key would sit with what
/// is published and shared, and could replace a lesson or site.yml). A file elsewhere is
/// replaced, as `-o` does in other tools.
std::string UnsafeExportFile(const FileSystem& fs, const std::string& source, const std::string& file);

}  // namespace morsel::gen
