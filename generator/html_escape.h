#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace morsel::gen {

/// Text for HTML element content and attribute values: '&', '<', '>', '"' and '\''
/// escaped, so no text an author or learner wrote can become markup.
std::string EscapeHtml(const std::string& text);

/// Text for an attribute value in `quote`s ('"' or '\''), for a triple mustache: as
/// EscapeHtml but the other quote kept as it is (a policy's or a JSON map's quotes,
/// escaped, took tens of bytes of every page).
std::string EscapeQuotedAttribute(std::string_view text, char quote);

/// EscapeHtml(text) appended to `*out`: how templates write every `{{value}}`.
void AppendEscapedHtml(std::string_view text, std::string* out);

/// JSON text safe to place inside `<script type="application/json">`: '<', '>' and '&'
/// are written as \u escapes so no "</script>" or "<!--" can appear.
std::string ScriptJson(const nlohmann::json& value);

}  // namespace morsel::gen
