// `morsel build --zip` (generator/zip_archive.h): the archive holds exactly the files of
// the output folder, and the same files give the same bytes.
#include "generator/zip_archive.h"

#include <map>

#include <catch2/catch.hpp>

#include "generator/build.h"
#include "tests/unit/generator/site_fixture.h"
#include "tests/unit/generator/zip_reader.h"

namespace morsel::gen {
namespace {

/// Every file under `dir`, by its path relative to `dir`.
std::map<std::string, std::string> ReadTree(const FileSystem& fs, const std::string& dir) {
  std::map<std::string, std::string> files;
  for (const std::string& name : ListTree(fs, dir)) {
    std::string error;
    fs.ReadFile(JoinPath(dir, name), &files[name], &error);
  }
  return files;
}

TEST_CASE("a zip holds the given files and is the same bytes every time") {
  std::map<std::string, std::string> files = {
      {"index.html", "<!DOCTYPE html>"}, {"a/b.txt", std::string(5000, 'b')}, {"empty", ""}};
  MemoryFileSystem fs;
  std::string first, second, error;
  for (const auto& [name, data] : files) fs.WriteFile("in/" + name, data, &error);
  REQUIRE(ZipFiles(fs, "in", ListTree(fs, "in"), &first, &error));
  REQUIRE(ZipFiles(fs, "in", ListTree(fs, "in"), &second, &error));
  CHECK(first == second);
  CHECK(Unzip(first) == files);
  CHECK_FALSE(ZipFiles(fs, "in", {"missing.txt"}, &first, &error));
}

TEST_CASE("morsel build --zip writes <out>.zip with every file of the site") {
  MemoryFileSystem fs;
  std::string error;
  fs.WriteFile("content/site.yml", "title: Mini\nid: mini\n", &error);
  fs.WriteFile("content/course/_index.md", "---\ntitle: Course\n---\n", &error);
  fs.WriteFile("content/course/01-mod/_index.md", "---\ntitle: Module\n---\n", &error);
  fs.WriteFile("content/course/01-mod/01-first.md", "---\ntitle: First\n---\nText.\n", &error);
  DiagnosticSink sink;
  BuildStats stats;
  BuildOptions options;
  options.out = "out/site/";
  options.zip = true;
  REQUIRE(BuildSite(&fs, options, &stats, &sink));
  std::string zip;
  REQUIRE(fs.ReadFile("out/site.zip", &zip, &error));
  std::map<std::string, std::string> site = ReadTree(fs, "out/site");
  CHECK(site.count("course/course-offline.html") == 1);
  CHECK(FindPublished(fs, "out/site/runtime/morsel-runtime.wasm").size() > 0);
  CHECK(Unzip(zip) == site);
}

}  // namespace
}  // namespace morsel::gen
