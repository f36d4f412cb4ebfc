#include "generator/html_escape.h"

namespace morsel::gen {
namespace {

/// Appends `text` with each character `replacement` names replaced (nullptr keeps it),
/// copying the runs between them whole.
void AppendReplacing(std::string_view text, const char* (*replacement)(char), std::string* out) {
  size_t run = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    const char* with = replacement(text[i]);
    if (with == nullptr) continue;
    out->append(text.data() + run, i - run);
    out->append(with);
    run = i + 1;
  }
  out->append(text.data() + run, text.size() - run);
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

const char* DoubleQuotedEntity(char c) { return c == '\'' ? nullptr : HtmlEntity(c); }
const char* SingleQuotedEntity(char c) { return c == '"' ? nullptr : HtmlEntity(c); }

}  // namespace

std::string EscapeQuotedAttribute(std::string_view text, char quote) {
  std::string out;
  out.reserve(text.size());
  AppendReplacing(text, quote == '\'' ? SingleQuotedEntity : DoubleQuotedEntity, &out);
  return out;
}

std::string EscapeHtml(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  AppendEscapedHtml(text, &out);
  return out;
}

void AppendEscapedHtml(std::string_view text, std::string* out) { AppendReplacing(text, HtmlEntity, out); }

std::string ScriptJson(const nlohmann::json& value) {
  const std::string json = value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  std::string out;
  out.reserve(json.size());
  AppendReplacing(json, JsonEscape, &out);
  return out;
}

}  // namespace morsel::gen
