#include "generator/build.h"

#include <map>

#include "generator/assets.h"
#include "generator/compile.h"
#include "generator/content.h"
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

/// The site's whole output, path → contents: the one collection the write stage writes.
using Output = std::map<std::string, std::string>;

constexpr const char* kGeneratorMark = "<meta name=\"generator\" content=\"Morsel";

/// Replacing the output folder deletes it: only do that to a folder that is empty or
/// that Morsel wrote, never to a folder of the author's.
bool SafeToReplace(const FileSystem& fs, const std::string& out, std::string* reason) {
  if (!fs.IsDir(out) || fs.List(out).empty()) return true;
  std::string index;
  std::string error;
  if (fs.ReadFile(JoinPath(out, "index.html"), &index, &error) && index.find(kGeneratorMark) != std::string::npos) {
    return true;
  }
  *reason = "'" + out + "' exists and was not written by Morsel; refusing to replace it";
  return false;
}

/// A new site id orphans every learner's stored progress: only on purpose.
bool CheckSiteId(const SiteConfig& config, const Lock& lock, const BuildOptions& options, DiagnosticSink* sink) {
  if (lock.site_id().empty() || config.id.empty() || lock.site_id() == config.id || options.allow_site_id_change) {
    return true;
  }
  const SourceRef& at = config.id_ref;
  sink->Add(Error(at.path, at.line, at.column, "site-id-changed",
                  "site id changed from '" + lock.site_id() + "' (recorded in morsel.lock) to '" + config.id +
                      "': every learner's progress would be lost",
                  "change it back, or pass --allow-site-id-change if learners really must start over"));
  return false;
}

void Count(const Site& site, BuildStats* stats) {
  for (const Course& c : site.courses) {
    ++stats->courses;
    stats->modules += static_cast<int>(c.modules.size());
  }
  ForEachLesson(site, [&](const Course&, const Module&, const Lesson& l) {
    ++stats->lessons;
    stats->questions += static_cast<int>(l.question_keys.size());
  });
}

/// Load: the content and the theme it names (read-only from here on).
bool Load(const FileSystem& fs, const BuildOptions& options, Site* site, Theme* theme, DiagnosticSink* sink) {
  LoadOptions load_options;
  load_options.drafts = options.drafts;
  const bool loaded = LoadSite(fs, options.source, load_options, site, sink);
  ThemeSources sources;
  sources.project_root = DirName(NormalizePath(options.source));
  sources.name = site->config.theme;
  sources.language = site->config.language;
  sources.config_path = JoinPath(options.source, "site.yml");
  return LoadTheme(fs, sources, theme, sink) && loaded;
}

/// Ids: every page's id from the lock (or recorded in it), the site's checked against it.
bool AssignIds(const FileSystem& fs, const BuildOptions& options, Site* site, Lock* lock, DiagnosticSink* sink) {
  bool ok = lock->Read(fs, options.source, sink);
  ok = CheckSiteId(site->config, *lock, options, sink) && ok;
  lock->set_site_id(site->config.id);
  lock->AssignPageIds(site, sink);
  return ok;
}

/// The content files pages link to (images, attachments), read into the output.
bool CopyContentFiles(const Site& site, const FileSystem& fs, const std::string& source, Output* output,
                      DiagnosticSink* sink) {
  for (const auto& [path, from] : site.static_files) {
    std::string error;
    if (!fs.ReadFile(JoinPath(source, from), &(*output)[path], &error)) {
      sink->Add(Error(JoinPath(source, from), 0, 0, "read-failed", error));
      return false;
    }
  }
  return true;
}

size_t Bytes(const Contents& contents) {
  size_t bytes = 0;
  for (const auto& entry : contents) bytes += entry.second.size();
  return bytes;
}

/// Render: every byte of the site, from the model, into `output`. What pages refer to is
/// decided first (the search index's folder, asset names, whether there is a service
/// worker), so nothing is edited once rendered.
bool Render(const Site& site, const Theme& theme, const FileSystem& fs, const BuildOptions& options, Output* output,
            DiagnosticSink* sink) {
  Contents contents;
  if (!RenderContents(site, theme, PagesEdition(), &contents, sink)) return false;
  const bool search = site.config.features.search;
  const auto index = search ? BuildSearchIndex(site, contents, SearchIndexOptions()) : Output();
  const AssetNames names = AssignAssetNames(theme, index.empty() ? std::string() : FingerprintOf(index));
  if (!CopyContentFiles(site, fs, options.source, output, sink)) return false;
  output->merge(PublishedFiles(theme, names));
  AddSearchIndex(index, names, output);
  const RenderInputs inputs{contents, names, ServiceWorkerFits(site, *output, Bytes(contents), options.source, sink)};
  bool ok = RenderSite(site, theme, inputs, output, sink);
  ok = RenderSingleFiles(site, theme, names, fs, options.source, SingleFileOptions(), output, sink) && ok;
  ok = (!search || RenderSearchPage(site, theme, inputs, output, sink)) && ok;
  AddHostingFiles(site, theme, names, inputs.offline, output);
  return ok;
}

/// Write: morsel.lock if it gained entries or answers changed, then the output folder
/// replaced (only if Morsel wrote it) by `output`, and the archive with --zip.
bool Write(FileSystem* fs, const BuildOptions& options, const Lock& lock, const Output& output, BuildStats* stats,
           DiagnosticSink* sink) {
  std::string error;
  if (!SafeToReplace(*fs, options.out, &error)) {
    sink->Add(Error(options.out, 0, 0, "unsafe-output", error, "choose another --out folder, or empty this one"));
    return false;
  }
  const std::string lock_path = JoinPath(options.source, "morsel.lock");
  if (lock.changed() && !fs->WriteFile(lock_path, lock.Serialize(), &error)) {
    sink->Add(Error(lock_path, 0, 0, "write-failed", error));
    return false;
  }
  if (!fs->RemoveAll(options.out, &error)) {
    sink->Add(Error(options.out, 0, 0, "write-failed", error));
    return false;
  }
  for (const auto& [path, contents] : output) {
    if (!fs->WriteFile(JoinPath(options.out, path), contents, &error)) {
      sink->Add(Error(JoinPath(options.out, path), 0, 0, "write-failed", error));
      return false;
    }
    ++stats->files_written;
  }
  return !options.zip || WriteSiteZip(fs, options.out, sink);
}

}  // namespace

bool BuildSite(FileSystem* fs, const BuildOptions& options, BuildStats* stats, DiagnosticSink* sink) {
  if (!fs->IsDir(options.source)) {
    sink->Add(Error(options.source, 0, 0, "no-content", "content folder not found",
                    "run morsel in the folder that holds your content, or pass its path"));
    return false;
  }
  Site site;
  Theme theme;
  Lock lock;
  bool ok = Load(*fs, options, &site, &theme, sink);
  ok = AssignIds(*fs, options, &site, &lock, sink) && ok;
  ok = ValidateSite(&site, options.source, sink) && ok;
  ok = CompileSite(&site, *fs, options.source, &lock, sink) && ok;
  Output output;
  ok = ok && Render(site, theme, *fs, options, &output, sink);
  Count(site, stats);
  // With --strict a warning fails the build before anything is written: the lock must
  // not take an unwanted edit as its new baseline.
  if (options.strict && sink->WarningCount() > 0) ok = false;
  if (!ok || options.check_only) return ok;
  return Write(fs, options, lock, output, stats, sink);
}

}  // namespace morsel::gen
