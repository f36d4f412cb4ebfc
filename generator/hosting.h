#pragma once

#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "generator/diagnostics.h"
#include "generator/file_system.h"
#include "generator/model.h"
#include "generator/theme.h"

namespace morsel::gen {

/// The policy the multi-page site runs under (docs/hosting.md), emitted as a <meta> tag
/// with site.yml `csp: true`.
extern const char kContentSecurityPolicy[];

/// `base_url` + `output_path` with a final "index.html" dropped; "" without `base_url`.
std::string AbsoluteUrl(const SiteConfig& config, const std::string& output_path);

/// Adds what the layout needs for hosting to a page's template data: `site.csp`,
/// `site.offline`, `page.canonical` (with `base_url`), `page.og_type` (default
/// "website") and `page.description` (the site's when the page has none).
void AddHostingData(const SiteConfig& config, const std::string& output_path, nlohmann::json* data);

/// schema.org JSON-LD (as text safe inside <script>) for a course page and a lesson page.
std::string CourseJsonLd(const SiteConfig& config, const Course& course);
std::string LessonJsonLd(const SiteConfig& config, const Course& course, const Lesson& lesson);

/// Adds the host-facing files to `files` (output path → contents, the rendered pages):
/// `robots.txt`; `sitemap.xml` with `base_url`; with `features.offline`,
/// `manifest.webmanifest` and `sw.js` (the embedded `runtime/sw.js`, removed from
/// `theme->files`, with the list of every file of the site and a build version that is a
/// hash of all their contents). Call it once the theme's files carry their published
/// names (generator/assets.h). `static_files` are read from `source` for that hash.
bool WriteHostingFiles(const Site& site, const FileSystem& fs, const std::string& source,
                       std::map<std::string, std::string>* files, Theme* theme,
                       DiagnosticSink* sink);

}  // namespace morsel::gen
