#pragma once

#include <initializer_list>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "runtime/core/diagnostic.h"

namespace morsel::core {

/// Parses JSON text without throwing (a discarded value on error). Every parse in the
/// core goes through here: each distinct input type instantiates nlohmann's whole parser
/// again, and the runtime's size budget cannot afford several.
nlohmann::json ParseJson(std::string_view text);

/// A whole number as decimal text. The core uses this instead of std::to_string, which
/// in the wasm build's C++ library formats through snprintf and drags printf's
/// floating-point code (several KB) into the runtime.
std::string NumberText(long long value);

/// True for an id learners' progress may be kept under: a-z, 0-9, '-' and '_'.
bool IsIdSlug(const std::string& id);

/// Levenshtein distance between two byte strings.
size_t EditDistance(const std::string& a, const std::string& b);

/// The closest of `candidates` to `word` by edit distance, or "" when none is close
/// enough to be a plausible typo.
std::string Suggest(const std::string& word, std::initializer_list<const char*> candidates);

/// Checks the members of one JSON object in authored block data: reports unknown keys
/// (with a "did you mean" hint) and missing required keys. Returns false when `value`
/// is not an object (and reports that).
class ObjectChecker {
 public:
  ObjectChecker(const nlohmann::json& value, std::string pointer, std::string what,
                Diagnostics* out);

  /// Reports every key not in `allowed`.
  void AllowOnly(std::initializer_list<const char*> allowed);
  /// Reports `key` as missing when absent; returns whether it is present.
  bool Require(const char* key);
  /// Returns the string at `key`, reporting a wrong type; "" when absent or wrong.
  std::string String(const char* key);
  /// Returns the bool at `key` (false when absent); reports a wrong type.
  bool Bool(const char* key);
  /// Returns the array at `key` or nullptr (reporting a wrong type).
  const nlohmann::json* Array(const char* key);
  /// Returns the whole number at `key` (or `fallback` when absent), reporting values
  /// that are not whole numbers or lie outside [min, max].
  int64_t Int(const char* key, int64_t min, int64_t max, int64_t fallback);
  /// Returns the list of strings at `key`; a single string is accepted as a list of one.
  std::vector<std::string> StringList(const char* key);
  /// Returns the string at `key` if it is one of `allowed` (else reports it, with a
  /// suggestion); `fallback` when absent or wrong.
  std::string Enum(const char* key, std::initializer_list<const char*> allowed,
                   const std::string& fallback);

  bool ok() const { return ok_; }
  std::string PointerTo(const char* key) const;

 private:
  void WrongType(const char* key, const char* expected);

  const nlohmann::json& value_;
  std::string pointer_;
  std::string what_;
  Diagnostics* out_;
  bool ok_ = true;
};

/// The JSON type name used in messages ("string", "list", "mapping", ...).
const char* TypeName(const nlohmann::json& value);

}  // namespace morsel::core
