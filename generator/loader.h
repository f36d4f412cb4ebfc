#pragma once

#include <string>

#include "generator/diagnostics.h"
#include "generator/file_system.h"
#include "generator/markdown.h"
#include "generator/model.h"
#include "generator/yaml_json.h"

namespace morsel::gen {

/// A text file the loader reads (site.yml, a course, module or lesson page) larger than
/// this is refused (`too-large`) before it is read: no valid one is larger (front matter
/// of at most kMaxYamlBytes, a body of at most kMaxMarkdownBytes, the `---` lines), and a
/// 2 GB file named `.md` by mistake costs nothing to refuse.
constexpr size_t kMaxTextFileBytes = kMaxYamlBytes + kMaxMarkdownBytes + 16;

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

/// What in a file or folder name would break the site, or "": a control character (a
/// newline cannot be recorded in morsel.lock, nor typed in a link), '#', '?' and '%', which
/// a URL reads as a fragment, a query or an escape, and '\\', which Windows reads as a
/// folder separator. Checked over a whole path, '/' included.
std::string BadNameCharacter(const std::string& name);

/// `name` with every control character shown as '?', for a diagnostic's one line.
std::string PrintableName(const std::string& name);

/// True for a lowercase slug: a-z, 0-9 and '-' (and '_' when `allow_underscore`).
bool IsSlug(const std::string& s, bool allow_underscore = false);

}  // namespace morsel::gen
