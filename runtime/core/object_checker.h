#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "runtime/core/diagnostic.h"

namespace morsel::core {

/// Checks the members of one JSON object in authored block data: reports unknown keys
/// (with a "did you mean" hint) and missing required keys. Returns false when `value`
/// is not an object (and reports that). It keeps a reference to `value`, which must
/// outlive it.
class ObjectChecker {
 public:
  ObjectChecker(const nlohmann::json& value, std::string pointer, std::string what, Diagnostics* out);

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
  std::string Enum(const char* key, std::initializer_list<const char*> allowed, const std::string& fallback);

  /// False when the value is not a mapping: its keys are then not worth checking.
  bool ok() const { return ok_; }
  /// Where `key` sits, for diagnostics the caller reports about its value itself.
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
