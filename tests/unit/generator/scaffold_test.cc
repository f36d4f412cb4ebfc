#include "generator/scaffold.h"

#include <catch2/catch.hpp>

#include "generator/build.h"

namespace morsel::gen {
namespace {

/// A request for `kind` named `name`, with a fixed site id suffix.
ScaffoldRequest Request(const std::string& kind, const std::string& name) {
  ScaffoldRequest r;
  r.kind = kind;
  r.name = name;
  r.content = name.empty() || kind == "site" ? "content" : "academy/content";
  r.id_suffix = "abc123";
  return r;
}

bool Run(MemoryFileSystem* fs, const std::string& kind, const std::string& name, std::string* message) {
  return Scaffold(fs, Request(kind, name), message);
}

TEST_CASE("new site, course, module and lesson build cleanly and never overwrite") {
  MemoryFileSystem fs;
  std::string message;
  REQUIRE(Run(&fs, "site", "academy", &message));
  CHECK(message.find("created academy/content/site.yml\n") == 0);
  // The next command works from where this one ran: no `cd`, the same program.
  CHECK(message.substr(message.rfind("next: ")) == "next: morsel build academy/content --out academy/site\n");
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

TEST_CASE("the next command runs morsel as it was run, quoted for the shell") {
  MemoryFileSystem fs;
  std::string message;
  ScaffoldRequest r = Request("site", "my academy");
  r.program = "build/bin/morsel";
  REQUIRE(Scaffold(&fs, r, &message));
  CHECK(message.substr(message.rfind("next: ")) ==
        "next: build/bin/morsel build 'my academy/content' --out 'my academy/site'\n");
  r.kind = "course";
  r.name = "onboarding";
  r.content = "my academy/content";
  REQUIRE(Scaffold(&fs, r, &message));
  CHECK(message ==
        "created my academy/content/onboarding/_index.md\n"
        "next: build/bin/morsel new module onboarding/01-first-module --content 'my academy/content'\n");
  r.kind = "module";
  r.name = "onboarding/01-first-module";
  REQUIRE(Scaffold(&fs, r, &message));
  CHECK(
      message.substr(message.rfind("next: ")) ==
      "next: build/bin/morsel new lesson onboarding/01-first-module/01-first-lesson --content 'my academy/content'\n");
}

TEST_CASE("new site --empty has no sample course and checks with nothing to say") {
  MemoryFileSystem fs;
  std::string message;
  ScaffoldRequest r = Request("site", "academy");
  r.empty = true;
  REQUIRE(Scaffold(&fs, r, &message));
  CHECK(message ==
        "created academy/content/site.yml\n"
        "created academy/content/_index.md\n"
        "created academy/.gitignore\n"
        "next: morsel new course first-course --content academy/content\n");
  CHECK(fs.List("academy/content").size() == 2);
  // What the builds write beside the content, the build cache too, is left out of git.
  std::string ignore, error;
  REQUIRE(fs.ReadFile("academy/.gitignore", &ignore, &error));
  for (const char* line :
       {"\n/site/\n", "\n/site.morsel-partial/\n", "\n/site.morsel-cache\n", "\n/site.zip\n", "\n/packages/\n"}) {
    CHECK(ignore.find(line) != std::string::npos);
  }
  // A folder that has a .gitignore keeps it.
  fs.WriteFile("mine/.gitignore", "my rules\n", &error);
  message.clear();
  REQUIRE(Scaffold(&fs, Request("site", "mine"), &message));
  CHECK(message.find(".gitignore") == std::string::npos);
  REQUIRE(fs.ReadFile("mine/.gitignore", &ignore, &error));
  CHECK(ignore == "my rules\n");
  DiagnosticSink sink;
  BuildStats stats;
  BuildOptions options;
  options.source = "academy/content";
  options.out = "academy/site";
  CHECK(BuildSite(&fs, options, &stats, &sink));
  CHECK(sink.Format().empty());
  CHECK(stats.courses == 0);
  CHECK(fs.IsFile("academy/site/index.html"));
  // Only a site can be empty.
  r.kind = "course";
  r.name = "onboarding";
  r.content = "academy/content";
  CHECK_FALSE(Scaffold(&fs, r, &message));
  CHECK(message == "morsel: --empty is only for 'morsel new site'\n");
}

}  // namespace
}  // namespace morsel::gen
