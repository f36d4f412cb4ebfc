#pragma once

#include <map>
#include <set>
#include <string>
#include <utility>

#include <catch2/catch.hpp>

#include "generator/build.h"
#include "generator/file_system.h"
#include "generator/site_output.h"

namespace morsel::gen {

/// A SiteOutput that writes into a MemoryFileSystem of its own, read back by files().
class MemoryOutput : public SiteOutput {
 public:
  MemoryOutput() : SiteOutput(&fs_, "") {}  // fs_ is only written to once constructed
  const std::map<std::string, std::string>& files() const { return fs_.files(); }

 private:
  MemoryFileSystem fs_;
};

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

/// A site of one course, module and lesson (course/01-mod/01-lesson.md, titled "Course",
/// "Module", "Lesson") whose lesson body is `lesson`; front matter and `site_yml` added.
inline MemoryFileSystem OneLessonSite(const std::string& lesson, const std::string& site_yml = "title: T\nid: t\n") {
  MemoryFileSystem fs;
  std::string error;
  fs.WriteFile("content/site.yml", site_yml, &error);
  fs.WriteFile("content/course/_index.md", "---\ntitle: Course\n---\n", &error);
  fs.WriteFile("content/course/01-mod/_index.md", "---\ntitle: Module\n---\n", &error);
  fs.WriteFile("content/course/01-mod/01-lesson.md", "---\ntitle: Lesson\n---\n" + lesson, &error);
  return fs;
}

/// `morsel check` of the content folder "content" of `fs`: whether it passed, and what it
/// printed (every diagnostic and the summary line; "" when there is nothing to say).
struct Checked {
  bool ok = false;
  std::string diagnostics;
};
inline Checked CheckSite(MemoryFileSystem* fs) {
  DiagnosticSink sink;
  BuildStats stats;
  BuildOptions options;
  options.check_only = true;
  Checked c;
  c.ok = BuildSite(fs, options, &stats, &sink);
  c.diagnostics = sink.Format();
  return c;
}

/// What `morsel check` prints for the content folder "content" of `fs`.
inline std::string CheckDiagnostics(MemoryFileSystem* fs) { return CheckSite(fs).diagnostics; }

/// A MemoryFileSystem with symbolic links: a path of `links` resolves to the real path it
/// maps to (as RealPath says), so a ConfinedFileSystem over it refuses one that leads
/// outside its folders.
class LinkingFileSystem : public MemoryFileSystem {
 public:
  explicit LinkingFileSystem(MemoryFileSystem files, std::map<std::string, std::string> links)
      : MemoryFileSystem(std::move(files)), links_(std::move(links)) {}
  std::string RealPath(const std::string& path) const override {
    auto it = links_.find(NormalizePath(path));
    return it == links_.end() ? MemoryFileSystem::RealPath(path) : it->second;
  }

 private:
  std::map<std::string, std::string> links_;
};

/// The path `logical` was published under with its fingerprint (generator/assets.h):
/// "site/runtime/morsel.js" → "site/runtime/morsel.<10 hex>.js", "site/search/" →
/// "site/search/<10 hex>/". "" unless exactly one file or folder matches.
inline std::string FindPublished(const MemoryFileSystem& fs, const std::string& logical) {
  const bool folder = !logical.empty() && logical.back() == '/';
  const size_t dot = logical.rfind('.');
  const std::string stem = folder ? logical : logical.substr(0, dot + 1);
  const std::string ext = folder ? "/" : logical.substr(dot);
  std::set<std::string> found;
  for (const auto& entry : fs.files()) {
    const std::string& path = entry.first;
    if (path.compare(0, stem.size(), stem) != 0 || path.size() < stem.size() + 10 + ext.size()) continue;
    const std::string hash = path.substr(stem.size(), 10);
    if (hash.find_first_not_of("0123456789abcdef") != std::string::npos) continue;
    if (path.compare(stem.size() + 10, ext.size(), ext) != 0) continue;
    if (!folder && path.size() != stem.size() + 10 + ext.size()) continue;
    found.insert(path.substr(0, stem.size() + 10 + ext.size()));
  }
  return found.size() == 1 ? *found.begin() : std::string();
}

}  // namespace morsel::gen
