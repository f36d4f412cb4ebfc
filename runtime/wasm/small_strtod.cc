// strtod for the browser runtime, replacing the C library's (as small_printf.cc replaces
// snprintf). nlohmann/json reads every number of every call with it, and the core's
// numeric answers go through it (normalize.cc). musl's strtod computes in long double,
// which in wasm is software quad precision (__divtf3, __multf3, __addtf3, fmodl): with
// strtod itself about 12 KB of the module's code. runtime/core/decimal.cc is exact without
// it; tests/unit/core/decimal_test.cc checks it against the C library's.
#include <cstdlib>

#include "runtime/core/decimal.h"

extern "C" {

double strtod(const char* text, char** end) { return morsel::core::ParseDecimal(text, end); }

// Only so that libc++'s string.o (std::stof, std::stold: nothing here calls them) does not
// bring the C library's strtod back with them; not exact for float (rounded twice) or long
// double (a double's precision).
float strtof(const char* text, char** end) { return static_cast<float>(morsel::core::ParseDecimal(text, end)); }
long double strtold(const char* text, char** end) { return morsel::core::ParseDecimal(text, end); }

}  // extern "C"
