// The search module: plain C exports over runtime/core/search.h, built apart from the
// main runtime (bindings.cc) so that pages pay for search only once a learner uses it.
// Strings go in as NUL-terminated UTF-8 and come back in a buffer that stays valid until
// the next call (the glue, runtime/web/search.js, copies it at once). Nothing here throws:
// the engine reads bad input as less input.
#include <emscripten.h>

#include <string>

#include "runtime/core/search.h"
#include "runtime/wasm/keep_result.h"

namespace {

using morsel::wasm::Keep;

morsel::core::SearchEngine& Engine() {
  static morsel::core::SearchEngine engine;
  return engine;
}

std::string Text(const char* s) { return s == nullptr ? std::string() : std::string(s); }

void AppendNumber(size_t n, std::string* out) {
  char digits[24];
  int count = 0;
  do {
    digits[count++] = static_cast<char>('0' + n % 10);
    n /= 10;
  } while (n != 0);
  while (count > 0) *out += digits[--count];
}

}  // namespace

extern "C" {

/// 1 when the manifest was read.
EMSCRIPTEN_KEEPALIVE int morsel_search_init(const char* manifest) { return Engine().Init(Text(manifest)) ? 1 : 0; }

/// The shard names the query still needs, one per line.
EMSCRIPTEN_KEEPALIVE const char* morsel_search_plan(const char* query) {
  std::string out;
  for (const std::string& name : Engine().Plan(Text(query))) out += name + "\n";
  return Keep(std::move(out));
}

/// Card files to load ahead while a word is being typed, one per line (see Likely).
EMSCRIPTEN_KEEPALIVE const char* morsel_search_likely(const char* query, int count) {
  std::string out;
  for (const std::string& name : Engine().Likely(Text(query), count > 0 ? static_cast<size_t>(count) : 0)) {
    out += name + "\n";
  }
  return Keep(std::move(out));
}

EMSCRIPTEN_KEEPALIVE void morsel_search_add_shard(const char* name, const char* data) {
  Engine().AddShard(Text(name), Text(data));
}

/// The query's terms as the index has them, one per line (the glue looks up cards by term).
EMSCRIPTEN_KEEPALIVE const char* morsel_search_terms(const char* query) {
  std::string out;
  for (const std::string& term : Engine().Terms(Text(query))) out += term + "\n";
  return Keep(std::move(out));
}

/// First line: the number of matching documents; then "doc score" per result, best first.
EMSCRIPTEN_KEEPALIVE const char* morsel_search_query(const char* query, int limit) {
  size_t total = 0;
  const auto hits = Engine().Query(Text(query), limit > 0 ? static_cast<size_t>(limit) : 10, &total);
  std::string out;
  AppendNumber(total, &out);
  out += '\n';
  for (const auto& hit : hits) {
    AppendNumber(hit.doc, &out);
    out += ' ';
    AppendNumber(static_cast<size_t>(hit.score * 1000), &out);
    out += '\n';
  }
  return Keep(std::move(out));
}

/// A passage of `text` around the query's words; matches between \x01 and \x02.
EMSCRIPTEN_KEEPALIVE const char* morsel_search_snippet(const char* text, const char* query, int max_words) {
  return Keep(Engine().Snippet(Text(text), Text(query), max_words > 0 ? static_cast<size_t>(max_words) : 0));
}

}  // extern "C"
