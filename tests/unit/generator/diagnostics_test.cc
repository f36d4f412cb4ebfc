// Diagnostics as the author reads them (generator/diagnostics.h): place, severity,
// message and code, the source line with a caret under the character, the hint.
#include "generator/diagnostics.h"

#include <catch2/catch.hpp>

namespace morsel::gen {
namespace {

TEST_CASE("an error is printed with its source line, a caret under the column and its hint") {
  DiagnosticSink sink;
  sink.AddSource("content/a.md", "---\ntitle: A\ndurration: 3\n---\n");
  sink.Add(Error("content/a.md", 3, 1, "unknown-key", "unknown key 'durration'", "did you mean 'duration'?"));
  CHECK(sink.Format() ==
        "content/a.md:3:1: error: unknown key 'durration' [unknown-key]\n"
        "    durration: 3\n"
        "    ^\n"
        "  hint: did you mean 'duration'?\n"
        "morsel: 1 error, 0 warnings\n");
}

TEST_CASE("columns count characters, and tabs stay tabs so the caret lines up") {
  DiagnosticSink sink;
  sink.AddSource("a.md", "\t\xC3\xA9t\xC3\xA9 [x](y.md)\n");
  // The '[' is the 6th character (a tab, "été", a space), bytes 0-7.
  CHECK(CharColumn(LineOf("\t\xC3\xA9t\xC3\xA9 [x](y.md)", 1), 7) == 6);
  sink.Add(Warning("a.md", 1, 6, "broken-link", "link to 'y.md' does not match any page"));
  CHECK(sink.Format() ==
        "a.md:1:6: warning: link to 'y.md' does not match any page [broken-link]\n"
        "    \t\xC3\xA9t\xC3\xA9 [x](y.md)\n"
        "    \t    ^\n"
        "morsel: 0 errors, 1 warning\n");
}

TEST_CASE("lines end at LF, CRLF or a lone CR, as cmark and the front matter count them") {
  DiagnosticSink sink;
  sink.AddSource("mac.md", "---\rtitle: A\rweight: x\r---\r");
  sink.AddSource("dos.md", "one\r\ntwo\r\n");
  sink.Add(Error("mac.md", 3, 9, "invalid-value", "not a number"));
  sink.Add(Error("mac.md", 2, 1, "e", "second line"));
  sink.Add(Error("dos.md", 2, 1, "e", "past CRLF"));
  sink.Add(Error("dos.md", 3, 1, "e", "past the end"));
  CHECK(sink.Format() ==
        "dos.md:2:1: error: past CRLF [e]\n"
        "    two\n"
        "    ^\n"
        "dos.md:3:1: error: past the end [e]\n"
        "    \n"
        "    ^\n"
        "mac.md:2:1: error: second line [e]\n"
        "    title: A\n"
        "    ^\n"
        "mac.md:3:9: error: not a number [invalid-value]\n"
        "    weight: x\n"
        "            ^\n"
        "morsel: 4 errors, 0 warnings\n");
  CHECK(LineOf("a\rb\r\nc\nd", 4) == "d");
  CHECK(LineOf("a\rb\r\nc\nd", 5).empty());
}

TEST_CASE("a whole-file diagnostic has no line, no quote and no caret") {
  DiagnosticSink sink;
  sink.AddSource("site.yml", "title: T\n");
  sink.Add(Error("site.yml", 0, 0, "read-failed", "permission denied"));
  CHECK(sink.Format() == "site.yml: error: permission denied [read-failed]\nmorsel: 1 error, 0 warnings\n");
}

TEST_CASE("diagnostics come out sorted by file, line and column, and are counted by severity") {
  DiagnosticSink sink;
  sink.Add(Warning("b.md", 1, 1, "w", "third"));
  sink.Add(Error("a.md", 9, 2, "e", "second"));
  sink.Add(Error("a.md", 2, 5, "e", "first"));
  std::vector<SourceDiagnostic> sorted = sink.Sorted();
  REQUIRE(sorted.size() == 3);
  CHECK(sorted[0].message == "first");
  CHECK(sorted[1].message == "second");
  CHECK(sorted[2].message == "third");
  CHECK(sink.ErrorCount() == 2);
  CHECK(sink.WarningCount() == 1);
  CHECK(sink.Format().find("morsel: 2 errors, 1 warning\n") != std::string::npos);
}

TEST_CASE("a core diagnostic keeps its severity, code, message and hint at its file place") {
  core::Diagnostic found;
  found.severity = Severity::kWarning;
  found.pointer = "/questions/0";
  found.code = "poll-has-answer";
  found.message = "a poll has no right answer";
  found.hint = "remove 'correct'";
  const SourceDiagnostic d = Located(found, "content/l.md", 7, 3);
  CHECK(FormatDiagnostic(d, nullptr) ==
        "content/l.md:7:3: warning: a poll has no right answer [poll-has-answer]\n"
        "  hint: remove 'correct'\n");
}

TEST_CASE("an unknown key that stands for a missing required key is one error") {
  using core::Diagnostic;
  const Diagnostic missing{
      Severity::kError, "/questions/0", false, "missing-key", "a question is missing the required key 'prompt'", ""};
  const Diagnostic promt{
      Severity::kError,        "/questions/0/promt", true, "unknown-key", "unknown key 'promt' in a question",
      "did you mean 'prompt'?"};
  const core::Diagnostics folded = FoldNearMisses({missing, promt});
  REQUIRE(folded.size() == 1);
  CHECK(folded[0].code == "unknown-key");
  CHECK(folded[0].pointer == "/questions/0/promt");
  CHECK(folded[0].message == "unknown key 'promt' in a question, which is missing the required key 'prompt'");
  CHECK(folded[0].hint == "did you mean 'prompt'?");
  // Front matter: the mapping is the whole document.
  CHECK(FoldNearMisses({{Severity::kError, "", false, "missing-key",
                         "a lesson's front matter is missing the required key 'title'", ""},
                        {Severity::kError, "/titel", true, "unknown-key",
                         "unknown key 'titel' in a lesson's front matter", "did you mean 'title'?"}})
            .size() == 1);

  // Both stay when the unknown key is near another key, or in another mapping.
  const Diagnostic near_other{
      Severity::kError,      "/questions/0/hnt", true, "unknown-key", "unknown key 'hnt' in a question",
      "did you mean 'hint'?"};
  CHECK(FoldNearMisses({missing, near_other}).size() == 2);
  const Diagnostic elsewhere{
      Severity::kError,        "/questions/1/promt", true, "unknown-key", "unknown key 'promt' in a question",
      "did you mean 'prompt'?"};
  CHECK(FoldNearMisses({missing, elsewhere}).size() == 2);
  const Diagnostic deeper{Severity::kError, "/questions/0/options/promt",       true,
                          "unknown-key",    "unknown key 'promt' in an option", "did you mean 'prompt'?"};
  CHECK(FoldNearMisses({missing, deeper}).size() == 2);
  // One unknown key stands for one missing key.
  const core::Diagnostics twice = FoldNearMisses({missing, promt, promt});
  REQUIRE(twice.size() == 2);
  CHECK(twice[1].message == "unknown key 'promt' in a question");
}

}  // namespace
}  // namespace morsel::gen
