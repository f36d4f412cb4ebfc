#include "generator/html_escape.h"

namespace morsel::gen {
namespace {

/// `text` with each character `replacement` names replaced (nullptr keeps it).
std::string ReplaceEach(const std::string& text, const char* (*replacement)(char)) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    const char* with = replacement(c);
    if (with != nullptr) {
      out += with;
    } else {
      out += c;
    }
  }
  return out;
}

const char* HtmlEntity(char c) {
  switch (c) {
    case '&':
      return "&amp;";
    case '<':
      return "&lt;";
    case '>':
      return "&gt;";
    case '"':
      return "&quot;";
    case '\'':
      return "&#39;";
    default:
      return nullptr;
  }
}

const char* JsonEscape(char c) {
  switch (c) {
    case '<':
      return "\\u003c";
    case '>':
      return "\\u003e";
    case '&':
      return "\\u0026";
    default:
      return nullptr;
  }
}

}  // namespace

std::string EscapeHtml(const std::string& text) { return ReplaceEach(text, HtmlEntity); }

std::string ScriptJson(const nlohmann::json& value) {
  return ReplaceEach(value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), JsonEscape);
}

}  // namespace morsel::gen
