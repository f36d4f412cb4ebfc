#pragma once

#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "generator/diagnostics.h"
#include "generator/file_system.h"
#include "generator/mustache.h"

namespace morsel::gen {

/// The templates, UI strings and static assets pages are rendered with. Loaded once and
/// read-only from then on: published names live in generator/assets.h's AssetNames.
struct Theme {
  TemplateSet templates;
  /// Template name → the file it came from, for diagnostics.
  std::map<std::string, std::string> template_paths;
  /// The string catalogue of the site's language: {"theme": {...}, "runtime": {...}}.
  nlohmann::json strings;
  /// Output path (e.g. "assets/morsel.css", "runtime/morsel.js") → contents.
  std::map<std::string, std::string> files;

  /// Reports a template error at the template's file.
  void ReportError(const TemplateError& error, const char* code, DiagnosticSink* sink) const;
};

/// Where a site's theme files come from, most specific first: the site's own `theme/`
/// folder beside the content folder, then `themes/<name>/` when site.yml names a theme,
/// then the built-in theme embedded in the binary. Each template, asset and string is
/// taken from the first place that has it, so a site overrides one file at a time.
struct ThemeSources {
  /// The folder that holds the content folder.
  std::string project_root;
  /// site.yml's `theme`, or "".
  std::string name;
  std::string language = "en";
  /// site.yml as diagnostics name it.
  std::string config_path = "site.yml";
};

/// Loads the theme; false (with diagnostics) on a template or catalogue error.
bool LoadTheme(const FileSystem& fs, const ThemeSources& sources, Theme* theme, DiagnosticSink* sink);

}  // namespace morsel::gen
