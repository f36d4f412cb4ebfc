// Both FileSystem implementations behave alike (the build's tests run on the in-memory one,
// users on the disk), and the path helpers every stage uses.
#include "generator/file_system.h"

#include <cstdlib>
#include <memory>
#include <string>

#include <catch2/catch.hpp>

namespace morsel::gen {
namespace {

/// A fresh folder under the system's temporary directory, for the disk's run.
std::string TempRoot() {
  const char* base = std::getenv("TMPDIR");
  std::string pattern = std::string(base != nullptr && *base != '\0' ? base : "/tmp") + "/morsel-fs-XXXXXX";
  REQUIRE(mkdtemp(pattern.data()) != nullptr);
  return pattern;
}

std::string Names(const std::vector<DirEntry>& entries) {
  std::string out;
  for (const DirEntry& e : entries) out += e.name + (e.is_dir ? "/ " : " ");
  return out;
}

/// The same checks against either implementation, rooted at `root`.
void CheckFileSystem(FileSystem* fs, const std::string& root) {
  std::string error;
  // Writing creates the folders above the file.
  REQUIRE(fs->WriteFile(root + "/site/b/page.html", "<p>b</p>", &error));
  REQUIRE(fs->WriteFile(root + "/site/a.txt", "a", &error));
  REQUIRE(fs->WriteFile(root + "/site/C.txt", "", &error));
  CHECK(fs->IsDir(root + "/site"));
  CHECK(fs->IsDir(root + "/site/b"));
  CHECK(fs->IsFile(root + "/site/b/page.html"));
  CHECK_FALSE(fs->IsFile(root + "/site/b"));
  CHECK_FALSE(fs->IsDir(root + "/site/a.txt"));
  CHECK_FALSE(fs->IsFile(root + "/site/missing"));

  // Reading returns every byte; an empty file is a file.
  std::string contents;
  REQUIRE(fs->ReadFile(root + "/site/b/page.html", &contents, &error));
  CHECK(contents == "<p>b</p>");
  REQUIRE(fs->ReadFile(root + "/site/C.txt", &contents, &error));
  CHECK(contents.empty());
  CHECK_FALSE(fs->ReadFile(root + "/site/missing.txt", &contents, &error));
  CHECK_FALSE(error.empty());

  // Listings are sorted by bytes (upper case first), folders marked.
  CHECK(Names(fs->List(root + "/site")) == "C.txt a.txt b/ ");
  CHECK(fs->List(root + "/nowhere").empty());

  // Rewriting replaces; removing a tree removes everything under it, and nothing else.
  REQUIRE(fs->WriteFile(root + "/site/a.txt", "again", &error));
  REQUIRE(fs->ReadFile(root + "/site/a.txt", &contents, &error));
  CHECK(contents == "again");
  REQUIRE(fs->RemoveAll(root + "/site/b", &error));
  CHECK_FALSE(fs->IsDir(root + "/site/b"));
  CHECK_FALSE(fs->IsFile(root + "/site/b/page.html"));
  CHECK(fs->IsFile(root + "/site/a.txt"));
  CHECK(fs->RemoveAll(root + "/site/never-there", &error));
}

TEST_CASE("the in-memory and the real file system behave alike") {
  SECTION("memory") {
    MemoryFileSystem fs;
    CheckFileSystem(&fs, "root");
    CHECK(fs.files().count("root/site/a.txt") == 1);
  }
  SECTION("disk") {
    RealFileSystem fs;
    const std::string root = TempRoot();
    CheckFileSystem(&fs, root);
    std::string error;
    REQUIRE(fs.RemoveAll(root, &error));
    CHECK_FALSE(fs.IsDir(root));
  }
}

TEST_CASE("path helpers") {
  CHECK(JoinPath("a", "b") == "a/b");
  CHECK(JoinPath("a/", "b") == "a/b");
  CHECK(JoinPath("", "b") == "b");
  CHECK(DirName("a/b/c.md") == "a/b");
  CHECK(DirName("c.md") == "");
  CHECK(NormalizePath("a/./b/../c") == "a/c");
  CHECK(NormalizePath("../x") == "../x");
  CHECK(NormalizePath("a/../../x") == "../x");
  CHECK(RelativePath("course/module", "course/other/lesson.html") == "../other/lesson.html");
  CHECK(RelativePath("", "index.html") == "index.html");
  CHECK(RelativePath("course", "course/index.html") == "index.html");
}

}  // namespace
}  // namespace morsel::gen
