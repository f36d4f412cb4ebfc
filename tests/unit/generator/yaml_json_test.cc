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

/// The position recorded for `pointer` (which must have one).
SourcePos At(const PositionMap& positions, const char* pointer) {
  const SourcePos* found = positions.Find(pointer);
  REQUIRE(found != nullptr);
  return *found;
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
  CHECK(At(p.positions, "/title").line == 2);
  CHECK(At(p.positions, "/title").column == 8);
  CHECK(At(p.positions, "/title").key_column == 1);
  CHECK(At(p.positions, "/items/0/y").line == 5);
  CHECK(At(p.positions, "/items/0/y").key_column == 5);
  CHECK(At(p.positions, "/items/0/y").column == 8);
  SourcePos missing = Locate(p.positions, "/items/0/z", false);
  CHECK(missing.line == 4);  // the enclosing mapping
  SourcePos key = Locate(p.positions, "/items/0/y", true);
  CHECK(key.column == 5);
}

TEST_CASE("every value of a long list and mapping keeps its position, found by its pointer") {
  std::string yaml = "items:\n";
  for (int i = 0; i < 1200; ++i) yaml += "  - {k: " + std::to_string(i) + ", v: [a]}\n";
  Parsed p = Parse(yaml);
  REQUIRE(p.ok);
  CHECK(p.positions.size() == 1 + 1 + 1200 * 4);  // the root, items, each item, k, v, v/0
  CHECK(At(p.positions, "/items/2/k").line == 4);
  CHECK(At(p.positions, "/items/10/v/0").line == 12);
  CHECK(At(p.positions, "/items/1199/v").key_column == 15);
  CHECK(p.positions.Find("/items/1200") == nullptr);
  CHECK(p.positions.Find("/items/1/k/0") == nullptr);
  size_t visited = 0;
  p.positions.ForEach([&](std::string_view pointer, const SourcePos& pos) {
    ++visited;
    CHECK(p.positions.Find(pointer) != nullptr);
    CHECK(pos.line >= 1);
  });
  CHECK(visited == p.positions.size());
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

TEST_CASE("an alias inside the value it names is refused at the alias") {
  Parsed p = Parse("tags: &a [x, *a]\n");
  CHECK_FALSE(p.ok);
  CHECK(p.sink.Format().find("f.md:1:14: error: alias '*a' is inside the value it names: it would repeat for ever "
                             "[yaml-alias]") != std::string::npos);
  p = Parse("a: &m\n  b: *m\n");
  CHECK_FALSE(p.ok);
  CHECK(p.sink.Format().find("[yaml-alias]") != std::string::npos);
}

TEST_CASE("aliases copy at most 10000 values, or as many as the file writes itself") {
  // "Billion laughs": nine aliases of nine aliases of ... of nine values.
  std::string laughs = "a0: &a0 [x, x, x, x, x, x, x, x, x]\n";
  for (int i = 1; i < 10; ++i) {
    laughs += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [";
    for (int k = 0; k < 9; ++k) laughs += (k > 0 ? ", *a" : "*a") + std::to_string(i - 1);
    laughs += "]\n";
  }
  Parsed p = Parse(laughs);
  CHECK_FALSE(p.ok);
  CHECK(p.sink.Format().find("aliases copy more than 10000 values into this file") != std::string::npos);
  // Just under: a list of 99 values (100 with the list) repeated 99 times copies 9,900.
  std::string fine = "base: &b [";
  for (int i = 0; i < 99; ++i) fine += i > 0 ? ", x" : "x";
  fine += "]\ncopies:\n";
  for (int i = 0; i < 99; ++i) fine += "  - *b\n";
  p = Parse(fine);
  CHECK(p.ok);
  CHECK(p.value["copies"].size() == 99);
  CHECK(p.value["copies"][98] == p.value["base"]);
  CHECK(At(p.positions, "/copies/98").line == 101);
}

TEST_CASE("lists and mappings nest at most 64 levels deep") {
  auto nested = [](int levels) {
    return std::string(static_cast<size_t>(levels), '[') + std::string(static_cast<size_t>(levels), ']') + "\n";
  };
  CHECK(Parse(nested(kMaxYamlDepth)).ok);
  Parsed p = Parse(nested(kMaxYamlDepth + 1));
  CHECK_FALSE(p.ok);
  CHECK(p.sink.Format().find("f.md:1:65: error: lists and mappings are nested more than 64 levels deep [too-deep]") !=
        std::string::npos);
  // Far deeper than yaml-cpp's own recursion guard: still one diagnostic, no crash.
  p = Parse(nested(100000));
  CHECK_FALSE(p.ok);
  CHECK(p.sink.ErrorCount() == 1);
}

TEST_CASE("a whole number past 64 bits is out of range, not text") {
  Parsed p = Parse("weight: 99999999999999999999\n");
  CHECK_FALSE(p.ok);
  CHECK(p.sink.Format().find("f.md:1:9: error: the number 99999999999999999999 is out of range: whole numbers go from "
                             "-9223372036854775808 to 9223372036854775807 [out-of-range]") != std::string::npos);
  CHECK_FALSE(Parse("x: 1e999\n").ok);
  p = Parse("a: 9223372036854775807\nb: -9223372036854775808\nc: 1e-999\nd: \"99999999999999999999\"\n");
  REQUIRE(p.ok);
  CHECK(p.value["a"] == INT64_MAX);
  CHECK(p.value["d"] == "99999999999999999999");
}

TEST_CASE("control characters other than tab and line ends are refused in text") {
  Parsed p = Parse("title: \"A\\0B\"\n");
  CHECK_FALSE(p.ok);
  CHECK(p.sink.Format().find("f.md:1:8: error: text holds the control character U+0000, which pages cannot show "
                             "[control-character]") != std::string::npos);
  CHECK_FALSE(Parse("title: \"\\x1b[31m\"\n").ok);
  CHECK(Parse("title: \"A\\tB\"\n").ok);
}

TEST_CASE("keys that are not plain text are refused, and their values dropped") {
  Parsed p = Parse("? [a]\n: 1\nb: 2\n");
  CHECK_FALSE(p.ok);
  CHECK(p.value == json::parse(R"({"b":2})"));
  CHECK(p.sink.Format().find("keys must be plain text") != std::string::npos);
}

TEST_CASE("a document holds 100000 values, or one per 16 bytes of it if that is more") {
  // Dense: two bytes a value. The list itself is the first value.
  auto dense = [](int items) {
    std::string yaml = "[a";
    for (int i = 1; i < items; ++i) yaml += ",a";
    return yaml + "]\n";
  };
  CHECK(Parse(dense(99999)).ok);
  Parsed p = Parse(dense(100000));
  CHECK_FALSE(p.ok);
  CHECK(p.sink.Format().find("f.md:1:200000: error: the YAML holds more than 100000 values: at most 100000, or one "
                             "per 16 bytes of the document, are read [too-large]") != std::string::npos);
  // Sparse: 150,001 values in 3 MB pass (one per 20 bytes).
  std::string sparse;
  for (int i = 0; i < 150000; ++i) sparse += "- aaaaaaaaaaaaaaaaa\n";
  p = Parse(sparse);
  CHECK(p.ok);
  CHECK(p.value.size() == 150000);
  CHECK(MaxYamlValues(sparse.size(), 16) == 187500);
}

TEST_CASE("a YAML document of 8 MB is read; one byte more is too large") {
  std::string yaml = "x: \"" + std::string(kMaxYamlBytes - 6, 'a') + "\"\n";
  REQUIRE(yaml.size() == kMaxYamlBytes);
  CHECK(Parse(yaml).ok);
  Parsed p = Parse(yaml + " ");
  CHECK_FALSE(p.ok);
  CHECK(p.sink.Format().find("f.md:1:1: error: the YAML is 8192 KB: at most 8 MB is read [too-large]") !=
        std::string::npos);
}

}  // namespace
}  // namespace morsel::gen
