// The render stage's pages (generator/render.h): every page from the compiled model and
// what was decided before rendering (contents, asset names, the service worker).
#include "generator/render.h"

#include <catch2/catch.hpp>

#include "generator/compile.h"
#include "generator/loader.h"
#include "generator/lock.h"
#include "tests/unit/generator/site_fixture.h"

namespace morsel::gen {
namespace {

/// A compiled site of two lessons, with the built-in theme.
struct Compiled {
  MemoryFileSystem fs;
  Site site;
  Theme theme;
  DiagnosticSink sink;

  /// `extra` more lessons follow the two: 03-extra-1.md … ("Extra 1" …).
  explicit Compiled(const std::string& site_yml = "title: Site\nid: site\n", int extra = 0) {
    std::string error;
    fs.WriteFile("content/site.yml", site_yml, &error);
    fs.WriteFile("content/course/_index.md", "---\ntitle: Course\n---\n", &error);
    fs.WriteFile("content/course/01-mod/_index.md", "---\ntitle: Module\n---\n", &error);
    fs.WriteFile("content/course/01-mod/01-first.md",
                 "---\ntitle: First\n---\n## Key idea\n\nSee [next](02-second.md).\n", &error);
    fs.WriteFile("content/course/01-mod/02-second.md", "---\ntitle: Second\n---\nTwo.\n", &error);
    for (int i = 1; i <= extra; ++i) {
      const std::string n = std::to_string(i);
      fs.WriteFile("content/course/01-mod/0" + std::to_string(2 + i) + "-extra-" + n + ".md",
                   "---\ntitle: Extra " + n + "\n---\nMore.\n", &error);
    }
    REQUIRE(LoadSite(fs, "content", LoadOptions{}, &site, &sink));
    Lock lock;
    lock.AssignPageIds(&site, &sink);
    REQUIRE(CompileSite(&site, fs, "content", &lock, &sink));
    REQUIRE(LoadTheme(fs, ThemeSources(), &theme, &sink));
  }
};

TEST_CASE("a lesson page shows its content, with links to the previous and next lessons") {
  Compiled c;
  const Contents contents = {{"course/mod/first.html", "<p>FIRST CONTENT</p>"}};
  const AssetNames names;
  MemoryOutput output;
  REQUIRE(
      RenderSite(c.site, c.theme, RenderInputs{ContentsFrom(contents), names, false, SiteScript()}, &output, &c.sink));
  const std::map<std::string, std::string>& pages = output.files();
  for (const char* path : {"index.html", "my-learning.html", "404.html", "course/index.html", "course/mod/first.html",
                           "course/mod/second.html"}) {
    INFO(path);
    CHECK(pages.count(path) == 1);
  }
  const std::string& first = pages.at("course/mod/first.html");
  CHECK(first.find("<p>FIRST CONTENT</p>") != std::string::npos);
  CHECK(first.find("rel=\"next\" href=\"second.html\"") != std::string::npos);
  CHECK(pages.at("course/mod/second.html").find("rel=\"prev\" href=\"first.html\"") != std::string::npos);
  CHECK(first.find("data-morsel-single-file=\"../course-offline.html\"") != std::string::npos);
}

TEST_CASE("lesson pages share one script of their course's scoring: a page does not grow with its course") {
  Compiled c("title: Site\nid: site\n", 3);
  const Contents contents;
  const AssetNames names;
  MemoryOutput output;
  REQUIRE(
      RenderSite(c.site, c.theme, RenderInputs{ContentsFrom(contents), names, false, SiteScript()}, &output, &c.sink));
  const std::map<std::string, std::string>& pages = output.files();
  std::vector<std::string> scripts;
  for (const auto& [path, text] : pages) {
    if (path.rfind("runtime/course.", 0) == 0) scripts.push_back(path);
  }
  REQUIRE(scripts.size() == 1);
  const std::string& script = pages.at(scripts[0]);
  CHECK(script.rfind("window.MorselCourse = {", 0) == 0);
  CHECK(script.find("\"course/mod/extra-3\"") != std::string::npos);
  // The first lesson names its neighbour, not the course's last lesson: the course's lesson
  // list is in the script (once per course), not in every page (once per lesson, squared).
  const std::string& first = pages.at("course/mod/first.html");
  CHECK(first.find("course/mod/extra-3") == std::string::npos);
  CHECK(first.find("id=\"morsel-course\"") == std::string::npos);
  // Loaded before the runtime, which reads it when the visit is recorded.
  const size_t course_script = first.find("<script src=\"../../" + scripts[0] + "\" defer></script>");
  REQUIRE(course_script != std::string::npos);
  CHECK(course_script < first.find("runtime/morsel.js"));
}

TEST_CASE("pages load the runtime's strings from one script of the theme, before the runtime") {
  Compiled c;
  const std::string& script = c.theme.files.at("runtime/strings.js");
  CHECK(script.rfind("window.MorselStrings = {", 0) == 0);
  CHECK(script.find(c.theme.strings["runtime"].begin().key()) != std::string::npos);
  const Contents contents;
  const AssetNames names = AssignAssetNames(c.theme, "");
  MemoryOutput output;
  REQUIRE(
      RenderSite(c.site, c.theme, RenderInputs{ContentsFrom(contents), names, false, SiteScript()}, &output, &c.sink));
  const std::map<std::string, std::string>& pages = output.files();
  for (const char* path : {"index.html", "course/mod/first.html", "my-learning.html"}) {
    INFO(path);
    const std::string& page = pages.at(path);
    CHECK(page.find("id=\"morsel-strings\"") == std::string::npos);  // 4.9 KB no page repeats
    const size_t strings = page.find("runtime/strings.");
    REQUIRE(strings != std::string::npos);
    CHECK(strings < page.find(names.at("runtime/morsel.js")));
  }
  CHECK(PublishedFiles(c.theme, names).count(names.at("runtime/strings.js")) == 1);
}

TEST_CASE("pages register the service worker only when it was decided before rendering") {
  Compiled c;
  const Contents contents;
  const AssetNames names;
  MemoryOutput with, without;
  REQUIRE(RenderSite(c.site, c.theme, RenderInputs{ContentsFrom(contents), names, true, SiteScript()}, &with, &c.sink));
  REQUIRE(
      RenderSite(c.site, c.theme, RenderInputs{ContentsFrom(contents), names, false, SiteScript()}, &without, &c.sink));
  CHECK(with.files().at("course/mod/first.html").find(" data-morsel-offline") != std::string::npos);
  CHECK(without.files().at("course/mod/first.html").find(" data-morsel-offline") == std::string::npos);
}

TEST_CASE("pages link assets by their published names, relative to the page") {
  Compiled c;
  const Contents contents;
  const AssetNames names = {{"assets/morsel.css", "assets/morsel.0123456789.css"},
                            {"runtime/morsel.js", "runtime/morsel.abcdefabcd.js"}};
  MemoryOutput output;
  REQUIRE(
      RenderSite(c.site, c.theme, RenderInputs{ContentsFrom(contents), names, false, SiteScript()}, &output, &c.sink));
  const std::map<std::string, std::string>& pages = output.files();
  const std::string& lesson = pages.at("course/mod/second.html");
  CHECK(lesson.find("href=\"../../assets/morsel.0123456789.css\"") != std::string::npos);
  CHECK(lesson.find("src=\"../../runtime/morsel.abcdefabcd.js\"") != std::string::npos);
  CHECK(c.theme.files.count("assets/morsel.css") == 1);  // the theme keeps its names
}

TEST_CASE("the footer shows site.yml's footer links on every page, relative ones from the site's root") {
  Compiled c(
      "title: Site\nid: site\nfooter_links:\n"
      "  - {title: \"Help <b>desk</b>\", url: \"https://example.com/help?a=1&b=2\"}\n"
      "  - {title: About, url: \"about.html\"}\n"
      "  - {title: Mail, url: \"mailto:team@example.com\"}\n");
  const Contents contents;
  const AssetNames names;
  MemoryOutput output;
  REQUIRE(
      RenderSite(c.site, c.theme, RenderInputs{ContentsFrom(contents), names, false, SiteScript()}, &output, &c.sink));
  const std::map<std::string, std::string>& pages = output.files();
  const std::string list =
      "<ul class=\"morsel-footer-links\"><li><a href=\"https://example.com/help?a=1&amp;b=2\">Help "
      "&lt;b&gt;desk&lt;/b&gt;"
      "</a></li><li><a href=\"%about.html\">About</a></li><li><a href=\"mailto:team@example.com\">Mail</a></li></ul>";
  for (const auto& [path, root] : std::map<std::string, std::string>{{"index.html", ""},
                                                                     {"my-learning.html", ""},
                                                                     {"course/index.html", "../"},
                                                                     {"course/mod/first.html", "../../"}}) {
    INFO(path);
    std::string expected = list;
    expected.replace(expected.find('%'), 1, root);
    CHECK(pages.at(path).find(expected) != std::string::npos);
  }
}

TEST_CASE("without footer links the footer has no list of them") {
  Compiled c;
  MemoryOutput output;
  const Contents none;
  REQUIRE(RenderSite(c.site, c.theme, RenderInputs{ContentsFrom(none), AssetNames(), false, SiteScript()}, &output,
                     &c.sink));
  const std::map<std::string, std::string>& pages = output.files();
  CHECK(pages.at("index.html").find("morsel-footer-links") == std::string::npos);
}

TEST_CASE("the content a page shows is rendered from the model: links as compile resolved them") {
  Compiled c;
  Contents contents;
  REQUIRE(RenderContents(c.site, c.theme, PagesEdition(), &contents, &c.sink));
  CHECK(contents["course/mod/first.html"] ==
        "<h2 id=\"key-idea\">Key idea</h2>\n<p>See <a href=\"second.html\">next</a>.</p>\n");
}

}  // namespace
}  // namespace morsel::gen
