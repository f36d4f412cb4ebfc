#pragma once

#include <string>
#include <string_view>

namespace morsel::gen {

/// The scheme of a URL that would run script or open a document made of the URL itself
/// when followed: "javascript", "vbscript" or "data", in lower case, read as a browser
/// reads it (leading spaces and control characters, and tabs and newlines anywhere,
/// ignored; any case). "" for any other URL. As an image (`is_image`), a `data:` URL of
/// a PNG, GIF, JPEG or WebP image is safe, as cmark-gfm's safe mode allows (docs/security.md).
std::string UnsafeUrlScheme(std::string_view url, bool is_image);

/// The scheme of `url` in lower case ("https", "mailto"), read as UnsafeUrlScheme reads
/// it; "" for a relative URL ("lesson.md", "/x", "#top", "//host/x", "a/b:c").
std::string UrlScheme(std::string_view url);

}  // namespace morsel::gen
