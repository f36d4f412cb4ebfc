#include "runtime/core/edit_distance.h"

#include <algorithm>
#include <vector>

namespace morsel::core {

size_t EditDistance(const std::string& a, const std::string& b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t above = row[j];
      size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + cost});
      diagonal = above;
    }
  }
  return row[b.size()];
}

namespace {

template <typename Candidates>
std::string Closest(const std::string& word, const Candidates& candidates) {
  std::string best;
  // A third of the word's length, at least 1 and at most 3, keeps suggestions for
  // typos without proposing unrelated keys for short words.
  size_t best_distance = std::min<size_t>(3, std::max<size_t>(1, word.size() / 3)) + 1;
  for (const auto& candidate : candidates) {
    size_t distance = EditDistance(word, candidate);
    if (distance < best_distance) {
      best_distance = distance;
      best = candidate;
    }
  }
  return best;
}

}  // namespace

std::string Suggest(const std::string& word, std::initializer_list<const char*> candidates) {
  return Closest(word, candidates);
}

std::string Suggest(const std::string& word, const std::vector<std::string>& candidates) {
  return Closest(word, candidates);
}

}  // namespace morsel::core
