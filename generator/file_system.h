#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace morsel::gen {

/// One entry of a directory listing.
struct DirEntry {
  std::string name;
  bool is_dir = false;
  /// A symbolic link (`is_dir` says what it names).
  bool is_link = false;
};

/// All file access of the generator goes through this interface, so that tests run on
/// an in-memory tree and only RealFileSystem touches the disk. Paths use '/'.
class FileSystem {
 public:
  virtual ~FileSystem() = default;
  /// Reads a whole file; false with *error set when it cannot.
  virtual bool ReadFile(const std::string& path, std::string* contents, std::string* error) const = 0;
  /// Writes a whole file, creating parent directories; false with *error set on failure.
  virtual bool WriteFile(const std::string& path, std::string_view contents, std::string* error) = 0;
  /// Appends to a file (which WriteFile created): a file written in pieces.
  virtual bool AppendFile(const std::string& path, std::string_view contents, std::string* error) = 0;
  /// Entries of a directory sorted by name (byte order), so every walk is deterministic.
  virtual std::vector<DirEntry> List(const std::string& path) const = 0;
  virtual bool IsDir(const std::string& path) const = 0;
  virtual bool IsFile(const std::string& path) const = 0;
  /// The size of a file in bytes, without reading it; -1 when it is not a file.
  virtual int64_t FileSize(const std::string& path) const = 0;
  /// Removes a directory tree if it exists.
  virtual bool RemoveAll(const std::string& path, std::string* error) = 0;
  /// Renames a file or folder, creating `to`'s parent folders; `to` must not exist (or be
  /// an empty folder), except that a file replaces a file.
  virtual bool Rename(const std::string& from, const std::string& to, std::string* error) = 0;
  /// The absolute path `path` names, "." and ".." and every symbolic link of its existing
  /// part resolved (a missing tail is appended as written); "" when it cannot be
  /// resolved (a symbolic link loop). Two paths name the same file when these are equal.
  virtual std::string RealPath(const std::string& path) const = 0;
  /// The user's home folder as a RealPath; "" when there is none.
  virtual std::string HomeFolder() const = 0;
  /// Why `path`, which exists, reads as absent ("resolves to '/etc/passwd', outside the
  /// content folder"); "" when it does not.
  virtual std::string Refusal(const std::string&) const { return ""; }
};

/// The disk.
class RealFileSystem : public FileSystem {
 public:
  /// Every file below `folders` (hidden files and folders, such as .git or an editor's
  /// .swp, and backups ending in '~' left out): path → (modification time, size), for
  /// `morsel serve` to see what changed between two looks.
  using Stamps = std::map<std::string, std::pair<int64_t, uintmax_t>>;
  Stamps FileStamps(const std::vector<std::string>& folders) const;
  /// What tells this program from another build of it: its file's path, size and
  /// modification time (as ccache tells compilers apart); "" when it cannot be read.
  static std::string ProgramStamp();
  /// A new empty folder under the system's temporary folder, named `prefix` + random
  /// characters; "" (and *error) when none can be made.
  std::string MakeTempFolder(const std::string& prefix, std::string* error);

  bool ReadFile(const std::string& path, std::string* contents, std::string* error) const override;
  bool WriteFile(const std::string& path, std::string_view contents, std::string* error) override;
  bool AppendFile(const std::string& path, std::string_view contents, std::string* error) override;
  std::vector<DirEntry> List(const std::string& path) const override;
  bool IsDir(const std::string& path) const override;
  bool IsFile(const std::string& path) const override;
  int64_t FileSize(const std::string& path) const override;
  bool RemoveAll(const std::string& path, std::string* error) override;
  bool Rename(const std::string& from, const std::string& to, std::string* error) override;
  std::string RealPath(const std::string& path) const override;
  std::string HomeFolder() const override;
};

/// An in-memory tree for tests: directories exist implicitly above every file.
class MemoryFileSystem : public FileSystem {
 public:
  bool ReadFile(const std::string& path, std::string* contents, std::string* error) const override;
  bool WriteFile(const std::string& path, std::string_view contents, std::string* error) override;
  bool AppendFile(const std::string& path, std::string_view contents, std::string* error) override;
  std::vector<DirEntry> List(const std::string& path) const override;
  bool IsDir(const std::string& path) const override;
  bool IsFile(const std::string& path) const override;
  int64_t FileSize(const std::string& path) const override;
  bool RemoveAll(const std::string& path, std::string* error) override;
  bool Rename(const std::string& from, const std::string& to, std::string* error) override;
  /// "/" + the normalised path: the tree has no links, and its root is "/".
  std::string RealPath(const std::string& path) const override;
  /// "" unless set_home_folder was called.
  std::string HomeFolder() const override { return home_; }
  void set_home_folder(const std::string& home) { home_ = RealPath(home); }

  /// Every file, by path.
  const std::map<std::string, std::string>& files() const { return files_; }

 private:
  std::map<std::string, std::string> files_;
  std::string home_;
};

/// A read-only view of another file system that reads nothing outside its folders (the
/// content folder, the theme folders): a path that resolves, through "..", an absolute
/// path or a symbolic link, outside every one of them reads as absent, and is kept in
/// `escapes()` so that the build can report it. A symbolic link that stays inside is
/// followed. Listings leave out the symbolic links to folders that would make a walk go
/// round in circles: one to a folder that contains it, and any found inside a folder
/// reached through such a link (every path follows at most one link to a folder).
class ConfinedFileSystem : public FileSystem {
 public:
  /// `folders` as given (relative or absolute), the content folder first; a folder that
  /// does not exist confines nothing to it.
  ConfinedFileSystem(const FileSystem& base, const std::vector<std::string>& folders);

  bool ReadFile(const std::string& path, std::string* contents, std::string* error) const override;
  /// Refused: the view is read-only (so are AppendFile, RemoveAll and Rename).
  bool WriteFile(const std::string& path, std::string_view contents, std::string* error) override;
  bool AppendFile(const std::string& path, std::string_view contents, std::string* error) override;
  std::vector<DirEntry> List(const std::string& path) const override;
  bool IsDir(const std::string& path) const override;
  bool IsFile(const std::string& path) const override;
  int64_t FileSize(const std::string& path) const override;
  bool RemoveAll(const std::string& path, std::string* error) override;
  bool Rename(const std::string& from, const std::string& to, std::string* error) override;
  std::string RealPath(const std::string& path) const override { return base_.RealPath(path); }
  std::string HomeFolder() const override { return base_.HomeFolder(); }
  std::string Refusal(const std::string& path) const override;

  /// Every path that exists but was refused, as asked for → where it resolves.
  const std::map<std::string, std::string>& escapes() const { return escapes_; }

 private:
  struct Folder {
    std::string lexical;  // NormalizePath of the folder as given
    std::string real;     // its RealPath
  };
  /// The confining folder `path` is lexically inside, or null.
  const Folder* Owner(const std::string& path) const;
  /// True when `path` resolves inside a folder; records it in escapes_ otherwise.
  bool Inside(const std::string& path) const;

  const FileSystem& base_;
  std::vector<Folder> folders_;
  mutable std::map<std::string, std::string> escapes_;
};

/// True when `path` is `folder` or inside it; both absolute or both relative, normalised.
bool IsWithin(const std::string& path, const std::string& folder);

/// Joins two path parts with one '/'.
std::string JoinPath(const std::string& a, const std::string& b);
/// The part before the last '/', or "" for a bare name.
std::string DirName(const std::string& path);
/// Resolves "." and ".." segments; a path that climbs above its root keeps leading "..".
std::string NormalizePath(const std::string& path);
/// The path from directory `from_dir` to file `to`, both relative to one root.
std::string RelativePath(const std::string& from_dir, const std::string& to);

}  // namespace morsel::gen
