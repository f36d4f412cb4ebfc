// The search query side (runtime/core/search.cc, the browser's search module): a query
// typed by a learner, and optionally the text of the index files it loads and of the
// manifest (parts split by "--8<--" lines; a corrupt index must read as fewer terms).
// The engine plans the files the query needs, loads them over up to three rounds as the
// glue does, and ranks, completes and snippets. Without index parts it uses a small fixed
// index whose terms the seeds use.
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "runtime/core/search.h"
#include "tests/fuzz/fuzz_input.h"

namespace {

namespace core = morsel::core;

std::string Line(const std::string& term, const std::vector<std::pair<uint32_t, uint32_t>>& postings, bool tail,
                 const char* next = nullptr) {
  std::string out = term + " " + std::to_string(postings.size() + (tail ? 3 : 0)) + (tail ? " 1 " : " 0 ");
  uint32_t previous = 0;
  for (const auto& [doc, score] : postings) {
    core::AppendSearchNumber(doc - previous, &out);
    core::AppendSearchNumber(score, &out);
    previous = doc;
  }
  if (next != nullptr) out += std::string(" ") + next;
  return out + "\n";
}

constexpr const char* kManifest = "morsel-search 2\nlanguage en\ndocs 8\ncards 4\nshard  0\nshard m 1\n";

/// The fixed index: terms of the demo content's security course.
const std::map<std::string, std::string>& Index() {
  static const std::map<std::string, std::string> files = [] {
    std::map<std::string, std::string> f;
    f["s0"] = Line("attach", {{1, 40}, {3, 90}}, false) + Line("fish", {{2, 30}}, false) +
              Line("link", {{1, 10}, {2, 20}, {6, 300}}, false);
    f["s1"] = Line("mfa", {{4, 80}}, false) + Line("password", {{4, 1000}, {5, 12}}, true) +
              Line("phish", {{0, 50}, {1, 60}, {7, 61}}, false) + Line("phishi", {{7, 3}}, false);
    f["t1"] = Line("password", {{6, 5}, {7, 6}, {2, 1}}, false);
    for (const char* term : {"attach", "fish", "link", "mfa", "password", "phish", "phishi"}) {
      const std::string name = "c/" + std::to_string(core::SearchCardFile(term, 4));
      f[name] += Line(term, {{1, 40}, {4, 90}}, false, "phishing");
    }
    return f;
  }();
  return files;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::vector<std::string> parts = morsel::fuzz::Parts(morsel::fuzz::Text(data, size), 3);
  const std::string& query = parts[0];
  core::SearchEngine engine;
  if (!engine.Init(parts[2].empty() ? kManifest : parts[2])) return 0;
  for (int round = 0; round < 3; ++round) {
    const std::vector<std::string> needed = engine.Plan(query);
    if (needed.empty()) break;
    for (const std::string& name : needed) {
      const auto fixed = Index().find(name);
      engine.AddShard(name, !parts[1].empty() ? parts[1] : fixed != Index().end() ? fixed->second : "");
    }
  }
  engine.Likely(query, 4);
  engine.Terms(query);
  size_t total = 0;
  engine.Query(query, 10, &total);
  engine.Query(query, 0, &total);
  engine.Snippet("Phishing emails ask you to open an attachment or follow a link; a password manager helps.", query,
                 24);
  engine.Snippet(query, query, 5);
  core::SearchPassages passages(query, core::SearchLanguageFor("en"));
  passages.Around("phish", 8);
  return 0;
}
