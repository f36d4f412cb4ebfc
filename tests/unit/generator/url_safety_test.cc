// Which URLs a page never links (generator/url_safety.h): read as a browser reads them.
#include "generator/url_safety.h"

#include <catch2/catch.hpp>

namespace morsel::gen {
namespace {

TEST_CASE("javascript:, vbscript: and data: URLs are unsafe, however they are written") {
  CHECK(UnsafeUrlScheme("javascript:alert(1)", false) == "javascript");
  CHECK(UnsafeUrlScheme("JavaScript:alert(1)", false) == "javascript");
  CHECK(UnsafeUrlScheme(" \x01javascript:alert(1)", false) == "javascript");
  CHECK(UnsafeUrlScheme("java\tscr\nipt:alert(1)", false) == "javascript");
  CHECK(UnsafeUrlScheme("vbscript:msgbox(1)", false) == "vbscript");
  CHECK(UnsafeUrlScheme("VBScript:msgbox(1)", true) == "vbscript");
  CHECK(UnsafeUrlScheme("data:text/html,<script>alert(1)</script>", false) == "data");
  CHECK(UnsafeUrlScheme("javascript:alert(1)", true) == "javascript");
}

TEST_CASE("data: images of raster types are safe as images, not as links") {
  CHECK(UnsafeUrlScheme("data:image/png;base64,iVBORw0KGgo=", true).empty());
  CHECK(UnsafeUrlScheme("DATA:image/GIF;base64,R0lGODlh", true).empty());
  CHECK(UnsafeUrlScheme("data:image/jpeg,x", true).empty());
  CHECK(UnsafeUrlScheme("data:image/webp;base64,UklG", true).empty());
  CHECK(UnsafeUrlScheme("data:image/png;base64,iVBORw0KGgo=", false) == "data");
  CHECK(UnsafeUrlScheme("data:image/svg+xml,<svg onload=alert(1)>", true) == "data");
  CHECK(UnsafeUrlScheme("data:image/pngx,x", true) == "data");
}

TEST_CASE("other URLs are left to the link checks") {
  CHECK(UnsafeUrlScheme("https://example.com/javascript:x", false).empty());
  CHECK(UnsafeUrlScheme("mailto:a@example.com", false).empty());
  CHECK(UnsafeUrlScheme("lesson.md#javascript:x", false).empty());
  CHECK(UnsafeUrlScheme("./javascript:x", false).empty());
  CHECK(UnsafeUrlScheme("javascript%3Aalert(1)", false).empty());
  CHECK(UnsafeUrlScheme("", false).empty());
  CHECK(UnsafeUrlScheme(":x", false).empty());
}

}  // namespace
}  // namespace morsel::gen
