#pragma once

#include <cstddef>
#include <initializer_list>
#include <string>
#include <vector>

namespace morsel::core {

/// How far a typo is from a known word: the edits that turn one byte string into the
/// other, each an insertion, a deletion, a substitution or a swap of two neighbours
/// ("titel" is one edit from "title"; optimal string alignment: no edit inside a swap).
size_t EditDistance(const std::string& a, const std::string& b);

/// The closest of `candidates` to `word` by edit distance, or "" when none is close
/// enough to be a plausible typo. Feeds the "did you mean" hints of diagnostics.
std::string Suggest(const std::string& word, std::initializer_list<const char*> candidates);

/// Suggest among names known only at run time (the site's course ids).
std::string Suggest(const std::string& word, const std::vector<std::string>& candidates);

}  // namespace morsel::core
