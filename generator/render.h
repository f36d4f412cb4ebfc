#pragma once

#include <map>
#include <string>

#include "generator/assets.h"
#include "generator/content.h"
#include "generator/diagnostics.h"
#include "generator/model.h"
#include "generator/theme.h"

namespace morsel::gen {

/// What rendering a page reads besides the model and the theme: all of it decided before
/// the first page is rendered, so no page is edited afterwards.
struct RenderInputs {
  /// Each page's content HTML for the edition being rendered (generator/content.h).
  const Contents& contents;
  /// Published names of the fingerprinted files (generator/assets.h).
  const AssetNames& assets;
  /// Whether pages register the service worker (generator/hosting.h ServiceWorkerFits).
  bool offline = false;
};

/// Renders every page of a compiled site with the theme into `pages` (output path →
/// HTML): home, My learning, 404, each course and each lesson. Returns false (with
/// diagnostics) on a template error.
bool RenderSite(const Site& site, const Theme& theme, const RenderInputs& inputs,
                std::map<std::string, std::string>* pages, DiagnosticSink* sink);

/// The data every page template receives (docs/theming.md): site, page, root, home_url,
/// t, runtime strings, hosting data (generator/hosting.h) and asset URLs
/// (generator/assets.h), for the page written at `output_path`.
nlohmann::json PageData(const Site& site, const Theme& theme, const RenderInputs& inputs,
                        const std::string& output_path, const std::string& title, const std::string& description);

/// The template data of a course's single-file edition (generator/single_file.h): the
/// course page's data, with each lesson page's data, in course order, under "lessons";
/// contents from `inputs`, the single file's own.
nlohmann::json OfflineCourseData(const Site& site, const Theme& theme, const RenderInputs& inputs,
                                 const Course& course);

}  // namespace morsel::gen
