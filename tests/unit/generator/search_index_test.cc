#include "generator/search_index.h"

#include <algorithm>
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "generator/build.h"
#include "runtime/core/search.h"
#include "tests/unit/generator/site_fixture.h"

namespace morsel::gen {
namespace {

// Words that appear only in answers, options, feedback and hints: none may reach the index.
const char* kSecretWords[] = {"zanzibarcorrect", "wrongoptionword", "feedbackword",   "hintword",
                              "xylophonia",      "xylophonic",      "accepted42word", "incorrectfeedback",
                              "dropchoiceright", "dropchoicewrong"};

const char* kLesson =
    "---\ntitle: Volcano basics\n---\nMagma rises through the crust.\n\n## Eruption types\n\n"
    "Lava flows slowly.\n\n"
    "```quiz\n"
    "questions:\n"
    "  - prompt: \"Which promptword island?\"\n"
    "    hint: \"A hintword helps\"\n"
    "    options:\n"
    "      - text: \"Zanzibarcorrect\"\n"
    "        correct: true\n"
    "        feedback: \"Feedbackword yes\"\n"
    "      - text: \"Wrongoptionword\"\n"
    "  - type: fill_blanks\n"
    "    prompt: \"Complete the gapword.\"\n"
    "    text: \"Play the [[xylophonia|Xylophonic|accepted42word]] now.\"\n"
    "    feedback_incorrect: \"Incorrectfeedback\"\n"
    "  - type: dropdown\n"
    "    prompt: \"Pick one.\"\n"
    "    text: \"It is [[*dropchoiceright|dropchoicewrong]].\"\n"
    "```\n";

MemoryFileSystem Site(const std::string& language = "en") {
  MemoryFileSystem fs;
  std::string error;
  fs.WriteFile("content/site.yml", "title: Mini\nid: mini\nlanguage: " + language + "\n", &error);
  fs.WriteFile("content/geo/_index.md", "---\ntitle: Geology\n---\nAbout rocks.\n", &error);
  fs.WriteFile("content/geo/01-mod/_index.md", "---\ntitle: Volcanoes\n---\n", &error);
  fs.WriteFile("content/geo/01-mod/01-basics.md", kLesson, &error);
  fs.WriteFile("content/geo/01-mod/02-running.md",
               "---\ntitle: Running lava\n---\nThe volcanoes were erupting and running hot.\n", &error);
  return fs;
}

void Build(MemoryFileSystem* fs) {
  DiagnosticSink sink;
  BuildOptions options;
  BuildStats stats;
  const bool ok = BuildSite(fs, options, &stats, &sink);
  INFO(sink.Format());
  REQUIRE(ok);
}

/// The string argument of `MorselSearch.x(…, "<text>");`.
std::string Payload(const std::string& script) {
  const size_t comma = script.find(',');
  const size_t open = script.find('(');
  const size_t from = comma == std::string::npos ? open + 1 : comma + 1;
  return nlohmann::json::parse(script.substr(from, script.rfind(')') - from)).get<std::string>();
}

/// The manifest, from `search/manifest.js`: `MorselSearch.manifest("<text>", "<folder>");`,
/// whose folder is the one holding the index's other files.
std::string Manifest(const MemoryFileSystem& fs) {
  const std::string& script = fs.files().at("site/search/manifest.js");
  const std::string prefix = "MorselSearch.manifest(";
  REQUIRE(script.rfind(prefix, 0) == 0);
  const nlohmann::json args =
      nlohmann::json::parse("[" + script.substr(prefix.size(), script.rfind(')') - prefix.size()) + "]");
  REQUIRE(args.size() == 2);
  CHECK(FindPublished(fs, "site/search/") == "site/search/" + args[1].get<std::string>() + "/");
  return args[0].get<std::string>();
}

/// The arguments of `MorselSearch.cards("c/<n>", "<lines>", {…});`: the engine's lines and
/// the glue's cards.
std::pair<std::string, nlohmann::json> CardFile(const std::string& script) {
  const size_t name_end = script.find("\",");
  REQUIRE(name_end != std::string::npos);
  size_t end = name_end + 3;  // after the opening quote of the lines
  while (end < script.size() && script[end] != '"') end += script[end] == '\\' ? 2 : 1;
  REQUIRE(end < script.size());
  const std::string lines = nlohmann::json::parse(script.substr(name_end + 2, end - name_end - 1)).get<std::string>();
  const size_t cards = end + 2;  // after `",`
  return {lines, nlohmann::json::parse(script.substr(cards, script.rfind(')') - cards))};
}

/// A search engine fed with every shard of the built site.
core::SearchEngine Engine(const MemoryFileSystem& fs) {
  core::SearchEngine engine;
  const std::string index = FindPublished(fs, "site/search/");
  REQUIRE(engine.Init(Manifest(fs)));
  for (const auto& [path, contents] : fs.files()) {
    if (path.rfind(index + "s", 0) == 0 || path.rfind(index + "t", 0) == 0) {
      const std::string name = path.substr(index.size(), path.size() - index.size() - 3);
      engine.AddShard(name, Payload(contents));
    }
  }
  return engine;
}

std::vector<std::string> Titles(const MemoryFileSystem& fs, const core::SearchEngine& engine,
                                const std::string& query) {
  size_t total = 0;
  std::vector<std::string> titles;
  for (const core::SearchHit& hit : engine.Query(query, 10, &total)) {
    const std::string doc = fs.files().at(FindPublished(fs, "site/search/") + "d/" + std::to_string(hit.doc) + ".js");
    const size_t comma = doc.find(',');
    titles.push_back(nlohmann::json::parse(doc.substr(comma + 1, doc.rfind(')') - comma - 1)).at("t"));
  }
  return titles;
}

TEST_CASE("page text: prose, headings and prompts, never options, answers or feedback") {
  PageText text = ExtractPageText(
      "<p>Intro &amp; more&#8230;</p><h2 id=\"x\">Key <em>idea</em></h2><p>Body</p>"
      "<section class=\"morsel-quiz\" data-morsel-block=\"b\"><h2>Check</h2><noscript>No JS</noscript>"
      "<form><fieldset><legend><span class=\"morsel-question-number\">Question 1 of 2: </span>"
      "What <strong>is</strong> it?</legend><label>Option text</label></fieldset>"
      "<details><summary>Hint</summary><p>Hint text</p></details>"
      "<div class=\"morsel-feedback\"></div></form>"
      "<script type=\"application/json\">{\"key\":\"</section>secret\"}</script></section>"
      "<p>After</p>");
  CHECK(text.text == "Intro & more\xE2\x80\xA6 Key idea Body What is it? After");
  CHECK(text.headings == "Key idea");
}

TEST_CASE("search index: written beside the site, answers never in it") {
  MemoryFileSystem fs = Site();
  Build(&fs);
  const std::string index = FindPublished(fs, "site/search/");
  REQUIRE_FALSE(index.empty());
  REQUIRE(fs.IsFile("site/search/manifest.js"));
  REQUIRE_FALSE(fs.IsFile(index + "manifest.js"));
  REQUIRE(fs.IsFile(index + "s0.js"));
  REQUIRE(fs.IsFile("site/search/index.html"));
  for (const char* file : {"site/runtime/search.js", "site/runtime/morsel-search.js", "site/runtime/morsel-search.wasm",
                           "site/runtime/morsel-search.wasm.js"}) {
    INFO(file);
    CHECK_FALSE(FindPublished(fs, file).empty());
  }
  for (const auto& [path, contents] : fs.files()) {
    if (path.rfind("site/search/", 0) != 0) continue;
    std::string lower = contents;
    for (char& c : lower) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    for (const char* secret : kSecretWords) {
      INFO(path << " holds " << secret);
      CHECK(lower.find(secret) == std::string::npos);
      CHECK(lower.find(core::StemEnglish(secret)) == std::string::npos);
    }
  }
  const std::string page = fs.files().at("site/search/index.html");
  CHECK(page.find("Searching this site needs JavaScript") != std::string::npos);
  CHECK(page.find("href=\"../" + FindPublished(fs, "site/assets/morsel.css").substr(5) + "\"") != std::string::npos);
  // The page is the layout's, with the same <body> data as every page.
  CHECK(page.find("data-morsel-site=") != std::string::npos);
  CHECK(page.find("data-morsel-content-version=") != std::string::npos);
}

TEST_CASE("search index: titles outrank headings outrank body; prompts and stems are found") {
  MemoryFileSystem fs = Site();
  Build(&fs);
  core::SearchEngine engine = Engine(fs);
  CHECK(Titles(fs, engine, "promptword ") == std::vector<std::string>{"Volcano basics"});
  // A heading ("Eruption types") counts more than body text ("erupting").
  CHECK(Titles(fs, engine, "eruptions ") == std::vector<std::string>{"Volcano basics", "Running lava"});
  // "Running lava" has it in its title, "Volcano basics" in its body.
  CHECK(Titles(fs, engine, "lava ") == std::vector<std::string>{"Running lava", "Volcano basics"});
  CHECK(Titles(fs, engine, "volcano ") == std::vector<std::string>{"Volcano basics", "Running lava"});
  CHECK(Titles(fs, engine, "runs ") == std::vector<std::string>{"Running lava"});
  CHECK(Titles(fs, engine, "volc") == std::vector<std::string>{"Volcano basics", "Running lava"});
  CHECK(Titles(fs, engine, "rocks ") == std::vector<std::string>{"Geology"});
  CHECK(Titles(fs, engine, "zanzibarcorrect ").empty());
  CHECK(Titles(fs, engine, "hintword ").empty());
  const std::string doc = fs.files().at(FindPublished(fs, "site/search/") + "d/1.js");
  CHECK(doc.find("\"u\":\"geo/mod/basics.html\"") != std::string::npos);
  CHECK(doc.find("\"p\":\"Geology \xE2\x80\xBA Volcanoes\"") != std::string::npos);
}

TEST_CASE("search index: a one-word query's best results come with cards, no fragment needed") {
  MemoryFileSystem fs = Site();
  Build(&fs);
  const std::string index = FindPublished(fs, "site/search/");
  core::SearchEngine engine = Engine(fs);
  const std::string manifest = Manifest(fs);
  const size_t at = manifest.find("\ncards ");
  REQUIRE(at != std::string::npos);
  const int files = std::stoi(manifest.substr(at + 7));
  CHECK(files >= 1);
  // Every card file exists, empty or not: one is asked for before the head tells whether
  // the word is in the index.
  int written = 0;
  for (const auto& [path, contents] : fs.files()) written += path.rfind(index + "c/", 0) == 0 ? 1 : 0;
  CHECK(written == files);
  for (const char* query : {"lava ", "volcano ", "runs ", "rocks ", "lava", "rock"}) {
    INFO(query);
    const std::vector<std::string> terms = engine.Terms(query);
    REQUIRE(terms.size() == 1);
    const std::string file = "c/" + std::to_string(core::SearchCardFile(terms[0], static_cast<uint32_t>(files)));
    // The card file alone answers the query as the whole index does.
    core::SearchEngine alone;
    REQUIRE(alone.Init(Manifest(fs)));
    CHECK(alone.Plan(query) == std::vector<std::string>{file});
    const auto [lines, all_cards] = CardFile(fs.files().at(index + file + ".js"));
    alone.AddShard(file, lines);
    CHECK(alone.Plan(query).empty());
    size_t total = 0;
    const std::vector<core::SearchHit> hits = engine.Query(query, core::kSearchCardsPerTerm, &total);
    size_t alone_total = 0;
    const std::vector<core::SearchHit> alone_hits = alone.Query(query, core::kSearchCardsPerTerm, &alone_total);
    REQUIRE(alone_hits.size() == hits.size());
    for (size_t k = 0; k < hits.size(); ++k) CHECK(alone_hits[k].doc == hits[k].doc);
    CHECK(alone_total == total);
    // The cards are the query's results, in order, each as its fragment has it.
    const nlohmann::json cards = all_cards.at(terms[0]);
    REQUIRE(cards.size() == hits.size());
    for (size_t k = 0; k < hits.size(); ++k) {
      const nlohmann::json& card = cards[k];
      CHECK(card.at(0) == hits[k].doc);
      const std::string doc = fs.files().at(index + "d/" + std::to_string(hits[k].doc) + ".js");
      const nlohmann::json fragment =
          nlohmann::json::parse(doc.substr(doc.find(',') + 1, doc.rfind(')') - doc.find(',') - 1));
      CHECK(card.at(1) == fragment.at("t"));
      CHECK(card.at(2) == fragment.at("u"));
      CHECK(card.at(3) == fragment.at("p"));
      // The passage is what the snippet of the whole text would be, without its marks.
      std::string snippet =
          engine.Snippet(fragment.at("x").get<std::string>(), terms[0] + " ", core::kSearchPassageWords);
      snippet.erase(std::remove_if(snippet.begin(), snippet.end(), [](char c) { return c == '\x01' || c == '\x02'; }),
                    snippet.end());
      CHECK(card.at(4) == snippet);
    }
  }
  const nlohmann::json lava =
      CardFile(fs.files().at(index + "c/" + std::to_string(core::SearchCardFile("lava", static_cast<uint32_t>(files))) +
                             ".js"))
          .second.at("lava");
  // A word being typed that is no term ("volc") may be the start of several: its shard
  // after the card file.
  core::SearchEngine typing;
  REQUIRE(typing.Init(Manifest(fs)));
  const std::string volc = "c/" + std::to_string(core::SearchCardFile("volc", static_cast<uint32_t>(files)));
  CHECK(typing.Plan("volc") == std::vector<std::string>{volc});
  typing.AddShard(volc, CardFile(fs.files().at(index + volc + ".js")).first);
  REQUIRE(typing.Plan("volc").size() == 1);
  CHECK(typing.Plan("volc")[0].rfind("s", 0) == 0);
  CHECK(lava.at(0).at(1) == "Running lava");
  CHECK(lava.at(1).at(4) ==
        "Magma rises through the crust. Eruption types Lava flows slowly. Which promptword island? "
        "Complete the gapword. Pick one.");
}

TEST_CASE("search index: other languages are not stemmed") {
  MemoryFileSystem fs = Site("fr");
  Build(&fs);
  core::SearchEngine engine = Engine(fs);
  CHECK(Titles(fs, engine, "runs ").empty());
  CHECK(Titles(fs, engine, "running ") == std::vector<std::string>{"Running lava"});
}

TEST_CASE("search index: shards by term range; a one-word query plans one small head") {
  MemoryFileSystem fs;
  std::string error;
  fs.WriteFile("content/site.yml", "title: Big\nid: big\n", &error);
  fs.WriteFile("content/c/_index.md", "---\ntitle: C\n---\n", &error);
  fs.WriteFile("content/c/m/_index.md", "---\ntitle: M\n---\n", &error);
  for (int i = 0; i < 120; ++i) {
    std::string body;
    for (int w = 0; w < 60; ++w) body += "word" + std::to_string((i * 7 + w * 13) % 400) + " common ";
    fs.WriteFile("content/c/m/l" + std::to_string(1000 + i) + ".md",
                 "---\ntitle: Lesson " + std::to_string(i) + "\n---\n" + body + "\n", &error);
  }
  Build(&fs);
  core::SearchEngine engine;
  const std::string index = FindPublished(fs, "site/search/");
  REQUIRE(engine.Init(Manifest(fs)));
  const std::vector<std::string> plan = engine.Plan("word17 ");
  REQUIRE(plan.size() == 1);  // its card file, alone
  CHECK(plan[0].rfind("c/", 0) == 0);
  const std::string card_file = fs.files().at(index + plan[0] + ".js");
  CHECK(card_file.size() < 8000);
  engine.AddShard(plan[0], CardFile(card_file).first);
  CHECK(engine.Plan("word17 ").empty());
  size_t total = 0;
  CHECK_FALSE(engine.Query("word17 ", 10, &total).empty());
  // Being typed, "word17" may be the start of "word170": its small head shard then.
  const std::vector<std::string> typed = engine.Plan("word17");
  REQUIRE(typed.size() == 1);
  CHECK(typed[0].rfind("s", 0) == 0);
  CHECK(fs.files().at(index + typed[0] + ".js").size() < 16000);
  CHECK(fs.IsFile(index + "s1.js"));  // cut into several shards
  // "common" is in all 120 lessons: its head holds the best few, the rest is a tail.
  const std::string common = engine.Plan("common ").at(0);
  engine.AddShard(common, CardFile(fs.files().at(index + common + ".js")).first);
  CHECK(engine.Query("common ", 10, &total).size() == 10);
  CHECK(total == core::kHeadPostings);
  // Several words are ranked with whole lists: heads, then the tail of "common".
  for (const std::string& head : engine.Plan("common word17 ")) {
    CHECK(head.rfind("s", 0) == 0);
    engine.AddShard(head, Payload(fs.files().at(index + head + ".js")));
  }
  const std::vector<std::string> tails = engine.Plan("common word17 ");
  REQUIRE(tails.size() == 1);
  CHECK(tails[0].rfind("t", 0) == 0);
}

}  // namespace
}  // namespace morsel::gen

namespace morsel::gen {
namespace {

TEST_CASE("search index: the number of card files changes rarely as words come and go") {
  CHECK(SearchCardFileCount(0, 1.5) == 1);
  CHECK(SearchCardFileCount(3, 1.5) == 2);
  size_t changes = 0;
  uint32_t last = SearchCardFileCount(10000, 1.5);
  for (size_t terms = 10000; terms <= 30000; ++terms) {
    const uint32_t count = SearchCardFileCount(terms, 1.5);
    CHECK(count >= terms / 1.5);              // never more terms per file than asked
    CHECK(count <= terms / 1.5 * 1.035 + 1);  // and at most a 32nd more files
    changes += count != last ? 1 : 0;
    last = count;
  }
  CHECK(changes < 60);  // steps of a 64th to a 32nd of the count: one every 96 to 384 words here
}

}  // namespace
}  // namespace morsel::gen
