#pragma once

// A ```flashcards block: cards with a front and a back (Markdown), self-rated when
// reviewed (review.h). Authored as a list of cards, or as a mapping with an optional block
// `id` and `cards`:
//
//   ```flashcards
//   - front: What does **MFA** stand for?
//     back: Multi-factor authentication.
//   - id: phishing
//     front: Name one sign of a phishing email.
//     back: An urgent request to act, a sender address that does not match, …
//   ```
//
// A card's id (default `c1`, `c2`, … by position) names it in the learner's progress:
// `<lesson id>:<block id>/<card id>`.

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "runtime/core/diagnostic.h"

namespace morsel::core {

/// One card. Texts hold Markdown as authored and HTML once the generator has rendered them.
struct Flashcard {
  std::string id;
  std::string front;
  std::string back;
};

/// A ```flashcards block.
struct Flashcards {
  std::string id;
  std::vector<Flashcard> cards;
};

/// The most cards one block may hold.
inline constexpr size_t kMaxFlashcards = 500;

/// Reads an authored flashcards block (YAML converted to JSON), reporting every problem
/// with a JSON pointer (`unknown-key` with "did you mean", `missing-key`, `wrong-type`,
/// `empty-text`, `invalid-id`, `duplicate-id`, `flashcards-empty`, `too-large`).
/// `*cards` is filled as far as the data allows even when errors are reported.
void ParseFlashcards(const nlohmann::json& authored, Flashcards* cards, Diagnostics* diagnostics);

}  // namespace morsel::core
