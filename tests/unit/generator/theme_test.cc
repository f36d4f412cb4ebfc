#include "generator/theme.h"

#include <catch2/catch.hpp>

#include "generator/build.h"
#include "tests/unit/generator/site_fixture.h"

namespace morsel::gen {
namespace {

MemoryFileSystem Site() {
  MemoryFileSystem fs;
  std::string error;
  fs.WriteFile("project/content/site.yml", "title: T\nid: t\n", &error);
  fs.WriteFile("project/content/c/_index.md", "---\ntitle: C\n---\n", &error);
  fs.WriteFile("project/content/c/m/_index.md", "---\ntitle: M\n---\n", &error);
  fs.WriteFile("project/content/c/m/l.md", "---\ntitle: L\n---\nHello.\n", &error);
  return fs;
}

bool Build(MemoryFileSystem* fs, std::string* diagnostics) {
  DiagnosticSink sink;
  BuildStats stats;
  BuildOptions options;
  options.source = "project/content";
  options.out = "project/site";
  bool ok = BuildSite(fs, options, &stats, &sink);
  *diagnostics = sink.Format();
  return ok;
}

std::string File(const MemoryFileSystem& fs, const std::string& path) {
  auto it = fs.files().find(path);
  return it == fs.files().end() ? "" : it->second;
}

TEST_CASE("a site overrides one template, asset or string at a time") {
  MemoryFileSystem fs = Site();
  std::string error, d;
  fs.WriteFile("project/theme/templates/lesson.mustache",
               "{{<layout}}{{$main}}<p class=\"mine\">{{lesson.title}}</p>{{/main}}{{/layout}}", &error);
  fs.WriteFile("project/theme/assets/extra.css", "body{}", &error);
  fs.WriteFile("project/theme/i18n/en.json", R"({"theme": {"home": "Start"}})", &error);
  REQUIRE(Build(&fs, &d));
  std::string lesson = File(fs, "project/site/c/m/l.html");
  CHECK(lesson.find("<p class=\"mine\">L</p>") != std::string::npos);
  CHECK(lesson.find("<!DOCTYPE html>") == 0);  // the built-in layout is still the parent
  CHECK(File(fs, "project/site/assets/extra.css") == "body{}");
  CHECK_FALSE(File(fs, FindPublished(fs, "project/site/assets/morsel.css")).empty());
  std::string course = File(fs, "project/site/c/index.html");
  CHECK(course.find(">Start</a>") != std::string::npos);
  CHECK(course.find("Course contents") != std::string::npos);  // other strings unchanged
}

TEST_CASE("a named theme sits between the site's own files and the built-in theme") {
  MemoryFileSystem fs = Site();
  std::string error, d;
  fs.WriteFile("project/content/site.yml", "title: T\nid: t\ntheme: brand\n", &error);
  fs.WriteFile("project/themes/brand/assets/morsel.css", "/* brand */", &error);
  fs.WriteFile("project/theme/assets/morsel.css", "/* site */", &error);
  fs.WriteFile("project/themes/brand/assets/logo.svg", "<svg/>", &error);
  REQUIRE(Build(&fs, &d));
  CHECK(File(fs, FindPublished(fs, "project/site/assets/morsel.css")) == "/* site */");
  CHECK(File(fs, "project/site/assets/logo.svg") == "<svg/>");

  fs.WriteFile("project/content/site.yml", "title: T\nid: t\ntheme: missing\n", &error);
  CHECK_FALSE(Build(&fs, &d));
  CHECK(d.find("project/content/site.yml: error: theme 'missing' not found: there is no folder "
               "'project/themes/missing' [unknown-theme]") != std::string::npos);
}

TEST_CASE("a partial catalogue falls back to English key by key, and check lists what it lacks") {
  MemoryFileSystem fs = Site();
  std::string error, d;
  fs.WriteFile("project/content/site.yml", "title: T\nid: t\nlanguage: pt-BR\n", &error);
  // pt-BR reads pt.json, then pt-BR.json over it.
  fs.WriteFile("project/theme/i18n/pt.json", R"({"theme": {"home": "Início", "next_lesson": "Próxima"}})", &error);
  fs.WriteFile("project/theme/i18n/pt-BR.json", R"({"theme": {"next_lesson": "Próxima lição"}, "runtime": {}})",
               &error);
  REQUIRE(Build(&fs, &d));
  std::string course = File(fs, "project/site/c/index.html");
  CHECK(course.find(">Início</a>") != std::string::npos);
  CHECK(course.find("Course contents") != std::string::npos);  // English, not blank
  CHECK(course.find("<html lang=\"pt-BR\" dir=\"ltr\">") != std::string::npos);
  CHECK(File(fs, "project/site/c/m/l.html").find("Próxima lição") == std::string::npos);  // the only lesson: no next
  CHECK(d.find("project/theme/i18n/pt-BR.json: warning: the 'pt-BR' strings lack ") != std::string::npos);
  CHECK(d.find("keys: runtime.activity_day, runtime.activity_none,") != std::string::npos);
  CHECK(d.find("[missing-strings]") != std::string::npos);
  CHECK(d.find("theme.home,") == std::string::npos);  // given by pt.json
  const std::string strings = File(fs, FindPublished(fs, "project/site/runtime/strings.js"));
  CHECK(strings.find("\"correct\":\"Correct.\"") != std::string::npos);  // the runtime's strings too
}

TEST_CASE("Arabic: the built-in catalogue, complete, right to left, CLDR plurals") {
  MemoryFileSystem fs = Site();
  std::string error, d;
  fs.WriteFile("project/content/site.yml", "title: T\nid: t\nlanguage: ar\n", &error);
  REQUIRE(Build(&fs, &d));
  CHECK(d.find("missing-strings") == std::string::npos);
  CHECK(d.find("unknown-language") == std::string::npos);
  const std::string home = File(fs, "project/site/index.html");
  CHECK(home.find("<html lang=\"ar\" dir=\"rtl\">") != std::string::npos);
  CHECK(home.find("Course contents") == std::string::npos);
  CHECK(File(fs, "project/site/c/c-offline.html").find("<html lang=\"ar\" dir=\"rtl\">") != std::string::npos);
  // One module with one lesson: Arabic's "one" forms, not English's.
  CHECK(home.find("1 module") == std::string::npos);
  CHECK(home.find("1 lesson") == std::string::npos);

  // A lesson in another language than the site's: its title and body say so, the
  // interface around them stays Arabic and right to left.
  fs.WriteFile("project/content/c/m/l.md", "---\ntitle: L\nlanguage: en\n---\nHello.\n", &error);
  REQUIRE(Build(&fs, &d));
  const std::string lesson = File(fs, "project/site/c/m/l.html");
  CHECK(lesson.find("<html lang=\"ar\" dir=\"rtl\">") != std::string::npos);
  CHECK(lesson.find("<h1 lang=\"en\" dir=\"ltr\">L</h1>") != std::string::npos);
  CHECK(lesson.find("data-morsel-lesson-body=\"c/m/l\" lang=\"en\" dir=\"ltr\">") != std::string::npos);
  CHECK(File(fs, "project/site/c/c-offline.html").find("<h1 tabindex=\"-1\" lang=\"en\" dir=\"ltr\">L</h1>") !=
        std::string::npos);
  fs.WriteFile("project/content/c/m/l.md", "---\ntitle: L\nlanguage: english!\n---\nHello.\n", &error);
  CHECK_FALSE(Build(&fs, &d));
  CHECK(d.find("'language' must be a language tag such as 'en' or 'pt-BR' (found 'english!')") != std::string::npos);
}

TEST_CASE("template errors name the template file, line and column") {
  MemoryFileSystem fs = Site();
  std::string error, d;
  fs.WriteFile("project/theme/templates/course.mustache", "<h1>\n  {{#modules}}\n</h1>\n", &error);
  CHECK_FALSE(Build(&fs, &d));
  CHECK(d.find("project/theme/templates/course.mustache:2:3: error: ") == 0);
  CHECK(d.find("[template-syntax]") != std::string::npos);
  CHECK(d.find("      {{#modules}}\n      ^\n") != std::string::npos);

  fs.WriteFile("project/theme/i18n/en.json", "{broken", &error);
  fs.RemoveAll("project/theme/templates", &error);
  CHECK_FALSE(Build(&fs, &d));
  CHECK(d.find("project/theme/i18n/en.json: error: the string catalogue is not a JSON object "
               "[theme-strings]") != std::string::npos);
}

TEST_CASE("a site layout that links the stylesheet by its plain name is warned about") {
  MemoryFileSystem fs = Site();
  std::string error;
  fs.WriteFile("project/theme/templates/layout.mustache",
               "<!DOCTYPE html>\n<html>\n<head>\n  <link rel=\"stylesheet\" href=\"{{root}}assets/morsel.css\">\n"
               "</head><body>{{$main}}{{/main}}</body></html>\n",
               &error);
  std::string d;
  REQUIRE(Build(&fs, &d));
  CHECK(d.find("project/theme/templates/layout.mustache:4:40: warning: 'assets/morsel.css' is published "
               "under a fingerprinted name: this link will not load [theme-asset-link]") != std::string::npos);
  CHECK(d.find("write {{asset.css}}") != std::string::npos);
  // The built-in layout links them through asset.*: no warning without the override.
  MemoryFileSystem plain = Site();
  REQUIRE(Build(&plain, &d));
  CHECK(d.find("theme-asset-link") == std::string::npos);
}

}  // namespace
}  // namespace morsel::gen
