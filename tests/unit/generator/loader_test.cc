// The load stage (generator/loader.h) on an in-memory content folder: what a site's
// author sees of it is the order of pages, their URLs, drafts, and diagnostics.
#include "generator/loader.h"

#include <catch2/catch.hpp>

namespace morsel::gen {
namespace {

struct Loaded {
  bool ok = false;
  Site site;
  DiagnosticSink sink;
};

/// Loads `files` (path under content/ → text) with `drafts`.
void Load(const std::map<std::string, std::string>& files, bool drafts, Loaded* out) {
  MemoryFileSystem fs;
  std::string error;
  for (const auto& [path, text] : files) fs.WriteFile("content/" + path, text, &error);
  LoadOptions options;
  options.drafts = drafts;
  out->ok = LoadSite(fs, "content", options, &out->site, &out->sink);
}

const std::map<std::string, std::string> kSite = {
    {"site.yml", "title: Site\nid: site\n"},
    {"01-course/_index.md", "---\ntitle: Course\n---\nAbout.\n"},
    {"01-course/02-basics/_index.md", "---\ntitle: Basics\n---\n"},
    {"01-course/02-basics/01-first.md", "---\ntitle: First\n---\nOne.\n"},
    {"01-course/02-basics/02-second.md", "---\ntitle: Second\nweight: -1\n---\nTwo.\n"},
    {"01-course/02-basics/03-later.md", "---\ntitle: Later\ndraft: true\n---\nSoon.\n"},
};

TEST_CASE("lessons are ordered by weight then name; URLs drop the NN- prefixes") {
  Loaded l;
  Load(kSite, false, &l);
  INFO(l.sink.Format());
  REQUIRE(l.ok);
  REQUIRE(l.site.courses.size() == 1);
  const Course& course = l.site.courses[0];
  CHECK(course.output_path == "course/index.html");
  REQUIRE(course.modules.size() == 1);
  const std::vector<Lesson>& lessons = course.modules[0].lessons;
  REQUIRE(lessons.size() == 2);
  CHECK(lessons[0].title == "Second");
  CHECK(lessons[0].output_path == "course/basics/second.html");
  CHECK(lessons[1].output_path == "course/basics/first.html");
  CHECK(lessons[1].body == "One.\n");
  CHECK(lessons[1].body_line == 4);
}

TEST_CASE("drafts are left out unless asked for") {
  Loaded without;
  Load(kSite, false, &without);
  CHECK(without.site.courses[0].modules[0].lessons.size() == 2);
  Loaded with;
  Load(kSite, true, &with);
  REQUIRE(with.site.courses[0].modules[0].lessons.size() == 3);
  CHECK(with.site.courses[0].modules[0].lessons[2].output_path == "course/basics/later.html");
}

TEST_CASE("the Content-Security-Policy is on unless site.yml says csp: false") {
  Loaded plain;
  Load(kSite, false, &plain);
  CHECK(plain.site.config.csp);
  std::map<std::string, std::string> files = kSite;
  files["site.yml"] += "csp: false\n";
  Loaded off;
  Load(files, false, &off);
  REQUIRE(off.ok);
  CHECK_FALSE(off.site.config.csp);
}

/// Loads kSite with the file at `path` (under content/) set to `text`.
void LoadWith(const std::string& path, const std::string& text, Loaded* out) {
  std::map<std::string, std::string> files = kSite;
  files[path] = text;
  Load(files, false, out);
}

TEST_CASE("site.yml's review settings are read, and a bad one is reported at its line") {
  Loaded set;
  LoadWith("site.yml", "title: Site\nid: site\nreview:\n  desired_retention: 0.85\n  daily_limit: 5\n", &set);
  REQUIRE(set.ok);
  CHECK(set.site.config.review.fsrs.desired_retention == 0.85);
  CHECK(set.site.config.review.daily_limit == 5);
  CHECK(set.site.config.review.fsrs.max_interval_days == 36500);

  Loaded bad;
  LoadWith("site.yml", "title: Site\nid: site\nreview:\n  desired_retention: 1.5\n  daily_limt: 5\n", &bad);
  CHECK_FALSE(bad.ok);
  CHECK(bad.sink.Format() ==
        "content/site.yml:4:22: error: 'desired_retention' must be from 0.7 to 0.99 (found 1.5) [out-of-range]\n"
        "      desired_retention: 1.5\n"
        "                         ^\n"
        "  hint: 0.9 is FSRS's default: higher means shorter intervals and more reviews\n"
        "content/site.yml:5:3: error: unknown key 'daily_limt' in 'review' [unknown-key]\n"
        "      daily_limt: 5\n"
        "      ^\n"
        "  hint: did you mean 'daily_limit'?\n"
        "morsel: 2 errors, 0 warnings\n");
}

TEST_CASE("features.review is quiet when switched on by name: it acts") {
  Loaded l;
  LoadWith("site.yml", "title: Site\nid: site\nfeatures:\n  review: true\n", &l);
  REQUIRE(l.ok);
  CHECK(l.sink.Format().find("not-built-yet") == std::string::npos);
  CHECK(l.site.config.features.review);
}

TEST_CASE("an unknown front-matter key is an error with a suggestion, at its line") {
  Loaded l;
  LoadWith("01-course/02-basics/01-first.md", "---\ntitle: First\nduraton_minutes: 3\n---\nOne.\n", &l);
  CHECK_FALSE(l.ok);
  CHECK(l.sink.Format() ==
        "content/01-course/02-basics/01-first.md:3:1: error: unknown key 'duraton_minutes' in a "
        "lesson's front matter [unknown-key]\n"
        "    duraton_minutes: 3\n"
        "    ^\n"
        "  hint: did you mean 'duration_minutes'?\n"
        "morsel: 1 error, 0 warnings\n");
}

TEST_CASE("two pages that would be written to one URL are an error") {
  Loaded l;
  LoadWith("01-course/02-basics/04-first.md", "---\ntitle: First again\n---\n", &l);
  CHECK_FALSE(l.ok);
  CHECK(l.sink.Format().find("would both be written to 'course/basics/first.html' "
                             "[duplicate-output-path]") != std::string::npos);
}

}  // namespace
}  // namespace morsel::gen
