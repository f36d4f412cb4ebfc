#pragma once

#include <string_view>

#include <nlohmann/json.hpp>

namespace morsel::core {

/// Arrays and objects nested deeper than this are refused. nlohmann parses any depth, but
/// copying, comparing and printing a value recurse once per level: a stored value of
/// 100,000 `[` (200 KB, within the storage budget) overflowed the stack. Morsel's own
/// documents nest fewer than 16 levels.
constexpr int kMaxJsonDepth = 128;

/// Parses JSON text without throwing (a discarded value on error, or when nested deeper
/// than kMaxJsonDepth). Every parse in the core goes through here: each distinct input
/// type instantiates nlohmann's whole parser again, and the runtime's size budget cannot
/// afford several.
nlohmann::json ParseJson(std::string_view text);

}  // namespace morsel::core
