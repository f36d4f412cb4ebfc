#include "runtime/core/flashcards.h"

#include <set>

#include "runtime/core/id_slug.h"
#include "runtime/core/number_text.h"
#include "runtime/core/object_checker.h"

namespace morsel::core {
namespace {

using nlohmann::json;

void Report(Diagnostics* d, const std::string& pointer, const char* code, std::string message, std::string hint = "") {
  d->push_back({Severity::kError, pointer, false, code, std::move(message), std::move(hint)});
}

/// An id written on the block or a card: a slug.
void CheckId(ObjectChecker& checker, const std::string& id, Diagnostics* d) {
  if (!id.empty() && !IsIdSlug(id)) {
    Report(d, checker.PointerTo("id"), "invalid-id", "id '" + id + "' may only contain a-z, 0-9, '-' and '_'",
           "ids are kept in learners' progress: choose a short stable slug");
  }
}

/// A card's front or back: required, a non-empty text (a number or yes/no reads as text).
std::string Side(ObjectChecker& checker, const json& card, const char* key, Diagnostics* d) {
  if (!checker.Require(key)) return "";
  const json& value = card.at(key);
  std::string text;
  if (value.is_number() || value.is_boolean()) {
    text = value.dump();
  } else {
    text = checker.String(key);
    if (!value.is_string()) return "";
  }
  if (text.find_first_not_of(" \t\r\n") == std::string::npos) {
    Report(d, checker.PointerTo(key), "empty-text", std::string("the card's ") + key + " is empty",
           "write what the learner sees on that side");
  }
  return text;
}

}  // namespace

void ParseFlashcards(const json& authored, Flashcards* cards, Diagnostics* diagnostics) {
  const json* list = &authored;
  std::string at = "";
  if (authored.is_object()) {
    ObjectChecker block(authored, "", "a flashcards block", diagnostics);
    block.AllowOnly({"id", "cards"});
    cards->id = block.String("id");
    CheckId(block, cards->id, diagnostics);
    if (!block.Require("cards")) return;
    list = block.Array("cards");
    if (list == nullptr) return;
    at = "/cards";
  } else if (!authored.is_array()) {
    Report(diagnostics, "", "wrong-type",
           "a flashcards block must be a list of cards, not a " + std::string(TypeName(authored)),
           "write each card as '- front: …' with 'back: …' under it");
    return;
  }
  if (list->empty()) {
    Report(diagnostics, at, "flashcards-empty", "a flashcards block needs at least one card",
           "add a card: '- front: …' with 'back: …' under it");
    return;
  }
  if (list->size() > kMaxFlashcards) {
    Report(diagnostics, at + "/" + NumberText(kMaxFlashcards), "too-large",
           "a flashcards block may hold at most " + NumberText(kMaxFlashcards) + " cards",
           "split the cards into several blocks or lessons");
    return;
  }
  std::set<std::string> ids;
  for (size_t i = 0; i < list->size(); ++i) {
    const std::string pointer = at + "/" + NumberText(i);
    const json& data = (*list)[i];
    ObjectChecker checker(data, pointer, "a card", diagnostics);
    checker.AllowOnly({"id", "front", "back"});
    if (!checker.ok()) continue;
    Flashcard card;
    card.id = checker.String("id");
    CheckId(checker, card.id, diagnostics);
    if (card.id.empty()) card.id = "c" + NumberText(i + 1);
    card.front = Side(checker, data, "front", diagnostics);
    card.back = Side(checker, data, "back", diagnostics);
    if (!ids.insert(card.id).second) {
      Report(diagnostics, pointer + (data.contains("id") ? "/id" : ""), "duplicate-id",
             "card id '" + card.id + "' is used twice in this block",
             "each card of a block needs its own id (cards without one are c1, c2, … by position)");
    }
    cards->cards.push_back(std::move(card));
  }
}

}  // namespace morsel::core
