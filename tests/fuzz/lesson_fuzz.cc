// A whole lesson file through the generator's stages, as `morsel build` runs them
// (generator/build.cc): load (front matter, keys), ids (morsel.lock), validate, compile
// (the Markdown body, generator/markdown.cc, with its interactive blocks, and the rewriting
// of every link and image: `.md` links become page links, `#anchor`s are checked against
// the target page's headings, files are recorded for copying), then every page's content
// HTML with the theme's block templates and links as the pages edition writes them, and
// the text the search index reads from it. The rest of the render (layout, runtime files,
// hashes of every output file) does not read the lesson's text and would only slow the
// target down. The site around the lesson is fixed: a second lesson with headings to link
// to (`02-other.md#key-idea`), an image and an attachment.
#include <cstddef>
#include <cstdint>
#include <string>

#include "generator/compile.h"
#include "generator/content.h"
#include "generator/diagnostics.h"
#include "generator/file_system.h"
#include "generator/loader.h"
#include "generator/lock.h"
#include "generator/search_index.h"
#include "generator/theme.h"
#include "generator/validate.h"
#include "tests/fuzz/fuzz_input.h"

namespace {

namespace gen = morsel::gen;

/// The default theme, loaded once: the site.yml around the lesson does not change.
const gen::Theme& DefaultTheme() {
  static const gen::Theme theme = [] {
    gen::MemoryFileSystem fs;
    gen::Theme loaded;
    gen::DiagnosticSink sink;
    gen::ThemeSources sources;
    sources.config_path = "content/site.yml";
    if (!gen::LoadTheme(fs, sources, &loaded, &sink)) __builtin_trap();
    return loaded;
  }();
  return theme;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string lesson = morsel::fuzz::Text(data, size);
  gen::MemoryFileSystem fs;
  std::string error;
  fs.WriteFile("content/site.yml", "title: Fuzz\nid: fuzz\n", &error);
  fs.WriteFile("content/course/_index.md", "---\ntitle: Course\n---\nSee [the lesson](01-mod/01-lesson.md).\n", &error);
  fs.WriteFile("content/course/01-mod/_index.md", "---\ntitle: Module\n---\n", &error);
  fs.WriteFile("content/course/01-mod/01-lesson.md", lesson, &error);
  fs.WriteFile("content/course/01-mod/02-other.md",
               "---\ntitle: Other\n---\n# Key idea\n\n## Key idea\n\nBack to [the lesson](01-lesson.md#top).\n",
               &error);
  // A 1x1 PNG and a text attachment.
  fs.WriteFile("content/course/01-mod/img.png",
               std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89"
                           "\0\0\0\rIDATx\x9c\x63\0\x01\0\0\x05\0\x01\x0d\n-\xb4\0\0\0\0IEND\xae\x42\x60\x82",
                           67),
               &error);
  fs.WriteFile("content/course/01-mod/notes.txt", "notes\n", &error);

  gen::DiagnosticSink sink;
  gen::Site site;
  if (!gen::LoadSite(fs, "content", gen::LoadOptions(), &site, &sink)) return 0;
  gen::Lock lock;
  lock.Read(fs, "content", &sink);
  lock.set_site_id(site.config.id);
  lock.AssignPageIds(&site, &sink);
  bool ok = gen::ValidateSite(&site, "content", &sink);
  ok = gen::CompileSite(&site, fs, "content", &lock, &sink) && ok;
  if (ok) {
    gen::Contents contents;
    if (gen::RenderContents(site, DefaultTheme(), gen::PagesEdition(), &contents, &sink)) {
      for (const auto& [path, html] : contents) gen::ExtractPageText(html);
    }
  }
  sink.Format();
  return 0;
}
