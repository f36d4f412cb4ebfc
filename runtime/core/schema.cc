#include "runtime/core/schema.h"

#include <algorithm>
#include <vector>

namespace morsel::core {
namespace {

size_t EditDistance(const std::string& a, const std::string& b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t above = row[j];
      size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + cost});
      diagonal = above;
    }
  }
  return row[b.size()];
}

}  // namespace

std::string Suggest(const std::string& word, std::initializer_list<const char*> candidates) {
  std::string best;
  // A third of the word's length, at least 1 and at most 3, keeps suggestions for
  // typos without proposing unrelated keys for short words.
  size_t best_distance = std::min<size_t>(3, std::max<size_t>(1, word.size() / 3)) + 1;
  for (const char* candidate : candidates) {
    size_t distance = EditDistance(word, candidate);
    if (distance < best_distance) {
      best_distance = distance;
      best = candidate;
    }
  }
  return best;
}

const char* TypeName(const nlohmann::json& value) {
  switch (value.type()) {
    case nlohmann::json::value_t::object: return "mapping";
    case nlohmann::json::value_t::array: return "list";
    case nlohmann::json::value_t::string: return "string";
    case nlohmann::json::value_t::boolean: return "boolean";
    case nlohmann::json::value_t::number_integer:
    case nlohmann::json::value_t::number_unsigned:
    case nlohmann::json::value_t::number_float: return "number";
    case nlohmann::json::value_t::null: return "empty value";
    default: return "value";
  }
}

ObjectChecker::ObjectChecker(const nlohmann::json& value, std::string pointer, std::string what,
                             Diagnostics* out)
    : value_(value), pointer_(std::move(pointer)), what_(std::move(what)), out_(out) {
  if (!value_.is_object()) {
    ok_ = false;
    out_->push_back({Severity::kError, pointer_, false, "wrong-type",
                     what_ + " must be a mapping of keys to values, not a " +
                         TypeName(value_),
                     ""});
  }
}

std::string ObjectChecker::PointerTo(const char* key) const {
  return pointer_ + "/" + PointerToken(key);
}

void ObjectChecker::AllowOnly(std::initializer_list<const char*> allowed) {
  if (!ok_) return;
  for (auto it = value_.begin(); it != value_.end(); ++it) {
    const std::string& key = it.key();
    bool known = std::any_of(allowed.begin(), allowed.end(),
                             [&](const char* a) { return key == a; });
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
                   "'" + std::string(key) + "' must be a " + expected + ", not a " +
                       TypeName(value_.at(key)),
                   ""});
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

}  // namespace morsel::core
