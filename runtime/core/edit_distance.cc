#include "runtime/core/edit_distance.h"

#include <algorithm>
#include <vector>

namespace morsel::core {

size_t EditDistance(const std::string& a, const std::string& b) {
  // Three rows of the table, each b.size() + 1 long: two rows up (for a swap), the row
  // above and this row, taking turns.
  const size_t n = b.size() + 1;
  std::vector<size_t> rows(3 * n);
  for (size_t i = 0; i <= a.size(); ++i) {
    size_t* row = &rows[(i % 3) * n];
    const size_t* above = &rows[((i + 2) % 3) * n];
    const size_t* before = &rows[((i + 1) % 3) * n];
    for (size_t j = 0; j < n; ++j) {
      size_t d = i + j;
      if (i > 0 && j > 0) {
        d = std::min(above[j], row[j - 1]) + 1;
        d = std::min(d, above[j - 1] + (a[i - 1] != b[j - 1]));
        if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d = std::min(d, before[j - 2] + 1);
      }
      row[j] = d;
    }
  }
  return rows[(a.size() % 3) * n + b.size()];
}

std::string Suggest(const std::string& word, std::initializer_list<const char*> candidates) {
  // One loop for both lists keeps the runtime's modules small.
  return Suggest(word, std::vector<std::string>(candidates.begin(), candidates.end()));
}

std::string Suggest(const std::string& word, const std::vector<std::string>& candidates) {
  std::string best;
  // At most a third of the word's length in edits, at least 1 and at most 3 (1 for words
  // of under 6 characters, 2 under 9, else 3), keeps suggestions for typos without
  // proposing unrelated keys for short words.
  size_t best_distance = 2 + (word.size() >= 6) + (word.size() >= 9);
  for (const std::string& candidate : candidates) {
    size_t distance = EditDistance(word, candidate);
    if (distance < best_distance) {
      best_distance = distance;
      best = candidate;
    }
  }
  return best;
}

}  // namespace morsel::core
