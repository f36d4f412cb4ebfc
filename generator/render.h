#pragma once

#include <map>
#include <string>

#include "generator/diagnostics.h"
#include "generator/model.h"
#include "generator/theme.h"

namespace morsel::gen {

/// Renders every page of a compiled site with the theme. `pages` receives output path →
/// HTML. Returns false (with diagnostics) on a template error.
bool RenderSite(const Site& site, const Theme& theme, std::map<std::string, std::string>* pages,
                DiagnosticSink* sink);

}  // namespace morsel::gen
