// A whole lesson file through the generator (generator/build.cc, `morsel check`): front
// matter, the Markdown body (generator/markdown.cc) with its interactive blocks, and the
// rewriting of every link and image (compile.cc: `.md` links become page links, `#anchor`s
// are checked against the target page's headings, files are recorded for copying), then
// the rendering of the page. The site around it is fixed: a second lesson with headings to
// link to (`02-other.md#key-idea`), an image and an attachment.
#include <cstddef>
#include <cstdint>
#include <string>

#include "generator/build.h"
#include "generator/diagnostics.h"
#include "generator/file_system.h"
#include "tests/fuzz/fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string lesson = morsel::fuzz::Text(data, size);
  // TODO(issue 13 part A): see yaml_fuzz.cc; aliases are skipped until yaml_json.cc
  // bounds them.
  if (morsel::fuzz::HasYamlAlias(lesson)) return -1;
  morsel::gen::MemoryFileSystem fs;
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
  morsel::gen::BuildOptions options;
  options.check_only = true;
  morsel::gen::BuildStats stats;
  morsel::gen::DiagnosticSink sink;
  morsel::gen::BuildSite(&fs, options, &stats, &sink);
  sink.Format();
  return 0;
}
