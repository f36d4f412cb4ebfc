#pragma once

// Helpers shared by the fuzz targets: splitting one input into the parts a target needs.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace morsel::fuzz {

/// The input as text (any bytes: the parsers must cope with invalid UTF-8 and NULs).
inline std::string Text(const uint8_t* data, size_t size) {
  return std::string(reinterpret_cast<const char*>(data), size);
}

/// The input cut at each `separator` line ("\n--8<--\n" by default) into at most `parts`
/// parts, the last one keeping any further separators. Seeds write their parts this way.
inline std::vector<std::string> Parts(const std::string& text, size_t parts,
                                      std::string_view separator = "\n--8<--\n") {
  std::vector<std::string> out;
  size_t start = 0;
  while (out.size() + 1 < parts) {
    const size_t at = text.find(separator, start);
    if (at == std::string::npos) break;
    out.push_back(text.substr(start, at - start));
    start = at + separator.size();
  }
  out.push_back(text.substr(start));
  out.resize(parts);
  return out;
}

/// JSON text of a request built around fuzz bytes: invalid UTF-8 becomes U+FFFD, as it
/// does when the glue hands a JavaScript string to the runtime (dump() would throw).
inline std::string Dump(const nlohmann::json& value) {
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

/// Whether the bytes are valid UTF-8 (nlohmann's printer checks them). The generator's
/// loader refuses any file that is not (`not-utf8`), so what it parses further is.
inline bool IsUtf8(const std::string& text) {
  try {
    nlohmann::json(text).dump();
    return true;
  } catch (const nlohmann::json::exception&) {
    return false;
  }
}

}  // namespace morsel::fuzz
