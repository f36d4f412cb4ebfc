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

TEST_CASE("an xAPI endpoint is https, or http on this machine, with no credentials in it") {
  std::string origin;
  std::string problem;
  CHECK(XapiEndpointOrigin("https://LRS.example.com/xapi/", &origin, &problem));
  CHECK(origin == "https://lrs.example.com");
  CHECK(XapiEndpointOrigin("https://lrs.example.com:8443/data/xAPI", &origin, &problem));
  CHECK(origin == "https://lrs.example.com:8443");
  CHECK(XapiEndpointOrigin("http://127.0.0.1:9000/xapi/", &origin, &problem));
  CHECK(origin == "http://127.0.0.1:9000");
  CHECK(XapiEndpointOrigin("http://localhost/xapi/", &origin, &problem));
  CHECK(XapiEndpointOrigin("http://[::1]:8080/xapi/", &origin, &problem));
  CHECK(origin == "http://[::1]:8080");
  for (const char* bad : {"http://lrs.example.com/xapi/", "ftp://lrs.example.com/", "lrs.example.com/xapi", "/xapi/",
                          "https://", "https:///xapi", "https://user:key@lrs.example.com/xapi/",
                          "https://lrs.example.com/xapi/#x", "https://lrs example.com/"}) {
    INFO(bad);
    problem.clear();
    CHECK_FALSE(XapiEndpointOrigin(bad, &origin, &problem));
    CHECK_FALSE(problem.empty());
  }
  XapiEndpointOrigin("https://user:key@lrs.example.com/", &origin, &problem);
  CHECK(problem.find("password") != std::string::npos);
}

}  // namespace
}  // namespace morsel::gen
