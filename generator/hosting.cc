#include "generator/hosting.h"

#include <algorithm>
#include <set>
#include <vector>

#include "generator/assets.h"
#include "generator/file_system.h"
#include "generator/html_escape.h"
#include "generator/text.h"
#include "runtime/core/answer_key.h"

namespace morsel::gen {
namespace {

using nlohmann::json;

constexpr size_t kVersionLength = 10;

std::string Duration(int minutes) { return "PT" + std::to_string(minutes) + "M"; }

json Provider(const SiteConfig& config) {
  json provider = {{"@type", "Organization"},
                   {"name", config.organization.empty() ? config.title : config.organization}};
  if (!config.base_url.empty()) provider["url"] = config.base_url;
  return provider;
}

/// Every URL of the site a learner reads: home, courses, lessons.
std::vector<std::string> SitemapPaths(const Site& site) {
  std::vector<std::string> paths = {"index.html"};
  for (const Course& c : site.courses) {
    paths.push_back(c.output_path);
    ForEachLesson(c, [&](const Module&, const Lesson& l) { paths.push_back(l.output_path); });
  }
  return paths;
}

std::string Sitemap(const Site& site) {
  std::string xml =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
  for (const std::string& path : SitemapPaths(site)) {
    xml += "<url><loc>" + EscapeHtml(AbsoluteUrl(site.config, path)) + "</loc></url>\n";
  }
  return xml + "</urlset>\n";
}

std::string Robots(const SiteConfig& config) {
  std::string text = "User-agent: *\nAllow: /\n";
  if (!config.base_url.empty()) text += "Sitemap: " + config.base_url + "sitemap.xml\n";
  return text;
}

std::string Manifest(const SiteConfig& config, const std::string& icon) {
  json manifest = {
      {"name", config.title},
      {"short_name", config.title},
      {"lang", config.language},
      {"start_url", "./"},
      {"scope", "./"},
      {"display", "standalone"},
      {"background_color", "#ffffff"},
      {"theme_color", "#1f5fbf"},
      {"icons", json::array({{{"src", icon}, {"sizes", "any"}, {"type", "image/svg+xml"}, {"purpose", "any"}}})}};
  if (!config.description.empty()) manifest["description"] = config.description;
  return manifest.dump(2) + "\n";
}

/// A site that does not set `features.offline` gets no worker when a first visit would
/// download more than this: a learner opening one lesson on a phone should not fetch
/// the whole of a large site.
constexpr size_t kDefaultPrecacheBytes = 20 * 1024 * 1024;

/// Whether the service worker precaches a file of the site. Not: the packed wasm scripts
/// (morsel-runtime.wasm.<hash>.js, which only file:// loads), the worker itself, the
/// courses' single-file editions (downloads, the same lessons again), audio and video
/// (large; they stream when online), and the search index (it grows with the whole site;
/// search needs the network, and the search page says so offline).
bool Precached(const std::string& path, const std::set<std::string>& single_files) {
  const bool packed_wasm = EndsWith(path, ".js") && path.find(".wasm.") != std::string::npos;
  if (packed_wasm || path == "sw.js" || single_files.count(path) > 0) return false;
  if (StartsWith(path, "search/") && path != "search/index.html") return false;
  static const char* const kMedia[] = {".mp4", ".m4v", ".webm", ".ogv",  ".mov", ".mp3", ".m4a",
                                       ".aac", ".ogg", ".oga",  ".opus", ".wav", ".flac"};
  const std::string lower = Lower(path);
  for (const char* ext : kMedia) {
    if (EndsWith(lower, ext)) return false;
  }
  return true;
}

/// The courses' single-file editions: downloads, never precached.
std::set<std::string> SingleFiles(const Site& site) {
  std::set<std::string> paths;
  for (const Course& course : site.courses) paths.insert(OfflinePath(course));
  return paths;
}

/// Which worker precaches a file: a course's folder ("<course>/"), or "" for the root
/// worker's shell (the pages outside any course, the runtime, the assets, and each
/// course's cover, which the home page shows).
std::string PrecacheGroup(const Site& site, const std::string& path) {
  // A course's pages and files are in its folder, the first segment of their path: compared
  // in place, since every output file is asked about.
  const size_t slash = path.find('/');
  if (slash == std::string::npos) return "";
  const std::string_view folder(path.data(), slash + 1);
  for (const Course& course : site.courses) {
    if (course.output_path.compare(0, folder.size(), folder) == 0 && path != course.image_output) {
      return std::string(folder);
    }
  }
  return "";
}

}  // namespace

const char kContentSecurityPolicy[] =
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; "
    "img-src 'self' data: https:; media-src 'self' https: data:; object-src 'none'; base-uri 'self'";

std::string CourseFolder(const Course& course) {
  const size_t slash = course.output_path.rfind('/');
  return slash == std::string::npos ? "" : course.output_path.substr(0, slash + 1);
}

std::string AbsoluteUrl(const SiteConfig& config, const std::string& output_path) {
  if (config.base_url.empty()) return "";
  std::string path = output_path;
  if (path == "index.html") path.clear();
  if (EndsWith(path, "/index.html")) path.resize(path.size() - 10);
  return config.base_url + path;
}

std::string ContentSecurityPolicy(const SiteConfig& config) {
  if (!config.csp) return "";
  // The pages fetch their own files; with an LRS (site.yml xapi), statements go there too.
  if (config.xapi_origin.empty()) return kContentSecurityPolicy;
  return std::string(kContentSecurityPolicy) + "; connect-src 'self' " + config.xapi_origin;
}

void AddHostingData(const Site& site_model, bool offline, const std::string& output_path, json* data) {
  const SiteConfig& config = site_model.config;
  json& site = (*data)["site"];
  site["csp"] = ContentSecurityPolicy(config);
  // The same for a triple mustache in a double-quoted attribute: its quotes as they are.
  site["csp_attribute"] = EscapeQuotedAttribute(site["csp"].get<std::string>(), '"');
  site["xapi_endpoint"] = config.xapi_endpoint;
  site["offline"] = offline;
  json& page = (*data)["page"];
  // A course's pages register its own worker too, with the course's folder as its scope.
  page["offline_scope"] = offline ? PrecacheGroup(site_model, output_path) : "";
  page["canonical"] = AbsoluteUrl(config, output_path);
  if (!page.contains("og_type")) page["og_type"] = "website";
  if (page.value("description", std::string()).empty()) page["description"] = config.description;
}

std::string CourseJsonLd(const SiteConfig& config, const Course& course) {
  json parts = json::array();
  ForEachLesson(course, [&](const Module&, const Lesson& l) {
    json part = {{"@type", "LearningResource"}, {"name", l.title}};
    if (!config.base_url.empty()) part["url"] = AbsoluteUrl(config, l.output_path);
    parts.push_back(std::move(part));
  });
  json course_ld = {{"@context", "https://schema.org"},
                    {"@type", "Course"},
                    {"name", course.title},
                    {"description", course.description.empty() ? config.description : course.description},
                    {"inLanguage", config.language},
                    {"provider", Provider(config)},
                    {"hasPart", std::move(parts)}};
  if (!config.base_url.empty()) course_ld["url"] = AbsoluteUrl(config, course.output_path);
  if (!config.base_url.empty() && !course.image_output.empty())
    course_ld["image"] = AbsoluteUrl(config, course.image_output);
  // `tags`, for search engines and catalogues that read schema.org's keywords.
  if (!course.tags.empty()) course_ld["keywords"] = course.tags;
  return ScriptJson(course_ld);
}

std::string LessonJsonLd(const SiteConfig& config, const Course& course, const Lesson& lesson) {
  json part_of = {{"@type", "Course"}, {"name", course.title}};
  if (!config.base_url.empty()) part_of["url"] = AbsoluteUrl(config, course.output_path);
  json lesson_ld = {
      {"@context", "https://schema.org"}, {"@type", "LearningResource"},   {"name", lesson.title},
      {"learningResourceType", "lesson"}, {"inLanguage", config.language}, {"isPartOf", std::move(part_of)},
      {"provider", Provider(config)}};
  if (!lesson.description.empty()) lesson_ld["description"] = lesson.description;
  if (lesson.duration_minutes > 0) lesson_ld["timeRequired"] = Duration(lesson.duration_minutes);
  if (!config.base_url.empty()) lesson_ld["url"] = AbsoluteUrl(config, lesson.output_path);
  if (!lesson.tags.empty()) lesson_ld["keywords"] = lesson.tags;
  return ScriptJson(lesson_ld);
}

bool ServiceWorkerFits(const Site& site, const std::map<std::string, OutputFile>& files,
                       const std::map<std::string, size_t>& page_bytes, const std::string& source,
                       DiagnosticSink* sink) {
  const SiteConfig& config = site.config;
  if (!config.features.offline) return false;
  if (config.features.offline_explicit) return true;
  const std::set<std::string> single_files = SingleFiles(site);
  // A first visit installs the root worker (the shell) and, on a course's page, that
  // course's worker: the shell plus the largest course.
  std::map<std::string, size_t> group_bytes;
  for (const auto& [path, file] : files) {
    if (Precached(path, single_files)) group_bytes[PrecacheGroup(site, path)] += file.size;
  }
  for (const auto& [path, bytes] : page_bytes) group_bytes[PrecacheGroup(site, path)] += bytes;
  size_t largest_course = 0;
  for (const auto& [group, bytes] : group_bytes) {
    if (!group.empty()) largest_course = std::max(largest_course, bytes);
  }
  const size_t bytes = group_bytes[""] + largest_course;
  if (bytes <= kDefaultPrecacheBytes) return true;
  sink->Add(Warning(JoinPath(source, "site.yml"), 0, 0, "offline-too-large",
                    "no service worker: a first visit to a course would download " +
                        std::to_string((bytes + 512 * 1024) / (1024 * 1024)) + " MB (more than " +
                        std::to_string(kDefaultPrecacheBytes / (1024 * 1024)) + " MB)",
                    "set 'features: {offline: true}' to precache it anyway, or 'offline: false' to "
                    "go without and silence this"));
  return false;
}

bool AddHostingFiles(const Site& site, const Theme& theme, const AssetNames& names, bool offline, SiteOutput* output) {
  const SiteConfig& config = site.config;
  if (!output->Add("robots.txt", Robots(config))) return false;
  if (!config.base_url.empty() && !output->Add("sitemap.xml", Sitemap(site))) return false;
  auto worker = theme.files.find("runtime/sw.js");
  if (!offline || worker == theme.files.end()) return true;
  if (!output->Add("manifest.webmanifest", Manifest(config, PublishedPath(names, "assets/favicon.svg")))) {
    return false;
  }
  const std::set<std::string> single_files = SingleFiles(site);
  // The build version: a hash of every file's path and SHA-256, each hashed as it was
  // written (the files are no longer in memory). The precache lists: the root worker's
  // shell and each course's files (PrecacheGroup), with the folder URL of each index page.
  const std::string_view separator("\0", 1);
  core::Sha256 version;
  std::map<std::string, std::vector<std::string>> lists;
  for (const Course& course : site.courses) {
    if (!CourseFolder(course).empty()) lists[CourseFolder(course)];
  }
  for (const auto& [path, file] : output->manifest()) {
    version.Update(path);
    version.Update(separator);
    version.Update(std::string_view(reinterpret_cast<const char*>(file.digest.data()), file.digest.size()));
    version.Update(separator);
    if (!Precached(path, single_files)) continue;
    std::vector<std::string>& list = lists[PrecacheGroup(site, path)];
    list.push_back(path);
    if (path == "index.html") list.push_back("./");
    if (EndsWith(path, "/index.html")) list.push_back(path.substr(0, path.size() - 10));
  }
  json courses = json::object();
  for (auto& [group, list] : lists) {
    std::sort(list.begin(), list.end());
    if (!group.empty()) courses[group] = list;
  }
  json worker_config = {{"site", config.id},
                        {"version", version.HexDigest().substr(0, kVersionLength)},
                        {"shell", lists[""]},
                        {"courses", std::move(courses)}};
  return output->Add("sw.js", "var MORSEL_SW = " + worker_config.dump() + ";\n" + worker->second);
}

}  // namespace morsel::gen
