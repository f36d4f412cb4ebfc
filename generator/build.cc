#include "generator/build.h"

#include <map>
#include <set>
#include <stdexcept>

#include "generator/assets.h"
#include "generator/build_cache.h"
#include "generator/compile.h"
#include "generator/content.h"
#include "generator/hosting.h"
#include "generator/loader.h"
#include "generator/lock.h"
#include "generator/model.h"
#include "generator/progress.h"
#include "generator/render.h"
#include "generator/search_index.h"
#include "generator/single_file.h"
#include "generator/site_output.h"
#include "generator/text.h"
#include "generator/theme.h"
#include "generator/validate.h"
#include "generator/workers.h"
#include "generator/zip_archive.h"

namespace morsel::gen {
namespace {

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

/// The pages with content (ForEachContentPage), and the lessons: what the render stages count.
size_t ContentPages(const Site& site) {
  size_t pages = 0;
  ForEachContentPage(site, [&](const PageSource&, const Lesson*) { ++pages; });
  return pages;
}
size_t Lessons(const Site& site) {
  size_t lessons = 0;
  ForEachLesson(site, [&](const Course&, const Module&, const Lesson&) { ++lessons; });
  return lessons;
}

/// One item of `share` done, told by the first of the processes sharing a stage for all
/// of them (each does about as many): the others' progress stays in their process.
void AdvanceShared(BuildProgress* progress, const WorkShare& share) {
  if (share.index == 0) progress->Advance(share.count);
}

/// `content`, with a page of progress for each page it makes in `share` (a site's missing
/// home page, which has no content, is not one).
PageContent Counted(PageContent content, BuildProgress* progress, const WorkShare& share) {
  return [content = std::move(content), progress, share](const PageSource& page, const Lesson* lesson) {
    std::string html = content(page, lesson);
    if (!page.source_path.empty()) AdvanceShared(progress, share);
    return html;
  };
}

/// Where the theme's files are looked up (generator/theme.h): `theme/` and `themes/`
/// beside the content folder.
std::string ProjectRoot(const BuildOptions& options) { return DirName(NormalizePath(options.source)); }

/// Load: the content and the theme it names (read-only from here on).
bool Load(const FileSystem& fs, const BuildOptions& options, Site* site, Theme* theme, DiagnosticSink* sink) {
  LoadOptions load_options;
  load_options.drafts = options.drafts;
  const bool loaded = LoadSite(fs, options.source, load_options, site, sink);
  site->unlock_all = options.unlock_all;
  ThemeSources sources;
  sources.project_root = ProjectRoot(options);
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
bool CopyContentFiles(const Site& site, const FileSystem& fs, const std::string& source, SiteOutput* output,
                      DiagnosticSink* sink) {
  bool ok = true;
  for (const auto& [path, from] : site.static_files) {
    const std::string file = JoinPath(source, from);
    const std::string bad = BadNameCharacter(path);
    if (!bad.empty()) {
      sink->Add(Error(PrintableName(file), 0, 0, "bad-file-name",
                      "the name '" + PrintableName(from) + "' has " + bad + ", which a link to it cannot hold",
                      "rename it with letters, digits, '-', '_' and '.'"));
      ok = false;
      continue;
    }
    if (IsActiveDocument(path)) {
      sink->Add(Error(file, 0, 0, "unsafe-file",
                      "'" + from +
                          "' would open as a web page on the site's origin, where its scripts could read "
                          "and change learners' progress",
                      "put it in a .zip, or publish it on another site and link there"));
      ok = false;
      continue;
    }
    std::string error;
    std::string bytes;
    if (!fs.ReadFile(file, &bytes, &error)) {
      sink->Add(Error(file, 0, 0, "read-failed", error));
      ok = false;
      continue;
    }
    if (EndsWith(Lower(path), ".svg")) {
      const SvgProblem problem = CheckSvg(bytes);
      if (!problem.what.empty()) {
        sink->AddSource(file, bytes);
        sink->Add(Error(file, problem.line, problem.column, "unsafe-svg",
                        "this SVG has " + problem.what + ": opened from the site, it could run script there",
                        "remove it (Morsel publishes an SVG only without script, event handlers, foreignObject "
                        "and references to other files), or export the drawing as PNG"));
        ok = false;
        continue;
      }
    }
    if (!output->Add(path, bytes)) return false;
  }
  return ok;
}

/// Two files of the output whose paths differ only in case overwrite each other on a
/// disk that ignores case (the pages were checked by the loader, with their sources).
bool CheckCaseConflicts(const Site& site, const std::map<std::string, OutputFile>& output, const std::string& source,
                        DiagnosticSink* sink) {
  std::map<std::string, std::string> folded;
  bool ok = true;
  for (const auto& entry : output) {
    auto [it, fresh] = folded.emplace(Lower(entry.first), entry.first);
    if (fresh) continue;
    auto file = site.static_files.find(entry.first);
    auto other = site.static_files.find(it->second);
    if (file == site.static_files.end() && other == site.static_files.end()) continue;
    const auto& named = file != site.static_files.end() ? *file : *other;
    const std::string& clash = file != site.static_files.end() ? it->second : entry.first;
    sink->Add(Error(JoinPath(source, named.second), 0, 0, "case-conflict",
                    "'" + named.first + "' and '" + clash +
                        "' differ only in case: on a disk that ignores case (Windows, macOS) one overwrites the other",
                    "rename one of them"));
    ok = false;
  }
  return ok;
}

/// Render: every byte of the site, from the model, into `output`, each file written as it
/// is rendered. What pages refer to is decided first (the search index's folder, asset
/// names, whether there is a service worker), so nothing is edited once rendered. Each
/// page's content is made when it is needed and dropped after: once for the search index
/// (its text) and the size of the pages, once for the page itself; both times by the
/// processes sharing the stage (generator/workers.h).
bool Render(const Site& site, const Theme& theme, const FileSystem& fs, const BuildOptions& options, SiteOutput* output,
            DiagnosticSink* sink) {
  const bool search = site.config.features.search;
  const ContentEdition edition = PagesEdition();
  BuildProgress& progress = OrSilent(options.progress);
  progress.Stage("render contents", ContentPages(site), "pages");
  // Each page's content, made by the processes sharing the stage: of each, its size (the
  // service worker's budget) and what the search index reads (the home page is not indexed).
  std::vector<std::pair<const PageSource*, const Lesson*>> pages;
  ForEachContentPage(site, [&](const PageSource& page, const Lesson* lesson) { pages.emplace_back(&page, lesson); });
  std::vector<std::string> made;
  const bool contents_ok = RunShares(
      options.jobs, output, sink,
      [&](const WorkShare& share, SiteOutput*, DiagnosticSink* reports, std::string* result) {
        bool ok = true;
        const PageContent content = Counted(RenderedContent(site, theme, edition, reports, &ok), &progress, share);
        for (size_t i = 0; i < pages.size(); ++i) {
          if (!share.Mine(i)) continue;
          const auto [page, lesson] = pages[i];
          const std::string html = content(*page, lesson);
          const PageText text = search && page != &site.home ? SearchPageText(*page, lesson, html) : PageText();
          AppendNumber(i, result);
          AppendNumber(html.size(), result);
          AppendText(text.headings, result);
          AppendText(text.text, result);
        }
        return ok;
      },
      &made);
  std::map<std::string, size_t> content_bytes;
  std::map<const PageSource*, PageText> texts;
  for (const std::string& result : made) {
    ResultReader in(result);
    while (!in.done() && in.good()) {
      const auto i = static_cast<size_t>(in.Number());
      const auto bytes = static_cast<size_t>(in.Number());
      PageText text{in.Text(), in.Text()};
      if (i >= pages.size()) continue;
      content_bytes[pages[i].first->output_path] += bytes;
      texts[pages[i].first] = std::move(text);
    }
    if (!in.ok()) throw std::runtime_error("a build process sent back contents that cannot be read");
  }
  std::vector<std::string>().swap(made);
  std::string manifest;
  if (search) {
    SearchIndexOptions index;
    index.jobs = options.jobs;
    index.writing = [&](size_t files) { progress.Stage("write search index", files, "files"); };
    index.written = [&](const WorkShare& share) { AdvanceShared(&progress, share); };
    const PageTextOf text_of = [&](const PageSource& page, const Lesson*) {
      auto it = texts.find(&page);
      return it == texts.end() ? PageText() : std::move(it->second);
    };
    if (!WriteSearchIndex(site, text_of, index, output, &manifest)) return false;
  }
  if (!contents_ok) return false;
  const std::string fingerprint = search ? SearchIndexFingerprint(*output, manifest) : "";
  const AssetNames names = AssignAssetNames(theme, fingerprint);
  if (search && (!output->RenameFolder(kPendingIndexFolder, PublishedPath(names, "search/")) ||
                 !output->Add(kSearchManifestPath, SearchManifestScript(manifest, fingerprint)))) {
    return false;
  }
  progress.Stage("copy files", 0, "");
  if (!CopyContentFiles(site, fs, options.source, output, sink)) return false;
  for (const auto& [path, bytes] : PublishedFiles(theme, names)) {
    if (!output->Add(path, bytes)) return false;
  }
  if (!CheckCaseConflicts(site, output->manifest(), options.source, sink)) return false;
  const bool offline = ServiceWorkerFits(site, output->manifest(), content_bytes, options.source, sink);
  // The pages make every content again: what that reports was reported above.
  DiagnosticSink reported;
  bool remade_ok = true;
  const RenderInputs inputs{RenderedContent(site, theme, edition, &reported, &remade_ok), names, offline,
                            GamificationScript(site)};
  // Each page, and each lesson's section of its course's single file.
  progress.Stage("render pages", ContentPages(site) + Lessons(site), "pages");
  if (!inputs.gamification.path.empty() && !output->Add(inputs.gamification.path, inputs.gamification.text)) {
    return false;
  }
  // The pages and the single files, shared between processes.
  bool ok = RunShares(options.jobs, output, sink,
                      [&](const WorkShare& share, SiteOutput* out, DiagnosticSink* reports, std::string*) {
                        RenderInputs counted = inputs;
                        counted.content = Counted(inputs.content, &progress, share);
                        const bool rendered = RenderSite(site, theme, counted, out, reports, share);
                        SingleFileOptions single;
                        single.section_rendered = [&] { AdvanceShared(&progress, share); };
                        return RenderSingleFiles(site, theme, names, fs, options.source, single, out, reports, share) &&
                               rendered;
                      }) &&
            remade_ok;
  ok = (!search || RenderSearchPage(site, theme, inputs, output, sink)) && ok;
  progress.Stage("write hosting files", 0, "");
  return AddHostingFiles(site, theme, names, offline, output) && ok;
}

/// Write: morsel.lock if it gained entries or answers changed, then the output folder
/// replaced (BuildSite checked it is safe to) by the staging folder the site was written
/// into, or, with a cache that describes it, updated in place from it; and the archive
/// with --zip. The cache file is removed before the output folder changes, and written
/// again (with options.cache) once it has.
bool Write(FileSystem* fs, const BuildOptions& options, const Lock& lock, const std::string& staging,
           const SiteOutput& output, const PreviousOutput* previous, BuildCache* after, DiagnosticSink* sink) {
  OrSilent(options.progress).Stage("write site", 0, "");
  std::string error;
  const std::string lock_path = JoinPath(options.source, "morsel.lock");
  if (lock.changed()) {
    const std::string text = lock.Serialize();
    if (!fs->WriteFile(lock_path, text, &error)) {
      sink->Add(Error(lock_path, 0, 0, "write-failed", error));
      return false;
    }
  }
  const std::string cache_path = CacheFile(*fs, options.out);
  const bool written =
      fs->RemoveAll(cache_path, &error) &&
      (previous != nullptr ? UpdateInPlace(fs, staging, options.out, output.manifest(), *previous, &error)
                           : fs->RemoveAll(options.out, &error) && fs->Rename(staging, options.out, &error));
  if (!written) {
    sink->Add(Error(options.out, 0, 0, "write-failed", error));
    return false;
  }
  if (options.zip && !WriteSiteZip(fs, options.out, sink)) return false;
  if (!options.cache) return true;
  after->files = output.manifest();
  for (auto& [path, file] : after->files) file.kept.clear();
  after->renamed = output.renamed();
  // A failed write leaves no cache: the next build rewrites the folder.
  fs->WriteFile(cache_path, SerializeBuildCache(*after), &error);
  return true;
}

/// The files a build wrote rather than kept (all of them without a cache).
size_t Written(const SiteOutput& output) {
  size_t written = 0;
  for (const auto& entry : output.manifest()) written += entry.second.kept.empty() ? 1 : 0;
  return written;
}

}  // namespace

bool Stage(FileSystem* fs, const std::string& staging, DiagnosticSink* sink) {
  std::string error;
  const std::string marker = JoinPath(staging, kOutputMarker);
  if (!fs->RemoveAll(staging, &error) || !fs->WriteFile(marker, kOutputMarkerText, &error)) {
    sink->Add(Error(staging, 0, 0, "write-failed", error));
    return false;
  }
  return true;
}

std::string BesideOutput(const FileSystem& fs, const std::string& out, const std::string& suffix) {
  std::string folder = NormalizePath(out);
  while (folder.size() > 1 && folder.back() == '/') folder.pop_back();
  const std::string name = folder.substr(folder.rfind('/') + 1);
  if (name.empty() || name == "." || name == "..") folder = fs.RealPath(out);
  return folder + suffix;
}

// Beside the output folder, so that the rename that replaces it stays on one disk.
std::string StagingFolder(const FileSystem& fs, const std::string& out) {
  return BesideOutput(fs, out, ".morsel-partial");
}

std::string UnsafeOutput(const FileSystem& fs, const BuildOptions& options, const std::string& example,
                         std::string* hint) {
  const std::string& out = options.out;
  const std::string real = fs.RealPath(out);
  const std::string source = fs.RealPath(options.source);
  *hint = "pass --out a new folder beside the content folder, such as --out " + example;
  if (out.empty()) return "no output folder was given";
  if (real.empty()) return "'" + out + "' cannot be resolved (a symbolic link loop)";
  if (real == "/") return "'" + out + "' is the root of the disk";
  if (real == fs.HomeFolder()) return "'" + out + "' is your home folder";
  if (fs.IsFile(out)) return "'" + out + "' is a file; Morsel writes the site into a folder it replaces";
  if (real == source) return "'" + out + "' is the content folder";
  if (IsWithin(source, real)) return "'" + out + "' contains the content folder '" + options.source + "'";
  if (IsWithin(real, source)) return "'" + out + "' is inside the content folder '" + options.source + "'";
  const bool ours = fs.IsFile(JoinPath(out, kOutputMarker));
  if (fs.IsDir(out) && !ours && !fs.List(out).empty()) {
    *hint = "Morsel replaces only a folder that is empty or that it wrote (it has a " + std::string(kOutputMarker) +
            " file): choose another --out folder, or empty this one (a site built before Morsel wrote that file "
            "too)";
    return "'" + out + "' is not empty and was not written by Morsel";
  }
  const std::string staging = StagingFolder(fs, out);
  if ((fs.IsDir(staging) && !fs.IsFile(JoinPath(staging, kOutputMarker))) || fs.IsFile(staging)) {
    *hint = "move it away: Morsel writes the site there before it replaces '" + out + "' with it";
    return "'" + staging + "' exists and was not written by Morsel";
  }
  const std::string cache = CacheFile(fs, out);
  std::string cache_text;
  std::string read_error;
  if (fs.IsDir(cache) ||
      (fs.IsFile(cache) && (!fs.ReadFile(cache, &cache_text, &read_error) || cache_text.rfind(kCacheHeader, 0) != 0))) {
    *hint = "move it away: Morsel keeps its build cache there, beside '" + out + "'";
    return "'" + cache + "' exists and was not written by Morsel";
  }
  const std::string zip = out + ".zip";
  if (options.zip && fs.IsDir(zip)) {
    *hint = "choose another --out folder: --zip writes <out>.zip beside it";
    return "'" + zip + "' is a folder";
  }
  if (options.zip && fs.IsFile(zip) && !ours) {
    *hint = "delete it, or choose another --out folder: --zip writes <out>.zip beside it";
    return "'" + zip + "' exists and Morsel did not write the folder beside it, so it cannot tell the file is its own";
  }
  return "";
}

std::vector<std::string> SourceFolders(const BuildOptions& options) {
  const std::string project = ProjectRoot(options);
  return {options.source, JoinPath(project, "theme"), JoinPath(project, "themes")};
}

bool CompileStages(const FileSystem& source, const BuildOptions& options, Site* site, Theme* theme, Lock* lock,
                   DiagnosticSink* sink) {
  BuildProgress& progress = OrSilent(options.progress);
  progress.Stage("load content", 0, "");
  bool ok = Load(source, options, site, theme, sink);
  ok = AssignIds(source, options, site, lock, sink) && ok;
  progress.Stage("check content", 0, "");
  ok = ValidateSite(site, options.source, sink) && ok;
  return CompileSite(site, source, options.source, lock, sink) && ok;
}

bool CheckFolders(const FileSystem& fs, const BuildOptions& options, const std::string& example,
                  const std::string& refusal, DiagnosticSink* sink) {
  if (!fs.IsDir(options.source)) {
    sink->Add(Error(options.source, 0, 0, "no-content", "content folder not found",
                    "run morsel in the folder that holds your content, or pass its path"));
    return false;
  }
  if (options.check_only) return true;
  std::string hint;
  const std::string unsafe = UnsafeOutput(fs, options, example, &hint);
  if (!unsafe.empty()) {
    sink->Add(Error(options.out, 0, 0, "unsafe-output", unsafe + ": refusing to " + refusal, hint));
    return false;
  }
  return true;
}

bool ReportEscapes(const ConfinedFileSystem& fs, DiagnosticSink* sink) {
  for (const auto& [path, target] : fs.escapes()) {
    sink->Add(Error(path, 0, 0, "outside-source", "'" + path + "' " + fs.Refusal(path),
                    "Morsel reads only what is inside the content folder (and the theme folders): copy the "
                    "file in instead of linking to it"));
  }
  return fs.escapes().empty();
}

bool BuildSite(FileSystem* fs, const BuildOptions& options, BuildStats* stats, DiagnosticSink* sink) {
  if (!CheckFolders(*fs, options, "site", "replace it", sink)) return false;
  // The cache: the sources hashed before any is read, so that an edit made while the
  // build runs is seen by the next one.
  BuildCache before;
  BuildCache after;
  bool cached = false;
  if (options.cache && !options.check_only) {
    OrSilent(options.progress).Stage("read build cache", 0, "");
    const InputHashes inputs = HashInputs(*fs, SourceFolders(options));
    after.key = BuildKey(options);
    after.inputs = CombineInputs(inputs);
    cached =
        ReadBuildCache(*fs, CacheFile(*fs, options.out), &before) && fs->IsFile(JoinPath(options.out, kOutputMarker));
    // A file deleted or edited in the output folder since is written again.
    const bool intact = cached && MarkChangedOnDisk(*fs, options.out, &before) == 0;
    if (intact && before.key == after.key && before.inputs == after.inputs &&
        (!options.zip || fs->IsFile(NormalizePath(options.out) + ".zip"))) {
      // Its warnings again, as that build printed them.
      ResultReader in(before.diagnostics);  // checked by ReadBuildCache
      for (SourceDiagnostic& d : ReadDiagnostics(&in, sink)) sink->Add(std::move(d));
      *stats = before.stats;
      stats->files = before.files.size();
      stats->skipped = true;
      return true;
    }
  }
  // Every stage reads through `source`: nothing outside the content and theme folders.
  const ConfinedFileSystem source(*fs, SourceFolders(options));
  Site site;
  Theme theme;
  Lock lock;
  bool ok = CompileStages(source, options, &site, &theme, &lock, sink);
  const std::string staging = options.check_only ? "" : StagingFolder(*fs, options.out);
  SiteOutput output(options.check_only ? nullptr : fs, staging);
  const PreviousOutput previous = cached ? PreviousFiles(before) : PreviousOutput();
  std::map<std::string, OutputFile>().swap(before.files);  // `previous` has them (a site's worth of paths)
  if (cached) output.KeepUnchanged(&previous);
  if (ok && !options.check_only) ok = Stage(fs, staging, sink);
  ok = ok && Render(site, theme, source, options, &output, sink);
  if (!output.error().empty()) sink->Add(Error(output.failed_path(), 0, 0, "write-failed", output.error()));
  ok = ReportEscapes(source, sink) && ok;
  Count(site, stats);
  stats->files = output.manifest().size();
  stats->files_written = Written(output);
  // With --strict a warning fails the build before anything is written: the lock must
  // not take an unwanted edit as its new baseline.
  if (options.strict && sink->WarningCount() > 0) ok = false;
  if (options.check_only) return ok;
  // (A build that writes morsel.lock is not skipped next time: the lock is then an input
  // that changed, and a build against it may warn differently, answer-changed for one.)
  after.stats = *stats;
  after.stats.files_written = 0;
  AppendDiagnostics(*sink, &after.diagnostics);
  if (ok && Write(fs, options, lock, staging, output, cached ? &previous : nullptr, &after, sink)) return true;
  std::string error;
  fs->RemoveAll(staging, &error);  // the output folder stays as it was
  return false;
}

}  // namespace morsel::gen
