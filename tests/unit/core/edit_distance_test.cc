#include "runtime/core/edit_distance.h"

#include <catch2/catch.hpp>

namespace morsel::core {
namespace {

TEST_CASE("EditDistance counts insertions, deletions, substitutions and swaps") {
  CHECK(EditDistance("", "") == 0);
  CHECK(EditDistance("mode", "mode") == 0);
  CHECK(EditDistance("", "abc") == 3);
  CHECK(EditDistance("abc", "") == 3);
  CHECK(EditDistance("kitten", "sitting") == 3);
  CHECK(EditDistance("atempts", "attempts") == 1);
  CHECK(EditDistance("flaw", "lawn") == 2);
  // Two neighbours swapped are one edit, as typed.
  CHECK(EditDistance("questoins", "questions") == 1);
  CHECK(EditDistance("titel", "title") == 1);
  CHECK(EditDistance("ab", "ba") == 1);
  CHECK(EditDistance("abcd", "badc") == 2);
  // Optimal string alignment: no edit inside a swapped pair ("ca" → "ac" → "abc" is not
  // counted as 2).
  CHECK(EditDistance("ca", "abc") == 3);
}

TEST_CASE("Suggest proposes the key an author probably meant") {
  CHECK(Suggest("atempts", {"id", "mode", "attempts", "pass_mark"}) == "attempts");
  CHECK(Suggest("questoins", {"questions", "shuffle"}) == "questions");
  CHECK(Suggest("pass-mark", {"pass_mark", "draw"}) == "pass_mark");
  // A swap is one edit: "titel" is as close to "title" as "tittle" is.
  CHECK(Suggest("titel", {"id", "title", "description", "weight"}) == "title");
  CHECK(Suggest("tittle", {"id", "title", "description", "weight"}) == "title");
  // Case counts as a typo too.
  CHECK(Suggest("Mode", {"mode"}) == "mode");
}

TEST_CASE("Suggest stays quiet when nothing is close") {
  CHECK(Suggest("colour", {"id", "mode", "attempts"}).empty());
  CHECK(Suggest("anything", {}).empty());
  // Short words tolerate one edit only: "ab" is not a typo of "xy".
  CHECK(Suggest("ab", {"xy"}).empty());
  CHECK(Suggest("ib", {"id"}) == "id");
  // Long words tolerate three edits at most.
  CHECK(Suggest("shuffle_questions", {"shuffle_qstns"}).empty());
  CHECK(Suggest("shuffle_questions", {"shufle_questins"}) == "shufle_questins");
}

TEST_CASE("Suggest prefers the closest candidate, then the first listed") {
  CHECK(Suggest("draws", {"drew", "draw"}) == "draw");
  CHECK(Suggest("modes", {"model", "moder"}) == "model");
}

}  // namespace
}  // namespace morsel::core
