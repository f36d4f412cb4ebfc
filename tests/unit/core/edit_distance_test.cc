#include "runtime/core/edit_distance.h"

#include <catch2/catch.hpp>

namespace morsel::core {
namespace {

TEST_CASE("EditDistance counts insertions, deletions and substitutions") {
  CHECK(EditDistance("", "") == 0);
  CHECK(EditDistance("mode", "mode") == 0);
  CHECK(EditDistance("", "abc") == 3);
  CHECK(EditDistance("abc", "") == 3);
  CHECK(EditDistance("kitten", "sitting") == 3);
  CHECK(EditDistance("atempts", "attempts") == 1);
  CHECK(EditDistance("questoins", "questions") == 2);
  CHECK(EditDistance("flaw", "lawn") == 2);
}

TEST_CASE("Suggest proposes the key an author probably meant") {
  CHECK(Suggest("atempts", {"id", "mode", "attempts", "pass_mark"}) == "attempts");
  CHECK(Suggest("questoins", {"questions", "shuffle"}) == "questions");
  CHECK(Suggest("pass-mark", {"pass_mark", "draw"}) == "pass_mark");
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
