// Golden sites: tests/golden/<case>/content is built and the <main> region of every page
// is compared with tests/golden/<case>/expected/<page>. Set MORSEL_UPDATE_GOLDEN=1 to
// re-approve; a mismatch leaves <page>.actual beside the expectation.
#include <cstdlib>
#include <filesystem>

#include <catch2/catch.hpp>

#include "generator/build.h"
#include "tests/unit/generator/site_fixture.h"

namespace morsel::gen {
namespace {

namespace fs = std::filesystem;

std::string MainRegion(const std::string& html) {
  size_t start = html.find("<main");
  size_t end = html.find("</main>");
  if (start == std::string::npos || end == std::string::npos) return html;
  return html.substr(start, end + 7 - start) + "\n";
}

TEST_CASE("golden sites") {
  const std::string golden = std::string(MORSEL_SOURCE_DIR) + "/tests/golden";
  const bool update = std::getenv("MORSEL_UPDATE_GOLDEN") != nullptr;
  RealFileSystem disk;
  int cases = 0;
  for (const DirEntry& entry : disk.List(golden)) {
    if (!entry.is_dir) continue;
    ++cases;
    const std::string dir = JoinPath(golden, entry.name);
    DYNAMIC_SECTION(entry.name) {
      // The whole case is the project (content/, and theme/ or themes/ when it overrides).
      MemoryFileSystem memory;
      for (const DirEntry& part : disk.List(dir)) {
        if (part.is_dir && part.name != "expected") {
          CopyTree(disk, JoinPath(dir, part.name), part.name, &memory);
        }
      }
      DiagnosticSink sink;
      BuildStats stats;
      BuildOptions options;
      bool ok = BuildSite(&memory, options, &stats, &sink);
      INFO(sink.Format());
      REQUIRE(ok);
      const std::string expected_dir = JoinPath(dir, "expected");
      int pages = 0;
      for (const auto& [path, contents] : memory.files()) {
        if (path.compare(0, 5, "site/") != 0 || path.size() < 5 || path.compare(path.size() - 5, 5, ".html") != 0) {
          continue;
        }
        ++pages;
        const std::string page = path.substr(5);
        const std::string expected_path = JoinPath(expected_dir, page);
        const std::string actual = MainRegion(contents);
        std::string expected, error;
        std::string error_unused;
        if (update) {
          RealFileSystem().WriteFile(expected_path, actual, &error);
          continue;
        }
        INFO("page " << page << " (re-approve with MORSEL_UPDATE_GOLDEN=1)");
        REQUIRE(disk.ReadFile(expected_path, &expected, &error));
        if (expected != actual) {
          RealFileSystem().WriteFile(expected_path + ".actual", actual, &error_unused);
        } else {
          std::error_code ec;
          fs::remove(expected_path + ".actual", ec);
        }
        CHECK(expected == actual);
      }
      CHECK(pages > 0);
    }
  }
  CHECK(cases > 0);
}

}  // namespace
}  // namespace morsel::gen
