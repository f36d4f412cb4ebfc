#pragma once

#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "generator/theme.h"

namespace morsel::gen {

/// Fingerprinted asset names. The files whose every reference Morsel writes itself — the
/// runtime (`runtime/*` but the service worker), the built-in stylesheet and icon, and the
/// search index — are published under names that carry a hash of their contents
/// (`runtime/morsel.3f2a9c1b7e.js`, `search/0a1b2c3d4e/s0.js`), so a host can serve them
/// with a year-long immutable cache while HTML pages keep their names and are revalidated.
/// A new build with new contents has new names: no browser ever mixes an old script with a
/// new page. Pages link them through the template data `asset.*`, and the runtime loads its
/// lazily loaded parts through the map in `<body data-morsel-assets>`.
///
/// Other theme assets and the content's own files (images, downloads) keep their names:
/// authors and stylesheets link them by name.

/// Hex digits of SHA-256 in a fingerprint.
inline constexpr size_t kFingerprintLength = 10;

/// "runtime/morsel.js" → "runtime/morsel.<hash>.js"; the hash goes before the last
/// extension ("morsel-runtime.wasm.js" → "morsel-runtime.wasm.<hash>.js").
std::string FingerprintedPath(const std::string& path, const std::string& contents);

/// The fingerprint (kFingerprintLength hex digits) of a set of files, path and contents.
std::string FingerprintOf(const std::map<std::string, std::string>& files);

/// Logical path → published path of every fingerprinted file, and "search/" → the search
/// index's folder. Kept apart from the theme, which no build stage changes.
using AssetNames = std::map<std::string, std::string>;

/// The published name of every fingerprinted file of `theme`, and of the search index
/// folder: `search/<index_fingerprint>/` (or "search/" when empty).
AssetNames AssignAssetNames(const Theme& theme, const std::string& index_fingerprint);

/// The theme's files as the site ships them: under their published names, without the
/// service worker's source (generator/hosting.h writes `sw.js` from it).
std::map<std::string, std::string> PublishedFiles(const Theme& theme, const AssetNames& names);

/// The published path of a logical one ("assets/morsel.css"); the path itself when it is
/// not fingerprinted.
std::string PublishedPath(const AssetNames& names, const std::string& path);

/// Template data for a page at `root` (its relative path to the site root): `asset.css`,
/// `asset.icon`, `asset.script`, `asset.search_script` are URLs; `assets_json` is the map of
/// the runtime's lazily loaded files (logical → published path) for `data-morsel-assets`.
void AddAssetData(const AssetNames& names, const std::string& root, nlohmann::json* data);

}  // namespace morsel::gen
