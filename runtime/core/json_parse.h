#pragma once

#include <cstddef>
#include <string_view>

#include <nlohmann/json.hpp>

namespace morsel::core {

/// The deepest nesting of arrays and objects ParseJson accepts. Every document the core
/// reads (a learner's state, a lesson's data, an imported file) is a few levels deep; the
/// limit keeps a hostile one from exhausting the stack of the recursive code that later
/// walks, copies or prints it.
inline constexpr std::size_t kMaxJsonDepth = 64;

/// Parses JSON text without throwing (a discarded value on error, also for nesting deeper
/// than kMaxJsonDepth). Every parse in the
/// core goes through here: each distinct input type instantiates nlohmann's whole parser
/// again, and the runtime's size budget cannot afford several.
nlohmann::json ParseJson(std::string_view text);

}  // namespace morsel::core
