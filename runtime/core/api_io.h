#pragma once

// The plumbing every api file shares (api.cc, api_review.cc, api_receipt.cc): reading the
// caller's JSON, refusing bad input with a message, and answering {"ok": true, …} or
// {"ok": false, "error": {"code", "message"}} without ever throwing. Internal to the core:
// api.h is the contract.

#include <exception>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "runtime/core/state.h"

namespace morsel::core::api_io {

/// A problem with the caller's input, reported as {"ok": false} with code "bad-input".
struct BadInput {
  std::string message;
};

/// {"ok": false, "error": {"code", "message", "missing"?}}.
std::string Error(const std::string& code, const std::string& message, nlohmann::json missing = nullptr);

/// `out` with "ok": true. Invalid UTF-8 the input carried into it is replaced, not thrown.
std::string Ok(nlohmann::json out);

/// The input as a JSON object; BadInput otherwise.
nlohmann::json ParseInput(std::string_view input);

/// The member `key` of `doc` of JSON type `type` (`what` words it for the message).
const nlohmann::json& Member(const nlohmann::json& doc, const char* key, nlohmann::json::value_t type,
                             const char* what);

std::string StringMember(const nlohmann::json& doc, const char* key);

/// The input's "now": {"epoch_ms", "local_date"?, "utc_offset_min"? (clamped to a day)}.
Now ReadNow(const nlohmann::json& doc);

/// The input's "state", checked usable (CheckState).
const nlohmann::json& StateIn(const nlohmann::json& doc);

/// Runs `body` on the parsed input; whatever it throws becomes an error answer.
template <typename Body>
std::string Guard(std::string_view input, Body body) {
  try {
    return body(ParseInput(input));
  } catch (const BadInput& e) {
    return Error("bad-input", e.message);
  } catch (const std::exception& e) {
    return Error("internal", e.what());
  } catch (...) {
    return Error("internal", "unexpected failure");
  }
}

}  // namespace morsel::core::api_io
