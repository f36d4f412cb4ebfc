#include "generator/file_system.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace morsel::gen {

namespace fs = std::filesystem;

bool RealFileSystem::ReadFile(const std::string& path, std::string* contents, std::string* error) const {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    *error = "cannot read '" + path + "'";
    return false;
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  *contents = buffer.str();
  return true;
}

bool RealFileSystem::WriteFile(const std::string& path, const std::string& contents, std::string* error) {
  std::error_code ec;
  std::string dir = DirName(path);
  if (!dir.empty()) fs::create_directories(dir, ec);
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out || !out.write(contents.data(), static_cast<std::streamsize>(contents.size()))) {
    *error = "cannot write '" + path + "'";
    return false;
  }
  return true;
}

std::vector<DirEntry> RealFileSystem::List(const std::string& path) const {
  std::vector<DirEntry> entries;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(path, ec)) {
    entries.push_back({entry.path().filename().string(), entry.is_directory(ec)});
  }
  std::sort(entries.begin(), entries.end(), [](const DirEntry& a, const DirEntry& b) { return a.name < b.name; });
  return entries;
}

bool RealFileSystem::IsDir(const std::string& path) const {
  std::error_code ec;
  return fs::is_directory(path, ec);
}

bool RealFileSystem::IsFile(const std::string& path) const {
  std::error_code ec;
  return fs::is_regular_file(path, ec);
}

bool RealFileSystem::RemoveAll(const std::string& path, std::string* error) {
  std::error_code ec;
  fs::remove_all(path, ec);
  if (ec) {
    *error = "cannot remove '" + path + "': " + ec.message();
    return false;
  }
  return true;
}

bool MemoryFileSystem::ReadFile(const std::string& path, std::string* contents, std::string* error) const {
  auto it = files_.find(NormalizePath(path));
  if (it == files_.end()) {
    *error = "cannot read '" + path + "'";
    return false;
  }
  *contents = it->second;
  return true;
}

bool MemoryFileSystem::WriteFile(const std::string& path, const std::string& contents, std::string*) {
  files_[NormalizePath(path)] = contents;
  return true;
}

std::vector<DirEntry> MemoryFileSystem::List(const std::string& path) const {
  std::string prefix = NormalizePath(path);
  if (!prefix.empty() && prefix != ".") prefix += "/";
  if (prefix == ".") prefix.clear();
  std::vector<DirEntry> entries;
  for (auto it = files_.lower_bound(prefix); it != files_.end(); ++it) {
    if (it->first.compare(0, prefix.size(), prefix) != 0) break;
    std::string rest = it->first.substr(prefix.size());
    size_t slash = rest.find('/');
    DirEntry entry{slash == std::string::npos ? rest : rest.substr(0, slash), slash != std::string::npos};
    if (entries.empty() || entries.back().name != entry.name) entries.push_back(entry);
  }
  std::sort(entries.begin(), entries.end(), [](const DirEntry& a, const DirEntry& b) { return a.name < b.name; });
  entries.erase(std::unique(entries.begin(), entries.end(),
                            [](const DirEntry& a, const DirEntry& b) { return a.name == b.name; }),
                entries.end());
  return entries;
}

bool MemoryFileSystem::IsDir(const std::string& path) const {
  std::string prefix = NormalizePath(path) + "/";
  auto it = files_.lower_bound(prefix);
  return it != files_.end() && it->first.compare(0, prefix.size(), prefix) == 0;
}

bool MemoryFileSystem::IsFile(const std::string& path) const { return files_.count(NormalizePath(path)) > 0; }

bool MemoryFileSystem::RemoveAll(const std::string& path, std::string*) {
  std::string prefix = NormalizePath(path);
  for (auto it = files_.begin(); it != files_.end();) {
    bool inside = it->first == prefix || it->first.compare(0, prefix.size() + 1, prefix + "/") == 0;
    it = inside ? files_.erase(it) : std::next(it);
  }
  return true;
}

std::string JoinPath(const std::string& a, const std::string& b) {
  if (a.empty() || a == ".") return b;
  if (b.empty()) return a;
  if (a.back() == '/') return a + b;
  return a + "/" + b;
}

std::string DirName(const std::string& path) {
  size_t slash = path.rfind('/');
  return slash == std::string::npos ? "" : path.substr(0, slash);
}

std::string NormalizePath(const std::string& path) {
  std::vector<std::string> parts;
  bool absolute = !path.empty() && path[0] == '/';
  size_t start = 0;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string::npos) end = path.size();
    std::string part = path.substr(start, end - start);
    if (part == "..") {
      if (!parts.empty() && parts.back() != "..") {
        parts.pop_back();
      } else if (!absolute) {
        parts.push_back(part);
      }
    } else if (!part.empty() && part != ".") {
      parts.push_back(part);
    }
    start = end + 1;
  }
  std::string out = absolute ? "/" : "";
  for (size_t i = 0; i < parts.size(); ++i) out += (i ? "/" : "") + parts[i];
  return out;
}

std::string RelativePath(const std::string& from_dir, const std::string& to) {
  std::string from = NormalizePath(from_dir);
  std::string target = NormalizePath(to);
  std::vector<std::string> a, b;
  auto split = [](const std::string& s, std::vector<std::string>* out) {
    size_t start = 0;
    while (start < s.size()) {
      size_t end = s.find('/', start);
      if (end == std::string::npos) end = s.size();
      out->push_back(s.substr(start, end - start));
      start = end + 1;
    }
  };
  split(from, &a);
  split(target, &b);
  size_t common = 0;
  while (common < a.size() && common + 1 < b.size() && a[common] == b[common]) ++common;
  std::string out;
  for (size_t i = common; i < a.size(); ++i) out += "../";
  for (size_t i = common; i < b.size(); ++i) out += (i > common ? "/" : "") + b[i];
  return out;
}

}  // namespace morsel::gen
