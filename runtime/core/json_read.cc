#include "runtime/core/json_read.h"

namespace morsel::core {

using nlohmann::json;

const json& MemberOf(const json& doc, const char* key) {
  static const json kNull;
  if (!doc.is_object()) return kNull;
  const auto it = doc.find(key);
  return it == doc.end() ? kNull : *it;
}

const json& ObjectOf(const json& doc, const char* key) {
  static const json kEmpty = json::object();
  const json& member = MemberOf(doc, key);
  return member.is_object() ? member : kEmpty;
}

json& ObjectMember(json* doc, const char* key) {
  json& member = (*doc)[key];
  if (!member.is_object()) member = json::object();
  return member;
}

bool IsTrue(const json& doc, const char* key) {
  const json& member = MemberOf(doc, key);
  return member.is_boolean() && member.get<bool>();
}

std::string StringOr(const json& doc, const char* key, const char* fallback) {
  const json& member = MemberOf(doc, key);
  return member.is_string() ? member.get<std::string>() : fallback;
}

double NumberOr(const json& doc, const char* key, double fallback) {
  const json& member = MemberOf(doc, key);
  return member.is_number() ? member.get<double>() : fallback;
}

int64_t IntOr(const json& doc, const char* key, int64_t fallback) {
  const json& member = MemberOf(doc, key);
  return member.is_number_integer() ? member.get<int64_t>() : fallback;
}

}  // namespace morsel::core
