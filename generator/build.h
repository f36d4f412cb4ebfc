#pragma once

#include <string>

#include "generator/diagnostics.h"
#include "generator/file_system.h"

namespace morsel::gen {

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
  /// Accept a site id that differs from the one in morsel.lock (learners start over).
  bool allow_site_id_change = false;
  /// Warnings fail the run, and a failed build writes nothing (not even morsel.lock).
  bool strict = false;
  /// Also write `<out>.zip`: the whole output folder as one archive (docs/offline.md).
  bool zip = false;
};

/// What a build produced, for the summary line.
struct BuildStats {
  int courses = 0;
  int modules = 0;
  int lessons = 0;
  int questions = 0;
};

/// Reports (`outside-source`) every file or folder the stages asked `fs` for that resolves
/// outside its folders (ConfinedFileSystem refused it), with where it leads; false if any.
bool ReportEscapes(const ConfinedFileSystem& fs, DiagnosticSink* sink);

/// The whole pipeline: load → compile (validates every block through the core) →
/// render → write. Nothing is written unless the site is free of errors.
bool BuildSite(FileSystem* fs, const BuildOptions& options, BuildStats* stats, DiagnosticSink* sink);

}  // namespace morsel::gen
