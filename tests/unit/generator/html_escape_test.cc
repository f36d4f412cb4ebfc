// Escaping for HTML and for JSON inside <script> (generator/html_escape.h): what keeps an
// author's or a learner's text from becoming markup.
#include "generator/html_escape.h"

#include <catch2/catch.hpp>

namespace morsel::gen {
namespace {

TEST_CASE("EscapeHtml escapes the five characters that could end text or an attribute") {
  CHECK(EscapeHtml("Tom & \"Jerry\" <b>'s</b>") == "Tom &amp; &quot;Jerry&quot; &lt;b&gt;&#39;s&lt;/b&gt;");
  CHECK(EscapeHtml("caf\xC3\xA9") == "caf\xC3\xA9");
}

TEST_CASE("AppendEscapedHtml appends what EscapeHtml returns") {
  std::string out = "<p>";
  AppendEscapedHtml("a<b & 'c'", &out);
  CHECK(out == "<p>a&lt;b &amp; &#39;c&#39;");
}

TEST_CASE("ScriptJson cannot close its <script> element or open a comment") {
  const std::string text = ScriptJson({{"feedback", "</script><!-- & more"}});
  CHECK(text == "{\"feedback\":\"\\u003c/script\\u003e\\u003c!-- \\u0026 more\"}");
  CHECK(nlohmann::json::parse(text)["feedback"] == "</script><!-- & more");
}

TEST_CASE("ScriptJson replaces invalid UTF-8 instead of failing the build") {
  CHECK(ScriptJson("a\xFF") == "\"a\xEF\xBF\xBD\"");
}

}  // namespace
}  // namespace morsel::gen
