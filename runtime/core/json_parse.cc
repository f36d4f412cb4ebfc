#include "runtime/core/json_parse.h"

namespace morsel::core {

nlohmann::json ParseJson(std::string_view text) {
  return nlohmann::json::parse(text.data(), text.data() + text.size(), nullptr, false);
}

}  // namespace morsel::core
