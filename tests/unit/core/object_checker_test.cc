#include "runtime/core/object_checker.h"

#include <string>

#include <catch2/catch.hpp>

namespace morsel::core {
namespace {

using nlohmann::json;

/// One line per diagnostic: what an author reads, in the order reported.
std::string Lines(const Diagnostics& diagnostics) {
  std::string out;
  for (const Diagnostic& d : diagnostics) {
    out += (d.severity == Severity::kError ? "error " : "warning ") + d.pointer + (d.at_key ? " (key) " : " ") +
           d.code + ": " + d.message + (d.hint.empty() ? "" : " | " + d.hint) + "\n";
  }
  return out;
}

TEST_CASE("a value that is not a mapping is reported once and nothing else is checked") {
  Diagnostics out;
  const json value = json::array({1, 2});
  ObjectChecker checker(value, "/questions/0", "a question", &out);
  CHECK_FALSE(checker.ok());
  checker.AllowOnly({"id"});
  CHECK_FALSE(checker.Require("id"));
  CHECK(checker.String("id").empty());
  CHECK(Lines(out) == "error /questions/0 wrong-type: a question must be a mapping of keys to values, not a list\n");
}

TEST_CASE("unknown keys are reported at the key, with a suggestion or the allowed keys") {
  Diagnostics out;
  const json value = json::parse(R"({"id": "q", "atempts": 2, "colour": "red", "a/b": 1})");
  ObjectChecker checker(value, "", "a quiz block", &out);
  checker.AllowOnly({"id", "mode", "attempts"});
  CHECK(checker.ok());
  CHECK(Lines(out) ==
        "error /a~1b (key) unknown-key: unknown key 'a/b' in a quiz block | allowed keys: id, mode, attempts\n"
        "error /atempts (key) unknown-key: unknown key 'atempts' in a quiz block | did you mean 'attempts'?\n"
        "error /colour (key) unknown-key: unknown key 'colour' in a quiz block | allowed keys: id, mode, attempts\n");
}

TEST_CASE("required keys are reported at the object when missing") {
  Diagnostics out;
  const json value = json::parse(R"({"prompt": "?"})");
  ObjectChecker checker(value, "/questions/2", "question 3", &out);
  CHECK(checker.Require("prompt"));
  CHECK_FALSE(checker.Require("options"));
  CHECK(Lines(out) == "error /questions/2 missing-key: question 3 is missing the required key 'options'\n");
}

TEST_CASE("typed getters return the value, or a fallback and a wrong-type error") {
  Diagnostics out;
  const json value = json::parse(R"({"text": "hi", "flag": true, "list": [1], "n": 5,
                                        "bad_text": 3, "bad_flag": "yes", "bad_list": {}, "bad_n": 2.5})");
  ObjectChecker checker(value, "/q", "a question", &out);
  CHECK(checker.String("text") == "hi");
  CHECK(checker.Bool("flag"));
  REQUIRE(checker.Array("list") != nullptr);
  CHECK(checker.Array("list")->size() == 1);
  CHECK(checker.Int("n", 0, 10, -1) == 5);
  CHECK(out.empty());

  CHECK(checker.String("absent").empty());
  CHECK_FALSE(checker.Bool("absent"));
  CHECK(checker.Array("absent") == nullptr);
  CHECK(checker.Int("absent", 0, 10, 7) == 7);
  CHECK(out.empty());

  CHECK(checker.String("bad_text").empty());
  CHECK_FALSE(checker.Bool("bad_flag"));
  CHECK(checker.Array("bad_list") == nullptr);
  CHECK(checker.Int("bad_n", 0, 10, 7) == 7);
  CHECK(Lines(out) ==
        "error /q/bad_text wrong-type: 'bad_text' must be a string, not a number\n"
        "error /q/bad_flag wrong-type: 'bad_flag' must be a boolean (true or false), not a string\n"
        "error /q/bad_list wrong-type: 'bad_list' must be a list, not a mapping\n"
        "error /q/bad_n wrong-type: 'bad_n' must be a whole number, not a number\n");
}

TEST_CASE("whole numbers outside their range are reported with the range") {
  Diagnostics out;
  const json value = json::parse(R"({"pass_mark": 120, "attempts": -1})");
  ObjectChecker checker(value, "", "a quiz block", &out);
  CHECK(checker.Int("pass_mark", 0, 100, 0) == 0);
  CHECK(checker.Int("attempts", 0, 1000, 3) == 3);
  CHECK(Lines(out) ==
        "error /pass_mark out-of-range: 'pass_mark' must be from 0 to 100 (found 120)\n"
        "error /attempts out-of-range: 'attempts' must be from 0 to 1000 (found -1)\n");
}

TEST_CASE("a string list accepts one string, and reports items that are not text") {
  Diagnostics out;
  const json value = json::parse(R"({"one": "a", "many": ["a", 2, "c", true], "none": 3})");
  ObjectChecker checker(value, "", "a block", &out);
  CHECK(checker.StringList("one") == std::vector<std::string>{"a"});
  CHECK(checker.StringList("many") == std::vector<std::string>{"a", "c"});
  CHECK(checker.StringList("none").empty());
  CHECK(checker.StringList("absent").empty());
  CHECK(Lines(out) ==
        "error /many/1 wrong-type: items of 'many' must be text, not a number"
        " | quote the item if it looks like a number or true/false\n"
        "error /many/3 wrong-type: items of 'many' must be text, not a boolean"
        " | quote the item if it looks like a number or true/false\n"
        "error /none wrong-type: 'none' must be a list of text, not a number\n");
}

TEST_CASE("an enumerated value must be one of its values, with a suggestion for a typo") {
  Diagnostics out;
  const json value = json::parse(R"({"ok": "assessment", "typo": "asessment", "far": "exam", "number": 1})");
  ObjectChecker checker(value, "", "a quiz block", &out);
  CHECK(checker.Enum("ok", {"check", "assessment"}, "check") == "assessment");
  CHECK(checker.Enum("absent", {"check", "assessment"}, "check") == "check");
  CHECK(checker.Enum("typo", {"check", "assessment"}, "check") == "check");
  CHECK(checker.Enum("far", {"check", "assessment"}, "check") == "check");
  CHECK(checker.Enum("number", {"check", "assessment"}, "check") == "check");
  CHECK(Lines(out) ==
        "error /typo invalid-value: 'typo' must be one of: check, assessment (found 'asessment')"
        " | did you mean 'assessment'?\n"
        "error /far invalid-value: 'far' must be one of: check, assessment (found 'exam')\n"
        "error /number wrong-type: 'number' must be one of: check, assessment (found a number)\n");
}

TEST_CASE("pointers to keys escape '/' and '~' as JSON pointers do") {
  Diagnostics out;
  const json value = json::object();
  ObjectChecker checker(value, "/draw", "'draw'", &out);
  CHECK(checker.PointerTo("easy") == "/draw/easy");
  CHECK(checker.PointerTo("a/b~c") == "/draw/a~1b~0c");
}

TEST_CASE("messages name JSON types as an author of YAML knows them") {
  CHECK(std::string(TypeName(json::object())) == "mapping");
  CHECK(std::string(TypeName(json::array())) == "list");
  CHECK(std::string(TypeName(json("x"))) == "string");
  CHECK(std::string(TypeName(json(true))) == "boolean");
  CHECK(std::string(TypeName(json(1))) == "number");
  CHECK(std::string(TypeName(json(1u))) == "number");
  CHECK(std::string(TypeName(json(1.5))) == "number");
  CHECK(std::string(TypeName(json())) == "empty value");
}

}  // namespace
}  // namespace morsel::core
