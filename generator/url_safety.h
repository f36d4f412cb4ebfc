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

/// Whether `url` can be a site's xAPI endpoint (site.yml `xapi.endpoint`): an absolute
/// https URL, or http on this machine (localhost, 127.0.0.1, [::1]) for trying a local
/// LRS, with no user name or password in it and no #fragment. Sets `origin` to its
/// scheme://host[:port] (the host in lower case), or `problem` to what is wrong.
bool XapiEndpointOrigin(std::string_view url, std::string* origin, std::string* problem);

}  // namespace morsel::gen
