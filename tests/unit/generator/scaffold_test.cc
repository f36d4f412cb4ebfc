#include "generator/scaffold.h"

#include <catch2/catch.hpp>

#include "generator/build.h"

namespace morsel::gen {
namespace {

bool Run(MemoryFileSystem* fs, const std::string& kind, const std::string& name, std::string* message) {
  ScaffoldRequest r;
  r.kind = kind;
  r.name = name;
  r.content = name.empty() || kind == "site" ? "content" : "academy/content";
  r.id_suffix = "abc123";
  return Scaffold(fs, r, message);
}

TEST_CASE("new site, course, module and lesson build cleanly and never overwrite") {
  MemoryFileSystem fs;
  std::string message;
  REQUIRE(Run(&fs, "site", "academy", &message));
  CHECK(message.find("created academy/content/site.yml\n") == 0);
  std::string site;
  std::string error;
  REQUIRE(fs.ReadFile("academy/content/site.yml", &site, &error));
  CHECK(site.find("id: academy-abc123\n") != std::string::npos);
  REQUIRE(Run(&fs, "course", "onboarding", &message));
  REQUIRE(Run(&fs, "module", "onboarding/01-welcome", &message));
  REQUIRE(Run(&fs, "lesson", "onboarding/welcome/01-hello", &message));
  CHECK(message == "created academy/content/onboarding/01-welcome/01-hello.md\n");

  CHECK_FALSE(Run(&fs, "lesson", "onboarding/welcome/01-hello", &message));
  CHECK(message ==
        "morsel: 'academy/content/onboarding/01-welcome/01-hello.md' already exists; "
        "nothing was changed\n");
  CHECK_FALSE(Run(&fs, "site", "academy", &message));
  CHECK_FALSE(Run(&fs, "lesson", "nowhere/welcome/x", &message));
  CHECK(message == "morsel: no folder 'nowhere' in 'academy/content'\n");
  CHECK_FALSE(Run(&fs, "module", "onboarding", &message));
  CHECK(message == "morsel: usage: morsel new module COURSE/NAME\n");
  CHECK_FALSE(Run(&fs, "course", "Bad Name", &message));

  DiagnosticSink sink;
  BuildStats stats;
  BuildOptions options;
  options.source = "academy/content";
  options.out = "academy/site";
  bool ok = BuildSite(&fs, options, &stats, &sink);
  INFO(sink.Format());
  CHECK(ok);
  CHECK(sink.WarningCount() == 0);
  CHECK(stats.courses == 2);
  CHECK(stats.lessons == 2);
}

}  // namespace
}  // namespace morsel::gen
