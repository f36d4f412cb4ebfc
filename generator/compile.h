#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "generator/diagnostics.h"
#include "generator/model.h"
#include "generator/theme.h"

namespace morsel::gen {

/// Renders every Markdown body of the site to HTML: interactive blocks are validated by
/// the core and rendered with the theme; links to `.md` files become links to pages.
/// `root` is the content folder as diagnostics name it. Returns false on any error.
bool CompileSite(Site* site, const Theme& theme, const std::string& root, DiagnosticSink* sink);

/// JSON text safe to place inside `<script type="application/json">`: '<', '>' and '&'
/// are written as \u escapes so no "</script>" or "<!--" can appear.
std::string ScriptJson(const nlohmann::json& value);

}  // namespace morsel::gen
