#pragma once

#include <map>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "generator/theme.h"

namespace morsel::gen {

/// Fingerprinted asset names. The files whose every reference Morsel writes itself — the
/// runtime (`runtime/*` but the service worker), the built-in stylesheet and icon, and the
/// search index — are published under names that carry a hash of their contents
/// (`runtime/morsel.3f2a9c1b7e.js`, `search/0a1b2c3d4e/s0.js`), so a host can serve them
/// with a year-long immutable cache while HTML pages keep their names and are revalidated.
/// A new build with new contents has new names: no browser ever mixes an old script with a
/// new page. Pages link them through the template data `asset.*`, the runtime loads its
/// lazily loaded parts through the map `runtime/strings.js` sets (LazyAssetMap), and the
/// search index's folder is named by `search/manifest.js` (generator/search_index.h).
///
/// Other theme assets and the content's own files (images, downloads) keep their names:
/// authors and stylesheets link them by name.

/// Hex digits of SHA-256 in a fingerprint.
inline constexpr size_t kFingerprintLength = 10;

/// "runtime/morsel.js" → "runtime/morsel.<hash>.js"; the hash goes before the last
/// extension ("morsel-runtime.wasm.js" → "morsel-runtime.wasm.<hash>.js").
std::string FingerprintedPath(const std::string& path, const std::string& contents);

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

/// The runtime's map of the files it loads after the page, logical name → fingerprint
/// (`runtime/a.js` is published as `runtime/a.<fingerprint>.js`). `runtime/strings.js`
/// sets it as `window.MorselAssets` (LoadTheme), for runtime/web/morsel.js's `asset()`: one
/// script every page loads, rather than the same 0.6 KB in every page.
nlohmann::json LazyAssetMap(const AssetNames& names);

/// Template data for a page at `root` (its relative path to the site root): `asset.css`,
/// `asset.icon`, `asset.script`, `asset.search_script` are URLs; `assets_json` is the map of
/// the runtime's lazily loaded files (logical name → fingerprint: `runtime/a.js` is
/// published as `runtime/a.<fingerprint>.js`; not the search index's folder, which
/// `search/manifest.js` names: LazyAssetMap) for a layout's own `data-morsel-assets` (the
/// built-in one leaves it to `runtime/strings.js`),
/// and `assets_attribute` the same escaped for a single-quoted attribute, for the
/// triple-stache: `data-morsel-assets='{{{assets_attribute}}}'`.
void AddAssetData(const AssetNames& names, const std::string& root, nlohmann::json* data);

/// What makes an author's SVG unsafe to publish, and where (1-based; column in
/// characters); `what` is "" for a safe one.
struct SvgProblem {
  std::string what;
  int line = 0;
  int column = 0;
};

/// Checks an SVG a page links or shows: opened from the site (a link to it, a new tab), an
/// SVG is a document that runs its scripts on the site's origin, where they could read and
/// change learners' progress. It is refused, not cleaned, when it has what can run script
/// or load something: an element that is not one of SVG's drawing elements (`script`,
/// `foreignObject`, HTML's), an event handler (`on…`), a `javascript:` or `vbscript:` URL, an
/// `href` to anything but a fragment (`#id`; an `<a>` may also link http(s) and mailto, an
/// `<image>` embed a PNG, JPEG, GIF or WebP `data:` URL), a CSS `url()` other than `#id`,
/// `@import`, an animation of `href`, `on…` or `style`, the XHTML, MathML or XSLT namespace,
/// a processing instruction other than `<?xml?>`, a DOCTYPE with its own declarations, or
/// XML it cannot read. Elements of other vocabularies (an editor's `inkscape:` metadata)
/// are let through: browsers do nothing with them.
SvgProblem CheckSvg(std::string_view text);

/// True for a file a browser would open as a page of the site, able to run script there:
/// `.html`, `.htm`, `.xhtml`, `.xht`, `.xml`, `.xsl`, `.xslt`, `.mht`, `.mhtml`, `.shtml`,
/// `.svgz` (an SVG that cannot be checked without unpacking it).
bool IsActiveDocument(const std::string& path);

}  // namespace morsel::gen
