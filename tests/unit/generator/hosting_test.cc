#include "generator/hosting.h"

#include <map>
#include <regex>

#include <catch2/catch.hpp>

#include "generator/build.h"
#include "runtime/core/answer_key.h"
#include "tests/unit/generator/site_fixture.h"

namespace morsel::gen {
namespace {

/// A one-lesson site with `extra` appended to its site.yml, built in memory.
struct Built {
  MemoryFileSystem fs;
  bool ok = false;
  std::string diagnostics;

  std::string File(const std::string& path) const {
    auto it = fs.files().find("site/" + path);
    return it == fs.files().end() ? "" : it->second;
  }
  bool Has(const std::string& path) const { return fs.files().count("site/" + path) > 0; }
  /// Builds the site in `fs` (again, after a test changed its files).
  void Rebuild() {
    DiagnosticSink sink;
    BuildOptions options;
    BuildStats stats;
    ok = BuildSite(&fs, options, &stats, &sink);
    diagnostics = sink.Format();
  }
};

/// A one-lesson site; `files` (content path → contents) are added before the build.
Built Build(const std::string& extra, const std::string& lesson_title = "First", const std::string& body = "Text.\n",
            const std::map<std::string, std::string>& files = {}) {
  Built b;
  std::string error;
  b.fs.WriteFile("content/site.yml", "title: Tiny\nid: tiny\ndescription: A tiny site.\n" + extra, &error);
  b.fs.WriteFile("content/course/_index.md", "---\ntitle: Course\ndescription: About it.\n---\n", &error);
  b.fs.WriteFile("content/course/01-mod/_index.md", "---\ntitle: Module\n---\n", &error);
  b.fs.WriteFile("content/course/01-mod/01-first.md",
                 "---\ntitle: " + lesson_title + "\nduration_minutes: 4\n---\n" + body, &error);
  for (const auto& [path, contents] : files) b.fs.WriteFile("content/" + path, contents, &error);
  b.Rebuild();
  return b;
}

TEST_CASE("absolute URLs drop index.html and need base_url") {
  SiteConfig config;
  CHECK(AbsoluteUrl(config, "a/b.html").empty());
  config.base_url = "https://learn.example.com/x/";
  CHECK(AbsoluteUrl(config, "index.html") == "https://learn.example.com/x/");
  CHECK(AbsoluteUrl(config, "course/index.html") == "https://learn.example.com/x/course/");
  CHECK(AbsoluteUrl(config, "course/mod/first.html") == "https://learn.example.com/x/course/mod/first.html");
}

TEST_CASE("by default, without base_url: robots.txt, 404.html, manifest and service worker; no sitemap") {
  Built b = Build("");
  INFO(b.diagnostics);
  REQUIRE(b.ok);
  CHECK(b.File("robots.txt") == "User-agent: *\nAllow: /\n");
  CHECK_FALSE(b.Has("sitemap.xml"));
  CHECK_FALSE(b.Has("runtime/sw.js"));
  // Served at any depth and needing no file: links from the host's root, its style inline
  // (allowed by its hash), no <base> (which from disk would point at the disk's root).
  const std::string not_found = b.File("404.html");
  CHECK(not_found.find("<a class=\"morsel-button\" href=\"/\">") != std::string::npos);
  CHECK(not_found.find("<base") == std::string::npos);
  CHECK(not_found.find("<style>") != std::string::npos);
  CHECK(not_found.find("rel=\"stylesheet\"") == std::string::npos);
  CHECK(not_found.find("<script") == std::string::npos);
  CHECK(not_found.find("style-src 'self' 'sha256-") != std::string::npos);
  CHECK(not_found.find("href=\"data:image/svg+xml;base64,") != std::string::npos);
  CHECK(b.File("manifest.webmanifest").find("\"display\": \"standalone\"") != std::string::npos);
  CHECK(b.File("index.html").find(" data-morsel-offline") != std::string::npos);
  CHECK(b.File("index.html").find("Content-Security-Policy") != std::string::npos);  // on by default
  std::string worker = b.File("sw.js");
  // The course's own worker keeps the course; the root one the rest (the shell).
  CHECK(worker.rfind("var MORSEL_SW = {\"courses\":{\"course/\":[\"course/\",\"course/index.html\",", 0) == 0);
  CHECK(worker.find("\"shell\":[\"./\",\"404.html\",") != std::string::npos);
  // Fingerprinted names (generator/assets.h); not the packed module, which only file:// loads.
  CHECK(std::regex_search(worker, std::regex(R"("runtime/morsel-runtime\.[0-9a-f]{10}\.wasm")")));
  CHECK(worker.find(".wasm.") == std::string::npos);
  // The search page, not the index, which grows with the whole site.
  CHECK(worker.find("\"search/index.html\"") != std::string::npos);
  CHECK(worker.find("\"search/manifest.js\"") == std::string::npos);
  CHECK_FALSE(std::regex_search(worker, std::regex(R"("search/[0-9a-f]{10}/)")));
  // A course's pages name the scope of its worker; the others none.
  CHECK(b.File("course/mod/first.html").find(" data-morsel-offline=\"course/\"") != std::string::npos);
  CHECK(b.File("course/index.html").find(" data-morsel-offline=\"course/\"") != std::string::npos);
  CHECK(b.File("my-learning.html").find(" data-morsel-offline=\"\"") != std::string::npos);
  CHECK(b.File("manifest.webmanifest").find("\"src\": \"assets/favicon.") != std::string::npos);
  CHECK(worker.find("\"manifest.webmanifest\"") != std::string::npos);
  // The course's single-file edition is a download, not part of the site to precache.
  CHECK(b.Has("course/course-offline.html"));
  CHECK(worker.find("-offline.html") == std::string::npos);
  // Every page has a description: its own, else the site's.
  CHECK(b.File("my-learning.html").find("<meta name=\"description\" content=\"A tiny site.\">") != std::string::npos);
  CHECK(b.File("course/mod/first.html").find("\"timeRequired\":\"PT4M\"") != std::string::npos);
}

TEST_CASE("each course is precached by its own worker: the first visit is the shell and one course") {
  // Two courses of 12 MB each: 24 MB in all, but a first visit downloads one of them.
  Built b = Build("", "First", "[Slides](slides.pdf)\n",
                  {{"course/01-mod/slides.pdf", std::string(12 * 1024 * 1024, 'p')},
                   {"other/_index.md", "---\ntitle: Other\nimage: cover.svg\n---\n"},
                   {"other/cover.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"4\" height=\"3\"/>"},
                   {"other/01-mod/_index.md", "---\ntitle: Module\n---\n"},
                   {"other/01-mod/01-one.md", "---\ntitle: One\n---\n[Notes](notes.pdf)\n"},
                   {"other/01-mod/notes.pdf", std::string(12 * 1024 * 1024, 'n')}});
  INFO(b.diagnostics);
  REQUIRE(b.ok);
  CHECK(b.diagnostics.find("offline-too-large") == std::string::npos);
  const std::string worker = b.File("sw.js");
  const std::string config = worker.substr(16, worker.find(";\n") - 16);
  const nlohmann::json sw = nlohmann::json::parse(config);
  auto has = [](const nlohmann::json& list, const std::string& path) {
    return std::find(list.begin(), list.end(), path) != list.end();
  };
  CHECK(has(sw.at("courses").at("course/"), "course/mod/slides.pdf"));
  CHECK(has(sw.at("courses").at("other/"), "other/mod/notes.pdf"));
  CHECK(has(sw.at("courses").at("other/"), "other/mod/one.html"));
  CHECK_FALSE(has(sw.at("courses").at("course/"), "other/mod/one.html"));
  // The home page shows the covers: the shell has them.
  CHECK(has(sw.at("shell"), "other/cover.svg"));
  CHECK_FALSE(has(sw.at("courses").at("other/"), "other/cover.svg"));
  CHECK(has(sw.at("shell"), "index.html"));
  CHECK_FALSE(has(sw.at("shell"), "course/mod/first.html"));
}

TEST_CASE("the logo is given its width at the height it is shown, so the header does not move") {
  Built wide = Build("logo: logo.svg\n", "First", "Text.\n",
                     {{"logo.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"90\" height=\"30\"/>"}});
  INFO(wide.diagnostics);
  REQUIRE(wide.ok);
  CHECK(wide.File("index.html")
            .find("<img class=\"morsel-logo\" src=\"assets/logo.svg\" alt=\"\" width=\"96\" "
                  "height=\"32\">") != std::string::npos);
  // A size that cannot be read: the height alone.
  Built unknown =
      Build("logo: logo.svg\n", "First", "Text.\n", {{"logo.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>"}});
  REQUIRE(unknown.ok);
  const std::string home = unknown.File("index.html");
  INFO(home.substr(home.find("<img"), 120));
  CHECK(home.find("alt=\"\" height=\"32\">") != std::string::npos);
}

TEST_CASE("a new build has a new service worker version; the same build the same") {
  auto version = [](const Built& b) {
    std::string worker = b.File("sw.js");
    size_t at = worker.find("\"version\":\"");
    return worker.substr(at + 11, 10);
  };
  Built one = Build("");
  Built same = Build("");
  Built other = Build("", "First, renamed");
  REQUIRE(one.ok);
  CHECK(version(one) == version(same));
  CHECK(version(one) != version(other));
}

TEST_CASE("the service worker version hashes every file's path and SHA-256, as each was written") {
  Site site;
  site.config.id = "tiny";
  site.config.title = "Tiny";
  Theme theme;
  theme.files = {{"runtime/sw.js", "self.addEventListener('fetch', () => {});\n"}};
  // The site's whole output but the hosting files: pages, theme files under their
  // published names, copied content files.
  MemoryOutput output;
  for (const auto& [path, contents] :
       std::map<std::string, std::string>{{"index.html", "<!doctype html>\n"},
                                          {"course/index.html", std::string(63, 'c')},
                                          {"course/mod/first.html", std::string(1000, 'l')},
                                          {"runtime/morsel.0123456789.js", std::string(200, 'r')},
                                          {"assets/morsel.0123456789.css", "body {}\n"},
                                          {"images/logo.png", std::string("\x89PNG\0\0", 6) + std::string(100, 'p')},
                                          {"course/handout.pdf", std::string(70, 'h')}}) {
    REQUIRE(output.Add(path, contents));
  }
  REQUIRE(AddHostingFiles(site, theme, AssetNames(), true, &output));
  const std::map<std::string, std::string>& files = output.files();
  // Every file of the output (robots.txt and the manifest included) but the worker, in
  // path order: its path and its digest.
  std::string all;
  for (const auto& [path, contents] : files) {
    if (path == "sw.js") continue;
    core::Sha256 hash;
    hash.Update(contents);
    const core::Sha256::Digest digest = hash.Finish();
    all += path + '\0' + std::string(digest.begin(), digest.end()) + '\0';
  }
  CHECK(files.count("manifest.webmanifest") == 1);
  const std::string version = core::Sha256Hex(all).substr(0, 10);
  CHECK(files.at("sw.js").find("\"version\":\"" + version + "\"") != std::string::npos);
  CHECK(files.at("sw.js").find("self.addEventListener('fetch'") != std::string::npos);
}

TEST_CASE("csp: false leaves the policy's meta tag out of every page") {
  Built b = Build("csp: false\n");
  INFO(b.diagnostics);
  REQUIRE(b.ok);
  for (const char* page :
       {"index.html", "course/index.html", "course/mod/first.html", "my-learning.html", "404.html"}) {
    INFO(page);
    CHECK(b.File(page).find("Content-Security-Policy") == std::string::npos);
  }
}

TEST_CASE("with base_url and csp: sitemap, canonical links, the policy and a based 404") {
  Built b = Build("base_url: https://learn.example.com/x\ncsp: true\nfeatures: {offline: false}\n");
  INFO(b.diagnostics);
  REQUIRE(b.ok);
  CHECK(b.File("sitemap.xml") ==
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        "<url><loc>https://learn.example.com/x/</loc></url>\n"
        "<url><loc>https://learn.example.com/x/course/</loc></url>\n"
        "<url><loc>https://learn.example.com/x/course/mod/first.html</loc></url>\n"
        "</urlset>\n");
  CHECK(b.File("robots.txt") == "User-agent: *\nAllow: /\nSitemap: https://learn.example.com/x/sitemap.xml\n");
  CHECK_FALSE(b.Has("sw.js"));
  CHECK_FALSE(b.Has("manifest.webmanifest"));
  std::string lesson = b.File("course/mod/first.html");
  CHECK(lesson.find("<link rel=\"canonical\" href=\"https://learn.example.com/x/course/mod/first.html\">") !=
        std::string::npos);
  CHECK(lesson.find("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self';") != std::string::npos);
  CHECK(lesson.find("data-morsel-offline") == std::string::npos);
  CHECK(b.File("404.html").find("<base href=\"https://learn.example.com/x/\">") != std::string::npos);
  CHECK(b.File("course/index.html").find("\"@type\":\"Course\"") != std::string::npos);
}

TEST_CASE("a site too large to download at a first visit gets no worker unless it asks") {
  // 12 MB of slides: precached; 30 MB of video: streamed, never precached.
  const std::string body = "[Slides](slides.pdf) and [the talk](talk.mp4).\n";
  Built small = Build("", "First", body,
                      {{"course/01-mod/slides.pdf", std::string(12 * 1024 * 1024, 'p')},
                       {"course/01-mod/talk.mp4", std::string(30 * 1024 * 1024, 'v')}});
  INFO(small.diagnostics);
  REQUIRE(small.ok);
  CHECK(small.Has("course/mod/talk.mp4"));
  CHECK(small.File("sw.js").find("\"course/mod/slides.pdf\"") != std::string::npos);
  CHECK(small.File("sw.js").find("talk.mp4") == std::string::npos);

  // 10 MB more takes the first visit past 20 MB.
  Built big = Build("", "First", body + "[Handout](handout.pdf)\n",
                    {{"course/01-mod/slides.pdf", std::string(12 * 1024 * 1024, 'p')},
                     {"course/01-mod/talk.mp4", std::string(30 * 1024 * 1024, 'v')},
                     {"course/01-mod/handout.pdf", std::string(10 * 1024 * 1024, 'q')}});
  INFO(big.diagnostics);
  REQUIRE(big.ok);
  CHECK(big.diagnostics.find("site.yml: warning: no service worker: a first visit to a course would download "
                             "23 MB (more than 20 MB) [offline-too-large]") != std::string::npos);
  CHECK_FALSE(big.Has("sw.js"));
  CHECK_FALSE(big.Has("manifest.webmanifest"));
  CHECK(big.File("index.html").find("data-morsel-offline") == std::string::npos);
  CHECK(big.File("course/mod/first.html").find("data-morsel-offline") == std::string::npos);

  // Asked for explicitly: precached, no warning.
  std::string error;
  big.fs.WriteFile("content/site.yml", "title: Tiny\nid: tiny\nfeatures: {offline: true}\n", &error);
  big.Rebuild();
  REQUIRE(big.ok);
  CHECK(big.diagnostics.find("offline-too-large") == std::string::npos);
  CHECK(big.File("sw.js").find("\"course/mod/handout.pdf\"") != std::string::npos);
  CHECK(big.File("index.html").find(" data-morsel-offline") != std::string::npos);
}

}  // namespace
TEST_CASE("an LRS in site.yml: its endpoint on every page, its script, and the policy lets pages reach it") {
  Built b = Build("csp: true\nxapi:\n  endpoint: https://lrs.example.com/data/xAPI\n");
  INFO(b.diagnostics);
  REQUIRE(b.ok);
  const std::string lesson = b.File("course/mod/first.html");
  CHECK(lesson.find(" data-morsel-xapi=\"https://lrs.example.com/data/xAPI/\"") != std::string::npos);
  CHECK(std::regex_search(lesson, std::regex("<script src=\"\\.\\./\\.\\./runtime/xapi\\.[0-9a-f]+\\.js\" defer>")));
  CHECK(lesson.find("; connect-src 'self' https://lrs.example.com\"") != std::string::npos);
  const std::string single = b.File("course/course-offline.html");
  CHECK(single.find(" data-morsel-xapi=\"https://lrs.example.com/data/xAPI/\"") != std::string::npos);
  CHECK(single.find("; connect-src https://lrs.example.com\"") != std::string::npos);

  // Without one: no attribute, no script, no connections but the site's own.
  Built plain = Build("csp: true\n");
  REQUIRE(plain.ok);
  CHECK(plain.File("course/mod/first.html").find("xapi") == std::string::npos);
  CHECK(plain.File("course/mod/first.html").find("connect-src") == std::string::npos);
  CHECK(plain.File("course/course-offline.html").find("connect-src") == std::string::npos);
}

TEST_CASE("site.yml's xapi refuses credentials and endpoints a browser should not be sent to") {
  Built credentials = Build("xapi:\n  endpoint: https://lrs.example.com/xapi/\n  auth: Basic c2VjcmV0\n");
  CHECK_FALSE(credentials.ok);
  CHECK(credentials.diagnostics.find("site.yml:6:3: error: 'xapi.auth' would publish") != std::string::npos);
  CHECK(credentials.diagnostics.find("[xapi-credentials]") != std::string::npos);
  CHECK(credentials.diagnostics.find("anyone can read them") != std::string::npos);
  Built http = Build("xapi:\n  endpoint: http://lrs.example.com/xapi/\n");
  CHECK_FALSE(http.ok);
  CHECK(http.diagnostics.find("site.yml:5:13: error: 'xapi.endpoint' must use https") != std::string::npos);
  Built missing = Build("xapi: {}\n");
  CHECK_FALSE(missing.ok);
  CHECK(missing.diagnostics.find("endpoint") != std::string::npos);
}

TEST_CASE("tags are the pages' schema.org keywords") {
  Built b = Build("", "First", "Text.\n",
                  {{"course/01-mod/02-tagged.md", "---\ntitle: Tagged\ntags: [phishing, email]\n---\nText.\n"}});
  INFO(b.diagnostics);
  REQUIRE(b.ok);
  CHECK(b.File("course/mod/tagged.html").find("\"keywords\":[\"phishing\",\"email\"]") != std::string::npos);
  CHECK(b.File("course/mod/first.html").find("keywords") == std::string::npos);
}

TEST_CASE("a course's image is its card's cover, its page's cover and, with base_url, its og:image") {
  const std::map<std::string, std::string> files = {
      {"course/_index.md", "---\ntitle: Course\nimage: art/cover.svg\n---\n"},
      {"course/art/cover.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 16 9\"/>"}};
  Built b = Build("", "First", "Text.\n", files);
  INFO(b.diagnostics);
  REQUIRE(b.ok);
  CHECK(b.Has("course/cover.svg"));
  CHECK(b.File("index.html").find("<img class=\"morsel-card-image\" src=\"course/cover.svg\" alt=\"\"") !=
        std::string::npos);
  CHECK(b.File("course/index.html").find("<img class=\"morsel-cover\" src=\"cover.svg\" alt=\"\"") !=
        std::string::npos);
  CHECK(b.File("course/index.html").find("og:image") == std::string::npos);  // no absolute address to give

  Built based = Build("base_url: https://learn.example.com/academy/\n", "First", "Text.\n", files);
  REQUIRE(based.ok);
  const std::string page = based.File("course/index.html");
  CHECK(page.find("<meta property=\"og:image\" content=\"https://learn.example.com/academy/course/cover.svg\">") !=
        std::string::npos);
  CHECK(page.find("\"image\":\"https://learn.example.com/academy/course/cover.svg\"") != std::string::npos);

  Built none = Build("");
  CHECK(none.File("index.html").find("morsel-card-image") == std::string::npos);
}

}  // namespace morsel::gen
