#pragma once

// Whole folders of the disk read and copied, for the tests that build real sites.
#include <map>
#include <string>

#include <catch2/catch.hpp>

#include "generator/file_system.h"

namespace morsel::gen {

/// Every file under `folder`, by path relative to it (with `prefix` before it); with
/// `empty_folders`, each empty folder too, as "<path>/" → "(empty folder)".
inline void ReadTree(const RealFileSystem& disk, const std::string& folder, const std::string& prefix,
                     std::map<std::string, std::string>* files, bool empty_folders = false) {
  for (const DirEntry& entry : disk.List(folder)) {
    const std::string path = JoinPath(folder, entry.name);
    if (entry.is_dir) {
      ReadTree(disk, path, prefix + entry.name + "/", files, empty_folders);
      if (empty_folders && disk.List(path).empty()) (*files)[prefix + entry.name + "/"] = "(empty folder)";
    } else {
      std::string contents, error;
      REQUIRE(disk.ReadFile(path, &contents, &error));
      (*files)[prefix + entry.name] = contents;
    }
  }
}

inline void CopyFolder(RealFileSystem* disk, const std::string& from, const std::string& to) {
  std::map<std::string, std::string> files;
  ReadTree(*disk, from, "", &files);
  std::string error;
  for (const auto& [path, contents] : files) REQUIRE(disk->WriteFile(JoinPath(to, path), contents, &error));
}

}  // namespace morsel::gen
