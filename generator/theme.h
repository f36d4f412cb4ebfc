#pragma once

#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "generator/diagnostics.h"
#include "generator/mustache.h"

namespace morsel::gen {

/// The templates, UI strings and static assets pages are rendered with.
struct Theme {
  TemplateSet templates;
  /// The string catalogue of the site's language: {"theme": {...}, "runtime": {...}}.
  nlohmann::json strings;
  /// Output path (e.g. "assets/morsel.css", "runtime/morsel.js") → contents.
  std::map<std::string, std::string> files;
};

/// Loads the built-in theme and runtime embedded in the binary for `language`
/// (falling back to English, with a warning). Returns false on a template error.
bool LoadBuiltinTheme(const std::string& language, Theme* theme, DiagnosticSink* sink);

}  // namespace morsel::gen
