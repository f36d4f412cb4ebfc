#pragma once

#include <string_view>

#include <nlohmann/json.hpp>

namespace morsel::core {

/// Parses JSON text without throwing (a discarded value on error). Every parse in the
/// core goes through here: each distinct input type instantiates nlohmann's whole parser
/// again, and the runtime's size budget cannot afford several.
nlohmann::json ParseJson(std::string_view text);

}  // namespace morsel::core
