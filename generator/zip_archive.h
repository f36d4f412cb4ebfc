#pragma once

#include <map>
#include <string>

#include "generator/diagnostics.h"
#include "generator/file_system.h"

namespace morsel::gen {

/// A zip archive (deflated, libzip) of `files` (path inside the archive → bytes), entries
/// in map order, each dated 1980-01-01 00:00 in DOS time, so the same files always give
/// the same bytes. False with *error set when libzip fails.
bool ZipFiles(const std::map<std::string, std::string>& files, std::string* zip, std::string* error);

/// With `morsel build --zip`: `<out>.zip` beside the output folder, holding every file of
/// it. False (with a `write-failed` diagnostic) when it cannot be made.
bool WriteSiteZip(FileSystem* fs, const std::string& out, DiagnosticSink* sink);

/// Every file under `dir`, by its path relative to `dir` ('/'-separated).
std::map<std::string, std::string> ReadTree(const FileSystem& fs, const std::string& dir);

}  // namespace morsel::gen
