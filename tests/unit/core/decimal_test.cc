// ParseDecimal replaces strtod in the browser runtime (runtime/wasm/small_strtod.cc): it
// must read every number exactly as the C library does. Natively this compares it with
// glibc's strtod; under wasm (core-under-wasm) with musl's.
#include <catch2/catch.hpp>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>

#include <nlohmann/json.hpp>

#include "runtime/core/decimal.h"

namespace {

uint64_t Bits(double d) {
  uint64_t bits;
  std::memcpy(&bits, &d, sizeof bits);
  return bits;
}

/// 1 when ParseDecimal reads `text` differently from strtod (value bits or end), else 0.
int Mismatch(const std::string& text) {
  char* end_c = nullptr;
  char* end_ours = nullptr;
  const double c = std::strtod(text.c_str(), &end_c);
  const double ours = morsel::core::ParseDecimal(text.c_str(), &end_ours);
  const bool same = (Bits(c) == Bits(ours) || (c != c && ours != ours)) && end_c == end_ours;
  if (!same) UNSCOPED_INFO(text);
  return same ? 0 : 1;
}

std::string Printed(const char* format, double d) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, format, d);
  return buffer;
}

}  // namespace

TEST_CASE("ParseDecimal reads back every dump of random doubles exactly, as strtod does") {
  std::mt19937_64 random(12);
  int mismatches = 0;
  for (int i = 0; i < 100000; ++i) {
    const uint64_t bits = random();
    double d;
    std::memcpy(&d, &bits, sizeof d);
    if (d != d || d - d != 0) continue;  // NaN and infinities: JSON has neither
    const std::string dumped = nlohmann::json(d).dump();
    mismatches += Mismatch(dumped);
    char* end = nullptr;
    CHECK(Bits(morsel::core::ParseDecimal(dumped.c_str(), &end)) == Bits(d));  // round trip
    mismatches += Mismatch(Printed("%.17g", d)) + Mismatch(Printed("%.15g", d));
  }
  CHECK(mismatches == 0);
}

TEST_CASE("ParseDecimal reads fractions k/n and percents as strtod does") {
  int mismatches = 0;
  for (int n = 1; n <= 300; ++n) {
    for (int k = 0; k <= n; ++k) {
      for (double d : {static_cast<double>(k) / n, 100.0 * k / n, -1000.0 * k / n / 7}) {
        const std::string dumped = nlohmann::json(d).dump();
        mismatches += Mismatch(dumped) + Mismatch(Printed("%.17g", d)) + Mismatch(Printed("%.3g", d));
        CHECK(Bits(morsel::core::ParseDecimal(dumped.c_str(), nullptr)) == Bits(d));
      }
    }
  }
  CHECK(mismatches == 0);
}

TEST_CASE("ParseDecimal: limits, halfway cases, long inputs and what ends a number") {
  const std::string long_half = "9007199254740993." + std::string(900, '0') + "1";    // just above a tie
  const std::string long_tie = "9007199254740993" + std::string(900, '0') + "e-900";  // a tie: to even
  for (const std::string& text : {std::string("0"),
                                  std::string("-0"),
                                  std::string("1e-400"),
                                  std::string("-1e400"),
                                  std::string("4.9406564584124654e-324"),
                                  std::string("2.4703282292062327e-324"),
                                  std::string("2.4703282292062328e-324"),
                                  std::string("3e-324"),
                                  std::string("1.7976931348623157e308"),
                                  std::string("1.7976931348623158e308"),
                                  std::string("1.7976931348623159e308"),
                                  std::string("2.2250738585072011e-308"),
                                  std::string("2.2250738585072014e-308"),
                                  std::string("9007199254740993"),
                                  std::string("9007199254740995"),
                                  std::string("0.1"),
                                  std::string("66.7"),
                                  std::string("66.66666666666667"),
                                  std::string("1e23"),
                                  std::string("123456789012345678901234567890"),
                                  std::string("  12.5x"),
                                  std::string("1e"),
                                  std::string("1e+"),
                                  std::string("-.5"),
                                  std::string("."),
                                  std::string("-"),
                                  std::string("+1.5E+3"),
                                  std::string("inf"),
                                  std::string("-Infinity"),
                                  std::string("nan"),
                                  std::string("1."),
                                  std::string("00012"),
                                  std::string("1e99999999999"),
                                  std::string("1e-99999999999"),
                                  long_half,
                                  long_tie}) {
    CHECK(Mismatch(text) == 0);
  }
}
