// Nothing outside the source is read, nothing outside the output is written, and file
// names cannot break the site (docs/security.md, "Files and folders"). Cases git cannot
// hold portably (symbolic links, names with a line break, names that differ only in case)
// are made on disk at run time, in a fresh temporary folder.
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <string>

#include <catch2/catch.hpp>

#include "generator/assets.h"
#include "generator/build.h"
#include "generator/lock.h"
#include "tests/unit/generator/site_fixture.h"

namespace morsel::gen {
namespace {

namespace stdfs = std::filesystem;

/// A fresh folder under the system's temporary directory, removed at the end.
class TempDir {
 public:
  TempDir() {
    const char* base = std::getenv("TMPDIR");
    std::string pattern = std::string(base != nullptr && *base != '\0' ? base : "/tmp") + "/morsel-files-XXXXXX";
    REQUIRE(mkdtemp(pattern.data()) != nullptr);
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    stdfs::remove_all(path_, ec);
  }
  const std::string& path() const { return path_; }
  std::string operator/(const std::string& rel) const { return path_ + "/" + rel; }

 private:
  std::string path_;
};

void Write(FileSystem* fs, const std::string& path, const std::string& text) {
  std::string error;
  REQUIRE(fs->WriteFile(path, text, &error));
}

/// The one-lesson site of site_fixture.h under `root`/content, its lesson's body `lesson`.
void WriteSite(FileSystem* fs, const std::string& root, const std::string& lesson,
               const std::string& site_yml = "title: T\nid: t\n") {
  Write(fs, JoinPath(root, "content/site.yml"), site_yml);
  Write(fs, JoinPath(root, "content/course/_index.md"), "---\ntitle: Course\n---\n");
  Write(fs, JoinPath(root, "content/course/01-mod/_index.md"), "---\ntitle: Module\n---\n");
  Write(fs, JoinPath(root, "content/course/01-mod/01-lesson.md"), "---\ntitle: Lesson\n---\n" + lesson);
}

struct Result {
  bool ok = false;
  std::string diagnostics;
};

Result Build(FileSystem* fs, const std::string& source, const std::string& out, bool check_only = false) {
  DiagnosticSink sink;
  BuildStats stats;
  BuildOptions options;
  options.source = source;
  options.out = out;
  options.check_only = check_only;
  Result r;
  r.ok = BuildSite(fs, options, &stats, &sink);
  r.diagnostics = sink.Format();
  return r;
}

bool Has(const Result& r, const std::string& text) { return r.diagnostics.find(text) != std::string::npos; }

std::string Read(const FileSystem& fs, const std::string& path) {
  std::string text, error;
  fs.ReadFile(path, &text, &error);
  return text;
}

TEST_CASE("--out refuses a file, the content, a folder around or inside it, / and the home folder") {
  MemoryFileSystem fs;
  WriteSite(&fs, "", "Text.\n");
  fs.set_home_folder("home");
  Write(&fs, "home/notes.txt", "mine");
  const std::string site_yml = Read(fs, "content/site.yml");
  for (const char* out : {"content/site.yml", "content", "content/", ".", "", "/", "home", "content/course",
                          "content/site", "content/../content"}) {
    INFO(out);
    Result r = Build(&fs, "content", out);
    INFO(r.diagnostics);
    CHECK_FALSE(r.ok);
    CHECK(Has(r, "[unsafe-output]"));
    CHECK(Read(fs, "content/site.yml") == site_yml);
    CHECK(fs.IsFile("content/course/01-mod/01-lesson.md"));
    CHECK(fs.IsFile("home/notes.txt"));
  }
  CHECK(Has(Build(&fs, "content", "content/site.yml"), "'content/site.yml' is a file"));
  CHECK(Has(Build(&fs, "content", "content/site"), "is inside the content folder"));
  CHECK(Has(Build(&fs, "content", "/"), "is the root of the disk"));
  CHECK(Has(Build(&fs, "content", "home"), "is your home folder"));
  // `check` writes nothing, so it has nothing to refuse.
  CHECK(Build(&fs, "content", "content", /*check_only=*/true).ok);
}

TEST_CASE("a content folder copied into a previous output is not deleted with it") {
  // morsel build content --out W; cp -r content W/content; morsel build W/content --out W
  MemoryFileSystem fs;
  WriteSite(&fs, "", "Text.\n");
  REQUIRE(Build(&fs, "content", "W").ok);
  CHECK(fs.IsFile(std::string("W/") + kOutputMarker));
  for (const auto& [path, text] : std::map<std::string, std::string>(fs.files())) {
    if (path.compare(0, 8, "content/") == 0) Write(&fs, "W/" + path, text);
  }
  Result r = Build(&fs, "W/content", "W");
  CHECK_FALSE(r.ok);
  CHECK(Has(r, "W: error: 'W' contains the content folder 'W/content': refusing to replace it [unsafe-output]"));
  CHECK(fs.IsFile("W/content/course/01-mod/01-lesson.md"));
  CHECK(fs.IsFile("W/index.html"));
}

TEST_CASE("a previous output is recognised by its marker, not by the theme's markup") {
  MemoryFileSystem fs;
  WriteSite(&fs, "", "Text.\n");
  // A theme whose layout has no generator meta tag.
  std::string layout;
  {
    RealFileSystem disk;
    std::string error;
    REQUIRE(
        disk.ReadFile(std::string(MORSEL_SOURCE_DIR) + "/themes/default/templates/layout.mustache", &layout, &error));
  }
  const size_t meta = layout.find("<meta name=\"generator\"");
  REQUIRE(meta != std::string::npos);
  layout.erase(meta, layout.find('>', meta) + 1 - meta);
  Write(&fs, "theme/templates/layout.mustache", layout);
  Result first = Build(&fs, "content", "site");
  INFO(first.diagnostics);
  REQUIRE(first.ok);
  CHECK(Read(fs, "site/index.html").find("name=\"generator\"") == std::string::npos);
  CHECK(Read(fs, std::string("site/") + kOutputMarker) == kOutputMarkerText);
  Result again = Build(&fs, "content", "site");
  INFO(again.diagnostics);
  CHECK(again.ok);

  // A non-empty folder without the marker is the author's, whatever its index.html says.
  Write(&fs, "other/index.html", "<meta name=\"generator\" content=\"Morsel 1\">");
  Result refused = Build(&fs, "content", "other");
  CHECK_FALSE(refused.ok);
  CHECK(Has(refused, "'other' is not empty and was not written by Morsel"));
  CHECK(fs.IsFile("other/index.html"));
}

/// Every file under `folder`/, by path.
std::map<std::string, std::string> FilesUnder(const MemoryFileSystem& fs, const std::string& folder) {
  std::map<std::string, std::string> files;
  for (const auto& [path, text] : fs.files()) {
    if (path.compare(0, folder.size() + 1, folder + "/") == 0) files[path] = text;
  }
  return files;
}

TEST_CASE("a build that fails leaves the previous output as it was; one stopped half-way is replaced") {
  MemoryFileSystem fs;
  WriteSite(&fs, "", "Text.\n");
  REQUIRE(Build(&fs, "content", "site").ok);
  const std::map<std::string, std::string> before = FilesUnder(fs, "site");
  REQUIRE(before.count("site/index.html") == 1);

  // The lesson template fails as it renders: the home page, the theme's files and the
  // search index were already written, into the staging folder, and are thrown away.
  Write(&fs, "theme/templates/lesson.mustache", "{{>lesson}}");
  Result failed = Build(&fs, "content", "site");
  CHECK_FALSE(failed.ok);
  CHECK(Has(failed, "[template-render]"));
  CHECK(FilesUnder(fs, "site") == before);
  CHECK_FALSE(fs.IsDir("site.morsel-partial"));

  // A build stopped half-way leaves its staging folder, with the marker: the next one
  // replaces it, and publishes none of it.
  std::string error;
  fs.RemoveAll("theme", &error);
  Write(&fs, std::string("site.morsel-partial/") + kOutputMarker, kOutputMarkerText);
  Write(&fs, "site.morsel-partial/half.html", "half");
  Result next = Build(&fs, "content", "site");
  INFO(next.diagnostics);
  CHECK(next.ok);
  CHECK_FALSE(fs.IsDir("site.morsel-partial"));
  CHECK_FALSE(fs.IsFile("site/half.html"));
  CHECK(fs.IsFile("site/index.html"));

  // A folder of that name that Morsel did not write is the author's.
  Write(&fs, "site.morsel-partial/mine.txt", "mine");
  Result refused = Build(&fs, "content", "site");
  CHECK_FALSE(refused.ok);
  CHECK(Has(refused, "'site.morsel-partial' exists and was not written by Morsel"));
  CHECK(Read(fs, "site.morsel-partial/mine.txt") == "mine");

  // So is a file where Morsel keeps its build cache (generator/build_cache.h).
  REQUIRE(fs.RemoveAll("site.morsel-partial", nullptr));
  Write(&fs, "site.morsel-cache", "my notes");
  Result cache = Build(&fs, "content", "site");
  CHECK_FALSE(cache.ok);
  CHECK(Has(cache, "'site.morsel-cache' exists and was not written by Morsel"));
  CHECK(Read(fs, "site.morsel-cache") == "my notes");
}

/// A disk that fills up once a file has its first 64 KB: every append fails.
class FullDisk : public MemoryFileSystem {
 public:
  bool AppendFile(const std::string& path, std::string_view, std::string* error) override {
    *error = "cannot write '" + path + "': No space left on device";
    return false;
  }
};

TEST_CASE("a write that fails is reported where it failed, and the previous output stays") {
  FullDisk fs;
  WriteSite(&fs, "", "Text.\n");
  Write(&fs, std::string("site/") + kOutputMarker, kOutputMarkerText);
  Write(&fs, "site/index.html", "the previous build");
  Result r = Build(&fs, "content", "site");
  CHECK_FALSE(r.ok);
  // The single file (the runtime inline) is the one file long enough to be appended to.
  INFO(r.diagnostics);
  CHECK(Has(r,
            "site.morsel-partial/course/course-offline.html: error: cannot write "
            "'site.morsel-partial/course/course-offline.html': No space left on device [write-failed]"));
  CHECK(Read(fs, "site/index.html") == "the previous build");
  CHECK_FALSE(fs.IsDir("site.morsel-partial"));
}

TEST_CASE("--out on disk: through links and relative names, the same folder is the same") {
  TempDir dir;
  RealFileSystem disk;
  WriteSite(&disk, dir.path(), "Text.\n");
  const std::string content = dir / "content";
  stdfs::create_directory_symlink(content, dir / "alias");
  for (const std::string& out : {dir / "alias", dir / "content/../content", dir.path(), dir / "alias/course"}) {
    INFO(out);
    Result r = Build(&disk, content, out);
    CHECK_FALSE(r.ok);
    CHECK(Has(r, "[unsafe-output]"));
    CHECK(disk.IsFile(dir / "content/site.yml"));
  }
  Result built = Build(&disk, content, dir / "site");
  INFO(built.diagnostics);
  CHECK(built.ok);
  CHECK(disk.IsFile(dir / "site/.morsel-output"));
}

/// A site on disk whose lesson shows an image, links an attachment and whose site.yml
/// names a logo, each of them a symbolic link to `target`.
TEST_CASE("symbolic links that leave the content folder are refused, with where they lead") {
  TempDir dir;
  RealFileSystem disk;
  Write(&disk, dir / "secret.txt", "the secret");
  WriteSite(&disk, dir.path(), "![leak](leak.png)\n\n[notes](notes.pdf)\n", "title: T\nid: t\nlogo: logo.png\n");
  const std::string module = dir / "content/course/01-mod";
  stdfs::create_symlink(dir / "secret.txt", module + "/leak.png");
  stdfs::create_symlink("../../../secret.txt", module + "/notes.pdf");
  stdfs::create_symlink(dir / "secret.txt", dir / "content/logo.png");
  Result r = Build(&disk, dir / "content", dir / "site");
  INFO(r.diagnostics);
  CHECK_FALSE(r.ok);
  CHECK(Has(r, module + "/leak.png: error: '" + module + "/leak.png' resolves to '" + dir.path() +
                   "/secret.txt', outside the content folder [outside-source]"));
  CHECK(Has(r, module + "/notes.pdf: error: "));
  CHECK(Has(r, "content/site.yml:3:7: error: logo 'logo.png' resolves to"));
  // The links themselves are reported where they are written.
  CHECK(Has(r, "01-lesson.md:4:1: error: image 'leak.png'"));
  CHECK(Has(r, "01-lesson.md:6:1: error: file 'notes.pdf'"));
  CHECK_FALSE(disk.IsDir(dir / "site"));
}

TEST_CASE("a linked lesson or course folder from outside is refused; links that stay inside are followed") {
  TempDir dir;
  RealFileSystem disk;
  WriteSite(&disk, dir.path(), "![inside](pic.png)\n");
  Write(&disk, dir / "elsewhere/lesson.md", "---\ntitle: Outside\n---\nText.\n");
  Write(&disk, dir / "elsewhere/course/_index.md", "---\ntitle: Outside course\n---\n");
  Write(&disk, dir / "content/images/real.png", "PNG");
  const std::string module = dir / "content/course/01-mod";
  stdfs::create_symlink(dir / "elsewhere/lesson.md", module + "/02-linked.md");
  stdfs::create_directory_symlink(dir / "elsewhere/course", dir / "content/linked-course");
  stdfs::create_symlink("../../images/real.png", module + "/pic.png");
  Result r = Build(&disk, dir / "content", dir / "site");
  INFO(r.diagnostics);
  CHECK_FALSE(r.ok);
  CHECK(Has(r, "02-linked.md' resolves to '" + dir.path() + "/elsewhere/lesson.md'"));
  CHECK(Has(r, "linked-course' resolves to '" + dir.path() + "/elsewhere/course'"));
  CHECK(r.diagnostics.find("pic.png") == std::string::npos);

  std::error_code ec;
  stdfs::remove(module + "/02-linked.md", ec);
  stdfs::remove(dir / "content/linked-course", ec);
  Result fine = Build(&disk, dir / "content", dir / "site");
  INFO(fine.diagnostics);
  CHECK(fine.ok);
  CHECK(Read(disk, dir / "site/course/mod/pic.png") == "PNG");
}

TEST_CASE("symbolic link loops end the walk") {
  TempDir dir;
  RealFileSystem disk;
  WriteSite(&disk, dir.path(), "Text.\n");
  const std::string module = dir / "content/course/01-mod";
  // Two links to a folder above, in each folder: a walk that followed them would visit
  // 2^40 folders before the system's limit on links in a path stopped it.
  stdfs::create_directory_symlink("..", module + "/up");
  stdfs::create_directory_symlink("../..", module + "/top");
  stdfs::create_directory_symlink(".", dir / "content/course/here");
  stdfs::create_symlink("self.md", module + "/self.md");
  Write(&disk, module + "/extra/note.txt", "not a lesson");
  stdfs::create_directory_symlink("..", module + "/extra/back");
  Result r = Build(&disk, dir / "content", dir / "site", /*check_only=*/true);
  INFO(r.diagnostics);
  CHECK(Has(r, "self.md"));  // a link to itself cannot be read
  CHECK(r.diagnostics.find("outside-source") == std::string::npos);
}

TEST_CASE("a file name with a line break is refused before it reaches morsel.lock") {
  TempDir dir;
  RealFileSystem disk;
  WriteSite(&disk, dir.path(), "Text.\n");
  Write(&disk, dir / "content/course/01-mod/02-two\nlines.md", "---\ntitle: Two\n---\nText.\n");
  Result first = Build(&disk, dir / "content", dir / "site");
  INFO(first.diagnostics);
  CHECK_FALSE(first.ok);
  CHECK(Has(first, "01-mod/02-two?lines.md: error: the name '02-two?lines.md' has a line break"));
  CHECK(Has(first, "[bad-file-name]"));
  CHECK_FALSE(disk.IsFile(dir / "content/morsel.lock"));
}

TEST_CASE("morsel.lock holds any path: control characters are escaped, not written raw") {
  Site site;
  Course course;
  course.source_path = "course";
  course.id = "course";
  Module module;
  module.source_path = "course/mod\tule";
  module.id = "course/module";
  Lesson lesson;
  lesson.source_path = "course/mod\tule/two\nlines \"quoted\" \\ \x7f.md";
  lesson.id = "course/module/two";
  module.lessons.push_back(lesson);
  course.modules.push_back(module);
  site.courses.push_back(course);
  Lock lock;
  DiagnosticSink sink;
  lock.AssignPageIds(&site, &sink);
  MemoryFileSystem fs;
  Write(&fs, "content/morsel.lock", lock.Serialize());
  CHECK(lock.Serialize().find("two\\x0Alines") != std::string::npos);
  Lock again;
  REQUIRE(again.Read(fs, "content", &sink));
  INFO(sink.Format());
  CHECK(again.Serialize() == lock.Serialize());
  // Read back, the same paths keep the same ids.
  site.courses[0].modules[0].lessons[0].id = "course/module/other";
  again.AssignPageIds(&site, &sink);
  CHECK(site.courses[0].modules[0].lessons[0].id == "course/module/two");
  CHECK_FALSE(again.changed());
}

TEST_CASE("page and attachment names with '#', '?' or '%' are refused") {
  for (const char* name : {"50%-off", "c#-intro", "why?"}) {
    INFO(name);
    MemoryFileSystem fs = OneLessonSite("Text.\n");
    Write(&fs, std::string("content/course/01-mod/") + name + ".md", "---\ntitle: X\n---\nText.\n");
    Result r = Build(&fs, "content", "site");
    CHECK_FALSE(r.ok);
    CHECK(Has(r, std::string("content/course/01-mod/") + name + ".md: error: the name '"));
    CHECK(Has(r, "[bad-file-name]"));
  }
  MemoryFileSystem fs = OneLessonSite("[sheet](100%.pdf)\n");
  Write(&fs, "content/course/01-mod/100%.pdf", "PDF");
  Result r = Build(&fs, "content", "site");
  CHECK_FALSE(r.ok);
  CHECK(Has(r, "content/course/01-mod/100%.pdf: error: the name 'course/01-mod/100%.pdf' has '%'"));
}

TEST_CASE("names that differ only in case are refused: they collide on Windows and macOS disks") {
  TempDir dir;
  RealFileSystem disk;
  WriteSite(&disk, dir.path(), "![a](Diagram.png) ![b](diagram.png)\n");
  Write(&disk, dir / "content/course/01-mod/02-Intro.md", "---\ntitle: Intro\n---\nText.\n");
  Write(&disk, dir / "content/course/01-mod/03-intro.md", "---\ntitle: intro\n---\nText.\n");
  Write(&disk, dir / "content/course/01-mod/Diagram.png", "A");
  Write(&disk, dir / "content/course/01-mod/diagram.png", "B");
  Result pages = Build(&disk, dir / "content", dir / "site", /*check_only=*/true);
  INFO(pages.diagnostics);
  CHECK_FALSE(pages.ok);
  CHECK(Has(pages,
            "03-intro.md: error: 'course/mod/intro.html' (from 'course/01-mod/03-intro.md') and "
            "'course/mod/Intro.html' (from 'course/01-mod/02-Intro.md') differ only in case"));
  CHECK(Has(pages, "[case-conflict]"));
  std::error_code ec;
  stdfs::remove(dir / "content/course/01-mod/03-intro.md", ec);
  Result files = Build(&disk, dir / "content", dir / "site", /*check_only=*/true);
  INFO(files.diagnostics);
  CHECK_FALSE(files.ok);
  CHECK(Has(files,
            "01-mod/diagram.png: error: 'course/mod/diagram.png' and 'course/mod/Diagram.png' differ only "
            "in case"));
}

TEST_CASE("lessons in a folder inside a module are reported, not silently left out") {
  MemoryFileSystem fs = OneLessonSite("Text.\n");
  Write(&fs, "content/course/01-mod/extra/02-hidden.md", "---\ntitle: Hidden\n---\nText.\n");
  Write(&fs, "content/course/01-mod/images/pic.png", "PNG");
  Result r = Build(&fs, "content", "site", /*check_only=*/true);
  CHECK_FALSE(r.ok);
  CHECK(Has(r,
            "content/course/01-mod/extra/02-hidden.md: error: lesson is in a folder inside module "
            "'course/01-mod': it is not published [lesson-outside-module]"));
}

TEST_CASE("an SVG that can run script, and an HTML attachment, are refused where they are") {
  MemoryFileSystem fs = OneLessonSite("![x](evil.svg)\n\n[page](demo.html)\n\n![ok](ok.svg)\n");
  Write(&fs, "content/course/01-mod/evil.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\">\n  <circle r=\"4\"/>\n  <script>alert(1)</script>\n</svg>\n");
  Write(&fs, "content/course/01-mod/demo.html", "<script>alert(1)</script>");
  Write(&fs, "content/course/01-mod/ok.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"><circle r=\"4\" fill=\"url(#g)\"/></svg>");
  Result r = Build(&fs, "content", "site");
  INFO(r.diagnostics);
  CHECK_FALSE(r.ok);
  CHECK(Has(r, "content/course/01-mod/evil.svg:3:3: error: this SVG has <script>, a script"));
  CHECK(Has(r, "[unsafe-svg]"));
  CHECK(Has(r, "content/course/01-mod/demo.html: error: 'course/01-mod/demo.html' would open as a web page"));
  CHECK(r.diagnostics.find("ok.svg") == std::string::npos);
}

TEST_CASE("CheckSvg refuses what can run script or load a file, and passes drawings") {
  const char* unsafe[] = {
      "<svg><script>alert(1)</script></svg>",
      "<svg><SCRIPT>alert(1)</SCRIPT></svg>",
      "<svg xmlns:s=\"http://www.w3.org/2000/svg\"><s:script>alert(1)</s:script></svg>",
      "<svg onload=\"alert(1)\"/>",
      "<svg><rect OnClick='alert(1)'/></svg>",
      "<svg><foreignObject><div/></foreignObject></svg>",
      "<svg><a href=\"javascript:alert(1)\"><text>x</text></a></svg>",
      "<svg><a xlink:href=\"&#106;avascript:alert(1)\"><text>x</text></a></svg>",
      "<svg><a href=\" java&#x09;script:alert(1)\"><text>x</text></a></svg>",
      "<svg><a href=\"data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;\"><text>x</text></a></svg>",
      "<svg><a><set attributeName=\"href\" to=\"javascript:alert(1)\"/><text>x</text></a></svg>",
      "<svg><a><animate attributeName=\"xlink:href\" values=\"https://x\"/><text>x</text></a></svg>",
      "<svg><use href=\"https://evil.example/sprite.svg#a\"/></svg>",
      "<svg><image href=\"other.svg\"/></svg>",
      "<svg><image href=\"data:image/svg+xml;base64,PHN2Zz4=\"/></svg>",
      "<svg><rect fill=\"url(https://evil.example/track)\"/></svg>",
      "<svg><rect style=\"fill: url( 'https://x' )\"/></svg>",
      "<svg><style>@import url(https://x/a.css);</style></svg>",
      "<svg><style><![CDATA[rect { fill: url(//x/a) }]]></style></svg>",
      "<svg><style>rect { background: u\\72l(//x) }</style></svg>",
      "<svg><iframe src=\"https://x\"/></svg>",
      "<svg><g xmlns=\"http://www.w3.org/1999/xhtml\"><g/></g></svg>",
      "<svg xmlns:h=\"http://www.w3.org/1999/xhtml\"><h:script>alert(1)</h:script></svg>",
      "<!DOCTYPE svg [<!ENTITY x \"<script>alert(1)</script>\">]><svg>&x;</svg>",
      "<?xml-stylesheet type=\"text/xsl\" href=\"evil.xsl\"?><svg/>",
      "<svg><handler type=\"application/ecmascript\">alert(1)</handler></svg>",
      "<svg><rect x=1 /></svg>",
      "<svg><rect/>",
      "<html><body>not an svg</body></html>",
      "",
  };
  for (const char* svg : unsafe) {
    INFO(svg);
    CHECK_FALSE(CheckSvg(svg).what.empty());
  }
  const char* safe[] = {
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" \"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\">\n"
      "<!-- drawn by hand -->\n"
      "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" "
      "xmlns:inkscape=\"http://www.inkscape.org/namespaces/inkscape\" viewBox=\"0 0 10 10\">\n"
      "  <title>A &amp; B</title>\n"
      "  <metadata><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"/></metadata>\n"
      "  <inkscape:grid type=\"xygrid\"/>\n"
      "  <defs><linearGradient id=\"g\"><stop offset=\"0\" stop-color=\"#fff\"/></linearGradient>\n"
      "    <style>.a { fill: url(#g); }</style></defs>\n"
      "  <g inkscape:label=\"Layer 1\"><rect class=\"a\" width=\"10\" height=\"10\" style=\"stroke: red\"/>\n"
      "  <use xlink:href=\"#g\"/><a href=\"https://example.com/\"><text>link</text></a>\n"
      "  <image href=\"data:image/png;base64,iVBORw0KGgo=\"/></g>\n"
      "  <animate attributeName=\"opacity\" values=\"0;1\" dur=\"1s\"/>\n"
      "</svg>\n",
      "\xEF\xBB\xBF<svg xmlns=\"http://www.w3.org/2000/svg\"><path d=\"M0 0L1 1\"/></svg>",
  };
  for (const char* svg : safe) {
    INFO(svg);
    const SvgProblem problem = CheckSvg(svg);
    INFO(problem.what);
    CHECK(problem.what.empty());
  }
  const SvgProblem at = CheckSvg("<svg>\n  <g>\n    <rect onclick=\"x()\"/></g></svg>");
  CHECK(at.line == 3);
  CHECK(at.column == 11);
  CHECK(at.what == "the attribute onclick of <rect>, an event handler (script)");
}

}  // namespace
}  // namespace morsel::gen
