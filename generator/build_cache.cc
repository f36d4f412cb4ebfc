#include "generator/build_cache.h"

#include <cstdio>
#include <set>

#include "generator/workers.h"
#include "runtime/core/answer_key.h"
#include "runtime/core/fnv.h"

namespace morsel::gen {
namespace {

bool FromHex(std::string_view hex, core::Sha256::Digest* digest) {
  if (hex.size() != digest->size() * 2) return false;
  auto nibble = [](char c) { return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1; };
  for (size_t i = 0; i < digest->size(); ++i) {
    const int high = nibble(hex[2 * i]);
    const int low = nibble(hex[2 * i + 1]);
    if (high < 0 || low < 0) return false;
    (*digest)[i] = static_cast<uint8_t>(high * 16 + low);
  }
  return true;
}

/// The next space-separated word of `line` (consumed).
std::string_view Word(std::string_view* line) {
  const size_t space = line->find(' ');
  const std::string_view word = line->substr(0, space);
  line->remove_prefix(space == std::string_view::npos ? line->size() : space + 1);
  return word;
}

bool Number(std::string_view text, size_t* value) {
  if (text.empty() || text.size() > 19) return false;
  size_t n = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
    n = n * 10 + static_cast<size_t>(c - '0');
  }
  *value = n;
  return true;
}

void Walk(const FileSystem& fs, const std::string& folder, InputHashes* out) {
  for (const DirEntry& entry : fs.List(folder)) {
    const std::string path = JoinPath(folder, entry.name);
    if (entry.is_dir && entry.is_link) {
      // Not followed (it may lead back up): where it leads is what a build would read.
      (*out)[path + "/"] = HashBytes(fs.RealPath(path));
    } else if (entry.is_dir) {
      Walk(fs, path, out);
    } else {
      std::string bytes;
      std::string error;
      (*out)[path] = fs.ReadFile(path, &bytes, &error) ? HashBytes(bytes) : 0;
    }
  }
}

}  // namespace

std::string CacheFile(const FileSystem& fs, const std::string& out) { return BesideOutput(fs, out, ".morsel-cache"); }

uint64_t HashBytes(std::string_view bytes) { return core::Fnv1a64(bytes); }

InputHashes HashInputs(const FileSystem& fs, const std::vector<std::string>& folders) {
  InputHashes inputs;
  for (const std::string& folder : folders) {
    if (fs.IsDir(folder)) Walk(fs, folder, &inputs);
  }
  return inputs;
}

std::string CombineInputs(const InputHashes& inputs) {
  core::Sha256 sha;
  for (const auto& [path, hash] : inputs) {
    sha.Update(path);
    sha.Update(std::string_view("\0", 1));
    sha.Update(std::to_string(hash) + "\n");
  }
  return sha.HexDigest();
}

std::string BuildKey(const BuildOptions& options) {
  // Not jobs, quiet or the progress: the output is the same for any of them.
  return core::Sha256Hex("program " + options.program + "\nsource " + options.source + "\ndrafts " +
                         (options.drafts ? "1" : "0") + "\nunlock_all " + (options.unlock_all ? "1" : "0") +
                         "\nstrict " + (options.strict ? "1" : "0") + "\nzip " + (options.zip ? "1" : "0") + "\n");
}

std::string SerializeBuildCache(const BuildCache& cache) {
  std::string out = kCacheHeader;
  out += "key " + cache.key + "\ninputs " + cache.inputs + "\n";
  out += "stats " + std::to_string(cache.stats.courses) + " " + std::to_string(cache.stats.modules) + " " +
         std::to_string(cache.stats.lessons) + " " + std::to_string(cache.stats.questions) + "\n";
  for (const auto& [to, from] : cache.renamed) out += "renamed " + to + " " + from + "\n";
  for (const auto& [path, file] : cache.files) {
    out += "file " + std::to_string(file.size) + " " + core::ToHex(file.digest) + " " + path + "\n";
  }
  // Last: its bytes are not lines.
  out += "diagnostics " + std::to_string(cache.diagnostics.size()) + "\n" + cache.diagnostics;
  return out;
}

bool ReadBuildCache(const FileSystem& fs, const std::string& path, BuildCache* cache) {
  std::string text;
  std::string error;
  if (!fs.IsFile(path) || !fs.ReadFile(path, &text, &error) || text.rfind(kCacheHeader, 0) != 0) return false;
  *cache = BuildCache();
  std::string_view rest(text);
  rest.remove_prefix(std::string_view(kCacheHeader).size());
  bool stats = false;
  bool diagnostics = false;
  while (!rest.empty() && !diagnostics) {
    const size_t end = rest.find('\n');
    if (end == std::string_view::npos) return false;  // cut short
    std::string_view line = rest.substr(0, end);
    rest.remove_prefix(end + 1);
    const std::string_view kind = Word(&line);
    if (kind == "key") {
      cache->key = std::string(line);
    } else if (kind == "inputs") {
      cache->inputs = std::string(line);
    } else if (kind == "diagnostics") {
      size_t size = 0;
      if (!Number(line, &size) || size != rest.size()) return false;
      cache->diagnostics = std::string(rest);
      ResultReader in(cache->diagnostics);
      DiagnosticSink scratch;
      ReadDiagnostics(&in, &scratch);
      if (!in.ok()) return false;
      diagnostics = true;
    } else if (kind == "stats") {
      size_t values[4];
      for (size_t& value : values) {
        if (!Number(Word(&line), &value)) return false;
      }
      cache->stats = {static_cast<int>(values[0]), static_cast<int>(values[1]), static_cast<int>(values[2]),
                      static_cast<int>(values[3])};
      stats = true;
    } else if (kind == "renamed") {
      const std::string to(Word(&line));
      if (to.empty() || line.empty()) return false;
      cache->renamed[to] = std::string(line);
    } else if (kind == "file") {
      OutputFile file;
      if (!Number(Word(&line), &file.size) || !FromHex(Word(&line), &file.digest) || line.empty()) return false;
      cache->files[std::string(line)] = file;
    } else {
      return false;
    }
  }
  return stats && diagnostics && !cache->key.empty() && !cache->inputs.empty();
}

size_t MarkChangedOnDisk(const FileSystem& fs, const std::string& out, BuildCache* cache) {
  size_t changed = 0;
  for (auto& [path, file] : cache->files) {
    if (fs.FileSize(JoinPath(out, path)) == static_cast<int64_t>(file.size)) continue;
    file.size = kChangedOnDisk;
    ++changed;
  }
  return changed;
}

PreviousOutput PreviousFiles(const BuildCache& cache) {
  PreviousOutput previous;
  for (const auto& [path, file] : cache.files) {
    std::string written = path;
    for (const auto& [to, from] : cache.renamed) {
      if (path.rfind(to, 0) == 0) written = from + path.substr(to.size());
    }
    OutputFile kept = file;
    kept.kept = path;
    previous[written] = kept;
  }
  return previous;
}

bool UpdateInPlace(FileSystem* fs, const std::string& staging, const std::string& out,
                   const std::map<std::string, OutputFile>& now, const PreviousOutput& previous, std::string* error) {
  // Kept files first: a file written into staging may take the place one of them leaves.
  for (const auto& [path, file] : now) {
    if (!file.kept.empty() && file.kept != path && !fs->Rename(JoinPath(out, file.kept), JoinPath(out, path), error)) {
      return false;
    }
  }
  for (const auto& [path, file] : now) {
    if (file.kept.empty() && !fs->Rename(JoinPath(staging, path), JoinPath(out, path), error)) return false;
  }
  std::set<std::string> emptied;
  for (const auto& entry : previous) {
    const std::string& path = entry.second.kept;  // where it is in the output folder
    if (now.count(path) > 0) continue;
    if (!fs->RemoveAll(JoinPath(out, path), error)) return false;  // nothing to do if it was moved
    for (std::string folder = DirName(path); !folder.empty() && folder != "."; folder = DirName(folder)) {
      emptied.insert(folder);
    }
  }
  // Deepest first, so a folder whose only content was an emptied folder goes too.
  for (auto it = emptied.rbegin(); it != emptied.rend(); ++it) {
    const std::string folder = JoinPath(out, *it);
    if (fs->IsDir(folder) && fs->List(folder).empty() && !fs->RemoveAll(folder, error)) return false;
  }
  return fs->RemoveAll(staging, error);
}

}  // namespace morsel::gen
