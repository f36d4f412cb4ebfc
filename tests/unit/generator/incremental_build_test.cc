// A build that updates its output folder in place from the build cache
// (generator/build_cache.h) leaves the same folder, byte for byte and file for file, as a
// clean build of the same content, after each of the edits an author makes; a build that
// would change nothing is skipped; --no-cache rewrites everything.
#include <map>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "generator/build.h"
#include "generator/build_cache.h"
#include "generator/file_system.h"
#include "generator/workers.h"
#include "tests/unit/generator/disk_tree.h"

namespace morsel::gen {
namespace {

std::map<std::string, std::string> Tree(const RealFileSystem& disk, const std::string& folder) {
  std::map<std::string, std::string> files;
  ReadTree(disk, folder, "", &files, true);
  return files;
}

/// The published path of `logical` ("assets/morsel.css" → "assets/morsel.<hash>.css").
std::string FindPublishedPath(const std::map<std::string, std::string>& files, const std::string& logical) {
  const size_t dot = logical.rfind('.');
  for (const auto& entry : files) {
    const std::string& path = entry.first;
    if (path.size() == logical.size() + 11 && path.compare(0, dot + 1, logical, 0, dot + 1) == 0 &&
        path.compare(dot + 11, std::string::npos, logical, dot, std::string::npos) == 0) {
      return path;
    }
  }
  FAIL("no published " << logical);
  return "";
}

std::string Read(const RealFileSystem& disk, const std::string& path) {
  std::string contents, error;
  REQUIRE(disk.ReadFile(path, &contents, &error));
  return contents;
}

void Write(RealFileSystem* disk, const std::string& path, const std::string& contents) {
  std::string error;
  REQUIRE(disk->WriteFile(path, contents, &error));
}

void Replace(RealFileSystem* disk, const std::string& path, const std::string& from, const std::string& to) {
  std::string text = Read(*disk, path);
  const size_t at = text.find(from);
  REQUIRE(at != std::string::npos);
  Write(disk, path, text.replace(at, from.size(), to));
}

bool TryBuild(RealFileSystem* disk, const std::string& source, const std::string& out, bool cache, size_t jobs,
              const std::string& program, BuildStats* stats, DiagnosticSink* sink) {
  BuildOptions options;
  options.source = source;
  options.out = out;
  options.cache = cache;
  options.jobs = jobs;
  options.program = program;
  return BuildSite(disk, options, stats, sink);
}

BuildStats Build(RealFileSystem* disk, const std::string& source, const std::string& out, bool cache, size_t jobs = 1) {
  DiagnosticSink sink;
  BuildStats stats;
  const bool ok = TryBuild(disk, source, out, cache, jobs, "incremental_build_test", &stats, &sink);
  INFO(sink.Format());
  REQUIRE(ok);
  return stats;
}

/// The cached build of `source` into `out` equals a clean one; the files it wrote.
size_t BuildAndCompare(RealFileSystem* disk, const std::string& source, const std::string& out,
                       const std::string& clean, size_t jobs = 1) {
  const BuildStats stats = Build(disk, source, out, true, jobs);
  CHECK_FALSE(stats.skipped);
  std::string error;
  REQUIRE(disk->RemoveAll(clean, &error));
  Build(disk, source, clean, false);
  const auto incremental = Tree(*disk, out);
  const auto rewritten = Tree(*disk, clean);
  for (const auto& [path, contents] : rewritten) {
    CAPTURE(path);
    auto it = incremental.find(path);
    REQUIRE(it != incremental.end());
    CHECK(it->second == contents);
  }
  for (const auto& entry : incremental) {
    CAPTURE(entry.first);
    CHECK(rewritten.count(entry.first) == 1);  // nothing left over
  }
  CHECK_FALSE(disk->IsDir(out + ".morsel-partial"));
  // Built again with nothing changed: skipped, the folder as it was; or, after a build
  // that wrote morsel.lock (a lesson added), built against the new lock, writing nothing,
  // and skipped the time after.
  const BuildStats again = Build(disk, source, out, true);
  CHECK((again.skipped || again.files_written == 0));
  CHECK(Build(disk, source, out, true).skipped);
  CHECK(Tree(*disk, out) == incremental);
  return stats.files_written;
}

TEST_CASE("an incremental build leaves the output a clean build leaves, after every kind of edit", "[incremental]") {
  RealFileSystem disk;
  std::string error;
  const std::string root = disk.MakeTempFolder("morsel-incremental-", &error);
  REQUIRE_FALSE(root.empty());
  const std::string source = JoinPath(root, "content");
  CopyFolder(&disk, std::string(MORSEL_SOURCE_DIR) + "/content", source);
  const std::string out = JoinPath(root, "site");
  const std::string clean = JoinPath(root, "clean");
  const std::string module = JoinPath(source, "security-awareness/01-phishing");

  // The first build writes everything and leaves its cache.
  const BuildStats first = Build(&disk, source, out, true);
  CHECK(first.files_written == first.files);
  CHECK(disk.IsFile(CacheFile(disk, out)));
  CHECK(Build(&disk, source, out, true).skipped);

  SECTION("a lesson edited, added, renamed and deleted") {
    Replace(&disk, JoinPath(module, "01-spot-the-hook.md"), "\n\n", "\n\nA sentence added by an author.\n\n");
    const size_t written = BuildAndCompare(&disk, source, out, clean);
    CHECK(written < first.files / 2);
    Write(&disk, JoinPath(module, "05-new-lesson.md"), "---\ntitle: A new lesson\n---\n\nNew words: zebrafish.\n");
    BuildAndCompare(&disk, source, out, clean);
    REQUIRE(disk.Rename(JoinPath(module, "05-new-lesson.md"), JoinPath(module, "06-renamed-lesson.md"), &error));
    BuildAndCompare(&disk, source, out, clean, 2);
    REQUIRE(disk.RemoveAll(JoinPath(module, "06-renamed-lesson.md"), &error));
    BuildAndCompare(&disk, source, out, clean);
  }
  SECTION("a template and the theme's stylesheet changed") {
    const std::string theme = std::string(MORSEL_SOURCE_DIR) + "/themes/default/";
    Write(&disk, JoinPath(root, "theme/templates/lesson.mustache"),
          "{{! changed }}" + Read(disk, theme + "templates/lesson.mustache"));
    Replace(&disk, JoinPath(root, "theme/templates/lesson.mustache"), "<nav class=\"morsel-breadcrumb\"",
            "<p>A line every lesson now has.</p>\n<nav class=\"morsel-breadcrumb\"");
    BuildAndCompare(&disk, source, out, clean);
    Write(&disk, JoinPath(root, "theme/assets/morsel.css"),
          Read(disk, theme + "assets/morsel.css") + "\nbody { letter-spacing: 0.01em; }\n");
    BuildAndCompare(&disk, source, out, clean);
    REQUIRE(disk.RemoveAll(JoinPath(root, "theme"), &error));
    BuildAndCompare(&disk, source, out, clean);
  }
  SECTION("site.yml changed, search turned off and on") {
    Replace(&disk, JoinPath(source, "site.yml"), "title:", "title: Renamed —");
    BuildAndCompare(&disk, source, out, clean);
    Write(&disk, JoinPath(source, "site.yml"),
          Read(disk, JoinPath(source, "site.yml")) + "\nfeatures:\n  search: false\n");
    BuildAndCompare(&disk, source, out, clean);
    CHECK_FALSE(disk.IsDir(JoinPath(out, "search")));
  }
  SECTION("a skipped build prints the warnings the build it skips printed") {
    Replace(&disk, JoinPath(module, "01-spot-the-hook.md"), "\n\n", "\n\n<div>raw HTML</div>\n\n");
    DiagnosticSink built;
    BuildStats stats;
    REQUIRE(TryBuild(&disk, source, out, true, 1, "incremental_build_test", &stats, &built));
    CHECK_FALSE(stats.skipped);
    REQUIRE(built.WarningCount() == 1);
    DiagnosticSink skipped;
    REQUIRE(TryBuild(&disk, source, out, true, 1, "incremental_build_test", &stats, &skipped));
    CHECK(stats.skipped);
    CHECK(skipped.Format() == built.Format());
    CHECK(skipped.Format().find("<div>raw HTML</div>") != std::string::npos);  // its source line too
  }
  SECTION("a build that fails leaves the folder and its cache as they were") {
    const auto before = Tree(disk, out);
    const std::string cache = Read(disk, CacheFile(disk, out));
    Write(&disk, JoinPath(module, "07-broken.md"), "---\ntitle: [unclosed\n---\n");
    DiagnosticSink sink;
    BuildStats stats;
    CHECK_FALSE(TryBuild(&disk, source, out, true, 1, "incremental_build_test", &stats, &sink));
    CHECK(Tree(disk, out) == before);
    CHECK(Read(disk, CacheFile(disk, out)) == cache);
    REQUIRE(disk.RemoveAll(JoinPath(module, "07-broken.md"), &error));
    CHECK(Build(&disk, source, out, true).skipped);
  }
  SECTION("an output folder deleted, or a cache from another program, is not trusted") {
    REQUIRE(disk.RemoveAll(out, &error));
    CHECK(Build(&disk, source, out, true).files_written == first.files);
    DiagnosticSink sink;
    BuildStats stats;
    REQUIRE(TryBuild(&disk, source, out, true, 1, "another morsel", &stats, &sink));
    CHECK_FALSE(stats.skipped);
  }
  SECTION("a file deleted or edited in the output folder is written again") {
    const auto built = Tree(disk, out);
    const std::string page = JoinPath(out, "security-awareness/index.html");
    REQUIRE(disk.RemoveAll(page, &error));
    const std::string css = FindPublishedPath(built, "assets/morsel.css");
    Write(&disk, JoinPath(out, css), "body { color: red; }\n");
    const BuildStats stats = Build(&disk, source, out, true);
    CHECK_FALSE(stats.skipped);
    CHECK(stats.files_written == 2);
    CHECK(Tree(disk, out) == built);
  }
  SECTION("--no-cache rewrites the folder and removes the cache, which the next build writes again") {
    const BuildStats stats = Build(&disk, source, out, false);
    CHECK(stats.files_written == first.files);
    CHECK_FALSE(disk.IsFile(CacheFile(disk, out)));
    CHECK_FALSE(Build(&disk, source, out, true).skipped);
    CHECK(Build(&disk, source, out, true).skipped);
  }
  disk.RemoveAll(root, &error);
}

TEST_CASE("the build cache reads what it wrote, and nothing else", "[incremental]") {
  BuildCache cache;
  cache.key = "k";
  cache.inputs = "i";
  cache.stats.lessons = 3;
  DiagnosticSink warnings;
  warnings.AddSource("content/site.yml", "title: T\n");
  warnings.Add(Warning("content/site.yml", 1, 1, "some-warning", "a warning", "a hint"));
  AppendDiagnostics(warnings, &cache.diagnostics);
  cache.files["index.html"].size = 12;
  cache.files["index.html"].digest[0] = 0xab;
  cache.files["search/0123456789/s0.js"].size = 4;
  cache.renamed["search/0123456789/"] = "search/.pending/";
  MemoryFileSystem fs;
  std::string error;
  REQUIRE(fs.WriteFile("site.morsel-cache", SerializeBuildCache(cache), &error));
  BuildCache read;
  REQUIRE(ReadBuildCache(fs, "site.morsel-cache", &read));
  CHECK(read.key == "k");
  CHECK(read.stats.lessons == 3);
  ResultReader in(read.diagnostics);
  DiagnosticSink replayed;
  for (SourceDiagnostic& d : ReadDiagnostics(&in, &replayed)) replayed.Add(std::move(d));
  CHECK(replayed.Format() == warnings.Format());
  CHECK(read.files.at("index.html").digest == cache.files.at("index.html").digest);
  const PreviousOutput previous = PreviousFiles(read);
  CHECK(previous.at("search/.pending/s0.js").kept == "search/0123456789/s0.js");
  CHECK(previous.at("index.html").kept == "index.html");

  for (const std::string& bad :
       std::vector<std::string>{"", "not a cache\n", "morsel-cache 1\nkey k\n", "morsel-cache 1\nkey k\ninputs i\n",
                                "morsel-cache 1\nkey k\ninputs i\nstats 1 2 x 4\ndiagnostics 1\n\x01",
                                "morsel-cache 1\nkey k\ninputs i\nstats 1 2 3 4\n",
                                "morsel-cache 1\nkey k\ninputs i\nstats 1 2 3 4\nfile 12 zz index.html\n",
                                "morsel-cache 1\nkey k\ninputs i\nstats 1 2 3 4\nsurprise\n",
                                "morsel-cache 1\nkey k\ninputs i\nstats 1 2 3 4\ndiagnostics 2\n\x01",
                                "morsel-cache 1\nkey k\ninputs i\nstats 1 2 3 4\ndiagnostics 3\nabc",
                                SerializeBuildCache(cache).substr(0, 60)}) {
    CAPTURE(bad);
    REQUIRE(fs.WriteFile("site.morsel-cache", bad, &error));
    CHECK_FALSE(ReadBuildCache(fs, "site.morsel-cache", &read));
  }
  CHECK_FALSE(ReadBuildCache(fs, "absent.morsel-cache", &read));
}

}  // namespace
}  // namespace morsel::gen
