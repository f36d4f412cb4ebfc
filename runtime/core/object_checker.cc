#include "runtime/core/object_checker.h"

#include <algorithm>
#include <utility>

#include "runtime/core/edit_distance.h"
#include "runtime/core/number_text.h"

namespace morsel::core {

const char* TypeName(const nlohmann::json& value) {
  switch (value.type()) {
    case nlohmann::json::value_t::object:
      return "mapping";
    case nlohmann::json::value_t::array:
      return "list";
    case nlohmann::json::value_t::string:
      return "string";
    case nlohmann::json::value_t::boolean:
      return "boolean";
    case nlohmann::json::value_t::number_integer:
    case nlohmann::json::value_t::number_unsigned:
    case nlohmann::json::value_t::number_float:
      return "number";
    case nlohmann::json::value_t::null:
      return "empty value";
    default:
      return "value";
  }
}

ObjectChecker::ObjectChecker(const nlohmann::json& value, std::string pointer, std::string what, Diagnostics* out)
    : value_(value), pointer_(std::move(pointer)), what_(std::move(what)), out_(out) {
  if (!value_.is_object()) {
    ok_ = false;
    out_->push_back({Severity::kError, pointer_, false, "wrong-type",
                     what_ + " must be a mapping of keys to values, not a " + TypeName(value_), ""});
  }
}

std::string ObjectChecker::PointerTo(const char* key) const { return pointer_ + "/" + PointerToken(key); }

void ObjectChecker::AllowOnly(std::initializer_list<const char*> allowed) {
  if (!ok_) return;
  for (auto it = value_.begin(); it != value_.end(); ++it) {
    const std::string& key = it.key();
    bool known = std::any_of(allowed.begin(), allowed.end(), [&](const char* a) { return key == a; });
    if (known) continue;
    std::string suggestion = Suggest(key, allowed);
    std::string hint;
    if (!suggestion.empty()) {
      hint = "did you mean '" + suggestion + "'?";
    } else {
      hint = "allowed keys: ";
      bool first = true;
      for (const char* a : allowed) {
        hint += (first ? "" : ", ") + std::string(a);
        first = false;
      }
    }
    out_->push_back({Severity::kError, pointer_ + "/" + PointerToken(key), true, "unknown-key",
                     "unknown key '" + key + "' in " + what_, hint});
  }
}

bool ObjectChecker::Require(const char* key) {
  if (!ok_) return false;
  if (value_.contains(key)) return true;
  out_->push_back({Severity::kError, pointer_, false, "missing-key",
                   what_ + " is missing the required key '" + std::string(key) + "'", ""});
  return false;
}

void ObjectChecker::WrongType(const char* key, const char* expected) {
  out_->push_back({Severity::kError, PointerTo(key), false, "wrong-type",
                   "'" + std::string(key) + "' must be a " + expected + ", not a " + TypeName(value_.at(key)), ""});
}

std::string ObjectChecker::String(const char* key) {
  if (!ok_ || !value_.contains(key)) return "";
  const nlohmann::json& v = value_.at(key);
  if (!v.is_string()) {
    WrongType(key, "string");
    return "";
  }
  return v.get<std::string>();
}

bool ObjectChecker::Bool(const char* key) {
  if (!ok_ || !value_.contains(key)) return false;
  const nlohmann::json& v = value_.at(key);
  if (!v.is_boolean()) {
    WrongType(key, "boolean (true or false)");
    return false;
  }
  return v.get<bool>();
}

const nlohmann::json* ObjectChecker::Array(const char* key) {
  if (!ok_ || !value_.contains(key)) return nullptr;
  const nlohmann::json& v = value_.at(key);
  if (!v.is_array()) {
    WrongType(key, "list");
    return nullptr;
  }
  return &v;
}

int64_t ObjectChecker::Int(const char* key, int64_t min, int64_t max, int64_t fallback) {
  if (!ok_ || !value_.contains(key)) return fallback;
  const nlohmann::json& v = value_.at(key);
  if (!v.is_number_integer()) {
    WrongType(key, "whole number");
    return fallback;
  }
  if (v.get<int64_t>() < min || v.get<int64_t>() > max) {
    out_->push_back({Severity::kError, PointerTo(key), false, "out-of-range",
                     "'" + std::string(key) + "' must be from " + NumberText(min) + " to " + NumberText(max) +
                         " (found " + NumberText(v.get<int64_t>()) + ")",
                     ""});
    return fallback;
  }
  return v.get<int64_t>();
}

std::vector<std::string> ObjectChecker::StringList(const char* key) {
  std::vector<std::string> out;
  if (!ok_ || !value_.contains(key)) return out;
  const nlohmann::json& v = value_.at(key);
  if (v.is_string()) {
    out.push_back(v.get<std::string>());
    return out;
  }
  if (!v.is_array()) {
    WrongType(key, "list of text");
    return out;
  }
  for (size_t i = 0; i < v.size(); ++i) {
    if (!v[i].is_string()) {
      out_->push_back({Severity::kError, PointerTo(key) + "/" + NumberText(i), false, "wrong-type",
                       "items of '" + std::string(key) + "' must be text, not a " + TypeName(v[i]),
                       "quote the item if it looks like a number or true/false"});
      continue;
    }
    out.push_back(v[i].get<std::string>());
  }
  return out;
}

std::string ObjectChecker::Enum(const char* key, std::initializer_list<const char*> allowed,
                                const std::string& fallback) {
  if (!ok_ || !value_.contains(key)) return fallback;
  if (!value_.at(key).is_string()) {
    std::string list;
    for (const char* a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
    out_->push_back(
        {Severity::kError, PointerTo(key), false, "wrong-type",
         "'" + std::string(key) + "' must be one of: " + list + " (found a " + TypeName(value_.at(key)) + ")", ""});
    return fallback;
  }
  std::string v = value_.at(key).get<std::string>();
  for (const char* a : allowed) {
    if (v == a) return v;
  }
  std::string suggestion = Suggest(v, allowed);
  std::string list;
  for (const char* a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
  out_->push_back({Severity::kError, PointerTo(key), false, "invalid-value",
                   "'" + std::string(key) + "' must be one of: " + list + " (found '" + v + "')",
                   suggestion.empty() ? "" : "did you mean '" + suggestion + "'?"});
  return fallback;
}

}  // namespace morsel::core
