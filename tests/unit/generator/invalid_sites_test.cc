// Invalid sites: tests/invalid/<code>/content is checked and the diagnostics must equal
// tests/invalid/<code>/expected_stderr.txt word for word, and include [<code>]: one case
// per diagnostic code. MORSEL_UPDATE_GOLDEN=1 re-approves; a mismatch leaves
// expected_stderr.txt.actual beside the expectation.
#include <cstdlib>
#include <filesystem>
#include <set>

#include <catch2/catch.hpp>

#include "generator/build.h"
#include "tests/unit/generator/site_fixture.h"

namespace morsel::gen {
namespace {

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
      // The whole case is the project (content/, and theme/ when the case needs one).
      MemoryFileSystem memory;
      for (const DirEntry& part : disk.List(dir)) {
        if (part.is_dir) CopyTree(disk, JoinPath(dir, part.name), part.name, &memory);
      }
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

TEST_CASE("every documented diagnostic code has an invalid site, and every case is documented") {
  const std::string source = MORSEL_SOURCE_DIR;
  RealFileSystem disk;
  std::string docs, error;
  REQUIRE(disk.ReadFile(source + "/docs/diagnostics.md", &docs, &error));
  std::set<std::string> documented;
  for (size_t at = docs.find("\n| `"); at != std::string::npos; at = docs.find("\n| `", at + 1)) {
    size_t start = at + 4;
    documented.insert(docs.substr(start, docs.find('`', start) - start));
  }
  // Failures of the disk or of the output folder cannot be set up as a content folder;
  // tests/unit/generator/build_test.cc covers unsafe-output.
  // export-invalid comes from `morsel export`, not from a check (tests/cli covers it);
  // unknown-course, package-completion-only and theme-no-lms from `morsel package`
  // (package_test.cc).
  // offline-too-large needs 20 MB of files and a build (hosting_test.cc covers it).
  // outside-source needs symbolic links and case-conflict two names git cannot check out
  // on every disk: files_and_folders_test.cc makes them at run time.
  const std::set<std::string> not_a_site = {
      "unsafe-output",           "read-failed",  "write-failed",      "export-invalid", "unknown-course",
      "package-completion-only", "theme-no-lms", "offline-too-large", "outside-source", "case-conflict"};
  std::set<std::string> cases;
  for (const DirEntry& e : disk.List(source + "/tests/invalid")) {
    if (e.is_dir) cases.insert(e.name);
  }
  for (const std::string& code : documented) {
    INFO(code);
    CHECK((cases.count(code) == 1 || not_a_site.count(code) == 1));
  }
  for (const std::string& code : cases) {
    INFO(code);
    CHECK(documented.count(code) == 1);
  }
  CHECK(documented.size() >= 35);
}

}  // namespace
}  // namespace morsel::gen
