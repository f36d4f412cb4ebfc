// Small text helpers (generator/text.h), with the cases that decide file types and
// whitespace in generated markup.
#include "generator/text.h"

#include <string>
#include <utility>
#include <vector>

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

TEST_CASE("TextDirection: right to left for Arabic, Hebrew, Persian, Urdu and Arabic script") {
  CHECK(std::string(TextDirection("ar")) == "rtl");
  CHECK(std::string(TextDirection("ar-EG")) == "rtl");
  CHECK(std::string(TextDirection("he")) == "rtl");
  CHECK(std::string(TextDirection("fa")) == "rtl");
  CHECK(std::string(TextDirection("pa-Arab")) == "rtl");
  CHECK(std::string(TextDirection("en")) == "ltr");
  CHECK(std::string(TextDirection("arn")) == "ltr");  // Mapudungun, not Arabic
  CHECK(std::string(TextDirection("de-CH")) == "ltr");
}

TEST_CASE("DecimalSign: a comma where the language writes one") {
  CHECK(std::string(DecimalSign("en")) == ".");
  CHECK(std::string(DecimalSign("de")) == ",");
  CHECK(std::string(DecimalSign("fr-CA")) == ",");
  CHECK(std::string(DecimalSign("pt-BR")) == ",");
  CHECK(std::string(DecimalSign("ar")) == ".");
  CHECK(std::string(DecimalSign("")) == ".");
}

TEST_CASE("PluralCategory follows CLDR for whole numbers, not 'if n == 1'") {
  CHECK(std::string(PluralCategory("en", 1)) == "one");
  CHECK(std::string(PluralCategory("en", 0)) == "other");
  CHECK(std::string(PluralCategory("de", 2)) == "other");
  CHECK(std::string(PluralCategory("fr", 0)) == "one");  // French: 0 and 1
  CHECK(std::string(PluralCategory("fr", 1)) == "one");
  CHECK(std::string(PluralCategory("fr", 2)) == "other");
  CHECK(std::string(PluralCategory("fr", 2000000)) == "many");
  CHECK(std::string(PluralCategory("es", 0)) == "other");
  CHECK(std::string(PluralCategory("es", 1000000)) == "many");
  CHECK(std::string(PluralCategory("pt-BR", 0)) == "one");
  for (const auto& [n, form] : std::vector<std::pair<long long, std::string>>{{0, "zero"},
                                                                              {1, "one"},
                                                                              {2, "two"},
                                                                              {3, "few"},
                                                                              {10, "few"},
                                                                              {11, "many"},
                                                                              {99, "many"},
                                                                              {100, "other"},
                                                                              {101, "other"},
                                                                              {102, "other"},
                                                                              {103, "few"},
                                                                              {111, "many"},
                                                                              {1000, "other"}}) {
    INFO(n);
    CHECK(PluralCategory("ar", n) == form);
  }
  CHECK(std::string(PluralCategory("he", 2)) == "two");
  CHECK(std::string(PluralCategory("xx", 1)) == "one");  // unknown: English's rule
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
