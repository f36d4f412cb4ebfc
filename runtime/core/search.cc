#include "runtime/core/search.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <unordered_map>
#include <utility>

#include "runtime/core/fnv.h"
#include "runtime/core/normalize.h"

namespace morsel::core {
namespace {

// ---- Words ------------------------------------------------------------------------

size_t SequenceLength(unsigned char lead) {
  if (lead < 0x80) return 1;
  if ((lead >> 5) == 0x6) return 2;
  if ((lead >> 4) == 0xE) return 3;
  if ((lead >> 3) == 0x1E) return 4;
  return 1;
}

/// The code point at text[i] (one byte of length 1 for anything invalid: NormalizeAnswer
/// turns it into U+FFFD, which is a word character).
char32_t CodePointAt(std::string_view text, size_t i, size_t* length) {
  const auto lead = static_cast<unsigned char>(text[i]);
  size_t n = SequenceLength(lead);
  if (i + n > text.size()) n = 1;
  if (n == 1) {
    *length = 1;
    return lead < 0x80 ? lead : 0xFFFD;
  }
  char32_t cp = lead & (0x7F >> n);
  for (size_t k = 1; k < n; ++k) {
    const auto byte = static_cast<unsigned char>(text[i + k]);
    if ((byte & 0xC0) != 0x80) {
      *length = 1;
      return 0xFFFD;
    }
    cp = (cp << 6) | (byte & 0x3F);
  }
  *length = n;
  return cp;
}

bool IsAsciiAlnum(char32_t cp) {
  return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
}

bool IsCombiningMark(char32_t cp) {
  return (cp >= 0x300 && cp <= 0x36F) || (cp >= 0x483 && cp <= 0x489) || (cp >= 0x1AB0 && cp <= 0x1AFF) ||
         (cp >= 0x1DC0 && cp <= 0x1DFF) || (cp >= 0x20D0 && cp <= 0x20FF) || (cp >= 0xFE20 && cp <= 0xFE2F);
}

/// Whether a code point belongs to a word. Outside ASCII, normalize.cc decides: what
/// NormalizeAnswer removes on its own (whitespace, punctuation, invisible format
/// characters) separates words, so both files agree on every code point.
bool IsWordChar(std::string_view text, size_t i, size_t length, char32_t cp) {
  if (cp < 0x80) return IsAsciiAlnum(cp);
  if (IsCombiningMark(cp)) return true;
  return !NormalizeAnswer(text.substr(i, length), NormalizeOptions()).empty();
}

bool IsApostrophe(char32_t cp) { return cp == '\'' || cp == 0x2019; }

/// The folded key of a word as written (no separators inside but apostrophes).
std::string FoldWord(std::string_view word) {
  std::string key;
  bool ascii = true;
  for (char c : word) ascii = ascii && static_cast<unsigned char>(c) < 0x80;
  if (ascii) {
    key.reserve(word.size());
    for (char c : word) {
      if (c == '\'') continue;
      key += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    }
    return key;
  }
  std::string folded = NormalizeAnswer(word, NormalizeOptions());
  folded.erase(std::remove(folded.begin(), folded.end(), ' '), folded.end());
  return folded;
}

// ---- Porter2 ----------------------------------------------------------------------
//
// Written here rather than taken from a library: Debian's Snowball (libstemmer) is a C
// library built for the host only, and the core must compile under em++ with std alone.
// It follows the Snowball English stemmer and was checked against libstemmer 2.2 on
// every word of Debian's wamerican list (see tests/unit/core/search_test.cc).

bool IsVowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y'; }

bool EndsWith(const std::string& w, std::string_view suffix) {
  return w.size() >= suffix.size() && w.compare(w.size() - suffix.size(), suffix.size(), suffix) == 0;
}

class Porter2 {
 public:
  explicit Porter2(std::string word) : w_(std::move(word)) {}

  std::string Run() {
    if (w_.size() <= 2) return w_;
    if (const char* exception = Exception1()) return exception;
    if (w_[0] == '\'') w_.erase(0, 1);
    MarkY();
    MarkRegions();
    Step0();
    Step1a();
    if (IsException2()) return Finish();
    Step1b();
    Step1c();
    Step2();
    Step3();
    Step4();
    Step5();
    return Finish();
  }

 private:
  bool V(size_t i) const { return IsVowel(w_[i]); }

  const char* Exception1() const {
    static const std::pair<const char*, const char*> kForms[] = {
        {"skis", "ski"},      {"skies", "sky"},    {"dying", "die"},  {"lying", "lie"},   {"tying", "tie"},
        {"idly", "idl"},      {"gently", "gentl"}, {"ugly", "ugli"},  {"early", "earli"}, {"only", "onli"},
        {"singly", "singl"},  {"sky", "sky"},      {"news", "news"},  {"howe", "howe"},   {"atlas", "atlas"},
        {"cosmos", "cosmos"}, {"bias", "bias"},    {"andes", "andes"}};
    for (const auto& [form, stem] : kForms) {
      if (w_ == form) return stem;
    }
    return nullptr;
  }

  bool IsException2() const {
    for (const char* form : {"inning", "outing", "canning", "herring", "earring", "proceed", "exceed", "succeed"}) {
      if (w_ == form) return true;
    }
    return false;
  }

  void MarkY() {
    for (size_t i = 0; i < w_.size(); ++i) {
      if (w_[i] == 'y' && (i == 0 || IsVowel(w_[i - 1]))) w_[i] = 'Y';
    }
  }

  /// Position after the first non-vowel that follows a vowel, from `start`.
  size_t RegionAfter(size_t start) const {
    for (size_t i = start + 1; i < w_.size(); ++i) {
      if (!V(i) && V(i - 1)) return i + 1;
    }
    return w_.size();
  }

  void MarkRegions() {
    p1_ = w_.size();
    for (const char* prefix : {"gener", "commun", "arsen"}) {
      if (w_.compare(0, std::string_view(prefix).size(), prefix) == 0) {
        p1_ = std::string_view(prefix).size();
        break;
      }
    }
    if (p1_ == w_.size()) p1_ = RegionAfter(0);
    p2_ = p1_ < w_.size() ? RegionAfter(p1_) : w_.size();
  }

  bool InR1(size_t suffix) const { return w_.size() - suffix >= p1_; }
  bool InR2(size_t suffix) const { return w_.size() - suffix >= p2_; }

  void Chop(size_t n) { w_.resize(w_.size() - n); }
  void Replace(size_t n, std::string_view with) {
    Chop(n);
    w_ += with;
  }

  /// A vowel before `end` (exclusive) in w_.
  bool HasVowelBefore(size_t end) const {
    for (size_t i = 0; i < end; ++i) {
      if (V(i)) return true;
    }
    return false;
  }

  /// Whether w_[0, end) ends in a short syllable.
  bool ShortSyllableAt(size_t end) const {
    if (end == 2) return V(0) && !V(1);
    if (end < 3) return false;
    const char last = w_[end - 1];
    return !V(end - 3) && V(end - 2) && !V(end - 1) && last != 'w' && last != 'x' && last != 'Y';
  }

  bool IsShort() const { return p1_ >= w_.size() && ShortSyllableAt(w_.size()); }

  /// The longest of `suffixes` that w_ ends with, or "".
  std::string_view Longest(std::initializer_list<std::string_view> suffixes) const {
    std::string_view best;
    for (std::string_view s : suffixes) {
      if (s.size() > best.size() && EndsWith(w_, s)) best = s;
    }
    return best;
  }

  void Step0() {
    std::string_view s = Longest({"'s'", "'s", "'"});
    Chop(s.size());
  }

  void Step1a() {
    std::string_view s = Longest({"sses", "ied", "ies", "s", "us", "ss"});
    if (s == "sses") {
      Chop(2);
    } else if (s == "ied" || s == "ies") {
      Replace(3, w_.size() > 4 ? "i" : "ie");
    } else if (s == "s") {
      if (w_.size() >= 3 && HasVowelBefore(w_.size() - 2)) Chop(1);
    }
  }

  void Step1b() {
    std::string_view s = Longest({"eed", "eedly", "ed", "edly", "ing", "ingly"});
    if (s.empty()) return;
    if (s == "eed" || s == "eedly") {
      if (InR1(s.size())) Replace(s.size(), "ee");
      return;
    }
    if (!HasVowelBefore(w_.size() - s.size())) return;
    Chop(s.size());
    if (EndsWith(w_, "at") || EndsWith(w_, "bl") || EndsWith(w_, "iz")) {
      w_ += 'e';
    } else if (w_.size() >= 2 && w_.back() == w_[w_.size() - 2] &&
               std::string_view("bdfgmnprt").find(w_.back()) != std::string_view::npos) {
      Chop(1);
    } else if (IsShort()) {
      w_ += 'e';
    }
  }

  void Step1c() {
    const size_t n = w_.size();
    if (n > 2 && (w_[n - 1] == 'y' || w_[n - 1] == 'Y') && !V(n - 2)) w_[n - 1] = 'i';
  }

  void Step2() {
    static const std::pair<std::string_view, std::string_view> kRules[] = {
        {"tional", "tion"}, {"enci", "ence"},   {"anci", "ance"},   {"abli", "able"},   {"entli", "ent"},
        {"izer", "ize"},    {"ization", "ize"}, {"ational", "ate"}, {"ation", "ate"},   {"ator", "ate"},
        {"alism", "al"},    {"aliti", "al"},    {"alli", "al"},     {"fulness", "ful"}, {"ousli", "ous"},
        {"ousness", "ous"}, {"iveness", "ive"}, {"iviti", "ive"},   {"biliti", "ble"},  {"bli", "ble"},
        {"ogi", "og"},      {"fulli", "ful"},   {"lessli", "less"}, {"li", ""}};
    const std::pair<std::string_view, std::string_view>* best = nullptr;
    for (const auto& rule : kRules) {
      if (EndsWith(w_, rule.first) && (best == nullptr || rule.first.size() > best->first.size())) {
        best = &rule;
      }
    }
    if (best == nullptr || !InR1(best->first.size())) return;
    const size_t n = best->first.size();
    if (best->first == "ogi") {
      if (w_.size() > 3 && w_[w_.size() - 4] == 'l') Replace(n, best->second);
    } else if (best->first == "li") {
      if (w_.size() > 2 && std::string_view("cdeghkmnrt").find(w_[w_.size() - 3]) != std::string_view::npos) {
        Chop(2);
      }
    } else {
      Replace(n, best->second);
    }
  }

  void Step3() {
    std::string_view s = Longest({"tional", "ational", "alize", "icate", "iciti", "ical", "ful", "ness", "ative"});
    if (s.empty() || !InR1(s.size())) return;
    if (s == "tional")
      Replace(s.size(), "tion");
    else if (s == "ational")
      Replace(s.size(), "ate");
    else if (s == "alize")
      Replace(s.size(), "al");
    else if (s == "icate" || s == "iciti" || s == "ical")
      Replace(s.size(), "ic");
    else if (s == "ful" || s == "ness")
      Chop(s.size());
    else if (s == "ative" && InR2(s.size()))
      Chop(s.size());
  }

  void Step4() {
    std::string_view s = Longest({"al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent",
                                  "ism", "ate", "iti", "ous", "ive", "ize", "ion"});
    if (s.empty() || !InR2(s.size())) return;
    if (s == "ion") {
      const size_t n = w_.size();
      if (n > 3 && (w_[n - 4] == 's' || w_[n - 4] == 't')) Chop(3);
      return;
    }
    Chop(s.size());
  }

  void Step5() {
    if (w_.empty()) return;
    if (w_.back() == 'e') {
      if (InR2(1) || (InR1(1) && !ShortSyllableAt(w_.size() - 1))) Chop(1);
    } else if (w_.back() == 'l') {
      if (InR2(1) && w_.size() >= 2 && w_[w_.size() - 2] == 'l') Chop(1);
    }
  }

  std::string Finish() {
    for (char& c : w_) {
      if (c == 'Y') c = 'y';
    }
    return w_;
  }

  std::string w_;
  size_t p1_ = 0;
  size_t p2_ = 0;
};

// Snowball's English stop word list (the common function words), sorted.
constexpr std::string_view kEnglishStopWords[] = {
    "a",       "about",  "above",      "after",    "again",     "against", "all",       "am",      "an",    "and",
    "any",     "are",    "as",         "at",       "be",        "because", "been",      "before",  "being", "below",
    "between", "both",   "but",        "by",       "can",       "could",   "did",       "do",      "does",  "doing",
    "down",    "during", "each",       "few",      "for",       "from",    "further",   "had",     "has",   "have",
    "having",  "he",     "her",        "here",     "hers",      "herself", "him",       "himself", "his",   "how",
    "i",       "if",     "in",         "into",     "is",        "it",      "its",       "itself",  "me",    "more",
    "most",    "my",     "myself",     "no",       "nor",       "not",     "of",        "off",     "on",    "once",
    "only",    "or",     "other",      "ought",    "our",       "ours",    "ourselves", "out",     "over",  "own",
    "same",    "she",    "should",     "so",       "some",      "such",    "than",      "that",    "the",   "their",
    "theirs",  "them",   "themselves", "then",     "there",     "these",   "they",      "this",    "those", "through",
    "to",      "too",    "under",      "until",    "up",        "very",    "was",       "we",      "were",  "what",
    "when",    "where",  "which",      "while",    "who",       "whom",    "why",       "will",    "with",  "would",
    "you",     "your",   "yours",      "yourself", "yourselves"};

// ---- Index numbers ----------------------------------------------------------------

constexpr std::string_view kMoreDigits = "0123456789ABCDEFGHIJKLMNOPQRSTUV";
constexpr std::string_view kLastDigits = "WXYZabcdefghijklmnopqrstuvwxyz-_";

int DigitValue(char c, bool* last) {
  size_t at = kMoreDigits.find(c);
  if (at != std::string_view::npos) {
    *last = false;
    return static_cast<int>(at);
  }
  at = kLastDigits.find(c);
  if (at == std::string_view::npos) return -1;
  *last = true;
  return static_cast<int>(at);
}

/// The line of `text` at *start (without its '\n'); false at the end.
bool NextLine(std::string_view text, size_t* start, std::string_view* line) {
  if (*start >= text.size()) return false;
  size_t end = text.find('\n', *start);
  if (end == std::string_view::npos) end = text.size();
  *line = text.substr(*start, end - *start);
  *start = end + 1;
  return true;
}

bool IsQuerySeparatorAtEnd(std::string_view query) {
  if (query.empty()) return true;
  size_t i = query.size() - 1;
  while (i > 0 && (static_cast<unsigned char>(query[i]) & 0xC0) == 0x80) --i;
  size_t length = 0;
  const char32_t cp = CodePointAt(query, i, &length);
  return !IsWordChar(query, i, length, cp);
}

std::string Decimal(size_t n) {
  std::string digits;
  do {
    digits.insert(digits.begin(), static_cast<char>('0' + n % 10));
    n /= 10;
  } while (n != 0);
  return digits;
}

/// Keeps the best score per document of a list sorted by document.
template <typename List>
void MergeMax(const List& add, std::unordered_map<uint32_t, double>* best) {
  for (const auto& [doc, score] : add) {
    double& slot = (*best)[doc];
    slot = std::max(slot, score);
  }
}

/// At most `max_words` (0 = all) of `words` cut from `text`: the window with the most
/// different query words, then the most matches, earliest, starting a few words before
/// its first match; "…" where cut. match[i] is the query word that words[i] is (0 to
/// kinds - 1) or -1. With `mark`, each match is between \x01 and \x02.
std::string Cut(std::string_view text, const std::vector<SearchWord>& words, const std::vector<int>& match,
                size_t kinds, size_t max_words, bool mark) {
  if (words.empty()) return std::string(text);
  size_t first = 0;
  size_t last = words.size();
  if (max_words != 0 && words.size() > max_words) {
    // One pass: the counts of each query word inside the window as it slides.
    std::vector<int> inside(kinds, 0);
    int distinct = 0;
    int count = 0;
    auto add = [&](size_t k, int step) {
      if (match[k] < 0) return;
      int& n = inside[static_cast<size_t>(match[k])];
      if (step > 0 && n++ == 0) ++distinct;
      if (step < 0 && --n == 0) --distinct;
      count += step;
    };
    for (size_t k = 0; k < max_words; ++k) add(k, 1);
    size_t best_start = 0;
    int best_distinct = distinct;
    int best_count = count;
    for (size_t start = 1; start + max_words <= words.size(); ++start) {
      add(start - 1, -1);
      add(start + max_words - 1, 1);
      if (distinct > best_distinct || (distinct == best_distinct && count > best_count)) {
        best_start = start;
        best_distinct = distinct;
        best_count = count;
      }
    }
    size_t m = best_start;
    while (m < best_start + max_words && match[m] < 0) ++m;
    if (m == best_start + max_words) m = best_start;
    // A few words of context before the first match, keeping every match of the window.
    const size_t lead = std::min<size_t>(3, max_words / 4);
    first = std::max(best_start, m >= lead ? m - lead : 0);
    last = std::min(words.size(), first + max_words);
    first = last - max_words;
  }
  std::string out;
  size_t from = first == 0 ? 0 : words[first].begin;
  if (first > 0) out += "\xE2\x80\xA6 ";
  for (size_t i = first; i < last; ++i) {
    out.append(text.substr(from, words[i].begin - from));
    const bool marked = mark && match[i] >= 0;
    if (marked) out += '\x01';
    out.append(text.substr(words[i].begin, words[i].end - words[i].begin));
    if (marked) out += '\x02';
    from = words[i].end;
  }
  if (last < words.size()) {
    out += " \xE2\x80\xA6";
  } else {
    out.append(text.substr(from));
  }
  return out;
}

/// Whether a word can have a term starting with one of `firsts`: the stemmer keeps a
/// word's first letter (checked on every word of Debian's wamerican list), so words that
/// start otherwise need no stemming to be ruled out.
bool MayMatch(const SearchWord& word, std::string_view firsts) {
  return !word.key.empty() && firsts.find(word.key[0]) != std::string_view::npos;
}

}  // namespace

std::vector<SearchWord> SplitSearchWords(std::string_view text) {
  std::vector<SearchWord> words;
  size_t i = 0;
  while (i < text.size()) {
    size_t length = 0;
    char32_t cp = CodePointAt(text, i, &length);
    if (!IsWordChar(text, i, length, cp)) {
      i += length;
      continue;
    }
    const size_t begin = i;
    size_t end = i + length;
    i = end;
    while (i < text.size()) {
      cp = CodePointAt(text, i, &length);
      if (IsWordChar(text, i, length, cp)) {
        i += length;
        end = i;
        continue;
      }
      if (!IsApostrophe(cp) || i + length >= text.size()) break;
      size_t next_length = 0;
      const char32_t next = CodePointAt(text, i + length, &next_length);
      if (!IsWordChar(text, i + length, next_length, next)) break;
      i += length;
    }
    std::string key = FoldWord(text.substr(begin, end - begin));
    if (!key.empty() && key.size() <= kMaxSearchWordBytes) {
      words.push_back({std::move(key), begin, end});
    }
    i = std::max(i, end);
  }
  return words;
}

std::string StemEnglish(std::string_view word) {
  for (char c : word) {
    if (!(c >= 'a' && c <= 'z') && c != '\'') return std::string(word);  // not English
  }
  return Porter2(std::string(word)).Run();
}

bool IsEnglishStopWord(std::string_view word) {
  return std::binary_search(std::begin(kEnglishStopWords), std::end(kEnglishStopWords), word);
}

SearchLanguage SearchLanguageFor(std::string_view language) {
  SearchLanguage result;
  const bool english = language.size() >= 2 && (language[0] == 'e' || language[0] == 'E') &&
                       (language[1] == 'n' || language[1] == 'N') &&
                       (language.size() == 2 || language[2] == '-' || language[2] == '_');
  result.stem_english = english;
  result.english_stop_words = english;
  return result;
}

std::string SearchTerm(std::string_view key, const SearchLanguage& language) {
  if (language.english_stop_words && IsEnglishStopWord(key)) return "";
  if (language.stem_english) return StemEnglish(key);
  return std::string(key);
}

void AppendSearchNumber(uint32_t n, std::string* out) {
  char digits[8];
  int count = 0;
  do {
    digits[count++] = static_cast<char>(n & 31);
    n >>= 5;
  } while (n != 0);
  for (int k = count - 1; k > 0; --k) *out += kMoreDigits[static_cast<size_t>(digits[k])];
  *out += kLastDigits[static_cast<size_t>(digits[0])];
}

bool ReadSearchNumber(std::string_view data, size_t* pos, uint32_t* n) {
  uint32_t value = 0;
  for (int count = 0; *pos < data.size() && count < 7; ++count) {
    bool last = false;
    const int digit = DigitValue(data[(*pos)++], &last);
    if (digit < 0) return false;
    value = (value << 5) | static_cast<uint32_t>(digit);
    if (last) {
      *n = value;
      return true;
    }
  }
  return false;
}

uint32_t SearchCardFile(std::string_view term, uint32_t files) { return files == 0 ? 0 : Fnv1a32(term) % files; }

SearchPassages::SearchPassages(std::string_view text, const SearchLanguage& language)
    : SearchPassages(text, language, nullptr) {}

SearchPassages::SearchPassages(std::string_view text, const SearchLanguage& language, SearchStems* stems)
    : text_(text),
      language_(language),
      words_(SplitSearchWords(text)),
      terms_(words_.size(), nullptr),
      stems_(stems != nullptr ? stems : &own_stems_) {}

const std::string& SearchPassages::TermOf(size_t word) {
  if (terms_[word] == nullptr) {
    const std::string& key = words_[word].key;
    auto it = stems_->find(key);
    if (it == stems_->end()) it = stems_->emplace(key, SearchTerm(key, language_)).first;
    terms_[word] = &it->second;
  }
  return *terms_[word];
}

std::string SearchPassages::Around(std::string_view term, size_t max_words) {
  std::vector<int> match(words_.size(), -1);
  for (size_t i = 0; i < words_.size(); ++i) {
    if (MayMatch(words_[i], term.substr(0, 1)) && TermOf(i) == term) match[i] = 0;
  }
  return Cut(text_, words_, match, 1, max_words, false);
}

// ---- SearchEngine -----------------------------------------------------------------
//
// Manifest text: "morsel-search 2", "language <code>", "cards <number of card files>",
// then "shard <first term> <0|1>" per shard in order (1: the shard has a tail). Shard i
// holds terms >= its first term and < the next shard's. A card file's lines are head
// lines followed by " <next term>".

bool SearchEngine::Init(std::string_view manifest) {
  first_terms_.clear();
  has_tail_.clear();
  shards_.clear();
  card_files_ = 0;
  bool header = false;
  size_t start = 0;
  std::string_view line;
  while (NextLine(manifest, &start, &line)) {
    if (line == "morsel-search 2") {
      header = true;
    } else if (line.compare(0, 9, "language ") == 0) {
      language_ = SearchLanguageFor(line.substr(9));
    } else if (line.compare(0, 6, "cards ") == 0) {
      size_t pos = 6;
      uint32_t files = 0;
      while (pos < line.size() && line[pos] >= '0' && line[pos] <= '9' && files < 100000000) {
        files = files * 10 + static_cast<uint32_t>(line[pos++] - '0');
      }
      card_files_ = files;
    } else if (line.compare(0, 6, "shard ") == 0 && line.size() >= 8) {
      first_terms_.emplace_back(line.substr(6, line.size() - 8));
      has_tail_.push_back(line.back() == '1');
    }
  }
  if (!first_terms_.empty()) first_terms_[0].clear();  // the first shard starts anywhere
  return header && !first_terms_.empty();
}

SearchEngine::ParsedQuery SearchEngine::Parse(std::string_view query) const {
  if (query.size() > kMaxSearchQueryBytes) {
    size_t end = kMaxSearchQueryBytes;
    while (end > 0 && (static_cast<unsigned char>(query[end]) & 0xC0) == 0x80) --end;
    query = query.substr(0, end);
  }
  ParsedQuery parsed;
  std::vector<SearchWord> words = SplitSearchWords(query);
  const bool typing = !words.empty() && !IsQuerySeparatorAtEnd(query);
  for (size_t i = 0; i < words.size(); ++i) {
    std::string term = SearchTerm(words[i].key, language_);
    if (!term.empty() && std::find(parsed.terms.begin(), parsed.terms.end(), term) == parsed.terms.end()) {
      parsed.terms.push_back(term);
    }
  }
  if (typing && words.back().key.size() >= 2) {
    parsed.prefix = words.back().key;
    parsed.prefix_stem = language_.stem_english ? StemEnglish(parsed.prefix) : parsed.prefix;
  }
  return parsed;
}

size_t SearchEngine::ShardFor(std::string_view term) const {
  auto it = std::upper_bound(first_terms_.begin(), first_terms_.end(), term,
                             [](std::string_view t, const std::string& first) { return t < first; });
  return it == first_terms_.begin() ? 0 : static_cast<size_t>(it - first_terms_.begin()) - 1;
}

const SearchEngine::Shard* SearchEngine::Loaded(const std::string& name) const {
  for (const Shard& shard : shards_) {
    if (shard.name == name) return &shard;
  }
  return nullptr;
}

const SearchEngine::Entry* SearchEngine::Find(const Shard& shard, std::string_view term) const {
  auto it = std::lower_bound(shard.entries.begin(), shard.entries.end(), term,
                             [](const Entry& e, std::string_view t) { return e.term < t; });
  return it != shard.entries.end() && it->term == term ? &*it : nullptr;
}

std::string SearchEngine::CardFileOf(std::string_view term) const {
  return "c/" + Decimal(SearchCardFile(term, card_files_));
}

bool SearchEngine::MayBeCompleted(const Entry& entry, const ParsedQuery& query) const {
  if (query.prefix.empty()) return false;  // no word being typed
  if (!entry.has_next) return true;
  for (const std::string* prefix : {&query.prefix_stem, &query.prefix}) {
    // Terms that start with the prefix sort from it on. No term lies between the entry's
    // and the next one, so when the prefix sorts in that gap the next term is the only
    // candidate; elsewhere nothing is known.
    if (std::string_view(*prefix) < entry.term) return true;
    if (entry.next.empty()) continue;  // the last term of the index
    if (entry.next < std::string_view(*prefix) || entry.next.compare(0, prefix->size(), *prefix) == 0) return true;
  }
  return false;
}

std::vector<std::string> SearchEngine::Plan(std::string_view query) const {
  std::vector<std::string> needed;
  if (first_terms_.empty()) return needed;
  auto need = [&](const std::string& name) {
    if (Loaded(name) == nullptr && std::find(needed.begin(), needed.end(), name) == needed.end()) {
      needed.push_back(name);
    }
  };
  ParsedQuery parsed = Parse(query);
  if (parsed.terms.size() == 1 && card_files_ > 0) {
    // One word: its card file ranks it and holds its best results. Until its head shard
    // is here, the card file comes first and alone (one script loaded, not two), and the
    // shards only when it leaves the answer open.
    const std::string& term = parsed.terms[0];
    const std::string cards = CardFileOf(term);
    const Shard* head = Loaded("s" + Decimal(ShardFor(term)));
    const Shard* card_file = Loaded(cards);
    if (head == nullptr && card_file == nullptr) return {cards};
    if (head == nullptr) {
      const Entry* entry = Find(*card_file, term);
      if (entry == nullptr && parsed.prefix.empty()) return needed;  // not in the index
      if (entry != nullptr && !MayBeCompleted(*entry, parsed)) return needed;
    } else if (Find(*head, term) != nullptr) {
      need(cards);
    }
  }
  for (const std::string& term : parsed.terms) {
    const size_t i = ShardFor(term);
    const std::string head = "s" + Decimal(i);
    need(head);
    // Several words are ranked together, so each needs its whole list.
    const Shard* loaded = Loaded(head);
    const Entry* entry = loaded == nullptr ? nullptr : Find(*loaded, term);
    if (parsed.terms.size() > 1 && entry != nullptr && entry->tail) need("t" + Decimal(i));
  }
  // The word being typed: the shards of its prefix range (at most two more).
  for (const std::string* prefix : {&parsed.prefix_stem, &parsed.prefix}) {
    if (prefix->empty()) continue;
    const std::string upper = *prefix + '\xFF';
    for (size_t i = ShardFor(*prefix), added = 0; i < first_terms_.size() && added < 3; ++i, ++added) {
      if (i > ShardFor(*prefix) && !(first_terms_[i] < upper)) break;
      need("s" + Decimal(i));
    }
  }
  return needed;
}

std::vector<const SearchEngine::Entry*> SearchEngine::Completions(const ParsedQuery& query, size_t max) const {
  std::vector<const Entry*> found;
  for (const Shard& shard : shards_) {
    if (shard.name[0] != 's') continue;
    for (const std::string* prefix : {&query.prefix_stem, &query.prefix}) {
      auto it = std::lower_bound(shard.entries.begin(), shard.entries.end(), std::string_view(*prefix),
                                 [](const Entry& e, std::string_view t) { return e.term < t; });
      for (; it != shard.entries.end() && found.size() < max && it->term.compare(0, prefix->size(), *prefix) == 0;
           ++it) {
        if (std::find(found.begin(), found.end(), &*it) == found.end()) found.push_back(&*it);
      }
    }
  }
  return found;
}

std::vector<std::string> SearchEngine::Likely(std::string_view query, size_t count) const {
  std::vector<std::string> files;
  const ParsedQuery parsed = Parse(query);
  if (card_files_ == 0 || parsed.terms.size() > 1 || parsed.prefix.size() < 3) return files;
  std::vector<const Entry*> candidates = Completions(parsed, SIZE_MAX);
  // The most frequent first (ties in index order); a selection, not a sort: few are taken,
  // and std::stable_sort would add 2 KB to the search module.
  while (files.size() < count) {
    auto best = candidates.end();
    for (auto it = candidates.begin(); it != candidates.end(); ++it) {
      if (*it != nullptr && (best == candidates.end() || (*it)->df > (*best)->df)) best = it;
    }
    if (best == candidates.end()) break;
    const std::string name = CardFileOf((*best)->term);
    *best = nullptr;
    if (Loaded(name) == nullptr && std::find(files.begin(), files.end(), name) == files.end()) {
      files.push_back(name);
    }
  }
  return files;
}

std::vector<std::string> SearchEngine::Terms(std::string_view query) const { return Parse(query).terms; }

void SearchEngine::AddShard(std::string_view name, std::string_view data) {
  if (Loaded(std::string(name)) != nullptr) return;
  shards_.push_back({std::string(name), std::make_unique<const std::string>(data), {}});
  Shard& shard = shards_.back();
  size_t start = 0;
  std::string_view line;
  while (NextLine(*shard.data, &start, &line)) {
    const size_t a = line.find(' ');
    const size_t b = a == std::string_view::npos ? a : line.find(' ', a + 1);
    const size_t c = b == std::string_view::npos ? b : line.find(' ', b + 1);
    if (c == std::string_view::npos || a == 0) continue;
    Entry entry;
    entry.term = line.substr(0, a);
    for (char digit : line.substr(a + 1, b - a - 1)) {
      if (digit < '0' || digit > '9' || entry.df > 100000000) break;
      entry.df = entry.df * 10 + static_cast<uint32_t>(digit - '0');
    }
    entry.tail = line.substr(b + 1, c - b - 1) == "1";
    const size_t d = line.find(' ', c + 1);
    entry.postings = line.substr(c + 1, d == std::string_view::npos ? d : d - c - 1);
    if (d != std::string_view::npos) {
      entry.has_next = true;
      entry.next = line.substr(d + 1);
    }
    if (!shard.entries.empty() && !(shard.entries.back().term < entry.term)) continue;  // unsorted
    shard.entries.push_back(entry);
  }
}

void SearchEngine::AddPostings(std::string_view postings, double weight, DocScores* out) const {
  size_t pos = 0;
  uint32_t doc = 0;
  uint32_t delta = 0;
  uint32_t score = 0;
  while (pos < postings.size() && ReadSearchNumber(postings, &pos, &delta) &&
         ReadSearchNumber(postings, &pos, &score)) {
    doc += delta;
    out->emplace_back(doc, weight * score / kSearchScoreScale);
  }
}

SearchEngine::DocScores SearchEngine::TermPostings(const std::string& term) const {
  DocScores out;
  const size_t i = ShardFor(term);
  const Shard* head = Loaded("s" + Decimal(i));
  // Without its head shard, the same head line from the term's card file.
  if (head == nullptr && card_files_ > 0) head = Loaded(CardFileOf(term));
  for (const Shard* shard : {head, Loaded("t" + Decimal(i))}) {
    const Entry* entry = shard == nullptr ? nullptr : Find(*shard, term);
    if (entry != nullptr) AddPostings(entry->postings, 1.0, &out);
  }
  return out;
}

SearchEngine::DocScores SearchEngine::PrefixPostings(const ParsedQuery& query) const {
  // A completion counts less than the word itself, and only its head postings are read:
  // they hold its best documents, which is what a word being typed is for.
  constexpr double kCompletionWeight = 0.7;
  constexpr size_t kMaxCompletions = 64;
  std::unordered_map<uint32_t, double> best;
  const std::string exact = query.terms.empty() ? std::string() : query.terms.back();
  for (const Entry* entry : Completions(query, kMaxCompletions + 1)) {
    if (entry->term == exact) continue;  // the word itself: counted in full
    DocScores list;
    AddPostings(entry->postings, kCompletionWeight, &list);
    MergeMax(list, &best);
  }
  DocScores out(best.begin(), best.end());
  return out;
}

std::vector<SearchHit> SearchEngine::Query(std::string_view query, size_t limit, size_t* total) const {
  ParsedQuery parsed = Parse(query);
  std::unordered_map<uint32_t, SearchHit> hits;
  // Each word of the query adds its best score per document; the word being typed may
  // also be an unfinished longer word (its completions), whichever scores higher.
  for (size_t t = 0; t < parsed.terms.size(); ++t) {
    const bool last = t + 1 == parsed.terms.size();
    std::unordered_map<uint32_t, double> best;
    MergeMax(TermPostings(parsed.terms[t]), &best);
    if (last && !parsed.prefix.empty()) MergeMax(PrefixPostings(parsed), &best);
    for (const auto& [doc, score] : best) {
      SearchHit& hit = hits[doc];
      hit.doc = doc;
      hit.score += score;
      hit.matched += 1;
    }
  }
  if (!parsed.prefix.empty() && (parsed.terms.empty() || SearchTerm(parsed.prefix, language_).empty())) {
    // The word being typed is a stop word or too short to be a term: completions only.
    for (const auto& [doc, score] : PrefixPostings(parsed)) {
      SearchHit& hit = hits[doc];
      hit.doc = doc;
      hit.score += score;
      hit.matched += 1;
    }
  }
  std::vector<SearchHit> ranked;
  ranked.reserve(hits.size());
  for (const auto& [doc, hit] : hits) ranked.push_back(hit);
  if (total != nullptr) *total = ranked.size();
  auto better = [](const SearchHit& a, const SearchHit& b) {
    if (a.matched != b.matched) return a.matched > b.matched;
    if (a.score != b.score) return a.score > b.score;
    return a.doc < b.doc;
  };
  if (ranked.size() > limit) {
    std::partial_sort(ranked.begin(), ranked.begin() + static_cast<std::ptrdiff_t>(limit), ranked.end(), better);
    ranked.resize(limit);
  } else {
    std::sort(ranked.begin(), ranked.end(), better);
  }
  return ranked;
}

std::string SearchEngine::Snippet(std::string_view text, std::string_view query, size_t max_words) const {
  ParsedQuery parsed = Parse(query);
  std::vector<SearchWord> words = SplitSearchWords(text);
  std::string firsts;  // first letters of what can match: other words are not stemmed
  for (const std::string& term : parsed.terms) firsts += term[0];
  if (!parsed.prefix.empty()) firsts += parsed.prefix[0];
  if (!parsed.prefix_stem.empty()) firsts += parsed.prefix_stem[0];
  // Which query word (index) each text word matches, or -1; terms.size() for a completion.
  std::vector<int> match(words.size(), -1);
  for (size_t i = 0; i < words.size(); ++i) {
    if (!MayMatch(words[i], firsts)) continue;
    const std::string term = SearchTerm(words[i].key, language_);
    for (size_t t = 0; t < parsed.terms.size() && match[i] < 0; ++t) {
      if (!term.empty() && term == parsed.terms[t]) match[i] = static_cast<int>(t);
    }
    if (match[i] < 0 && !parsed.prefix.empty() &&
        (words[i].key.compare(0, parsed.prefix.size(), parsed.prefix) == 0 ||
         (!term.empty() && term.compare(0, parsed.prefix_stem.size(), parsed.prefix_stem) == 0))) {
      match[i] = static_cast<int>(parsed.terms.size());
    }
  }
  return Cut(text, words, match, parsed.terms.size() + 1, max_words, true);
}

}  // namespace morsel::core
