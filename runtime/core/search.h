#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace morsel::core {

// Full-text search, shared by the generator (which writes the index) and the browser's
// search module (which answers queries), so both read text the same way.
//
// Text → terms: SplitSearchWords finds words (runs of letters, digits, symbols and
// combining marks; an apostrophe between two of them stays inside the word) and folds
// each with NormalizeAnswer's defaults (case folding of Latin, Greek, Cyrillic and
// Armenian, marks stripped, ß→ss, punctuation removed). A SearchLanguage then drops stop
// words and stems. Words longer than kMaxSearchWordBytes are skipped (hashes, base64).
//
// The index (written by generator/search_index.cc) is a manifest plus shards, each term
// range a "head" shard (every term's postings, cut to its kHeadPostings best documents)
// and, when some list was cut, a "tail" shard with the rest. A shard is text: one line
// per term, sorted, "term df tail postings" where tail is 1 when the term's list goes on
// in the tail shard and postings are (document delta, quantised score) pairs written with
// AppendSearchNumber. Scores are BM25 computed at build time, so a query only adds them.
// Each term's best kSearchCardsPerTerm documents also have a result card (title, URL,
// trail and the passage around the term) in card file SearchCardFile(term), whose name
// follows from the term alone. A card file also holds each of its terms' head line, with
// the term that follows it in the index after one more space: a query of one word loads
// its card file alone, which ranks it and shows its best results, and needs the head shard
// only when a longer word might complete the word being typed.

/// Longest word indexed, in bytes of its folded form.
constexpr size_t kMaxSearchWordBytes = 40;
/// Postings of a term kept in its head shard; a one-word query needs no more.
constexpr size_t kHeadPostings = 48;
/// A stored score is round(score * kSearchScoreScale), at most kMaxSearchScore.
constexpr double kSearchScoreScale = 40.0;
constexpr uint32_t kMaxSearchScore = 1023;
/// Documents of a term that have a result card: the search field shows six results.
constexpr size_t kSearchCardsPerTerm = 6;
/// Of a query, only the first kMaxSearchQueryBytes bytes are read (cut before a whole
/// UTF-8 character), so that a pasted megabyte costs what a long sentence does.
constexpr size_t kMaxSearchQueryBytes = 256;
/// Words of a card's passage (the snippets the glue shows are this long too).
constexpr size_t kSearchPassageWords = 24;

/// A word of a text: its folded key and its byte range in the text.
struct SearchWord {
  std::string key;
  size_t begin = 0;
  size_t end = 0;
};

/// The words of UTF-8 text, folded (rules above).
std::vector<SearchWord> SplitSearchWords(std::string_view text);

/// Porter2 ("English") stem of a folded word.
std::string StemEnglish(std::string_view word);

/// Whether a folded word is one of the English stop words (not indexed).
bool IsEnglishStopWord(std::string_view word);

/// How a site's language turns words into terms.
struct SearchLanguage {
  bool stem_english = false;
  bool english_stop_words = false;
};

/// English ("en", "en-GB"…) gets stemming and stop words; other languages neither.
SearchLanguage SearchLanguageFor(std::string_view language);

/// The term of a folded word, or "" for a stop word.
std::string SearchTerm(std::string_view key, const SearchLanguage& language);

/// Appends n in the index's number code: 5 bits per character, most significant first,
/// continuation characters for all but the last (no character needs escaping in JS).
void AppendSearchNumber(uint32_t n, std::string* out);

/// Reads a number written by AppendSearchNumber at *pos; false at the end or on bad data.
bool ReadSearchNumber(std::string_view data, size_t* pos, uint32_t* n);

/// Which of `files` card files holds a term's cards (FNV-1a of its bytes; 0 when files is 0).
uint32_t SearchCardFile(std::string_view term, uint32_t files);

/// Passages of one text around single terms, for the index's result cards: the text is
/// split once, and each word is stemmed at most once, only when it can be the term.
/// Each word key's term (SearchTerm), as found: a site's texts stem the same few thousand
/// words again and again.
using SearchStems = std::unordered_map<std::string, std::string>;

class SearchPassages {
 public:
  SearchPassages(std::string_view text, const SearchLanguage& language);
  /// The same, with the terms found kept in `stems` (which outlives this) for the next text.
  SearchPassages(std::string_view text, const SearchLanguage& language, SearchStems* stems);
  /// At most `max_words` words around the first window richest in `term`, with "…" where
  /// cut and no marks (the glue marks the words of the actual query).
  std::string Around(std::string_view term, size_t max_words);

 private:
  const std::string& TermOf(size_t word);

  std::string_view text_;
  SearchLanguage language_;
  std::vector<SearchWord> words_;
  std::vector<const std::string*> terms_;  // per word, once known
  SearchStems own_stems_;
  SearchStems* stems_;
};

/// One ranked result: a document number and its score.
struct SearchHit {
  uint32_t doc = 0;
  double score = 0;
  int matched = 0;
};

/// The query side: holds the manifest and the shards loaded so far. Never throws on bad
/// input (a corrupt shard reads as fewer terms).
class SearchEngine {
 public:
  /// Reads the manifest text (see generator/search_index.cc); false when it is not one.
  bool Init(std::string_view manifest);

  /// The files ("s3", "t3", "c/41") that `query` needs and that are not loaded yet. Call it
  /// again after loading them: heads tell whether tails are needed. A query of one word
  /// needs its card file first, alone, and then its head shard only when the card file
  /// cannot rule out a completion of the word being typed (or does not hold the word);
  /// once the head is loaded, the card file only when the word is in it.
  std::vector<std::string> Plan(std::string_view query) const;

  /// While one word is being typed (3 letters or more): the card files, not loaded yet, of
  /// at most `count` terms that may complete it, most frequent first, among the loaded
  /// shards. Loaded ahead (as Pagefind's preload does), the finished word then ranks and
  /// shows at once instead of after a script load.
  std::vector<std::string> Likely(std::string_view query, size_t count) const;

  /// Keeps the lines of a shard or card file (`name` as Plan gave it; the glue keeps the
  /// cards themselves).
  void AddShard(std::string_view name, std::string_view data);

  /// The terms of a query (stemmed, stop words dropped, each once), as the index has them.
  std::vector<std::string> Terms(std::string_view query) const;

  /// The best `limit` documents for `query` among the loaded shards; *total is the number
  /// of matching documents (a lower bound while tails are not loaded).
  std::vector<SearchHit> Query(std::string_view query, size_t limit, size_t* total) const;

  /// A passage of `text` around the query's words, at most `max_words` words (0 = all),
  /// with "…" where it was cut and each matching word between \x01 and \x02.
  std::string Snippet(std::string_view text, std::string_view query, size_t max_words) const;

 private:
  struct Entry {
    std::string_view term;
    uint32_t df = 0;
    bool tail = false;
    std::string_view postings;
    /// In a card file: the next term of the index ("" after the last).
    bool has_next = false;
    std::string_view next;
  };
  struct Shard {
    std::string name;
    /// On the heap: entries view it, and a short string's characters would move with the
    /// Shard when shards_ grows (small-string optimisation), leaving the views dangling.
    std::unique_ptr<const std::string> data;
    std::vector<Entry> entries;
  };
  struct ParsedQuery {
    std::vector<std::string> terms;
    /// Folded last word while it is being typed (matched as a prefix), else "".
    std::string prefix;
    std::string prefix_stem;
  };

  ParsedQuery Parse(std::string_view query) const;
  size_t ShardFor(std::string_view term) const;
  const Shard* Loaded(const std::string& name) const;
  const Entry* Find(const Shard& shard, std::string_view term) const;
  std::string CardFileOf(std::string_view term) const;
  bool MayBeCompleted(const Entry& entry, const ParsedQuery& query) const;
  /// The loaded head shards' terms that start with the word being typed (or its stem), each
  /// once, at most `max`, in shard and term order.
  std::vector<const Entry*> Completions(const ParsedQuery& query, size_t max) const;
  using DocScores = std::vector<std::pair<uint32_t, double>>;
  void AddPostings(std::string_view postings, double weight, DocScores* out) const;
  DocScores TermPostings(const std::string& term) const;
  DocScores PrefixPostings(const ParsedQuery& query) const;

  SearchLanguage language_;
  uint32_t card_files_ = 0;
  std::vector<std::string> first_terms_;
  std::vector<bool> has_tail_;
  std::vector<Shard> shards_;
};

}  // namespace morsel::core
