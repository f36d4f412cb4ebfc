#pragma once

// Where the render stage puts the site's files: each written as soon as it is rendered,
// so that a build holds one page at a time rather than the whole site (a module of 2,000
// lessons wrote 24 MB, all of it kept until the end). What later stages need of the
// files written before them (their paths for the case check, their sizes for the service
// worker's budget, their hashes for its version) is kept in a manifest.

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "generator/file_system.h"
#include "runtime/core/answer_key.h"

namespace morsel::gen {

/// What is kept of a file once written.
struct OutputFile {
  size_t size = 0;
  /// SHA-256 of its bytes (zero when nothing is written: `morsel check`).
  core::Sha256::Digest digest{};
  /// Where the output folder already holds these bytes, when a build that updates it in
  /// place (generator/build_cache.h) kept that file instead of writing it again; "" when
  /// it was written into the staging folder.
  std::string kept;
};

/// The files of the output folder as the last build left them, by the path a build adds
/// them under (before a RenameFolder), each with `kept` its path in the output folder.
using PreviousOutput = std::map<std::string, OutputFile>;

class SiteOutput {
 public:
  /// Writes every file under `folder` of `fs` as it comes (tests pass a MemoryFileSystem);
  /// with `fs` null, writes nothing and keeps only sizes: `morsel check` renders every page
  /// (templates can fail) but publishes none.
  SiteOutput(FileSystem* fs, std::string folder) : fs_(fs), folder_(std::move(folder)) {}

  /// Adds the whole file `path` (relative to the site's root): Open, Append, Close. False,
  /// with error() set, when it cannot be written; a path added twice is replaced.
  bool Add(const std::string& path, std::string_view contents);

  /// A file written in pieces: Open, Append each piece, then Close (false when the last
  /// write failed). One at a time. Pieces are written in writes of at least
  /// kPendingBytes, so a page is created and written with one call.
  bool Open(const std::string& path);
  bool Append(std::string_view piece);
  bool Close();

  /// Moves every file under folder `from` (ending in '/') to folder `to`, which holds
  /// none: a folder named after what is written into it (the search index's hash).
  bool RenameFolder(const std::string& from, const std::string& to);
  /// Each folder renamed: (to, from).
  const std::map<std::string, std::string>& renamed() const { return renamed_; }

  /// Writes only what differs from `previous` (which outlives this): a file added with the
  /// bytes the output folder holds under the same path is kept there (OutputFile::kept)
  /// and not written (a file of more than kPendingBytes, written as it comes so that it is
  /// never held whole, is removed again at Close).
  void KeepUnchanged(const PreviousOutput* previous) { previous_ = previous; }

  /// A SiteOutput that writes into the same folder, keeps what this one keeps, and has no
  /// files yet.
  SiteOutput Empty() const {
    SiteOutput empty(fs_, folder_);
    empty.previous_ = previous_;
    return empty;
  }
  /// Takes `files` as added (written by another SiteOutput into this one's folder: another
  /// process's share of a stage, generator/workers.h), and its failure if it had one.
  void Absorb(const std::map<std::string, OutputFile>& files, const std::string& failed_path, const std::string& error);

  /// Every file added, by path.
  const std::map<std::string, OutputFile>& manifest() const { return manifest_; }
  /// The fingerprint (kFingerprintLength hex digits) of the files under `folder` (ending
  /// in '/'): their paths inside it and their SHA-256 digests, hashed again, so no file
  /// is hashed twice.
  std::string FolderFingerprint(const std::string& folder) const;
  /// The file being written when a write failed, and why ("" before).
  const std::string& failed_path() const { return failed_path_; }
  const std::string& error() const { return error_; }

 private:
  bool Fail(const std::string& path, std::string error);
  /// Writes `bytes` to the open file: creates it with the first write.
  bool Write(std::string_view bytes);
  /// Write(pending_), emptied.
  bool Flush();

  static constexpr size_t kPendingBytes = size_t{64} << 10;

  FileSystem* fs_ = nullptr;
  std::string folder_;
  std::map<std::string, OutputFile> manifest_;
  std::map<std::string, std::string> renamed_;
  const PreviousOutput* previous_ = nullptr;
  /// The file Open'ed and not yet Close'd, and its hash so far.
  std::string open_;
  core::Sha256 open_hash_;
  /// What was appended to the open file and not yet written; whether it was created.
  std::string pending_;
  bool started_ = false;
  std::string failed_path_;
  std::string error_;
};

}  // namespace morsel::gen
