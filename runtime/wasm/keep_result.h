#pragma once
// What every export of a wasm module does with its result: one buffer per module holds
// it until the next call (the glue copies it at once).

#include <string>
#include <string_view>
#include <utility>

namespace morsel::wasm {

/// `value` kept until the next call; its NUL-terminated text for the glue.
inline const char* Keep(std::string value) {
  static std::string buffer;
  buffer = std::move(value);
  return buffer.c_str();
}

/// The export of one runtime/core/api.h function: `input` NUL-terminated UTF-8 JSON (null
/// reads as ""), the result kept. A template, so each export calls its function directly.
template <std::string (*Api)(std::string_view)>
const char* CallApi(const char* input) {
  return Keep(Api(input == nullptr ? "" : input));
}

}  // namespace morsel::wasm
