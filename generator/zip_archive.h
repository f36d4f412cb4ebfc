#pragma once

#include <string>
#include <vector>

#include "generator/diagnostics.h"
#include "generator/file_system.h"

namespace morsel::gen {

/// A zip archive (deflated, libzip) of the files `names` of folder `dir` (paths inside it,
/// '/'-separated, the archive's entry names), in that order, each dated 1980-01-01 00:00
/// in DOS time, so the same files always give the same bytes. Each file is read when its
/// entry is compressed and let go after: one file in memory at a time, and the archive.
/// False with *error set when libzip fails or a file cannot be read.
bool ZipFiles(const FileSystem& fs, const std::string& dir, const std::vector<std::string>& names, std::string* zip,
              std::string* error);

/// With `morsel build --zip`: `<out>.zip` beside the output folder, holding every file of
/// it. False (with a `write-failed` diagnostic) when it cannot be made.
bool WriteSiteZip(FileSystem* fs, const std::string& out, DiagnosticSink* sink);

/// The path of every file under `dir`, relative to it ('/'-separated), sorted.
std::vector<std::string> ListTree(const FileSystem& fs, const std::string& dir);

}  // namespace morsel::gen
