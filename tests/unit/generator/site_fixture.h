#pragma once

#include <string>

#include <catch2/catch.hpp>

#include "generator/file_system.h"

namespace morsel::gen {

/// Copies a folder from disk into an in-memory file system (fixtures for whole-site tests).
inline void CopyTree(const RealFileSystem& disk, const std::string& from, const std::string& to,
                     MemoryFileSystem* memory) {
  for (const DirEntry& entry : disk.List(from)) {
    std::string source = JoinPath(from, entry.name);
    if (entry.is_dir) {
      CopyTree(disk, source, JoinPath(to, entry.name), memory);
    } else {
      std::string contents, error;
      REQUIRE(disk.ReadFile(source, &contents, &error));
      memory->WriteFile(JoinPath(to, entry.name), contents, &error);
    }
  }
}

}  // namespace morsel::gen
