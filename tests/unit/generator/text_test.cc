// Small text helpers (generator/text.h), with the cases that decide file types and
// whitespace in generated markup.
#include "generator/text.h"

#include <catch2/catch.hpp>

namespace morsel::gen {
namespace {

TEST_CASE("StartsWith and EndsWith compare bytes, and an empty affix always matches") {
  CHECK(StartsWith("runtime/morsel.js", "runtime/"));
  CHECK_FALSE(StartsWith("run", "runtime/"));
  CHECK(EndsWith("course/index.html", "/index.html"));
  CHECK_FALSE(EndsWith("index.html", "/index.html"));
  CHECK(EndsWith("x", ""));
}

TEST_CASE("IsSpace is HTML's whitespace: space, tab, line feed, carriage return, form feed") {
  for (char c : {' ', '\t', '\n', '\r', '\f'}) CHECK(IsSpace(c));
  for (char c : {'\v', 'a', '\0'}) CHECK_FALSE(IsSpace(c));
}

TEST_CASE("Lower folds ASCII letters only, so names in other scripts stay as written") {
  CHECK(Lower("Photo.JPG") == "photo.jpg");
  CHECK(Lower("\xC3\x89T\xC3\x89") == "\xC3\x89t\xC3\x89");
}

}  // namespace
}  // namespace morsel::gen
