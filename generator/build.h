#pragma once

#include <string>

#include "generator/diagnostics.h"
#include "generator/file_system.h"
#include "generator/lock.h"
#include "generator/model.h"
#include "generator/theme.h"

namespace morsel::gen {

class BuildProgress;

/// The file every build writes first into its output folder: a later build replaces a
/// folder only when it is empty or has this file (docs/security.md, "Files and folders").
inline constexpr const char* kOutputMarker = ".morsel-output";
inline constexpr const char* kOutputMarkerText =
    "This folder was written by Morsel (morsel build), which deletes and rewrites it on every build.\n"
    "Keep nothing of your own here.\n";

struct BuildOptions {
  std::string source = "content";
  std::string out = "site";
  /// Validate only: write nothing.
  bool check_only = false;
  /// Include pages marked `draft: true`.
  bool drafts = false;
  /// Leave every lesson unlocked (Site::unlock_all), for previewing.
  bool unlock_all = false;
  /// Accept a site id that differs from the one in morsel.lock (learners start over).
  bool allow_site_id_change = false;
  /// Warnings fail the run, and a failed build writes nothing (not even morsel.lock).
  bool strict = false;
  /// Also write `<out>.zip`: the whole output folder as one archive (docs/offline.md).
  bool zip = false;
  /// Processes that render and write the site (generator/workers.h): the output is the
  /// same for any number. More than one only where the FileSystem is the disk, which
  /// every process writes to (`morsel build` passes DefaultJobs()).
  size_t jobs = 1;
  /// Told each stage and how far along it is (generator/progress.h); null: nobody is.
  BuildProgress* progress = nullptr;
  /// Use and keep the build cache beside the output folder (generator/build_cache.h): skip
  /// a build that would change nothing, update the folder in place otherwise. `morsel build`
  /// sets it unless --no-cache; without it a build replaces the whole folder and removes
  /// the cache file.
  bool cache = false;
  /// What tells this program from another build of it (RealFileSystem::ProgramStamp): a
  /// cache another program wrote is not used.
  std::string program;
};

/// What a build produced, for the summary line.
struct BuildStats {
  int courses = 0;
  int modules = 0;
  int lessons = 0;
  int questions = 0;
  /// Files of the output folder written (the others were kept as they were, or the whole
  /// build was skipped: its cache said nothing changed).
  size_t files_written = 0;
  size_t files = 0;
  bool skipped = false;
};

/// Reports (`outside-source`) every file or folder the stages asked `fs` for that resolves
/// outside its folders (ConfinedFileSystem refused it), with where it leads; false if any.
bool ReportEscapes(const ConfinedFileSystem& fs, DiagnosticSink* sink);

/// The folders the stages may read: the content folder, then the `theme/` and `themes/`
/// folders beside it (generator/theme.h). Every stage reads through a ConfinedFileSystem
/// over them.
std::vector<std::string> SourceFolders(const BuildOptions& options);

/// The stages before rendering, over `source` (confined to SourceFolders): load (the
/// content and its theme) → ids (from morsel.lock, which `lock` holds and which is not
/// written here; the site id checked against it) → validate → compile. False, with
/// diagnostics, when the content has errors. `morsel package` renders from the same model.
bool CompileStages(const FileSystem& source, const BuildOptions& options, Site* site, Theme* theme, Lock* lock,
                   DiagnosticSink* sink);

/// The path beside the output folder `out` named after it plus `suffix` (`site` →
/// `site.morsel-partial`); `out` ending in "." or ".." is named by its real path.
std::string BesideOutput(const FileSystem& fs, const std::string& out, const std::string& suffix);

/// Where a run writes before it puts its result into the output folder `out`: beside it,
/// `<out>.morsel-partial`, so that a stopped run leaves `out` as it was.
std::string StagingFolder(const FileSystem& fs, const std::string& out);

/// Makes the staging folder empty but for kOutputMarker, which says that Morsel wrote it
/// (a run stopped half-way leaves one the next run may replace); `write-failed` if not.
bool Stage(FileSystem* fs, const std::string& staging, DiagnosticSink* sink);

/// Why writing into the output folder (which a build deletes first) would destroy
/// something: an existing file, the content, the disk's root, the home folder, or a
/// folder Morsel did not write (one without kOutputMarker). "" when it is safe; *hint
/// says what to do instead, naming `example` as a new folder to pass to --out.
std::string UnsafeOutput(const FileSystem& fs, const BuildOptions& options, const std::string& example,
                         std::string* hint);

/// The checks before any stage: the content folder exists (`no-content`) and, unless
/// `options.check_only`, writing into `options.out` is safe (`unsafe-output`, whose
/// message ends "refusing to " + `refusal`). False, with the diagnostic, when not.
bool CheckFolders(const FileSystem& fs, const BuildOptions& options, const std::string& example,
                  const std::string& refusal, DiagnosticSink* sink);

/// The whole pipeline: load → compile (validates every block through the core) →
/// render → write. Nothing is written unless the site is free of errors.
bool BuildSite(FileSystem* fs, const BuildOptions& options, BuildStats* stats, DiagnosticSink* sink);

}  // namespace morsel::gen
