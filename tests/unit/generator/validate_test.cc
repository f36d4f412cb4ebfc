#include "generator/validate.h"

#include <catch2/catch.hpp>

#include "tests/unit/generator/site_fixture.h"

namespace morsel::gen {
namespace {

std::string Check(const std::map<std::string, std::string>& files) {
  MemoryFileSystem fs;
  std::string error;
  fs.WriteFile("content/site.yml", "title: T\nid: t\n", &error);
  for (const auto& [path, text] : files) fs.WriteFile("content/" + path, text, &error);
  return CheckDiagnostics(&fs);
}

TEST_CASE("a duplicate id is one error, at the page printed first, naming the others") {
  // two.md is walked first (weight 1) but one.md is printed first.
  std::string out = Check({{"a/_index.md", "---\ntitle: A\n---\n"},
                           {"a/m/_index.md", "---\ntitle: M\n---\n"},
                           {"a/m/one.md", "---\ntitle: One\nid: same\nweight: 2\n---\n"},
                           {"a/m/two.md", "---\ntitle: Two\nid: same\nweight: 1\n---\n"},
                           {"a/m/x.md", "---\ntitle: X\nid: same\n---\n"}});
  CHECK(out ==
        "content/a/m/one.md:3:5: error: lesson id 'same' is also used by content/a/m/two.md and content/a/m/x.md "
        "[duplicate-id]\n"
        "    id: same\n"
        "        ^\n"
        "  hint: ids keep learners' progress attached: give each its own\n"
        "morsel: 1 error, 0 warnings\n");
}

TEST_CASE("unknown and cyclic prerequisites") {
  std::string out = Check({{"a/_index.md", "---\ntitle: A\nprerequisites: [b]\n---\n"},
                           {"b/_index.md", "---\ntitle: B\nprerequisites: [a, zzz]\n---\n"},
                           {"a/m/_index.md", "---\ntitle: M\n---\n"},
                           {"b/m/_index.md", "---\ntitle: M\n---\n"},
                           {"a/m/one.md", "---\ntitle: One\nprerequisites: [two.md]\n---\n"},
                           {"a/m/two.md", "---\ntitle: Two\nprerequisites: [a/m/one, a/m/tree]\n---\n"},
                           {"b/m/x.md", "---\ntitle: X\nprerequisites: ../../a/m/one.md\n---\n"}});
  CHECK(out ==
        "content/a/m/two.md:3:17: error: lesson prerequisites form a cycle: a/m/one → a/m/two → "
        "a/m/one [prerequisite-cycle]\n"
        "    prerequisites: [a/m/one, a/m/tree]\n"
        "                    ^\n"
        "  hint: remove one prerequisite of the cycle\n"
        "content/a/m/two.md:3:26: error: prerequisite 'a/m/tree' is not a lesson [unknown-prerequisite]\n"
        "    prerequisites: [a/m/one, a/m/tree]\n"
        "                             ^\n"
        "  hint: name a lesson by its id or by a path relative to this file (e.g. '01-intro.md'); "
        "did you mean 'a/m/one'?\n"
        "content/b/_index.md:3:17: error: course prerequisites form a cycle: a → b → a [prerequisite-cycle]\n"
        "    prerequisites: [a, zzz]\n"
        "                    ^\n"
        "  hint: remove one prerequisite of the cycle\n"
        "content/b/_index.md:3:20: error: prerequisite 'zzz' is not the id of any course "
        "[unknown-prerequisite]\n"
        "    prerequisites: [a, zzz]\n"
        "                       ^\n"
        "  hint: course ids: a, b\n"
        "morsel: 4 errors, 0 warnings\n");
}

// The cycle search walks an explicit stack: a chain of 200,000 prerequisites (each lesson
// requires the one before it, the first requires the last) recursed once per lesson and
// overflowed the call stack.
TEST_CASE("a prerequisite chain of 200,000 lessons is walked without recursion") {
  constexpr int kLessons = 200000;
  Site site;
  Course& course = site.courses.emplace_back();
  course.id = "c";
  Module& module = course.modules.emplace_back();
  module.id = "m";
  module.lessons.resize(kLessons);
  for (int i = 0; i < kLessons; ++i) {
    Lesson& l = module.lessons[i];
    l.id = "c/m/l" + std::to_string(i);
    l.source_path = l.id + ".md";
    l.prerequisites.push_back({"c/m/l" + std::to_string((i + kLessons - 1) % kLessons), {l.source_path, 3, 17}});
  }
  DiagnosticSink sink;
  CHECK_FALSE(ValidateSite(&site, "content", &sink));
  const std::vector<SourceDiagnostic> found = sink.Sorted();
  REQUIRE(found.size() == 1);
  CHECK(found[0].code == "prerequisite-cycle");
  CHECK(module.lessons[1].prerequisite_ids == std::vector<std::string>{"c/m/l0"});
}

}  // namespace
}  // namespace morsel::gen
