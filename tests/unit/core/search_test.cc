#include "runtime/core/search.h"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include <catch2/catch.hpp>

namespace morsel::core {
namespace {

std::vector<std::string> Keys(std::string_view text) {
  std::vector<std::string> keys;
  for (const SearchWord& w : SplitSearchWords(text)) keys.push_back(w.key);
  return keys;
}

TEST_CASE("search words: split on spaces and punctuation, folded like typed answers") {
  CHECK(Keys("Hello, World!") == std::vector<std::string>{"hello", "world"});
  CHECK(Keys("Learner's guide: don't panic") == std::vector<std::string>{"learners", "guide", "dont", "panic"});
  CHECK(Keys("STRASSE Straße") == std::vector<std::string>{"strasse", "strasse"});
  CHECK(Keys("ÉCOLE naïve Ærø") == std::vector<std::string>{"ecole", "naive", "aero"});
  CHECK(Keys("ΟΔΥΣΣΕΥΣ Ωμέγα") == std::vector<std::string>{"οδυσσευσ", "ωμεγα"});
  CHECK(Keys("ДОМ Ёлка") == std::vector<std::string>{"дом", "елка"});
  CHECK(Keys("e\xCC\x81t\xC3\xA9") == std::vector<std::string>{"ete"});  // NFD and NFC
  CHECK(Keys("word\xE2\x80\x94other «quoted» a\xC2\xA0"
             "b") == std::vector<std::string>{"word", "other", "quoted", "a", "b"});
  CHECK(Keys("3.5 x_y C++") == std::vector<std::string>{"3", "5", "x", "y", "c"});
  CHECK(Keys(std::string(41, 'a') + " ok") == std::vector<std::string>{"ok"});
  std::vector<SearchWord> words = SplitSearchWords("  Über alles");
  REQUIRE(words.size() == 2);
  CHECK(words[0].begin == 2);
  CHECK(words[0].end == 7);  // "Über" is 5 bytes
}

TEST_CASE("Porter2: vectors from Snowball's English stemmer (libstemmer 2.2)") {
  // A sample of Debian's wamerican list stemmed by libstemmer; the whole list (88,363
  // words) matched when this stemmer was written.
  const std::pair<const char*, const char*> vectors[] = {{"a", "a"},
                                                         {"acrobaticss", "acrobaticss"},
                                                         {"activate", "activ"},
                                                         {"adjustable", "adjust"},
                                                         {"adjustment", "adjust"},
                                                         {"adoption", "adopt"},
                                                         {"aftertaste", "aftertast"},
                                                         {"agreed", "agre"},
                                                         {"airliner", "airlin"},
                                                         {"allowance", "allow"},
                                                         {"alloys", "alloy"},
                                                         {"analogously", "analog"},
                                                         {"andromaches", "andromach"},
                                                         {"angularity", "angular"},
                                                         {"appearances", "appear"},
                                                         {"arsenal", "arsenal"},
                                                         {"artichoke", "artichok"},
                                                         {"audacitys", "audac"},
                                                         {"badges", "badg"},
                                                         {"basiss", "basiss"},
                                                         {"bellyaching", "bellyach"},
                                                         {"biogens", "biogen"},
                                                         {"bluish", "bluish"},
                                                         {"bowdlerize", "bowdler"},
                                                         {"bowers", "bower"},
                                                         {"brokenhearted", "brokenheart"},
                                                         {"burrowing", "burrow"},
                                                         {"callousness", "callous"},
                                                         {"campuses", "campus"},
                                                         {"caresses", "caress"},
                                                         {"cartons", "carton"},
                                                         {"cats", "cat"},
                                                         {"cease", "ceas"},
                                                         {"cerises", "ceris"},
                                                         {"chicagoan", "chicagoan"},
                                                         {"citruses", "citrus"},
                                                         {"cobains", "cobain"},
                                                         {"communicants", "communic"},
                                                         {"communication", "communic"},
                                                         {"communism", "communism"},
                                                         {"conditional", "condit"},
                                                         {"congratulates", "congratul"},
                                                         {"consign", "consign"},
                                                         {"consigned", "consign"},
                                                         {"consigning", "consign"},
                                                         {"consignment", "consign"},
                                                         {"consist", "consist"},
                                                         {"consisted", "consist"},
                                                         {"consistency", "consist"},
                                                         {"convulsion", "convuls"},
                                                         {"county", "counti"},
                                                         {"crossbow", "crossbow"},
                                                         {"czar", "czar"},
                                                         {"decapitate", "decapit"},
                                                         {"decisiveness", "decis"},
                                                         {"defensible", "defens"},
                                                         {"demagog", "demagog"},
                                                         {"dependent", "depend"},
                                                         {"detaining", "detain"},
                                                         {"differently", "differ"},
                                                         {"diplomatic", "diplomat"},
                                                         {"disported", "disport"},
                                                         {"donnie", "donni"},
                                                         {"dubious", "dubious"},
                                                         {"dying", "die"},
                                                         {"editorship", "editorship"},
                                                         {"effective", "effect"},
                                                         {"electrical", "electr"},
                                                         {"electricity", "electr"},
                                                         {"embroider", "embroid"},
                                                         {"enticing", "entic"},
                                                         {"etymologist", "etymologist"},
                                                         {"exceeded", "exceed"},
                                                         {"expiates", "expiat"},
                                                         {"failing", "fail"},
                                                         {"falling", "fall"},
                                                         {"farmhands", "farmhand"},
                                                         {"feed", "feed"},
                                                         {"feudalism", "feudal"},
                                                         {"fijians", "fijian"},
                                                         {"filing", "file"},
                                                         {"fizzed", "fizz"},
                                                         {"flinchs", "flinch"},
                                                         {"foreswear", "foreswear"},
                                                         {"formality", "formal"},
                                                         {"formalize", "formal"},
                                                         {"formative", "format"},
                                                         {"frigid", "frigid"},
                                                         {"galveston", "galveston"},
                                                         {"generate", "generat"},
                                                         {"generously", "generous"},
                                                         {"germinated", "germin"},
                                                         {"gobbled", "gobbl"},
                                                         {"goodness", "good"},
                                                         {"greenes", "green"},
                                                         {"gusts", "gust"},
                                                         {"happy", "happi"},
                                                         {"harley", "harley"},
                                                         {"hellesponts", "hellespont"},
                                                         {"hissing", "hiss"},
                                                         {"hoagie", "hoagi"},
                                                         {"hopeful", "hope"},
                                                         {"hopefulness", "hope"},
                                                         {"hopping", "hop"},
                                                         {"hottentots", "hottentot"},
                                                         {"hysteric", "hyster"},
                                                         {"importance", "import"},
                                                         {"indoctrination", "indoctrin"},
                                                         {"inference", "infer"},
                                                         {"inning", "inning"},
                                                         {"insignificances", "insignific"},
                                                         {"invalidating", "invalid"},
                                                         {"irritant", "irrit"},
                                                         {"jamel", "jamel"},
                                                         {"jousted", "joust"},
                                                         {"kevorkian", "kevorkian"},
                                                         {"knack", "knack"},
                                                         {"kneel", "kneel"},
                                                         {"knelt", "knelt"},
                                                         {"kryptons", "krypton"},
                                                         {"laurasia", "laurasia"},
                                                         {"learners", "learner"},
                                                         {"learning", "learn"},
                                                         {"lessons", "lesson"},
                                                         {"levine", "levin"},
                                                         {"liveliest", "liveliest"},
                                                         {"lubricate", "lubric"},
                                                         {"maids", "maid"},
                                                         {"maribels", "maribel"},
                                                         {"mbs", "mbs"},
                                                         {"merrymaker", "merrymak"},
                                                         {"minibuss", "minibuss"},
                                                         {"modifying", "modifi"},
                                                         {"mothballing", "mothbal"},
                                                         {"motoring", "motor"},
                                                         {"mutsuhito", "mutsuhito"},
                                                         {"neodymiums", "neodymium"},
                                                         {"news", "news"},
                                                         {"nonempty", "nonempti"},
                                                         {"obligingly", "oblig"},
                                                         {"openoffices", "openoffic"},
                                                         {"operator", "oper"},
                                                         {"outshines", "outshin"},
                                                         {"painfuller", "painful"},
                                                         {"partied", "parti"},
                                                         {"penitent", "penit"},
                                                         {"pharmacologists", "pharmacologist"},
                                                         {"pitch", "pitch"},
                                                         {"plastered", "plaster"},
                                                         {"polar", "polar"},
                                                         {"ponies", "poni"},
                                                         {"pouting", "pout"},
                                                         {"predication", "predic"},
                                                         {"pricelines", "pricelin"},
                                                         {"probate", "probat"},
                                                         {"proceeding", "proceed"},
                                                         {"proselytized", "proselyt"},
                                                         {"pusher", "pusher"},
                                                         {"quizzes", "quizz"},
                                                         {"radically", "radic"},
                                                         {"raffia", "raffia"},
                                                         {"rate", "rate"},
                                                         {"rational", "ration"},
                                                         {"reasonings", "reason"},
                                                         {"refinement", "refin"},
                                                         {"relational", "relat"},
                                                         {"renegotiating", "renegoti"},
                                                         {"replacement", "replac"},
                                                         {"retardants", "retard"},
                                                         {"revival", "reviv"},
                                                         {"riot", "riot"},
                                                         {"roll", "roll"},
                                                         {"rousing", "rous"},
                                                         {"running", "run"},
                                                         {"runs", "run"},
                                                         {"salisbury", "salisburi"},
                                                         {"scandinavia", "scandinavia"},
                                                         {"scythian", "scythian"},
                                                         {"sensibility", "sensibl"},
                                                         {"sensitivity", "sensit"},
                                                         {"serer", "serer"},
                                                         {"shines", "shine"},
                                                         {"silicons", "silicon"},
                                                         {"sing", "sing"},
                                                         {"sized", "size"},
                                                         {"skies", "sky"},
                                                         {"sky", "sky"},
                                                         {"slice", "slice"},
                                                         {"snowsuits", "snowsuit"},
                                                         {"spanishs", "spanish"},
                                                         {"spruced", "spruce"},
                                                         {"stench", "stench"},
                                                         {"stripes", "stripe"},
                                                         {"succeeding", "succeed"},
                                                         {"suitcase", "suitcas"},
                                                         {"swarms", "swarm"},
                                                         {"tamaras", "tamara"},
                                                         {"tanned", "tan"},
                                                         {"temporal", "tempor"},
                                                         {"thoughtfully", "thought"},
                                                         {"ties", "tie"},
                                                         {"toggling", "toggl"},
                                                         {"transfigurations", "transfigur"},
                                                         {"triplicate", "triplic"},
                                                         {"troubled", "troubl"},
                                                         {"truckers", "trucker"},
                                                         {"uk", "uk"},
                                                         {"unfastened", "unfasten"},
                                                         {"untreated", "untreat"},
                                                         {"variant", "variant"},
                                                         {"vilely", "vile"},
                                                         {"vinsons", "vinson"},
                                                         {"wanamakers", "wanamak"},
                                                         {"wesaks", "wesak"},
                                                         {"windswept", "windswept"},
                                                         {"wriggly", "wrigg"},
                                                         {"zeppelins", "zeppelin"}};
  for (const auto& [word, stem] : vectors) {
    INFO(word);
    CHECK(StemEnglish(word) == stem);
  }
  CHECK(StemEnglish("ωμεγα") == "ωμεγα");  // not English: left alone
}

TEST_CASE("languages: English stems and drops stop words, others do neither") {
  const SearchLanguage en = SearchLanguageFor("en-GB");
  CHECK(SearchTerm("running", en) == "run");
  CHECK(SearchTerm("the", en) == "");
  const SearchLanguage fr = SearchLanguageFor("fr");
  CHECK(SearchTerm("running", fr) == "running");
  CHECK(SearchTerm("the", fr) == "the");
  CHECK_FALSE(SearchLanguageFor("eo").stem_english);
  CHECK(IsEnglishStopWord("and"));
  CHECK_FALSE(IsEnglishStopWord("search"));
}

TEST_CASE("index numbers round-trip and reject bad data") {
  std::string text;
  const uint32_t values[] = {0, 1, 31, 32, 1023, 1024, 65535, 4000000000u};
  for (uint32_t v : values) AppendSearchNumber(v, &text);
  CHECK(text.find_first_of(" \n\"\\") == std::string::npos);
  size_t pos = 0;
  for (uint32_t v : values) {
    uint32_t n = 0;
    REQUIRE(ReadSearchNumber(text, &pos, &n));
    CHECK(n == v);
  }
  uint32_t n = 0;
  CHECK_FALSE(ReadSearchNumber(text, &pos, &n));
  pos = 0;
  CHECK_FALSE(ReadSearchNumber("0\"", &pos, &n));
  pos = 0;
  CHECK_FALSE(ReadSearchNumber("000", &pos, &n));  // never ends
}

/// One line of a shard: postings as (doc, score) pairs.
std::string Line(const std::string& term, std::vector<std::pair<uint32_t, uint32_t>> postings, bool tail = false,
                 size_t df = 0) {
  std::string out = term + " " + std::to_string(df == 0 ? postings.size() : df) + (tail ? " 1 " : " 0 ");
  uint32_t previous = 0;
  for (const auto& [doc, score] : postings) {
    AppendSearchNumber(doc - previous, &out);
    AppendSearchNumber(score, &out);
    previous = doc;
  }
  return out + "\n";
}

std::vector<uint32_t> Docs(const std::vector<SearchHit>& hits) {
  std::vector<uint32_t> docs;
  for (const SearchHit& h : hits) docs.push_back(h.doc);
  return docs;
}

SearchEngine TwoShards() {
  SearchEngine engine;
  REQUIRE(engine.Init("morsel-search 2\nlanguage en\ndocs 6\nshard  0\nshard m 1\n"));
  return engine;
}

/// The same two shards, with four card files.
SearchEngine WithCards() {
  SearchEngine engine;
  REQUIRE(engine.Init("morsel-search 2\nlanguage en\ndocs 6\ncards 4\nshard  0\nshard m 1\n"));
  return engine;
}

TEST_CASE("search engine: plans the shards a query needs, then ranks by score") {
  SearchEngine engine = TwoShards();
  CHECK(engine.Plan("") == std::vector<std::string>{});
  CHECK(engine.Plan("cats ") == std::vector<std::string>{"s0"});
  CHECK(engine.Plan("The quizzes ") == std::vector<std::string>{"s1"});  // "the" is a stop word
  engine.AddShard("s0", Line("cat", {{1, 40}, {2, 90}, {4, 10}}) + Line("dog", {{2, 30}, {3, 80}}));
  engine.AddShard("s1", Line("quizz", {{0, 50}, {5, 60}}, true, 5));
  CHECK(engine.Plan("cats ").empty());
  // Several words need whole lists: the tail of "quizz" now.
  CHECK(engine.Plan("cat quizzes ") == std::vector<std::string>{"t1"});
  size_t total = 0;
  CHECK(Docs(engine.Query("Cats ", 10, &total)) == std::vector<uint32_t>{2, 1, 4});
  CHECK(total == 3);
  CHECK(Docs(engine.Query("cats ", 2, &total)) == std::vector<uint32_t>{2, 1});
  CHECK(total == 3);
  // Documents with every word come first, then by summed score.
  CHECK(Docs(engine.Query("cat dog ", 10, &total)) == std::vector<uint32_t>{2, 3, 1, 4});
  engine.AddShard("t1", Line("quizz", {{1, 70}, {2, 10}, {3, 5}}));
  CHECK(Docs(engine.Query("quizzes cat ", 3, &total)) == std::vector<uint32_t>{1, 2, 5});
  CHECK(total == 6);
  CHECK(engine.Query("zebra ", 10, &total).empty());
  CHECK(total == 0);
}

TEST_CASE("search engine: a query is read up to kMaxSearchQueryBytes (256), cut at a character") {
  SearchEngine engine = TwoShards();
  engine.AddShard("s0", Line("cat", {{1, 40}, {2, 90}}) + Line("dog", {{2, 30}, {3, 80}}));
  // 100 KB of distinct words pasted: read as its first 256 bytes (the terms were each
  // compared with all before them: a megabyte took seconds).
  std::string huge = "cats dogs ";
  for (int i = 0; huge.size() < 100000; ++i) huge += "w" + std::to_string(i) + " ";
  const std::vector<std::string> terms = engine.Terms(huge);
  CHECK(terms.size() < 100);
  CHECK(terms == engine.Terms(huge.substr(0, kMaxSearchQueryBytes)));
  size_t total = 0;
  CHECK(Docs(engine.Query(huge, 10, &total)) == std::vector<uint32_t>{2, 3, 1});
  CHECK(engine.Snippet("cats and dogs", huge, 0)
            .find("\x01"
                  "cats\x02") != std::string::npos);
  // A cut never splits a character: 255 ASCII bytes and a two-byte 'é' read as the ASCII.
  const std::string split = std::string(255, 'a') + "\xc3\xa9";
  CHECK(engine.Terms(split) == engine.Terms(std::string(255, 'a')));
}

TEST_CASE("search engine: the word being typed matches as a prefix") {
  SearchEngine engine = TwoShards();
  CHECK(engine.Plan("do") == std::vector<std::string>{"s0"});
  engine.AddShard("s0", Line("cat", {{1, 40}}) + Line("doc", {{2, 50}}) + Line("dog", {{3, 60}}));
  size_t total = 0;
  CHECK(Docs(engine.Query("do", 10, &total)) == std::vector<uint32_t>{3, 2});
  CHECK(Docs(engine.Query("do ", 10, &total)).empty());  // finished: "do" is a stop word
  // The finished word counts more than a completion of it.
  engine.AddShard("s1", Line("program", {{5, 45}}) + Line("progress", {{4, 40}}));
  CHECK(Docs(engine.Query("progr", 10, &total)) == std::vector<uint32_t>{5, 4});
  CHECK(Docs(engine.Query("program", 10, &total)) == std::vector<uint32_t>{5});
  CHECK(Docs(engine.Query("program ", 10, &total)) == std::vector<uint32_t>{5});
}

/// A line of a card file: the head line, then the next term of the index.
std::string CardLine(const std::string& term, std::vector<std::pair<uint32_t, uint32_t>> postings,
                     const std::string& next) {
  std::string line = Line(term, std::move(postings));
  line.pop_back();
  return line + " " + next + "\n";
}

TEST_CASE("search engine: while a word is typed, the card files of its likely completions") {
  SearchEngine engine = WithCards();
  const auto card = [](const std::string& term) { return "c/" + std::to_string(SearchCardFile(term, 4)); };
  // Nothing is known before the shards of the word's range are loaded.
  CHECK(engine.Likely("dog", 3).empty());
  engine.AddShard("s0", Line("cat", {{1, 40}}, false, 9) + Line("doc", {{3, 20}}, false, 4) +
                            Line("dog", {{2, 30}}, false, 2) + Line("dogma", {{5, 90}}, false, 7) +
                            Line("dogmat", {{5, 10}}, false, 1));
  // Most frequent first, each file once; fewer when files are shared.
  std::vector<std::string> expected;
  for (const char* term : {"dogma", "dog", "dogmat"}) {
    if (std::find(expected.begin(), expected.end(), card(term)) == expected.end()) expected.push_back(card(term));
  }
  CHECK(engine.Likely("dog", 3) == expected);
  CHECK(engine.Likely("dog", 1) == std::vector<std::string>{card("dogma")});
  CHECK(engine.Likely("Dogm", 1) == std::vector<std::string>{card("dogma")});
  // Loaded files are not asked for again.
  engine.AddShard(card("dogma"), CardLine("dogma", {{5, 90}}, "dogmat"));
  for (const std::string& name : engine.Likely("dog", 3)) CHECK(name != card("dogma"));
  // Too short to guess, a finished word, several words, no completion: nothing.
  CHECK(engine.Likely("do", 3).empty());
  CHECK(engine.Likely("dog ", 3).empty());
  CHECK(engine.Likely("cat dog", 3).empty());
  CHECK(engine.Likely("dox", 3).empty());
  CHECK(engine.Likely("dog", 0).empty());
  // An index without card files has nothing to load ahead.
  SearchEngine plain = TwoShards();
  plain.AddShard("s0", Line("dog", {{2, 30}}));
  CHECK(plain.Likely("dog", 3).empty());
}

TEST_CASE("search engine: a one-word query loads its card file alone when that settles it") {
  // The file of a term is part of the index format: the generator and the module agree.
  CHECK(SearchCardFile("cat", 4) == 3);
  CHECK(SearchCardFile("quizz", 1000) == 178);
  CHECK(SearchCardFile("", 1000) == 261);
  CHECK(SearchCardFile("cat", 0) == 0);
  SearchEngine engine = WithCards();
  CHECK(engine.Terms("The cats and running cats ") == std::vector<std::string>{"cat", "run"});
  CHECK(engine.Plan("cats ") == std::vector<std::string>{"c/3"});              // not its head shard too
  CHECK(engine.Plan("cat quizzes ") == std::vector<std::string>{"s0", "s1"});  // several words: shards
  CHECK(engine.Plan("the ").empty());
  // The card file ranks the word on its own.
  engine.AddShard("c/3", CardLine("cat", {{1, 40}, {2, 90}, {4, 10}}, "dog") + CardLine("dogma", {{5, 9}}, ""));
  CHECK(engine.Plan("cats ").empty());
  size_t total = 0;
  CHECK(Docs(engine.Query("cats ", 10, &total)) == std::vector<uint32_t>{2, 1, 4});
  CHECK(total == 3);
  // Being typed: no term of the index starts with "cat" (the next one is "dog"), so no
  // completion can rank: the card file is enough too.
  CHECK(engine.Plan("cat").empty());
  CHECK(Docs(engine.Query("cat", 10, &total)) == std::vector<uint32_t>{2, 1, 4});
  // "dogma" follows "dog": while "dog" is being typed, its head shard (for completions).
  CHECK(engine.Plan("dog") == std::vector<std::string>{"c/1"});
  engine.AddShard("c/1", CardLine("doc", {{3, 20}}, "dog") + CardLine("dog", {{2, 30}, {3, 80}}, "dogma"));
  CHECK(engine.Plan("dogs ").empty());
  CHECK(engine.Plan("dog") == std::vector<std::string>{"s0"});
  engine.AddShard("s0", Line("cat", {{1, 40}, {2, 90}, {4, 10}}) + Line("doc", {{3, 20}}) +
                            Line("dog", {{2, 30}, {3, 80}}) + Line("dogma", {{5, 90}}));
  CHECK(engine.Plan("dog").empty());
  CHECK(Docs(engine.Query("dog", 10, &total)) == std::vector<uint32_t>{3, 5, 2});
  // Not in the index: a finished word needs nothing more; a word being typed, its range.
  CHECK(engine.Plan("quizzes ") == std::vector<std::string>{"c/2"});
  engine.AddShard("c/2", "");
  CHECK(engine.Plan("quizzes ").empty());
  CHECK(engine.Plan("quizzes") == std::vector<std::string>{"s1"});
  // The stem sorts before the word typed and the next term sorts between them: nothing is
  // known of the terms that start with the word, so its shard.
  engine.AddShard("c/1", "");  // already loaded: ignored
  SearchEngine happy = WithCards();
  happy.AddShard("c/1", CardLine("happi", {{1, 40}}, "happj"));
  CHECK(happy.Plan("happy ").empty());
  CHECK(happy.Plan("happy") == std::vector<std::string>{"s0"});
  // Once the head shard is here: the card file only for a word it holds.
  SearchEngine headed = WithCards();
  headed.AddShard("s0", Line("cat", {{1, 40}}));
  CHECK(headed.Plan("cats ") == std::vector<std::string>{"c/3"});
  CHECK(headed.Plan("cow ").empty());
  // Without "cards" in the manifest, shards as before.
  SearchEngine plain = TwoShards();
  CHECK(plain.Plan("cats ") == std::vector<std::string>{"s0"});
}

TEST_CASE("search engine: bad manifests and shards read as less") {
  SearchEngine engine;
  CHECK_FALSE(engine.Init(""));
  CHECK_FALSE(engine.Init("not a manifest\nshard a 0\n"));
  CHECK_FALSE(engine.Init("morsel-search 1\nlanguage en\nshard  0\n"));  // an older index
  SearchEngine ok = TwoShards();
  ok.AddShard("s1", "cat 2 0 \x01\x02\ncat\nbad line here 0 0\n b 1 0 WW\nzz 1 0 WW\naa 1 0 WW\n");
  size_t total = 0;
  CHECK(ok.Query("zz ", 10, &total).size() == 1);
  CHECK(ok.Query("aa ", 10, &total).empty());  // out of order: dropped
}

TEST_CASE("snippets: a window around the query's words, matches marked") {
  SearchEngine engine = TwoShards();
  CHECK(engine.Snippet("Cats and dogs", "cat", 0) ==
        "\x01"
        "Cats\x02 and dogs");
  CHECK(engine.Snippet("Running late", "run ", 0) ==
        "\x01"
        "Running\x02 late");
  std::string text;
  for (int i = 0; i < 40; ++i) text += "filler" + std::to_string(i) + " ";
  text += "the quick fox jumps. ";
  for (int i = 40; i < 80; ++i) text += "filler" + std::to_string(i) + " ";
  const std::string snippet = engine.Snippet(text, "foxes", 8);
  CHECK(snippet ==
        "\xE2\x80\xA6 the quick \x01"
        "fox\x02 jumps. filler40 filler41 filler42 filler43 \xE2\x80\xA6");
  // The window with both words wins over an earlier one with only one.
  const std::string two = engine.Snippet("fox alpha beta gamma delta fox jumps", "fox jump", 2);
  CHECK(two ==
        "\xE2\x80\xA6 \x01"
        "fox\x02 \x01"
        "jumps\x02");
  CHECK(engine.Snippet("", "fox", 10) == "");
  CHECK(engine.Snippet("no match here", "fox", 0) == "no match here");
  // Words that only share a first letter with the query are not matches.
  CHECK(engine.Snippet("Fixing foxes, fast", "foxing ", 0) ==
        "Fixing \x01"
        "foxes\x02, fast");
  CHECK(engine.Snippet("Fixing foxes, fast", "fi", 0) ==
        "\x01"
        "Fixing\x02 foxes, fast");
  CHECK(engine.Snippet("Èclair eclairs", "eclair ", 0) ==
        "\x01"
        "Èclair\x02 \x01"
        "eclairs\x02");
}

TEST_CASE("card passages: the snippet of a one-word query, without marks") {
  SearchEngine engine = TwoShards();
  std::string text;
  for (int i = 0; i < 40; ++i) text += "filler" + std::to_string(i) + " ";
  text += "the quick Fox jumps over foxes. ";
  for (int i = 40; i < 80; ++i) text += "filler" + std::to_string(i) + " ";
  SearchPassages passages(text, SearchLanguageFor("en"));
  const std::string passage = passages.Around("fox", 8);
  CHECK(passage == "\xE2\x80\xA6 the quick Fox jumps over foxes. filler40 filler41 \xE2\x80\xA6");
  // What the glue shows: the passage, marked for the query as typed.
  CHECK(engine.Snippet(passage, "fox ", 8) ==
        "\xE2\x80\xA6 the quick \x01"
        "Fox\x02 jumps over \x01"
        "foxes\x02. filler40 filler41 \xE2\x80\xA6");
  std::string marked = engine.Snippet(text, "fox ", 8);
  marked.erase(std::remove_if(marked.begin(), marked.end(), [](char c) { return c == '\x01' || c == '\x02'; }),
               marked.end());
  CHECK(marked == passage);
  CHECK(passages.Around("jump", 0) == text);
  CHECK(passages.Around("zebra", 4) == "filler0 filler1 filler2 filler3 \xE2\x80\xA6");
  CHECK(SearchPassages("", SearchLanguageFor("en")).Around("fox", 8).empty());
  // Other languages: the term is the folded word.
  CHECK(SearchPassages("Les renards courent", SearchLanguageFor("fr")).Around("renards", 1) ==
        "\xE2\x80\xA6 renards \xE2\x80\xA6");
}

TEST_CASE("search engine: short shards stay readable when more are loaded") {
  // Found by tests/fuzz (search_query): a shard of fewer than 16 bytes kept its text in
  // the std::string itself, and loading more shards moved it, leaving every term of the
  // shard pointing at freed memory (AddressSanitizer: heap-use-after-free).
  SearchEngine engine;
  REQUIRE(engine.Init("morsel-search 2\nlanguage en\ndocs 6\nshard  0\nshard d 0\nshard f 0\nshard h 0\nshard j 0\n"));
  engine.AddShard("s0", Line("cat", {{1, 40}}));
  REQUIRE(Line("cat", {{1, 40}}).size() < 16);
  engine.AddShard("s1", Line("dog", {{2, 30}}));
  engine.AddShard("s2", Line("fox", {{3, 20}}));
  engine.AddShard("s3", Line("hen", {{4, 10}}));
  engine.AddShard("s4", Line("jay", {{5, 10}}));
  size_t total = 0;
  CHECK(Docs(engine.Query("cat", 10, &total)) == std::vector<uint32_t>{1});
  CHECK(Docs(engine.Query("dog", 10, &total)) == std::vector<uint32_t>{2});
  CHECK(Docs(engine.Query("jay", 10, &total)) == std::vector<uint32_t>{5});
}

}  // namespace
}  // namespace morsel::core
