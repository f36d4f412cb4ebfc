#include "generator/yaml_json.h"

#include <catch2/catch.hpp>

namespace morsel::gen {
namespace {

using nlohmann::json;

struct Parsed {
  bool ok = false;
  json value;
  PositionMap positions;
  DiagnosticSink sink;
};

Parsed Parse(const std::string& file, int first_line = 1, int indent = 0, std::string yaml = "") {
  Parsed p;
  if (yaml.empty()) yaml = file;
  p.sink.AddSource("f.md", file);
  YamlOrigin origin{"f.md", &file, first_line, indent};
  p.ok = YamlToJson(yaml, origin, &p.value, &p.positions, &p.sink);
  return p;
}

TEST_CASE("plain scalars are typed, quoted ones stay strings") {
  Parsed p = Parse("a: true\nb: 12\nc: 1.5\nd: ~\ne: \"12\"\nf: text\ng: 'true'\nh: -3\ni: |\n  7\n");
  REQUIRE(p.ok);
  CHECK(p.value ==
        json::parse(R"({"a":true,"b":12,"c":1.5,"d":null,"e":"12","f":"text","g":"true","h":-3,"i":"7\n"})"));
}

TEST_CASE("positions map to file lines and character columns") {
  std::string file = "---\ntitle: Ünïcode title\nitems:\n  - x: 1\n    y: é\n---\n";
  std::string yaml = "title: Ünïcode title\nitems:\n  - x: 1\n    y: é\n";
  Parsed p = Parse(file, 2, 0, yaml);
  REQUIRE(p.ok);
  CHECK(p.positions["/title"].line == 2);
  CHECK(p.positions["/title"].column == 8);
  CHECK(p.positions["/title"].key_column == 1);
  CHECK(p.positions["/items/0/y"].line == 5);
  CHECK(p.positions["/items/0/y"].key_column == 5);
  CHECK(p.positions["/items/0/y"].column == 8);
  SourcePos missing = Locate(p.positions, "/items/0/z", false);
  CHECK(missing.line == 4);  // the enclosing mapping
  SourcePos key = Locate(p.positions, "/items/0/y", true);
  CHECK(key.column == 5);
}

TEST_CASE("duplicate keys are errors at the second key") {
  Parsed p = Parse("title: A\nweight: 1\ntitle: B\n");
  CHECK_FALSE(p.ok);
  CHECK(p.sink.Format() ==
        "f.md:3:1: error: duplicate key 'title' [yaml-duplicate-key]\n"
        "    title: B\n"
        "    ^\n"
        "  hint: YAML would keep only the last value: remove or rename one of them\n"
        "morsel: 1 error, 0 warnings\n");
}

TEST_CASE("syntax errors carry the file position") {
  Parsed p = Parse("---\ntitle: [unclosed\n---\n", 2, 0, "title: [unclosed\n");
  CHECK_FALSE(p.ok);
  std::vector<SourceDiagnostic> d = p.sink.Sorted();
  REQUIRE(d.size() == 1);
  CHECK(d[0].code == "yaml-syntax");
  CHECK(d[0].line >= 2);
}

TEST_CASE("an indented fragment reports columns in the file") {
  std::string file = "- item\n\n  ```quiz\n  a: 1\n  a: 2\n  ```\n";
  Parsed p = Parse(file, 4, 2, "a: 1\na: 2\n");
  CHECK_FALSE(p.ok);
  std::vector<SourceDiagnostic> d = p.sink.Sorted();
  REQUIRE(d.size() == 1);
  CHECK(d[0].line == 5);
  CHECK(d[0].column == 3);
}

}  // namespace
}  // namespace morsel::gen
