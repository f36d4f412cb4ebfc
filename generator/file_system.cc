#include "generator/file_system.h"

#include <algorithm>
#include <cstdlib>
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

namespace {

bool WriteOpen(const std::string& path, std::string_view contents, std::ios::openmode mode, std::string* error) {
  std::ofstream out(path, std::ios::binary | mode);
  if (!out || !out.write(contents.data(), static_cast<std::streamsize>(contents.size())) || !out.flush()) {
    *error = "cannot write '" + path + "'";
    return false;
  }
  return true;
}

}  // namespace

bool RealFileSystem::WriteFile(const std::string& path, std::string_view contents, std::string* error) {
  std::error_code ec;
  std::string dir = DirName(path);
  if (!dir.empty()) fs::create_directories(dir, ec);
  return WriteOpen(path, contents, std::ios::trunc, error);
}

bool RealFileSystem::AppendFile(const std::string& path, std::string_view contents, std::string* error) {
  return WriteOpen(path, contents, std::ios::app, error);
}

std::vector<DirEntry> RealFileSystem::List(const std::string& path) const {
  std::vector<DirEntry> entries;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(path, ec)) {
    entries.push_back({entry.path().filename().string(), entry.is_directory(ec), entry.is_symlink(ec)});
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

int64_t RealFileSystem::FileSize(const std::string& path) const {
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) return -1;
  const std::uintmax_t size = fs::file_size(path, ec);
  return ec ? -1 : static_cast<int64_t>(size);
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

bool RealFileSystem::Rename(const std::string& from, const std::string& to, std::string* error) {
  std::error_code ec;
  const std::string dir = DirName(to);
  if (!dir.empty()) fs::create_directories(dir, ec);
  ec.clear();
  fs::rename(from, to, ec);
  if (ec) {
    *error = "cannot rename '" + from + "' to '" + to + "': " + ec.message();
    return false;
  }
  return true;
}

std::string RealFileSystem::RealPath(const std::string& path) const {
  std::error_code ec;
  const fs::path absolute = fs::absolute(path.empty() ? "." : path, ec);
  if (ec) return "";
  std::string real = fs::weakly_canonical(absolute, ec).lexically_normal().string();
  if (ec) return "";
  while (real.size() > 1 && real.back() == '/') real.pop_back();
  return real;
}

std::string RealFileSystem::HomeFolder() const {
  const char* home = std::getenv("HOME");
  return home == nullptr || *home == '\0' ? "" : RealPath(home);
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

bool MemoryFileSystem::WriteFile(const std::string& path, std::string_view contents, std::string*) {
  files_[NormalizePath(path)] = contents;
  return true;
}

bool MemoryFileSystem::AppendFile(const std::string& path, std::string_view contents, std::string* error) {
  auto it = files_.find(NormalizePath(path));
  if (it == files_.end()) {
    *error = "cannot write '" + path + "'";
    return false;
  }
  it->second.append(contents);
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

int64_t MemoryFileSystem::FileSize(const std::string& path) const {
  auto it = files_.find(NormalizePath(path));
  return it == files_.end() ? -1 : static_cast<int64_t>(it->second.size());
}

bool MemoryFileSystem::RemoveAll(const std::string& path, std::string*) {
  std::string prefix = NormalizePath(path);
  for (auto it = files_.begin(); it != files_.end();) {
    bool inside = it->first == prefix || it->first.compare(0, prefix.size() + 1, prefix + "/") == 0;
    it = inside ? files_.erase(it) : std::next(it);
  }
  return true;
}

bool MemoryFileSystem::Rename(const std::string& from, const std::string& to, std::string* error) {
  const std::string source = NormalizePath(from);
  const std::string target = NormalizePath(to);
  const bool file_over_file = IsFile(source) && IsFile(target);
  if ((IsFile(target) && !file_over_file) || IsDir(target) || !(IsFile(source) || IsDir(source))) {
    *error = "cannot rename '" + from + "' to '" + to + "'";
    return false;
  }
  if (file_over_file) files_.erase(target);
  std::map<std::string, std::string> moved;
  for (auto it = files_.begin(); it != files_.end();) {
    if (it->first == source || it->first.compare(0, source.size() + 1, source + "/") == 0) {
      moved[target + it->first.substr(source.size())] = std::move(it->second);
      it = files_.erase(it);
    } else {
      ++it;
    }
  }
  files_.merge(moved);
  return true;
}

std::string MemoryFileSystem::RealPath(const std::string& path) const { return NormalizePath("/" + path); }

ConfinedFileSystem::ConfinedFileSystem(const FileSystem& base, const std::vector<std::string>& folders) : base_(base) {
  for (const std::string& folder : folders) {
    if (!base.IsDir(folder)) continue;
    std::string real = base.RealPath(folder);
    if (!real.empty()) folders_.push_back({NormalizePath(folder), real});
  }
}

const ConfinedFileSystem::Folder* ConfinedFileSystem::Owner(const std::string& path) const {
  const std::string normalized = NormalizePath(path);
  for (const Folder& folder : folders_) {
    const bool same_kind =
        normalized.empty() || folder.lexical.empty() || (normalized[0] == '/') == (folder.lexical[0] == '/');
    if (same_kind && (folder.lexical.empty() ? normalized.compare(0, 2, "..") != 0 && normalized[0] != '/'
                                             : IsWithin(normalized, folder.lexical))) {
      return &folder;
    }
  }
  return nullptr;
}

bool ConfinedFileSystem::Inside(const std::string& path) const {
  const std::string real = base_.RealPath(path);
  for (const Folder& folder : folders_) {
    if (!real.empty() && IsWithin(real, folder.real)) return true;
  }
  // Only what exists is worth a report: a missing file is the caller's to report.
  if (base_.IsFile(path) || base_.IsDir(path)) escapes_[path] = real.empty() ? "a symbolic link loop" : real;
  return false;
}

std::string ConfinedFileSystem::Refusal(const std::string& path) const {
  if (!(base_.IsFile(path) || base_.IsDir(path)) || Inside(path)) return "";
  const Folder* owner = Owner(path);
  const bool theme = owner != nullptr && !folders_.empty() && owner != &folders_[0];
  return "resolves to '" + escapes_[path] + "', outside " + (theme ? "its theme folder" : "the content folder");
}

bool ConfinedFileSystem::ReadFile(const std::string& path, std::string* contents, std::string* error) const {
  if (base_.IsFile(path) && !Inside(path)) {
    *error = "cannot read '" + path + "': it " + Refusal(path);
    return false;
  }
  return base_.ReadFile(path, contents, error);
}

bool ConfinedFileSystem::WriteFile(const std::string& path, std::string_view, std::string* error) {
  *error = "cannot write '" + path + "': the source is read-only";
  return false;
}

bool ConfinedFileSystem::AppendFile(const std::string& path, std::string_view contents, std::string* error) {
  return WriteFile(path, contents, error);
}

bool ConfinedFileSystem::Rename(const std::string& from, const std::string&, std::string* error) {
  *error = "cannot rename '" + from + "': the source is read-only";
  return false;
}

bool ConfinedFileSystem::RemoveAll(const std::string& path, std::string* error) {
  *error = "cannot remove '" + path + "': the source is read-only";
  return false;
}

bool ConfinedFileSystem::IsDir(const std::string& path) const { return base_.IsDir(path) && Inside(path); }

bool ConfinedFileSystem::IsFile(const std::string& path) const { return base_.IsFile(path) && Inside(path); }

int64_t ConfinedFileSystem::FileSize(const std::string& path) const { return IsFile(path) ? base_.FileSize(path) : -1; }

std::vector<DirEntry> ConfinedFileSystem::List(const std::string& path) const {
  if (!IsDir(path)) return {};
  const std::string real = base_.RealPath(path);
  // Whether this folder was reached through a link to a folder: it is not where its path
  // says, below the confining folder.
  const Folder* owner = Owner(path);
  bool through_link = true;
  if (owner != nullptr) {
    const std::string normalized = NormalizePath(path);
    const std::string rest = owner->lexical.empty() ? normalized : normalized.substr(owner->lexical.size());
    through_link = real != NormalizePath(owner->real + "/" + rest);
  }
  std::vector<DirEntry> kept;
  for (const DirEntry& entry : base_.List(path)) {
    if (entry.is_link) {
      // A link that leads nowhere (a loop, a missing file) stays, for its reader to report.
      const std::string child = JoinPath(path, entry.name);
      if ((base_.IsFile(child) || base_.IsDir(child)) && !Inside(child)) continue;
      if (entry.is_dir && (through_link || IsWithin(real, base_.RealPath(child)))) continue;
    }
    kept.push_back(entry);
  }
  return kept;
}

bool IsWithin(const std::string& path, const std::string& folder) {
  if (folder == "/") return !path.empty() && path[0] == '/';
  return path == folder ||
         (path.size() > folder.size() && path.compare(0, folder.size(), folder) == 0 && path[folder.size()] == '/');
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

RealFileSystem::Stamps RealFileSystem::FileStamps(const std::vector<std::string>& folders) const {
  namespace fs = std::filesystem;
  Stamps out;
  std::error_code error;
  for (const std::string& folder : folders) {
    if (!fs::is_directory(folder, error)) continue;
    fs::recursive_directory_iterator it(folder, fs::directory_options::skip_permission_denied, error);
    for (; !error && it != fs::recursive_directory_iterator(); it.increment(error)) {
      const std::string name = it->path().filename().string();
      if (name.empty() || name[0] == '.' || name.back() == '~') {
        if (it->is_directory(error)) it.disable_recursion_pending();
        continue;
      }
      if (!it->is_regular_file(error)) continue;
      const auto time = it->last_write_time(error).time_since_epoch().count();
      out[it->path().string()] = {static_cast<int64_t>(time), it->file_size(error)};
    }
    error.clear();
  }
  return out;
}

std::string RealFileSystem::ProgramStamp() {
  std::error_code error;
  const fs::path program = fs::read_symlink("/proc/self/exe", error);
  if (error) return "";
  const auto size = fs::file_size(program, error);
  if (error) return "";
  const auto time = fs::last_write_time(program, error).time_since_epoch().count();
  if (error) return "";
  return program.string() + " " + std::to_string(size) + " " + std::to_string(time);
}

std::string RealFileSystem::MakeTempFolder(const std::string& prefix, std::string* error) {
  std::error_code code;
  std::string pattern = (std::filesystem::temp_directory_path(code) / (prefix + "XXXXXX")).string();
  if (code || mkdtemp(pattern.data()) == nullptr) {
    *error = "cannot make a folder under " + std::filesystem::temp_directory_path(code).string();
    return "";
  }
  return pattern;
}

}  // namespace morsel::gen
