#include "runtime/core/id_slug.h"

#include <catch2/catch.hpp>

namespace morsel::core {
namespace {

TEST_CASE("ids learners' progress is kept under are lowercase slugs") {
  CHECK(IsIdSlug("q1"));
  CHECK(IsIdSlug("final-check"));
  CHECK(IsIdSlug("phishing_2"));
  CHECK(IsIdSlug("0"));
}

TEST_CASE("ids that would not survive as storage keys are refused") {
  CHECK_FALSE(IsIdSlug(""));
  CHECK_FALSE(IsIdSlug("Q1"));
  CHECK_FALSE(IsIdSlug("final check"));
  CHECK_FALSE(IsIdSlug("a/b"));
  CHECK_FALSE(IsIdSlug("a:b"));
  CHECK_FALSE(IsIdSlug("a.b"));
  CHECK_FALSE(IsIdSlug("caf\xc3\xa9"));
}

}  // namespace
}  // namespace morsel::core
