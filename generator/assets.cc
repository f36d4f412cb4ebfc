#include "generator/assets.h"

#include "generator/text.h"
#include "runtime/core/answer_key.h"

namespace morsel::gen {
namespace {

using nlohmann::json;

/// The service worker's source: written to the site root as `sw.js`, under that name.
constexpr const char* kWorkerSource = "runtime/sw.js";

/// Theme files the pages or the runtime reference by a name Morsel writes itself.
bool IsFingerprinted(const std::string& path) {
  if (StartsWith(path, "runtime/")) return path != kWorkerSource;  // the worker keeps its URL
  return path == "assets/morsel.css" || path == "assets/favicon.svg";
}

/// The files the runtime loads after the page (its modules, the dashboard, search).
constexpr const char* kLazyFiles[] = {"runtime/morsel-runtime.js",      "runtime/morsel-runtime.wasm",
                                      "runtime/morsel-runtime.wasm.js", "runtime/dashboard.js",
                                      "runtime/morsel-search.js",       "runtime/morsel-search.wasm",
                                      "runtime/morsel-search.wasm.js",  "runtime/morsel-progress.js",
                                      "runtime/morsel-progress.wasm",   "runtime/morsel-progress.wasm.js"};

}  // namespace

std::string FingerprintedPath(const std::string& path, const std::string& contents) {
  const std::string hash = core::Sha256Hex(contents).substr(0, kFingerprintLength);
  const size_t slash = path.rfind('/');
  const size_t dot = path.rfind('.');
  if (dot == std::string::npos || (slash != std::string::npos && dot < slash)) return path + "." + hash;
  return path.substr(0, dot) + "." + hash + path.substr(dot);
}

std::string FingerprintOf(const std::map<std::string, std::string>& files) {
  // Hashed piece by piece: the files, joined in one string, would be a second copy of them.
  const std::string_view separator("\0", 1);
  core::Sha256 sha;
  for (const auto& [path, contents] : files) {
    sha.Update(path);
    sha.Update(separator);
    sha.Update(std::to_string(contents.size()));
    sha.Update(separator);
    sha.Update(contents);
  }
  return sha.HexDigest().substr(0, kFingerprintLength);
}

AssetNames AssignAssetNames(const Theme& theme, const std::string& index_fingerprint) {
  AssetNames names;
  for (const auto& [path, contents] : theme.files) {
    if (IsFingerprinted(path)) names[path] = FingerprintedPath(path, contents);
  }
  names["search/"] = index_fingerprint.empty() ? "search/" : "search/" + index_fingerprint + "/";
  return names;
}

std::map<std::string, std::string> PublishedFiles(const Theme& theme, const AssetNames& names) {
  std::map<std::string, std::string> files;
  for (const auto& [path, contents] : theme.files) {
    if (path != kWorkerSource) files[PublishedPath(names, path)] = contents;
  }
  return files;
}

std::string PublishedPath(const AssetNames& names, const std::string& path) {
  auto it = names.find(path);
  return it == names.end() ? path : it->second;
}

void AddAssetData(const AssetNames& names, const std::string& root, json* data) {
  (*data)["asset"] = {{"css", root + PublishedPath(names, "assets/morsel.css")},
                      {"icon", root + PublishedPath(names, "assets/favicon.svg")},
                      {"script", root + PublishedPath(names, "runtime/morsel.js")},
                      {"search_script", root + PublishedPath(names, "runtime/search.js")}};
  json lazy = json::object();
  for (const char* path : kLazyFiles) {
    const std::string published = PublishedPath(names, path);
    if (published != path) lazy[path] = published;
  }
  const std::string index = PublishedPath(names, "search/");
  if (index != "search/") lazy["search/"] = index;
  (*data)["assets_json"] = lazy.empty() ? std::string() : lazy.dump();
}

}  // namespace morsel::gen
