// `morsel build --zip` (generator/zip_archive.h): the archive holds exactly the files of
// the output folder, and the same files give the same bytes.
#include "generator/zip_archive.h"

#include <zip.h>

#include <map>

#include <catch2/catch.hpp>

#include "generator/build.h"
#include "tests/unit/generator/site_fixture.h"

namespace morsel::gen {
namespace {

/// Reads an archive back with libzip: name → bytes.
std::map<std::string, std::string> Unzip(const std::string& bytes) {
  std::map<std::string, std::string> files;
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  REQUIRE(source != nullptr);
  zip_t* archive = zip_open_from_source(source, ZIP_RDONLY, &error);
  REQUIRE(archive != nullptr);
  for (zip_int64_t i = 0; i < zip_get_num_entries(archive, 0); ++i) {
    zip_stat_t stat;
    REQUIRE(zip_stat_index(archive, static_cast<zip_uint64_t>(i), 0, &stat) == 0);
    zip_file_t* file = zip_fopen_index(archive, static_cast<zip_uint64_t>(i), 0);
    REQUIRE(file != nullptr);
    std::string data(static_cast<size_t>(stat.size), '\0');
    CHECK(zip_fread(file, data.data(), stat.size) == static_cast<zip_int64_t>(stat.size));
    zip_fclose(file);
    files[stat.name] = data;
  }
  zip_close(archive);
  return files;
}

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
