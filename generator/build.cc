#include "generator/build.h"

#include <map>

#include "generator/assets.h"
#include "generator/compile.h"
#include "generator/hosting.h"
#include "generator/loader.h"
#include "generator/lock.h"
#include "generator/model.h"
#include "generator/render.h"
#include "generator/search_index.h"
#include "generator/single_file.h"
#include "generator/theme.h"
#include "generator/validate.h"
#include "generator/zip_archive.h"

namespace morsel::gen {
namespace {

constexpr const char* kGeneratorMark = "<meta name=\"generator\" content=\"Morsel";

/// Replacing the output folder deletes it: only do that to a folder that is empty or
/// that Morsel wrote, never to a folder of the author's.
bool SafeToReplace(const FileSystem& fs, const std::string& out, std::string* reason) {
  if (!fs.IsDir(out) || fs.List(out).empty()) return true;
  std::string index;
  std::string error;
  if (fs.ReadFile(JoinPath(out, "index.html"), &index, &error) &&
      index.find(kGeneratorMark) != std::string::npos) {
    return true;
  }
  *reason = "'" + out + "' exists and was not written by Morsel; refusing to replace it";
  return false;
}

/// A new site id orphans every learner's stored progress: only on purpose.
bool CheckSiteId(const SiteConfig& config, const Lock& lock, const BuildOptions& options,
                 DiagnosticSink* sink) {
  if (lock.site_id().empty() || config.id.empty() || lock.site_id() == config.id ||
      options.allow_site_id_change) {
    return true;
  }
  const SourceRef& at = config.id_ref;
  sink->Add({at.path, at.line, at.column, Severity::kError,
             "site id changed from '" + lock.site_id() + "' (recorded in morsel.lock) to '" +
                 config.id + "': every learner's progress would be lost",
             "site-id-changed",
             "change it back, or pass --allow-site-id-change if learners really must start over"});
  return false;
}

void Count(const Site& site, BuildStats* stats) {
  for (const Course& c : site.courses) {
    ++stats->courses;
    for (const Module& m : c.modules) {
      ++stats->modules;
      for (const Lesson& l : m.lessons) {
        ++stats->lessons;
        stats->questions += static_cast<int>(l.question_keys.size());
      }
    }
  }
}

}  // namespace

bool BuildSite(FileSystem* fs, const BuildOptions& options, BuildStats* stats, DiagnosticSink* sink) {
  if (!fs->IsDir(options.source)) {
    sink->Add({options.source, 0, 0, Severity::kError, "content folder not found", "no-content",
               "run morsel in the folder that holds your content, or pass its path"});
    return false;
  }
  Site site;
  LoadOptions load_options;
  load_options.drafts = options.drafts;
  bool ok = LoadSite(*fs, options.source, load_options, &site, sink);
  Lock lock;
  ok = lock.Read(*fs, options.source, sink) && ok;
  ok = CheckSiteId(site.config, lock, options, sink) && ok;
  lock.set_site_id(site.config.id);
  lock.AssignPageIds(&site, sink);
  ok = ValidateSite(&site, options.source, sink) && ok;
  Theme theme;
  ThemeSources theme_sources;
  theme_sources.project_root = DirName(NormalizePath(options.source));
  theme_sources.name = site.config.theme;
  theme_sources.language = site.config.language;
  theme_sources.config_path = JoinPath(options.source, "site.yml");
  ok = LoadTheme(*fs, theme_sources, &theme, sink) && ok;
  ok = CompileSite(&site, *fs, theme, options.source, &lock, sink) && ok;
  // The search index comes first: its fingerprint names the folder pages load it from.
  std::map<std::string, std::string> search_index;
  if (ok && !options.check_only && site.config.features.search) {
    search_index = BuildSearchIndex(site, SearchIndexOptions());
  }
  AssignAssetNames(search_index.empty() ? std::string() : FingerprintOf(search_index), &theme);
  std::map<std::string, std::string> pages;
  ok = ok && RenderSite(site, theme, &pages, sink);
  ok = ok && RenderSingleFiles(site, theme, *fs, options.source, SingleFileOptions(), &pages, sink);
  Count(site, stats);
  // With --strict a warning fails the build before anything is written: the lock must
  // not take an unwanted edit as its new baseline.
  if (options.strict && sink->WarningCount() > 0) ok = false;
  if (!ok || options.check_only) return ok;
  if (site.config.features.search && !WriteSearchIndex(site, theme, search_index, &pages, sink)) {
    return false;
  }
  PublishAssets(&theme);
  if (!WriteHostingFiles(site, *fs, options.source, &pages, &theme, sink)) return false;

  std::string reason;
  if (!SafeToReplace(*fs, options.out, &reason)) {
    sink->Add({options.out, 0, 0, Severity::kError, reason, "unsafe-output",
               "choose another --out folder, or empty this one"});
    return false;
  }
  std::string error;
  if (lock.changed() &&
      !fs->WriteFile(JoinPath(options.source, "morsel.lock"), lock.Serialize(), &error)) {
    sink->Add({JoinPath(options.source, "morsel.lock"), 0, 0, Severity::kError, error,
               "write-failed", ""});
    return false;
  }
  if (!fs->RemoveAll(options.out, &error)) {
    sink->Add({options.out, 0, 0, Severity::kError, error, "write-failed", ""});
    return false;
  }
  for (const auto& [output, source] : site.static_files) {
    std::string contents;
    if (!fs->ReadFile(JoinPath(options.source, source), &contents, &error) ||
        !fs->WriteFile(JoinPath(options.out, output), contents, &error)) {
      sink->Add({JoinPath(options.source, source), 0, 0, Severity::kError, error, "write-failed", ""});
      return false;
    }
    ++stats->files_written;
  }
  for (const auto* files : {&pages, &theme.files}) {
    for (const auto& [path, contents] : *files) {
      if (!fs->WriteFile(JoinPath(options.out, path), contents, &error)) {
        sink->Add({JoinPath(options.out, path), 0, 0, Severity::kError, error, "write-failed", ""});
        return false;
      }
      ++stats->files_written;
    }
  }
  return !options.zip || WriteSiteZip(fs, options.out, sink);
}

}  // namespace morsel::gen
