#pragma once

#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "generator/assets.h"
#include "generator/diagnostics.h"
#include "generator/model.h"
#include "generator/site_output.h"
#include "generator/theme.h"

namespace morsel::gen {

/// The policy the multi-page site runs under (docs/hosting.md), emitted as a <meta> tag
/// on every page unless site.yml says `csp: false`.
extern const char kContentSecurityPolicy[];

/// `base_url` + `output_path` with a final "index.html" dropped; "" without `base_url`.
std::string AbsoluteUrl(const SiteConfig& config, const std::string& output_path);

/// Adds what the layout needs for hosting to a page's template data: `site.csp`,
/// `site.offline` (whether the page registers the service worker: ServiceWorkerFits),
/// `page.offline_scope` (a course page's folder, the scope of its course's worker),
/// `page.canonical` (with `base_url`), `page.og_type` (default "website") and
/// `page.description` (the site's when the page has none).
/// The pages' Content-Security-Policy ("" when site.yml sets `csp: false`): the strict
/// one, which allows connections to site.yml's xAPI endpoint when it names one.
std::string ContentSecurityPolicy(const SiteConfig& config);

void AddHostingData(const Site& site, bool offline, const std::string& output_path, nlohmann::json* data);

/// schema.org JSON-LD (as text safe inside <script>) for a course page and a lesson page.
std::string CourseJsonLd(const SiteConfig& config, const Course& course);
std::string LessonJsonLd(const SiteConfig& config, const Course& course, const Lesson& lesson);

/// The folder (ending in '/') of `course`'s pages below the site root; "" for none.
std::string CourseFolder(const Course& course);

/// Whether the site gets a service worker, decided before any page is rendered (pages
/// say whether they register it): with `features.offline`, unless site.yml leaves it
/// unset and a first visit to a course would precache more than 20 MB: the root worker's
/// shell plus the largest course's files, from `files` (the output so far: copied content
/// files, theme files) and `page_bytes` (each page's content by its output path, the part
/// of a page that grows with the site). Warns (`offline-too-large`) then. `source` is the
/// content folder, for the warning's place.
bool ServiceWorkerFits(const Site& site, const std::map<std::string, OutputFile>& files,
                       const std::map<std::string, size_t>& page_bytes, const std::string& source,
                       DiagnosticSink* sink);

/// Adds the host-facing files to `output` (the site's whole output but these, written):
/// `robots.txt`; `sitemap.xml` with `base_url`; when `offline`, `manifest.webmanifest`
/// and `sw.js` (the theme's `runtime/sw.js` with its precache lists, the shell that the
/// root worker keeps and each course's files that the course's own worker keeps, and a
/// build version: a hash of every file's path and SHA-256). False when a write fails
/// (output->error()).
bool AddHostingFiles(const Site& site, const Theme& theme, const AssetNames& names, bool offline, SiteOutput* output);

}  // namespace morsel::gen
