// Invalid sites: tests/invalid/<code>/content is checked and the diagnostics must equal
// tests/invalid/<code>/expected_stderr.txt word for word, and include [<code>]: one case
// per diagnostic code. MORSEL_UPDATE_GOLDEN=1 re-approves; a mismatch leaves
// expected_stderr.txt.actual beside the expectation.
#include <cstdlib>
#include <filesystem>

#include <catch2/catch.hpp>

#include "generator/build.h"

namespace morsel::gen {
namespace {

void CopyTree(const RealFileSystem& disk, const std::string& from, const std::string& to,
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

TEST_CASE("invalid sites report exactly their diagnostics") {
  const std::string root = std::string(MORSEL_SOURCE_DIR) + "/tests/invalid";
  const bool update = std::getenv("MORSEL_UPDATE_GOLDEN") != nullptr;
  RealFileSystem disk;
  int cases = 0;
  for (const DirEntry& entry : disk.List(root)) {
    if (!entry.is_dir) continue;
    ++cases;
    DYNAMIC_SECTION(entry.name) {
      const std::string dir = JoinPath(root, entry.name);
      MemoryFileSystem memory;
      if (disk.IsDir(JoinPath(dir, "content"))) CopyTree(disk, JoinPath(dir, "content"), "content", &memory);
      DiagnosticSink sink;
      BuildStats stats;
      BuildOptions options;
      options.check_only = true;
      bool ok = BuildSite(&memory, options, &stats, &sink);
      const std::string actual = sink.Format();
      const std::string expected_path = JoinPath(dir, "expected_stderr.txt");
      std::string expected, error;
      if (update) {
        disk.WriteFile(expected_path, actual, &error);
        expected = actual;
      } else {
        INFO("re-approve with MORSEL_UPDATE_GOLDEN=1");
        REQUIRE(disk.ReadFile(expected_path, &expected, &error));
      }
      std::error_code ec;
      if (expected != actual) {
        disk.WriteFile(expected_path + ".actual", actual, &error);
      } else {
        std::filesystem::remove(expected_path + ".actual", ec);
      }
      CHECK(expected == actual);
      CHECK(actual.find("[" + entry.name + "]") != std::string::npos);
      // Warnings alone do not fail a check; every other case must.
      CHECK(ok == (sink.ErrorCount() == 0));
    }
  }
  CHECK(cases >= 30);
}

}  // namespace
}  // namespace morsel::gen
