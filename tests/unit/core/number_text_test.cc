#include "runtime/core/number_text.h"

#include <climits>

#include <catch2/catch.hpp>

namespace morsel::core {
namespace {

TEST_CASE("NumberText writes whole numbers as plain decimals") {
  CHECK(NumberText(0) == "0");
  CHECK(NumberText(7) == "7");
  CHECK(NumberText(100) == "100");
  CHECK(NumberText(1234567890123LL) == "1234567890123");
  CHECK(NumberText(-1) == "-1");
  CHECK(NumberText(-250) == "-250");
}

TEST_CASE("NumberText handles the extremes of long long") {
  CHECK(NumberText(LLONG_MAX) == "9223372036854775807");
  CHECK(NumberText(LLONG_MIN) == "-9223372036854775808");
}

}  // namespace
}  // namespace morsel::core
