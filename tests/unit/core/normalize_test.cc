#include "runtime/core/normalize.h"

#include <cmath>
#include <string>

#include <catch2/catch.hpp>

namespace morsel::core {
namespace {

NormalizeOptions Defaults() { return {}; }

NormalizeOptions KeepAll() {
  NormalizeOptions options;
  options.case_sensitive = true;
  options.keep_diacritics = true;
  options.keep_punctuation = true;
  options.keep_inner_whitespace = true;
  return options;
}

std::string Normalize(std::string_view text) { return NormalizeAnswer(text, Defaults()); }

struct Vector {
  const char* input;
  const char* expected;
};

TEST_CASE("default normalisation: a table of vectors") {
  const Vector vectors[] = {
      // Case folding: Latin, Latin-1, Extended-A/B, Greek, Cyrillic, Armenian.
      {"ÉCOLE", "ecole"},
      {"Hello World", "hello world"},
      {"ΣΟΦΙΑ", "σοφια"},
      {"ΣΟΦΟΣ σοφός", "σοφοσ σοφοσ"},  // final sigma folds to σ
      {"МОСКВА", "москва"},
      {"ЁЛКА", "елка"},
      {"ԱՐԱՐԱՏ", "արարատ"},
      {"ǄEMAL", "dzemal"},
      // Diacritics.
      {"crème brûlée", "creme brulee"},
      {"Ångström", "angstrom"},
      {"Łódź", "lodz"},
      {"Øresund", "oresund"},
      {"Æsir", "aesir"},
      {"Œuvre", "oeuvre"},
      {"Straße", "strasse"},
      {"STRAẞE", "strasse"},
      {"Đà Nẵng", "da nang"},
      {"Nguyễn Thị Minh Khai", "nguyen thi minh khai"},
      {"Ἀθῆναι", "αθηναι"},
      {"Ελλάδα", "ελλαδα"},
      {"ΐ", "ι"},
      {"Ħal Għaxaq", "hal ghaxaq"},
      {"Istanbul İzmir ılık", "istanbul izmir ilik"},
      {"ƒ ƀ ȼ", "f b c"},
      {"моло\u0301ко", "молоко"},  // a stress mark on a Cyrillic letter is dropped
      {"йод", "йод"},              // й is a letter of its own
      {"ёж", "еж"},
      {"Þór", "þor"},
      // Punctuation.
      {"¿Qué tal?", "que tal"},
      {"«Bonjour», dit-il…", "bonjour ditil"},
      {"“quoted” ‘text’", "quoted text"},
      {"don't", "dont"},
      {"don’t", "dont"},
      {"don´t", "dont"},
      {"l·l", "ll"},
      {"a — b – c", "a b c"},
      {"3.5", "3.5"},  // a decimal point between digits stays…
      {"35.", "35"},   // …a full stop does not
      {"1,000", "1,000"},
      {"C++", "c++"},  // symbols are not punctuation
      {"5 €", "5 €"},
      {"x = y + 1", "x = y + 1"},
      {"C#", "c"},
      // Whitespace.
      {"  New   York  ", "new york"},
      {"New\u00a0York", "new york"},
      {"new\tyork\n", "new york"},
      {"\u3000東京\u2003タワー\u202f", "東京 タワー"},
      {"", ""},
      {"   ", ""},
      {"?!", ""},
      // Invisible characters, fullwidth forms.
      {"soft\u00adware", "software"},
      {"\xef\xbb\xbfword\u200b", "word"},
      {"ＡＢＣ１２３！", "abc123"},
      // Other scripts and emoji pass through.
      {"東京", "東京"},
      {"שלום", "שלום"},
      {"😀", "😀"},
      {"👨\u200d👩\u200d👧", "👨\u200d👩\u200d👧"},
      {"👍🏽", "👍🏽"},
      {"#\ufe0f\u20e3", "#\ufe0f\u20e3"},
      {"I ❤️ Paris!", "i ❤️ paris"},
  };
  for (const Vector& v : vectors) {
    INFO(v.input);
    CHECK(Normalize(v.input) == v.expected);
  }
}

TEST_CASE("each option turns its step off") {
  NormalizeOptions options;
  options.case_sensitive = true;
  CHECK(NormalizeAnswer("ÉCOLE Œuvre", options) == "ECOLE OEuvre");
  CHECK(NormalizeAnswer("STRAẞE", options) == "STRASSE");

  options = {};
  options.keep_diacritics = true;
  CHECK(NormalizeAnswer("ÉCOLE", options) == "école");
  CHECK(NormalizeAnswer("Straße", options) == "straße");
  CHECK(NormalizeAnswer("STRAẞE", options) == "straße");  // ẞ folds to ß, not "ss"
  CHECK(NormalizeAnswer("Ἀθῆναι", options) == "ἀθῆναι");
  CHECK(NormalizeAnswer("Ø", options) == "ø");

  options = {};
  options.keep_punctuation = true;
  CHECK(NormalizeAnswer("¿Qué tal?", options) == "¿que tal?");
  CHECK(NormalizeAnswer("don't", options) == "don't");

  options = {};
  options.keep_inner_whitespace = true;
  CHECK(NormalizeAnswer("  New \t York \n", options) == "new \t york");
  CHECK(NormalizeAnswer("a\u00a0\u00a0b", options) == "a\u00a0\u00a0b");

  CHECK(NormalizeAnswer(" ¿Ça va, Élodie? ", KeepAll()) == "¿Ça va, Élodie?");
}

TEST_CASE("precomposed (NFC) and decomposed (NFD) input give the same key") {
  const Vector pairs[] = {
      {"\u00e9cole", "e\u0301cole"},
      {"\u00c5ngstr\u00f6m", "A\u030angstro\u0308m"},
      {"Vi\u1ec7t Nam", "Vie\u0323\u0302t Nam"},
      {"Vi\u1ec7t Nam", "Vie\u0302\u0323t Nam"},  // marks in non-canonical order
      {"Vi\u1ec7t Nam", "Vi\u00ea\u0323t Nam"},   // partly composed
      {"\u1f08\u03b8\u1fc6\u03bd\u03b1\u03b9", "\u0391\u0313\u03b8\u03b7\u0342\u03bd\u03b1\u03b9"},
      {"\u1fb7", "\u03b1\u0342\u0345"},
      {"\u0439\u043e\u0434", "\u0438\u0306\u043e\u0434"},
      {"\u0451\u0436", "\u0435\u0308\u0436"},
      {"\u212b", "\u00c5"},  // ANGSTROM SIGN is canonically Å
  };
  for (const NormalizeOptions& options : {Defaults(), KeepAll()}) {
    for (const Vector& pair : pairs) {
      INFO(pair.input << " / keep_diacritics " << options.keep_diacritics);
      CHECK(NormalizeAnswer(pair.input, options) == NormalizeAnswer(pair.expected, options));
    }
  }
  // With diacritics kept, the key is in NFC.
  CHECK(NormalizeAnswer("e\u0301cole", KeepAll()) == "\u00e9cole");
  CHECK(NormalizeAnswer("Vie\u0302\u0323t", KeepAll()) == "Vi\u1ec7t");
  CHECK(NormalizeAnswer("\u0438\u0306", KeepAll()) == "\u0439");
  // Stripping keeps й whichever way it was typed, and drops stand-alone marks.
  CHECK(Normalize("\u0438\u0306") == "\u0439");
  CHECK(Normalize("\u043e\u0301") == "\u043e");
}

TEST_CASE("invalid UTF-8 becomes U+FFFD, one per maximal subpart, without crashing") {
  const std::string fffd = "\xef\xbf\xbd";
  CHECK(NormalizeAnswer("a\xff"
                        "b",
                        KeepAll()) == "a" + fffd + "b");
  CHECK(NormalizeAnswer("\xc3", KeepAll()) == fffd);  // truncated at the end
  CHECK(NormalizeAnswer("\xe2\x82"
                        "x",
                        KeepAll()) == fffd + "x");                          // truncated, then ASCII
  CHECK(NormalizeAnswer("\xc0\xaf", KeepAll()) == fffd + fffd);             // overlong '/'
  CHECK(NormalizeAnswer("\xed\xa0\x80", KeepAll()) == fffd + fffd + fffd);  // surrogate
  CHECK(NormalizeAnswer("\xf4\x90\x80\x80", KeepAll()) == fffd + fffd + fffd + fffd);
  CHECK(NormalizeAnswer("\xf0\x9f\x98", KeepAll()) == fffd);  // truncated emoji
  CHECK(Normalize(std::string("A\0B", 3)) == std::string("a\0b", 3));
  // Every byte sequence of length 2 normalises without crashing to valid UTF-8 text.
  for (int first = 0; first < 256; ++first) {
    for (int second = 0; second < 256; ++second) {
      const char bytes[] = {static_cast<char>(first), static_cast<char>(second)};
      std::string key = Normalize(std::string_view(bytes, 2));
      CHECK(key.size() <= 6);
      CHECK(Normalize(key) == key);
    }
  }
}

TEST_CASE("normalisation is idempotent") {
  const char* inputs[] = {"ÉCOLE", " «Straße» ", "Vie\u0302\u0323t", "ΣΟΦΟΣ", "a\xffz", "ＡＢ"};
  for (const char* input : inputs) {
    for (const NormalizeOptions& options : {Defaults(), KeepAll()}) {
      std::string once = NormalizeAnswer(input, options);
      CHECK(NormalizeAnswer(once, options) == once);
    }
  }
}

TEST_CASE("ParseLearnerNumber reads numbers as learners type them") {
  const std::pair<const char*, double> accepted[] = {
      {"3,5", 3.5},
      {"3.5", 3.5},
      {" -2 ", -2},
      {"\u22122", -2},  // U+2212 MINUS SIGN
      {"+4", 4},
      {"1 000,5", 1000.5},
      {"1\u00a0000,5", 1000.5},
      {"1\u202f000\u202f000", 1000000},
      {"1,000.5", 1000.5},
      {"1.000,5", 1000.5},
      {"1,000,000", 1000000},
      {"1.000.000", 1000000},
      {"1'000", 1000},
      {"1\u2019000.25", 1000.25},
      {"1.000", 1},  // a lone '.' is always the decimal point
      {"0,125", 0.125},
      {"3,1416", 3.1416},
      {"12345,678", 12345.678},
      {".5", 0.5},
      {",5", 0.5},
      {"5.", 5},
      {"1e3", 1000},
      {"6.02e23", 6.02e23},
      {"6,02E-3", 6.02e-3},
      {"-1.5e+2", -150},
      {"007", 7},
      {"-0", 0},
      {"\uff11\uff12\uff0c\uff15", 12.5},  // fullwidth
      {"0.1", 0.1},
      {"123456789012345678901234567890", 1.2345678901234568e29},
  };
  for (const auto& [text, expected] : accepted) {
    INFO(text);
    double value = -999;
    REQUIRE(ParseLearnerNumber(text, &value));
    CHECK(value == expected);  // exact: conversion is correctly rounded
  }
  double zero = -1;
  REQUIRE(ParseLearnerNumber("-0", &zero));
  CHECK_FALSE(std::signbit(zero));
}

TEST_CASE("ParseLearnerNumber rejects what is not clearly one number") {
  const char* rejected[] = {
      "",          "   ",         "abc", "--1",  "+-1",
      "- 2",    // the sign must touch the digits
      "1.2.3",  // repeated separator, but not valid thousands groups
      "1,2,3",  // likely a list
      "1,000",  // one thousand or one? ambiguous: rejected, not guessed
      "12,345",    "1,000e3",
      "1,5.3",      // ',' as grouping needs groups of three
      "1,000 000",  // two kinds of grouping
      "1  000",     // double space
      "10 00",     "1 000.000,5", ".",   ",",    "-",   "1e",  "e3",    "1e+",
      "1e999",  // overflows
      "5%",        "5 kg",        "1/2", "0x10", "inf", "nan", "1\xff",
  };
  for (const char* text : rejected) {
    INFO(text);
    double value = 42;
    CHECK_FALSE(ParseLearnerNumber(text, &value));
    CHECK(value == 42);
  }
}

}  // namespace
}  // namespace morsel::core
