#include "runtime/core/api_io.h"

#include <algorithm>

#include "runtime/core/json_parse.h"

namespace morsel::core::api_io {

using nlohmann::json;

std::string Error(const std::string& code, const std::string& message, json missing) {
  json out;
  out["ok"] = false;
  json& error = out["error"];
  error["code"] = code;
  error["message"] = message;
  if (!missing.is_null()) error["missing"] = std::move(missing);
  return out.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string Ok(json out) {
  out["ok"] = true;
  return out.dump(-1, ' ', false, json::error_handler_t::replace);
}

json ParseInput(std::string_view input) {
  json doc = ParseJson(input);
  if (doc.is_discarded()) throw BadInput{"input is not valid JSON"};
  if (!doc.is_object()) throw BadInput{"input must be a JSON object"};
  return doc;
}

const json& Member(const json& doc, const char* key, json::value_t type, const char* what) {
  const auto it = doc.find(key);
  if (it == doc.end()) throw BadInput{std::string("missing '") + key + "'"};
  bool ok = it->type() == type || (type == json::value_t::number_integer && it->is_number_integer());
  if (!ok) throw BadInput{std::string("'") + key + "' must be " + what};
  return *it;
}

std::string StringMember(const json& doc, const char* key) {
  return Member(doc, key, json::value_t::string, "a string").get<std::string>();
}

Now ReadNow(const json& doc) {
  const json& now = Member(doc, "now", json::value_t::object, "an object");
  Now out;
  out.epoch_ms = Member(now, "epoch_ms", json::value_t::number_integer, "an integer").get<int64_t>();
  const auto date = now.find("local_date");
  if (date != now.end() && date->is_string()) out.local_date = date->get<std::string>();
  const auto offset = now.find("utc_offset_min");
  if (offset != now.end() && offset->is_number_integer()) {
    // Real offsets are within ±14 hours; a day either way keeps the day arithmetic in range.
    out.utc_offset_min = static_cast<int>(std::clamp<int64_t>(offset->get<int64_t>(), -24 * 60, 24 * 60));
  }
  return out;
}

const json& StateIn(const json& doc) {
  const json& state = Member(doc, "state", json::value_t::object, "an object");
  std::string problem;
  if (CheckState(state, &problem) != LoadStatus::kOk) throw BadInput{"state is not usable: " + problem};
  return state;
}

}  // namespace morsel::core::api_io
