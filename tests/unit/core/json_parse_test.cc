#include "runtime/core/json_parse.h"

#include <string>

#include <catch2/catch.hpp>

namespace morsel::core {
namespace {

TEST_CASE("ParseJson reads JSON text") {
  nlohmann::json value = ParseJson(R"({"id": "c/m/l:quiz", "attempts": [1, 2], "ok": true})");
  REQUIRE(value.is_object());
  CHECK(value["id"] == "c/m/l:quiz");
  CHECK(value["attempts"] == nlohmann::json::array({1, 2}));
  CHECK(value["ok"] == true);
}

TEST_CASE("ParseJson turns bad input into a discarded value instead of throwing") {
  // Stored state and imported files are untrusted: none of these may abort the runtime.
  for (const char* text : {"", "{", "{\"a\": }", "[1, 2", "nul", "{\"a\": 1} trailing", "\xff\xfe"}) {
    INFO("input: " << text);
    nlohmann::json value;
    REQUIRE_NOTHROW(value = ParseJson(text));
    CHECK(value.is_discarded());
  }
}

TEST_CASE("ParseJson refuses nesting deeper than kMaxJsonDepth (64) without exhausting the stack") {
  const auto nested = [](size_t depth, char open, char close) {
    return std::string(depth, open) + std::string(depth, close);
  };
  CHECK(ParseJson(nested(kMaxJsonDepth, '[', ']')).is_array());
  CHECK(ParseJson(nested(kMaxJsonDepth + 1, '[', ']')).is_discarded());
  std::string objects;
  for (size_t i = 0; i <= kMaxJsonDepth; ++i) objects += "{\"a\":";
  objects += "1" + std::string(kMaxJsonDepth + 1, '}');
  CHECK(ParseJson(objects).is_discarded());
  // A stored value of a million brackets (2 MB) is refused, not walked.
  CHECK(ParseJson(nested(1000000, '[', ']')).is_discarded());
  CHECK(ParseJson(std::string(1000000, '[')).is_discarded());
  // Brackets inside strings, escaped quotes included, are text.
  CHECK(ParseJson("[\"" + std::string(1000, '[') + "\\\"\"]").is_array());
}

TEST_CASE("ParseJson reads exactly the view it is given") {
  const std::string text = "[1, 2][3]";
  CHECK(ParseJson(std::string_view(text).substr(0, 6)) == nlohmann::json::array({1, 2}));
  CHECK(ParseJson(std::string_view(text).substr(6)) == nlohmann::json::array({3}));
  CHECK(ParseJson(text).is_discarded());
}

}  // namespace
}  // namespace morsel::core
