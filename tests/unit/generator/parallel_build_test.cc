// A build shared between processes (generator/workers.h) writes the same site, byte for
// byte, as a build in one process; what the other processes made reaches this one.
#include <signal.h>
#include <unistd.h>

#include <map>
#include <stdexcept>
#include <string>

#include <catch2/catch.hpp>

#include "generator/build.h"
#include "generator/file_system.h"
#include "generator/site_output.h"
#include "generator/workers.h"
#include "tests/unit/generator/disk_tree.h"

namespace morsel::gen {
namespace {

/// Builds `source` with `jobs` processes into `out`; its files.
std::map<std::string, std::string> Built(RealFileSystem* disk, const std::string& source, const std::string& out,
                                         size_t jobs) {
  BuildOptions options;
  options.source = source;
  options.out = out;
  options.jobs = jobs;
  DiagnosticSink sink;
  BuildStats stats;
  INFO(sink.Format());
  REQUIRE(BuildSite(disk, options, &stats, &sink));
  std::map<std::string, std::string> files;
  ReadTree(*disk, out, "", &files);
  return files;
}

TEST_CASE("a build in several processes writes the same site as one in one process", "[parallel]") {
  RealFileSystem disk;
  std::string error;
  const std::string root = disk.MakeTempFolder("morsel-parallel-", &error);
  REQUIRE_FALSE(root.empty());
  // The demo site: three courses, images, a certificate, every block type, search and
  // single files; copied, so that morsel.lock is the copy's.
  const std::string source = JoinPath(root, "content");
  CopyFolder(&disk, std::string(MORSEL_SOURCE_DIR) + "/content", source);

  const auto one = Built(&disk, source, JoinPath(root, "one"), 1);
  for (size_t jobs : {2, 3, 7}) {
    CAPTURE(jobs);
    const auto many = Built(&disk, source, JoinPath(root, "many-" + std::to_string(jobs)), jobs);
    REQUIRE(many.size() == one.size());
    for (const auto& [path, contents] : one) {
      CAPTURE(path);
      auto it = many.find(path);
      REQUIRE(it != many.end());
      CHECK(it->second == contents);  // also the service worker: its file list and version
    }
  }
  CHECK(one.size() > 100);
  disk.RemoveAll(root, &error);
}

TEST_CASE("RunShares: each share's files, diagnostics and result reach this process", "[parallel]") {
  RealFileSystem disk;
  std::string error;
  const std::string root = disk.MakeTempFolder("morsel-shares-", &error);
  SiteOutput output(&disk, root);
  DiagnosticSink sink;
  std::vector<std::string> results;
  const bool ok = RunShares(
      3, &output, &sink,
      [](const WorkShare& share, SiteOutput* out, DiagnosticSink* reports, std::string* result) {
        for (size_t item = 0; item < 10; ++item) {
          if (share.Mine(item)) out->Add("f/" + std::to_string(item) + ".txt", std::to_string(item * item));
        }
        reports->AddSource("lesson.md", "one\ntwo\n");
        reports->Add(Warning("lesson.md", 2, 1, "w", "from share " + std::to_string(share.index)));
        *result = "share " + std::to_string(share.index) + " of " + std::to_string(share.count);
        return share.index != 2;  // one share fails
      },
      &results);
  CHECK_FALSE(ok);
  REQUIRE(output.manifest().size() == 10);
  for (size_t item = 0; item < 10; ++item) {
    const std::string path = "f/" + std::to_string(item) + ".txt";
    std::string contents;
    REQUIRE(disk.ReadFile(JoinPath(root, path), &contents, &error));
    CHECK(contents == std::to_string(item * item));
    CHECK(output.manifest().at(path).size == contents.size());
  }
  CHECK(results == std::vector<std::string>{"share 0 of 3", "share 1 of 3", "share 2 of 3"});
  CHECK(sink.WarningCount() == 3);
  CHECK(sink.Format().find("two") != std::string::npos);  // the source line, quoted
  // The fingerprint of the folder is the one made from the same files in one process.
  SiteOutput alone(&disk, root);
  for (size_t item = 0; item < 10; ++item) alone.Add("f/" + std::to_string(item) + ".txt", std::to_string(item * item));
  CHECK(output.FolderFingerprint("f/") == alone.FolderFingerprint("f/"));
  disk.RemoveAll(root, &error);
}

TEST_CASE("RunShares: a worker that throws or dies is a bug, reported as one", "[parallel]") {
  SiteOutput output(nullptr, "");
  DiagnosticSink sink;
  SECTION("an exception in a worker") {
    const ShareWork work = [](const WorkShare& share, SiteOutput*, DiagnosticSink*, std::string*) -> bool {
      if (share.index == 1) throw std::runtime_error("a bug in share 1");
      return true;
    };
    CHECK_THROWS_WITH(RunShares(2, &output, &sink, work), Catch::Contains("a bug in share 1"));
  }
  SECTION("a worker killed") {
    const ShareWork work = [](const WorkShare& share, SiteOutput*, DiagnosticSink*, std::string*) {
      if (share.index == 1) raise(SIGKILL);
      return true;
    };
    CHECK_THROWS_WITH(RunShares(2, &output, &sink, work), Catch::Contains("signal 9"));
  }
  SECTION("a worker that exits without reporting") {
    const ShareWork work = [](const WorkShare& share, SiteOutput*, DiagnosticSink*, std::string*) {
      if (share.index == 1) _exit(0);
      return true;
    };
    CHECK_THROWS_WITH(RunShares(2, &output, &sink, work), Catch::Contains("before it reported"));
  }
}

}  // namespace
}  // namespace morsel::gen
