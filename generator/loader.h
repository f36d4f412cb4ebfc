#pragma once

#include <string>

#include "generator/diagnostics.h"
#include "generator/file_system.h"
#include "generator/model.h"

namespace morsel::gen {

/// Reads `root` (site.yml, courses, modules, lessons) into a Site: front matter parsed
/// and checked, order fixed, output paths assigned. Markdown bodies are kept as text
/// for the compile stage. Problems go to `sink`; returns false when any was an error.
bool LoadSite(const FileSystem& fs, const std::string& root, Site* site, DiagnosticSink* sink);

/// A file or folder name without its extension and without an "NN-" ordering prefix.
std::string SlugFromName(const std::string& name);

}  // namespace morsel::gen
