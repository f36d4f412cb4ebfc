#pragma once

#include <string>

#include "generator/diagnostics.h"
#include "generator/file_system.h"
#include "generator/model.h"

namespace morsel::gen {

struct LoadOptions {
  /// Include pages whose front matter says `draft: true`.
  bool drafts = false;
};

/// Reads `root` (site.yml, courses, modules, lessons) into a Site: front matter parsed
/// and checked, drafts dropped, order fixed, output paths assigned. Markdown bodies are
/// kept as text for the compile stage. Problems go to `sink`; returns false when any
/// was an error.
bool LoadSite(const FileSystem& fs, const std::string& root, const LoadOptions& options, Site* site,
              DiagnosticSink* sink);

/// A file or folder name without its extension and without an "NN-" ordering prefix.
std::string SlugFromName(const std::string& name);

/// True for a lowercase slug: a-z, 0-9 and '-' (and '_' when `allow_underscore`).
bool IsSlug(const std::string& s, bool allow_underscore = false);

}  // namespace morsel::gen
