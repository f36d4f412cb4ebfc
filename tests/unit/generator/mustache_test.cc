#include "generator/mustache.h"

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <thread>

#ifndef MORSEL_MUSTACHE_SPEC_DIR
#define MORSEL_MUSTACHE_SPEC_DIR "tests/conformance/mustache-spec"
#endif

namespace morsel::gen {
namespace {

using nlohmann::json;

std::string Render(const std::string& source, const json& data,
                   const std::map<std::string, std::string>& partials = {}) {
  std::string out;
  TemplateError error;
  bool ok = RenderMustache(source, data, partials, &out, &error);
  INFO(error.ToString());
  CHECK(ok);
  return out;
}

// The error RenderMustache reports for `source`, as `name:line:col: error: message`.
std::string ParseError(const std::string& source) {
  std::string out;
  TemplateError error;
  if (RenderMustache(source, json::object(), {}, &out, &error)) return "(no error)";
  return error.ToString();
}

TEST_CASE("Mustache passes every test of the official spec files", "[mustache]") {
  const std::string dir = MORSEL_MUSTACHE_SPEC_DIR;
  const char* const kFiles[] = {"comments", "delimiters", "interpolation", "inverted",
                                "partials", "sections",   "~inheritance"};
  int cases = 0;
  for (const char* file : kFiles) {
    const std::string path = dir + "/" + file + ".json";
    INFO("spec file " << path);
    std::ifstream stream(path);
    REQUIRE(stream.good());
    std::stringstream text;
    text << stream.rdbuf();
    json spec = json::parse(text.str(), nullptr, false);
    REQUIRE(spec.is_object());
    REQUIRE(spec.contains("tests"));
    REQUIRE(!spec["tests"].empty());
    for (const json& test : spec["tests"]) {
      INFO(std::string(file) + ": " + test["name"].get<std::string>());
      INFO("template: " << test["template"].dump());
      std::map<std::string, std::string> partials;
      if (test.contains("partials")) {
        for (const auto& [name, source] : test["partials"].items()) {
          partials[name] = source.get<std::string>();
        }
      }
      std::string out;
      TemplateError error;
      bool ok = RenderMustache(test["template"].get<std::string>(), test["data"], partials, &out, &error);
      INFO(error.ToString());
      CHECK(ok);
      CHECK(out == test["expected"].get<std::string>());
      ++cases;
    }
  }
  REQUIRE(cases >= 100);
}

TEST_CASE("Mustache syntax errors name the template, line and character column", "[mustache]") {
  CHECK(ParseError("<main>\n  {{#lessons}}\n    {{title}}\n</main>\n") ==
        "template:2:3: error: section 'lessons' is never closed");
  CHECK(ParseError("{{#a}}{{^b}}{{/b}}") == "template:1:1: error: section 'a' is never closed");
  CHECK(ParseError("{{<parent}}{{$title}}x{{/parent}}") ==
        "template:1:23: error: closing tag 'parent' does not match block 'title' opened "
        "at line 1, column 12");
  // Columns count characters: "é" and "—" are several bytes each in UTF-8.
  CHECK(ParseError("one\ntwo\nCafé — {{#menu}}{{/meal}}") ==
        "template:3:17: error: closing tag 'meal' does not match section 'menu' opened "
        "at line 3, column 8");
  CHECK(ParseError("ok\n{{/lessons}}") == "template:2:1: error: closing tag 'lessons' has no matching opening tag");
  CHECK(ParseError("Hello {{name}\n") == "template:1:7: error: tag is never closed (expected '}}')");
  CHECK(ParseError("Hello {{{name}}\n") == "template:1:7: error: tag is never closed (expected '}}}')");
  CHECK(ParseError("{{=<% %>=}}\n<%name}}") == "template:2:1: error: tag is never closed (expected '%>')");
  CHECK(ParseError("a {{=<%=}}") ==
        "template:1:3: error: invalid delimiters '<%' (expected two delimiters separated by "
        "a space, as in {{=<% %>=}})");
  CHECK(ParseError("{{ }}") == "template:1:1: error: tag has no name");
  CHECK(ParseError("{{first name}}") == "template:1:1: error: invalid name 'first name'");
  CHECK(ParseError("{{#a..b}}{{/a..b}}") == "template:1:1: error: invalid name 'a..b'");
}

TEST_CASE("Mustache reports errors in partials under the partial's name", "[mustache]") {
  std::string out;
  TemplateError error;
  CHECK_FALSE(RenderMustache("{{>footer}}", json::object(), {{"footer", "<p>\n  {{#year}}\n</p>"}}, &out, &error));
  CHECK(error.ToString() == "footer:2:3: error: section 'year' is never closed");

  TemplateSet set;
  CHECK_FALSE(set.Add("broken", "{{#a}}", &error));
  CHECK_FALSE(set.Has("broken"));
  CHECK_FALSE(set.Render("missing", json::object(), &out, &error));
  CHECK(error.ToString() == "missing: error: no template named 'missing'");
}

TEST_CASE("Mustache stops partials that include themselves forever", "[mustache]") {
  TemplateSet set;
  TemplateError error;
  REQUIRE(set.Add("page", "<main>\n  {{>loop}}\n</main>\n", &error));
  REQUIRE(set.Add("loop", "x {{>loop}}", &error));
  std::string out;
  CHECK_FALSE(set.Render("page", json::object(), &out, &error));
  CHECK(error.ToString() ==
        "loop:1:3: error: partial 'loop' is nested more than 100 levels deep (does it "
        "include itself?)");

  REQUIRE(set.Add("forever", "{{<forever}}{{/forever}}", &error));
  CHECK_FALSE(set.Render("forever", json::object(), &out, &error));
  CHECK(error.ToString() ==
        "forever:1:1: error: parent 'forever' is nested more than 100 levels deep (does "
        "it include itself?)");

  // A block whose passed content holds the same block again never ends either.
  REQUIRE(set.Add("frame", "[{{$b}}{{/b}}]", &error));
  REQUIRE(set.Add("echo", "{{<frame}}{{$b}}x{{$b}}{{/b}}{{/b}}{{/frame}}", &error));
  CHECK_FALSE(set.Render("echo", json::object(), &out, &error));
  CHECK(error.ToString() ==
        "echo:1:18: error: block 'b' is nested more than 100 levels deep (does it include "
        "itself?)");

  // Nesting deep enough to threaten the stack is refused when parsing.
  std::string deep;
  for (int i = 0; i < 600; ++i) deep += "{{#a}}";
  CHECK_FALSE(set.Add("deep", deep, &error));
  CHECK(error.ToString() == "deep:1:3001: error: tags are nested more than 500 levels deep");

  // Recursion that data bounds is fine, even when it is deep. (The leaf needs its own
  // empty "kids": otherwise the lookup finds its parent's and never ends.)
  json tree = {{"name", "leaf"}, {"kids", json::array()}};
  for (int i = 0; i < 60; ++i) tree = {{"name", "n"}, {"kids", json::array({tree})}};
  REQUIRE(set.Add("tree", "{{name}}({{#kids}}{{>tree}}{{/kids}})", &error));
  CHECK(set.Render("tree", tree, &out, &error));
  std::string expected;
  for (int i = 0; i < 60; ++i) expected += "n(";
  expected += "leaf()" + std::string(60, ')');
  CHECK(out == expected);
}

TEST_CASE("Mustache renders one parsed TemplateSet from two threads", "[mustache]") {
  TemplateSet set;
  TemplateError error;
  REQUIRE(set.Add("layout", "<h1>{{title}}</h1>\n{{$body}}no body{{/body}}\n<footer>{{>footer}}</footer>\n", &error));
  REQUIRE(set.Add("footer", "{{#links}}<a href=\"{{url}}\">{{text}}</a>{{/links}}", &error));
  REQUIRE(set.Add("lesson",
                  "{{<layout}}{{$body}}\n  <ol>\n  {{#steps}}\n    <li>{{.}}</li>\n  {{/steps}}\n"
                  "  </ol>\n{{/body}}{{/layout}}",
                  &error));
  json data = {{"title", "Phishing & you"},
               {"steps", json::array()},
               {"links", {{{"url", "a.html"}, {"text", "A"}}, {{"url", "b.html"}, {"text", "B"}}}}};
  for (int i = 0; i < 200; ++i) data["steps"].push_back("step <" + std::to_string(i) + ">");

  std::string expected;
  REQUIRE(set.Render("lesson", data, &expected, &error));
  CHECK(expected.rfind("<h1>Phishing &amp; you</h1>\n<ol>\n  <li>step &lt;0&gt;</li>\n", 0) == 0);

  std::string results[2];
  bool ok[2] = {true, true};
  auto work = [&](int index) {
    std::string out;
    TemplateError thread_error;
    for (int round = 0; round < 200; ++round) {
      if (!set.Render("lesson", data, &out, &thread_error) || out != expected) ok[index] = false;
    }
    results[index] = out;
  };
  std::thread first(work, 0);
  std::thread second(work, 1);
  first.join();
  second.join();
  CHECK(ok[0]);
  CHECK(ok[1]);
  CHECK(results[0] == expected);
  CHECK(results[1] == expected);
}

TEST_CASE("Mustache renders values the way a page author expects", "[mustache]") {
  CHECK(Render("{{a}} {{b}} {{c}} {{d}} {{e}}",
               json::parse(R"({"a": 1.5, "b": 2.0, "c": -3, "d": true, "e": "it's"})")) == "1.5 2 -3 true it&#39;s");
  CHECK(Render("[{{#s}}yes{{/s}}{{^s}}no{{/s}}]", {{"s", ""}}) == "[no]");
  CHECK(Render("[{{#n}}{{n}}{{/n}}]", {{"n", 0}}) == "[0]");
  CHECK(Render("[{{#o}}object{{/o}}]", {{"o", json::object()}}) == "[object]");
  CHECK(Render("[{{>missing}}]", json::object()) == "[]");
  CHECK(Render("{{{list}}}", {{"list", {1, "a"}}}) == "[1,\"a\"]");
}

TEST_CASE("Mustache indents standalone partials and blocks line by line", "[mustache]") {
  std::map<std::string, std::string> partials = {
      {"item", "<li>\n  {{name}}\n</li>\n"},
      {"list", "<ul>\n  {{#items}}\n  {{>item}}\n  {{/items}}\n</ul>\n"},
      {"page", "<body>\n  {{$main}}\n  <p>default</p>\n  {{/main}}\n</body>\n"}};
  json data = {{"items", {{{"name", "a"}}, {{"name", "b"}}}}};
  CHECK(Render("<div>\n  {{>list}}\n</div>\n", data, partials) ==
        "<div>\n  <ul>\n    <li>\n      a\n    </li>\n    <li>\n      b\n    </li>\n  </ul>\n"
        "</div>\n");
  CHECK(Render("{{<page}}{{/page}}", data, partials) == "<body>\n  <p>default</p>\n</body>\n");
  CHECK(Render("{{<page}}\n{{$main}}\n<main>\n  {{>list}}\n</main>\n{{/main}}\n{{/page}}", data, partials) ==
        "<body>\n  <main>\n    <ul>\n      <li>\n        a\n      </li>\n      <li>\n        b\n"
        "      </li>\n    </ul>\n  </main>\n</body>\n");
}

TEST_CASE("partials that include each other twice stop at 64 MB of output or 10 million tags") {
  // p0 includes p1 twice, p1 includes p2 twice ... : 2^40 copies of the last one.
  std::map<std::string, std::string> partials;
  for (int i = 0; i < 40; ++i) {
    const std::string next = "p" + std::to_string(i + 1);
    partials["p" + std::to_string(i)] = "{{>" + next + "}}{{>" + next + "}}";
  }
  partials["p40"] = std::string(1000, 'x');
  std::string out;
  TemplateError error;
  CHECK_FALSE(RenderMustache("{{>p0}}", json::object(), partials, &out, &error));
  CHECK(error.message.find("the page grows past 64 MB") != std::string::npos);
  CHECK(out.size() < kMaxTemplateOutputBytes + 2000);
  // The same with nothing written: the tag count stops it.
  partials["p40"] = "{{missing}}";
  CHECK_FALSE(RenderMustache("{{>p0}}", json::object(), partials, &out, &error));
  CHECK(error.message.find("rendering takes more than 10000000 steps") != std::string::npos);
  // Just under: 2^16 copies render.
  partials["p16"] = "x";
  CHECK(RenderMustache("{{>p0}}", json::object(), partials, &out, &error));
  CHECK(out.size() == 65536);
}

TEST_CASE("a streamed render writes in pieces what a whole render returns, generated lists made item by item") {
  TemplateSet set;
  TemplateError error;
  REQUIRE(set.Add("page",
                  "<h1>{{title}}</h1>{{#items}}<p>{{n}} of {{title}}: {{text}}</p>\n{{/items}}"
                  "{{^items}}none{{/items}}{{#other}}[{{.}}]{{/other}}",
                  &error));
  const std::string text(1000, 'x');  // 200 items of about 1 KB: several pieces
  json whole = {{"title", "T"}, {"items", json::array()}, {"other", {1, 2}}};
  for (int i = 0; i < 200; ++i) whole["items"].push_back({{"n", i}, {"text", text}});
  std::string expected;
  REQUIRE(set.Render("page", whole, &expected, &error));

  json data = {{"title", "T"}, {"items", json::array()}, {"other", {1, 2}}};
  std::vector<size_t> asked;
  std::vector<std::string> pieces;
  RenderStream stream;
  stream.write = [&](std::string_view piece) {
    pieces.emplace_back(piece);
    return true;
  };
  stream.lists.push_back({&data["items"], 200, [&](size_t i) {
                            asked.push_back(i);
                            return json{{"n", i}, {"text", text}};
                          }});
  REQUIRE(set.Render("page", data, stream, &error));
  std::string joined;
  for (const std::string& piece : pieces) joined += piece;
  CHECK(joined == expected);
  CHECK(pieces.size() >= 3);
  for (const std::string& piece : pieces) CHECK(piece.size() < kRenderPieceBytes + 2000);
  REQUIRE(asked.size() == 200);
  for (size_t i = 0; i < asked.size(); ++i) CHECK(asked[i] == i);

  // An empty generated list is falsey; a section of the same name inside an item is not it.
  stream.lists[0].size = 0;
  pieces.clear();
  REQUIRE(set.Render("page", data, stream, &error));
  CHECK(pieces == std::vector<std::string>{"<h1>T</h1>none[1][2]"});
}

TEST_CASE("a streamed render stops when its writer fails") {
  TemplateSet set;
  TemplateError error;
  REQUIRE(set.Add("page", "{{#items}}{{text}}{{/items}}", &error));
  json data = {{"items", json::array()}};
  int writes = 0;
  RenderStream stream;
  stream.write = [&](std::string_view) { return ++writes < 2; };
  size_t made = 0;
  stream.lists.push_back({&data["items"], 1000, [&](size_t) {
                            ++made;
                            return json{{"text", std::string(10000, 'x')}};
                          }});
  CHECK_FALSE(set.Render("page", data, stream, &error));
  CHECK(error.message == "the output could not be written");
  CHECK(writes == 2);
  CHECK(made < 20);
}

}  // namespace
}  // namespace morsel::gen
