// A page's content as each edition renders it (generator/content.h): the body and its
// blocks from the compiled model, links and ids as the edition writes them.
#include "generator/content.h"

#include <catch2/catch.hpp>

#include "generator/compile.h"
#include "generator/loader.h"
#include "generator/lock.h"
#include "tests/unit/generator/site_fixture.h"

namespace morsel::gen {
namespace {

using Catch::Matchers::Contains;

const char* kLesson =
    "## Summary\n"
    "\n"
    "See [the summary](#summary) and [the course](../_index.md).\n"
    "\n"
    "```quiz\n"
    "id: check\n"
    "questions:\n"
    "  - id: q1\n"
    "    prompt: \"Read [the summary](#summary)\"\n"
    "    options:\n"
    "      - text: \"Yes\"\n"
    "        correct: true\n"
    "        feedback: \"See [the course](../_index.md)\"\n"
    "      - text: \"No\"\n"
    "```\n";

struct Compiled {
  MemoryFileSystem fs = OneLessonSite(kLesson);
  Site site;
  Theme theme;
  DiagnosticSink sink;

  Compiled() {
    REQUIRE(LoadSite(fs, "content", LoadOptions{}, &site, &sink));
    Lock lock;
    lock.AssignPageIds(&site, &sink);
    INFO(sink.Format());
    REQUIRE(CompileSite(&site, fs, "content", &lock, &sink));
    REQUIRE(LoadTheme(fs, ThemeSources(), &theme, &sink));
  }
  const Lesson& lesson() const { return site.courses[0].modules[0].lessons[0]; }
};

TEST_CASE("compile resolves the page's links into the model; the pages edition writes them as resolved") {
  Compiled c;
  const Lesson& lesson = c.lesson();
  REQUIRE(lesson.links.count("../_index.md") == 1);
  CHECK(lesson.links.at("../_index.md").url == "../index.html");
  CHECK(lesson.links.at("../_index.md").target == "course/index.html");
  CHECK(lesson.anchors == std::vector<std::string>{"summary"});
  REQUIRE(lesson.blocks.size() == 1);
  std::string html;
  REQUIRE(RenderContent(c.site, c.theme, PagesEdition(), lesson, &lesson, &html, &c.sink));
  CHECK_THAT(html, Contains("<h2 id=\"summary\">Summary</h2>"));
  CHECK_THAT(html, Contains("<a href=\"../index.html\">the course</a>"));
  CHECK_THAT(html, Contains("data-morsel-block=\"course/mod/lesson:check\""));
  CHECK_THAT(html, Contains("id=\"morsel-course-mod-lesson-check-q1\""));
  // The feedback travels sealed in the block's runtime form, not as markup.
  CHECK(html.find("See <a href=\"../index.html\">") == std::string::npos);
}

TEST_CASE("another edition writes every id and link of the same model its own way") {
  Compiled c;
  ContentEdition edition;
  edition.markup_url = [](const PageSource&, const ResolvedLink& link, bool) {
    return "#to:" + link.target + link.suffix;
  };
  edition.feedback_url = [](const PageSource&, const ResolvedLink& link, bool) { return link.url; };
  edition.id_prefix = [](const PageSource& page) { return page.id + ":"; };
  std::string html;
  REQUIRE(RenderContent(c.site, c.theme, edition, c.lesson(), &c.lesson(), &html, &c.sink));
  CHECK_THAT(html, Contains("<h2 id=\"course/mod/lesson:summary\">Summary</h2>"));
  CHECK_THAT(html, Contains("<a href=\"#to:#summary\">the summary</a>"));
  CHECK_THAT(html, Contains("<a href=\"#to:course/index.html\">the course</a>"));
  CHECK_THAT(html, Contains("Read <a href=\"#to:#summary\">the summary</a>"));
  CHECK_THAT(html, Contains("id=\"course/mod/lesson:morsel-course-mod-lesson-check-q1\""));
  CHECK_THAT(html, Contains("name=\"morsel-course-mod-lesson-check-q1\""));
}

}  // namespace
}  // namespace morsel::gen
