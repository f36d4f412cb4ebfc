#pragma once

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

namespace morsel::core {

// Reading members of stored JSON (the learner's state, untrusted): a missing member, or one
// of the wrong type, reads as absent and never throws. One small reader for every call site
// instead of nlohmann's value() at each also keeps the runtime's wasm smaller.

/// The member `key` of `doc`, or null (also when `doc` is not an object).
const nlohmann::json& MemberOf(const nlohmann::json& doc, const char* key);

/// The object at `key`, or an empty one (never a temporary: callers iterate it).
const nlohmann::json& ObjectOf(const nlohmann::json& doc, const char* key);

/// True only when the member `key` is the boolean true.
bool IsTrue(const nlohmann::json& doc, const char* key);

/// The string at `key`, or `fallback`.
std::string StringOr(const nlohmann::json& doc, const char* key, const char* fallback);

/// The number at `key`, or `fallback`.
double NumberOr(const nlohmann::json& doc, const char* key, double fallback);

/// The whole number at `key`, or `fallback`.
int64_t IntOr(const nlohmann::json& doc, const char* key, int64_t fallback);

/// For writing: the object at `key` of `*doc`, made an empty one first when it is missing or
/// not an object (a damaged member of a stored state is replaced, never trusted).
nlohmann::json& ObjectMember(nlohmann::json* doc, const char* key);

}  // namespace morsel::core
