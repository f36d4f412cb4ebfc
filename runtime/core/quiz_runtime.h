#pragma once

// The runtime form of a quiz block: what a page embeds and the core grades from. The
// generator writes it (QuizToRuntime) and the core reads it back (QuizFromRuntime), so
// both hosts agree on ids, rules, counts and display orders by construction.

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "runtime/core/quiz.h"

namespace morsel::core {

/// A deterministic shuffle of 0..n-1 from a seed text (SplitMix64 over FNV-1a), never
/// the identity when n > 1, so a shuffled list never shows the answer order.
std::vector<int> Permutation(const std::string& seed, int n);

/// The order in which a page shows the right-hand items of a matching question or the
/// items of an ordering question: display position → canonical index. Fixed at build
/// time from the block and question ids.
std::vector<int> DisplayOrder(const Quiz& quiz, const Question& question);

/// The form of a quiz embedded in a page for the runtime: ids, types, rules and counts
/// in the open; what grading needs (correct options, accepted answers as salted hashes,
/// numeric bounds, feedback, display orders) sealed so that only the core reads it.
/// Prompts and option text are in the page's HTML. `plain_keys` leaves the keys
/// unsealed, for debugging a site.
nlohmann::json QuizToRuntime(const Quiz& quiz, bool plain_keys = false);

/// A short hash of what makes the question's answer right (right options, accepted typed
/// answers, numeric bounds, an attestation's statement), not of its wording: attempts
/// recorded under another fingerprint are stale. Sealed in the page form with the key.
std::string AnswerFingerprint(const Question& question);

/// Reads the runtime form back, unsealing the keys. Returns false (with a message) on
/// malformed or tampered data.
bool QuizFromRuntime(const nlohmann::json& data, Quiz* quiz, std::string* error);

}  // namespace morsel::core
