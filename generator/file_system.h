#pragma once

#include <map>
#include <string>
#include <vector>

namespace morsel::gen {

/// One entry of a directory listing.
struct DirEntry {
  std::string name;
  bool is_dir = false;
};

/// All file access of the generator goes through this interface, so that tests run on
/// an in-memory tree and only RealFileSystem touches the disk. Paths use '/'.
class FileSystem {
 public:
  virtual ~FileSystem() = default;
  /// Reads a whole file; false with *error set when it cannot.
  virtual bool ReadFile(const std::string& path, std::string* contents, std::string* error) const = 0;
  /// Writes a whole file, creating parent directories; false with *error set on failure.
  virtual bool WriteFile(const std::string& path, const std::string& contents, std::string* error) = 0;
  /// Entries of a directory sorted by name (byte order), so every walk is deterministic.
  virtual std::vector<DirEntry> List(const std::string& path) const = 0;
  virtual bool IsDir(const std::string& path) const = 0;
  virtual bool IsFile(const std::string& path) const = 0;
  /// Removes a directory tree if it exists.
  virtual bool RemoveAll(const std::string& path, std::string* error) = 0;
};

/// The disk.
class RealFileSystem : public FileSystem {
 public:
  bool ReadFile(const std::string& path, std::string* contents, std::string* error) const override;
  bool WriteFile(const std::string& path, const std::string& contents, std::string* error) override;
  std::vector<DirEntry> List(const std::string& path) const override;
  bool IsDir(const std::string& path) const override;
  bool IsFile(const std::string& path) const override;
  bool RemoveAll(const std::string& path, std::string* error) override;
};

/// An in-memory tree for tests: directories exist implicitly above every file.
class MemoryFileSystem : public FileSystem {
 public:
  bool ReadFile(const std::string& path, std::string* contents, std::string* error) const override;
  bool WriteFile(const std::string& path, const std::string& contents, std::string* error) override;
  std::vector<DirEntry> List(const std::string& path) const override;
  bool IsDir(const std::string& path) const override;
  bool IsFile(const std::string& path) const override;
  bool RemoveAll(const std::string& path, std::string* error) override;

  /// Every file, by path.
  const std::map<std::string, std::string>& files() const { return files_; }

 private:
  std::map<std::string, std::string> files_;
};

/// Joins two path parts with one '/'.
std::string JoinPath(const std::string& a, const std::string& b);
/// The part before the last '/', or "" for a bare name.
std::string DirName(const std::string& path);
/// Resolves "." and ".." segments; a path that climbs above its root keeps leading "..".
std::string NormalizePath(const std::string& path);
/// The path from directory `from_dir` to file `to`, both relative to one root.
std::string RelativePath(const std::string& from_dir, const std::string& to);

}  // namespace morsel::gen
