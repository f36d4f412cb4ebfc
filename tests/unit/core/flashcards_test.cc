#include "runtime/core/flashcards.h"

#include <string>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

namespace morsel::core {
namespace {

using nlohmann::json;

Diagnostics Parse(const std::string& text, Flashcards* cards) {
  Diagnostics d;
  ParseFlashcards(json::parse(text), cards, &d);
  return d;
}

TEST_CASE("a flashcards block as a list or with an id; cards numbered by position", "[review]") {
  Flashcards cards;
  CHECK(Parse(R"([{"front": "What is **MFA**?", "back": "Two or more factors."}, {"id": "sign", "front": "A sign?",
      "back": "Urgency."}, {"front": 42, "back": true}])",
              &cards)
            .empty());
  REQUIRE(cards.cards.size() == 3);
  CHECK(cards.id.empty());
  CHECK(cards.cards[0].id == "c1");
  CHECK(cards.cards[0].front == "What is **MFA**?");
  CHECK(cards.cards[1].id == "sign");
  CHECK(cards.cards[2].id == "c3");
  CHECK(cards.cards[2].front == "42");
  CHECK(cards.cards[2].back == "true");

  Flashcards named;
  CHECK(Parse(R"({"id": "terms", "cards": [{"front": "a", "back": "b"}]})", &named).empty());
  CHECK(named.id == "terms");
  CHECK(named.cards.size() == 1);
}

TEST_CASE("flashcards diagnostics, word for word", "[review]") {
  Flashcards cards;
  Diagnostics d = Parse(R"([])", &cards);
  REQUIRE(d.size() == 1);
  CHECK(d[0].code == "flashcards-empty");
  CHECK(d[0].pointer == "");
  CHECK(d[0].message == "a flashcards block needs at least one card");

  d = Parse(R"({"cards": []})", &cards);
  REQUIRE(d.size() == 1);
  CHECK(d[0].code == "flashcards-empty");
  CHECK(d[0].pointer == "/cards");

  d = Parse(R"([{"front": "a", "backk": "b"}])", &cards);
  REQUIRE(d.size() == 2);
  CHECK(d[0].code == "unknown-key");
  CHECK(d[0].pointer == "/0/backk");
  CHECK(d[0].hint == "did you mean 'back'?");
  CHECK(d[1].code == "missing-key");
  CHECK(d[1].pointer == "/0");

  d = Parse(R"([{"id": "Card One", "front": " ", "back": "b"}, {"id": "x", "front": "f", "back": "b"},
      {"id": "x", "front": "f", "back": "b"}])",
            &cards);
  REQUIRE(d.size() == 3);
  CHECK(d[0].code == "invalid-id");
  CHECK(d[1].code == "empty-text");
  CHECK(d[1].message == "the card's front is empty");
  CHECK(d[2].code == "duplicate-id");
  CHECK(d[2].pointer == "/2/id");
  CHECK(d[2].message == "card id 'x' is used twice in this block");

  d = Parse(R"({"id": "t", "card": []})", &cards);
  REQUIRE(d.size() == 2);
  CHECK(d[0].code == "unknown-key");
  CHECK(d[0].hint == "did you mean 'cards'?");
  CHECK(d[1].code == "missing-key");

  d = Parse(R"("front: a")", &cards);
  REQUIRE(d.size() == 1);
  CHECK(d[0].code == "wrong-type");
  CHECK(d[0].message == "a flashcards block must be a list of cards, not a string");

  d = Parse(R"(["just text", {"front": ["a"], "back": "b"}])", &cards);
  REQUIRE(d.size() == 2);
  CHECK(d[0].code == "wrong-type");
  CHECK(d[0].pointer == "/0");
  CHECK(d[1].code == "wrong-type");
  CHECK(d[1].pointer == "/1/front");

  json many = json::array();
  for (size_t i = 0; i <= kMaxFlashcards; ++i) many.push_back({{"front", "f"}, {"back", "b"}});
  d.clear();
  ParseFlashcards(many, &cards, &d);
  REQUIRE(d.size() == 1);
  CHECK(d[0].code == "too-large");
}

}  // namespace
}  // namespace morsel::core
