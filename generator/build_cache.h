#pragma once

// The build cache: what the last build into an output folder left beside it, so that the
// next one skips a build that would change nothing and otherwise updates the folder in
// place, writing only the files whose bytes changed (issue 16, docs/architecture.md "Incremental
// builds"). Every build still reads and renders the whole site: the output is the same as a
// clean build's by construction, since what is kept is compared by content, not guessed.

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "generator/build.h"
#include "generator/file_system.h"
#include "generator/site_output.h"

namespace morsel::gen {

/// The file beside the output folder that holds its BuildCache: `<out>.morsel-cache`.
std::string CacheFile(const FileSystem& fs, const std::string& out);

/// Its first line, which tells it from a file Morsel did not write.
inline constexpr const char* kCacheHeader = "morsel-cache 1\n";

/// What a build into an output folder left there.
struct BuildCache {
  /// The program and the options that shape the output (BuildKey).
  std::string key;
  /// Every source file's path and bytes, hashed (CombineInputs).
  std::string inputs;
  /// Its summary, and its warnings with the sources they quote (AppendDiagnostics): a
  /// skipped build prints them again.
  BuildStats stats;
  std::string diagnostics;
  /// The output folder's files (SiteOutput::manifest), `kept` unused.
  std::map<std::string, OutputFile> files;
  /// Folders the build renamed: published folder → the folder it wrote (SiteOutput::renamed).
  std::map<std::string, std::string> renamed;
};

/// Reads `path`; false when it is absent, or is not a cache this version wrote.
bool ReadBuildCache(const FileSystem& fs, const std::string& path, BuildCache* cache);
std::string SerializeBuildCache(const BuildCache& cache);

/// The program (BuildOptions::program) and every option that changes what is written.
std::string BuildKey(const BuildOptions& options);

/// Each file below `folders` (all of them: hidden ones too, a hash too many only costs a
/// rebuild), by path: its bytes hashed. A folder linked to is named by where it leads.
using InputHashes = std::map<std::string, uint64_t>;
InputHashes HashInputs(const FileSystem& fs, const std::vector<std::string>& folders);
/// One text for them all.
std::string CombineInputs(const InputHashes& inputs);
uint64_t HashBytes(std::string_view bytes);

/// Marks each file of `cache` that the output folder `out` no longer holds as recorded
/// (missing, or of another size: someone deleted or edited it there) with size
/// kChangedOnDisk, so that the build writes it again (it is still deleted if the build has
/// it no more); returns how many. A stat per file.
inline constexpr size_t kChangedOnDisk = static_cast<size_t>(-1);
size_t MarkChangedOnDisk(const FileSystem& fs, const std::string& out, BuildCache* cache);

/// The cache's files keyed by the path a build adds them under (its renamed folders named
/// back), each `kept` at its path in the output folder: for SiteOutput::KeepUnchanged.
PreviousOutput PreviousFiles(const BuildCache& cache);

/// Puts a build into the output folder `out` whose files `previous` lists (PreviousFiles):
/// the files it kept elsewhere moved to their new paths, those it wrote into `staging`
/// moved in (replacing the old), the files of `previous` it no longer has deleted (and the
/// folders they leave empty), then `staging` removed. False with *error at the first failure, which leaves
/// `out` part old, part new: the caller removes the cache file first.
bool UpdateInPlace(FileSystem* fs, const std::string& staging, const std::string& out,
                   const std::map<std::string, OutputFile>& now, const PreviousOutput& previous, std::string* error);

}  // namespace morsel::gen
