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

/// The data every page template receives (docs/theming.md): site, page, root, home_url,
/// t, runtime strings, hosting data (generator/hosting.h) and asset URLs
/// (generator/assets.h), for the page written at `output_path`.
nlohmann::json PageData(const Site& site, const Theme& theme, const std::string& output_path,
                        const std::string& title, const std::string& description);

/// The template data of a course's single-file edition (generator/single_file.h): the
/// course page's data, with each lesson page's data, in course order, under "lessons".
nlohmann::json OfflineCourseData(const Site& site, const Theme& theme, const Course& course,
                                 DiagnosticSink* sink);

}  // namespace morsel::gen
