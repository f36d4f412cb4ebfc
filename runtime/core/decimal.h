#pragma once

namespace morsel::core {

/// Reads a decimal number as strtod does (leading spaces, a sign, digits with an optional
/// point and exponent, or "inf", "infinity", "nan"; not hexadecimal), correctly rounded to
/// the nearest double, ties to even, and sets `*end` after what it read (to `text` when
/// nothing was a number). Exists for the browser runtime, where it replaces the C
/// library's strtod (runtime/wasm/small_strtod.cc): that one computes in long double,
/// whose software quad-precision arithmetic is several KB of the module's gzip weight.
/// Exact, not approximate: numbers are dumped and read back on every call, and the core
/// compares stored percents (tests/unit/core/decimal_test.cc checks it against strtod).
double ParseDecimal(const char* text, char** end);

}  // namespace morsel::core
