#pragma once

#include <string>

namespace morsel::core {

/// A whole number as decimal text. The core uses this instead of std::to_string, which
/// in the wasm build's C++ library formats through snprintf and drags printf's
/// floating-point code (several KB) into the runtime.
std::string NumberText(long long value);

}  // namespace morsel::core
