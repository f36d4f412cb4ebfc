// The examples in docs/*.md build: every ```quiz, ```scenario and ```flashcards block
// (also inside a ````markdown fence, whose whole text is one lesson: its body, or the
// whole file when it starts with front matter) is put in a lesson of a minimal site and
// checked as `morsel check` does, and every ```yaml block is read as site.yml (what it
// does not set, `title` and `id`, added). Each must give no error and no warning, so a
// documented example cannot drift from what the tool accepts. An example that shows a
// mistake on purpose says so on the line before its fence,
//   <!-- morsel-example: invalid <code> -->
// and must then fail with that code; a plain block right after it that starts with
// "content/" is what `morsel check` prints for it, word for word.
#include <map>
#include <set>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "generator/build.h"
#include "generator/text.h"
#include "tests/unit/generator/site_fixture.h"

namespace morsel::gen {
namespace {

struct DocExample {
  std::string where;  // "docs/authoring.md:147", the opening fence
  std::string kind;   // "lesson" (a lesson's body or whole file) or "site.yml"
  std::string text;
  std::string invalid_code;         // "" for an example that must build cleanly
  std::string shown_output;         // what the docs show `morsel check` printing for it
  std::vector<std::string> blocks;  // the info strings of the blocks it holds
  std::vector<std::string> block_texts;
};

/// A fenced code block of Markdown text (CommonMark's rules, as far as docs use them).
struct Fence {
  size_t open_line = 0;  // 0-based index of the opening fence line
  std::string info;      // the first word of the info string
  std::string text;      // the content lines, the fence's indentation removed
  std::string marker;    // the text of a "<!-- morsel-example: … -->" line just before it
  bool closed = false;
};

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

/// The length of the fence `line` opens or closes (3 or more '`' or '~' after at most 3
/// spaces), its character and indentation; 0 when it is not a fence line.
size_t FenceLength(const std::string& line, char* fence_char, size_t* indent) {
  size_t at = line.find_first_not_of(' ');
  if (at == std::string::npos || at > 3 || (line[at] != '`' && line[at] != '~')) return 0;
  const char c = line[at];
  const size_t end = line.find_first_not_of(c, at);
  const size_t length = (end == std::string::npos ? line.size() : end) - at;
  if (length < 3) return 0;
  *fence_char = c;
  *indent = at;
  return length;
}

std::vector<Fence> Fences(const std::vector<std::string>& lines) {
  std::vector<Fence> fences;
  const std::string kMarker = "<!-- morsel-example:";
  for (size_t i = 0; i < lines.size(); ++i) {
    char c = 0;
    size_t indent = 0;
    const size_t length = FenceLength(lines[i], &c, &indent);
    if (length == 0) continue;
    Fence fence;
    fence.open_line = i;
    std::string info = lines[i].substr(indent + length);
    const size_t first = info.find_first_not_of(' ');
    info = first == std::string::npos ? "" : info.substr(first);
    fence.info = info.substr(0, info.find(' '));
    if (i > 0 && StartsWith(lines[i - 1], kMarker)) {
      const std::string& m = lines[i - 1];
      const size_t end = m.find("-->");
      fence.marker = m.substr(kMarker.size(), end == std::string::npos ? std::string::npos : end - kMarker.size());
      while (!fence.marker.empty() && fence.marker.front() == ' ') fence.marker.erase(0, 1);
      while (!fence.marker.empty() && fence.marker.back() == ' ') fence.marker.pop_back();
    }
    for (++i; i < lines.size(); ++i) {
      char close_char = 0;
      size_t close_indent = 0;
      const size_t close = FenceLength(lines[i], &close_char, &close_indent);
      if (close >= length && close_char == c &&
          lines[i].find_first_not_of(' ', close_indent + close) == std::string::npos) {
        fence.closed = true;
        break;
      }
      const std::string& line = lines[i];
      const size_t strip = std::min(
          indent, line.find_first_not_of(' ') == std::string::npos ? line.size() : line.find_first_not_of(' '));
      fence.text += line.substr(strip) + "\n";
    }
    fences.push_back(std::move(fence));
  }
  return fences;
}

bool IsBlock(const std::string& info) {
  return info == "quiz" || info == "scenario" || info == "flashcards" || info == "video" || info == "audio";
}

/// Every example of one docs file.
std::vector<DocExample> Examples(const std::string& name, const std::string& markdown) {
  std::vector<DocExample> examples;
  bool after_invalid = false;
  for (const Fence& fence : Fences(Lines(markdown))) {
    // The plain block right after an invalid example, when it shows a diagnostic.
    if (after_invalid && fence.info.empty() && StartsWith(fence.text, "content/")) {
      examples.back().shown_output = fence.text;
    }
    after_invalid = false;
    DocExample example;
    example.where = "docs/" + name + ":" + std::to_string(fence.open_line + 1);
    if (!fence.closed) {
      example.kind = "unclosed";
      examples.push_back(example);
      continue;
    }
    if (fence.info == "yaml") {
      example.kind = "site.yml";
      example.text = fence.text;
    } else if (fence.info == "markdown") {
      example.kind = "lesson";
      example.text = fence.text;
      for (const Fence& inner : Fences(Lines(fence.text))) {
        if (!IsBlock(inner.info)) continue;
        example.blocks.push_back(inner.info);
        example.block_texts.push_back(inner.text);
      }
    } else if (IsBlock(fence.info)) {
      example.kind = "lesson";
      example.text = "```" + fence.info + "\n" + fence.text + "```\n";
      example.blocks.push_back(fence.info);
      example.block_texts.push_back(fence.text);
    } else {
      continue;  // shell, JSON, HTML, plain text: not Morsel's input
    }
    const std::string kInvalid = "invalid ";
    if (StartsWith(fence.marker, kInvalid)) example.invalid_code = fence.marker.substr(kInvalid.size());
    after_invalid = !example.invalid_code.empty();
    examples.push_back(std::move(example));
  }
  return examples;
}

std::vector<DocExample> AllExamples() {
  RealFileSystem disk;
  const std::string docs = std::string(MORSEL_SOURCE_DIR) + "/docs";
  std::vector<DocExample> all;
  for (const DirEntry& entry : disk.List(docs)) {
    if (entry.is_dir || !EndsWith(entry.name, ".md")) continue;
    std::string text, error;
    REQUIRE(disk.ReadFile(JoinPath(docs, entry.name), &text, &error));
    for (DocExample& e : Examples(entry.name, text)) all.push_back(std::move(e));
  }
  return all;
}

/// The site an example is checked in: course `security-awareness` (module `phishing`,
/// lesson `spot-the-hook`), as the docs' examples name them; a lesson example is that
/// lesson, a site.yml example the site's settings (and the images it names exist).
MemoryFileSystem ExampleSite(const DocExample& example) {
  MemoryFileSystem fs;
  std::string error;
  std::string site_yml = "title: T\nid: t\n";
  std::string lesson = "---\ntitle: Lesson\n---\n";
  if (example.kind == "lesson") {
    lesson = StartsWith(example.text, "---\n") ? example.text : lesson + example.text;
  } else {
    site_yml.clear();
    if (example.text.find("\ntitle:") == std::string::npos && !StartsWith(example.text, "title:")) {
      site_yml += "title: T\n";
    }
    if (example.text.find("\nid:") == std::string::npos && !StartsWith(example.text, "id:")) site_yml += "id: t\n";
    site_yml += example.text;
    // Badge images and a logo: "image: badges/x.svg", "logo: images/logo.svg".
    for (const std::string& line : Lines(example.text)) {
      for (const std::string key : {"image: ", "logo: "}) {
        const size_t at = line.find(key);
        if (at == std::string::npos) continue;
        std::string path = line.substr(at + key.size());
        path = path.substr(0, path.find_first_of(" ,}#"));
        if (!path.empty()) {
          fs.WriteFile("content/" + path, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 1 1\"/>\n", &error);
        }
      }
    }
  }
  // The pictures a lesson example shows, beside the lesson: "![alt](chart.png)".
  if (example.kind == "lesson") {
    for (size_t at = 0; (at = example.text.find("](", at)) != std::string::npos;) {
      at += 2;
      const std::string path = example.text.substr(at, example.text.find_first_of(") \"", at) - at);
      if (path.find('/') == std::string::npos && path.find(':') == std::string::npos && IsImagePath(path)) {
        fs.WriteFile("content/security-awareness/01-phishing/" + path,
                     "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 1 1\"/>\n", &error);
      }
    }
  }
  // The files a video or audio example names, beside the lesson: "src: clip.mp4".
  for (size_t b = 0; b < example.blocks.size(); ++b) {
    if (example.blocks[b] != "video" && example.blocks[b] != "audio") continue;
    for (std::string line : Lines(example.block_texts[b])) {
      line = line.substr(0, line.find(" #"));
      const size_t colon = line.find(": ");
      if (colon == std::string::npos) continue;
      std::string path = line.substr(colon + 2);
      path = path.substr(0, path.find_first_of(" ,}"));
      const std::string dir = "content/security-awareness/01-phishing/";
      if (EndsWith(path, ".vtt")) {
        fs.WriteFile(dir + path, "WEBVTT\n\n00:00.000 --> 00:02.000\nHello.\n", &error);
      } else if (path.find('.') != std::string::npos && path.find("://") == std::string::npos &&
                 path.find(' ') == std::string::npos) {
        fs.WriteFile(dir + path, "bytes", &error);
      }
    }
  }
  fs.WriteFile("content/site.yml", site_yml, &error);
  fs.WriteFile("content/security-awareness/_index.md", "---\ntitle: Security awareness\n---\n", &error);
  fs.WriteFile("content/security-awareness/01-phishing/_index.md", "---\ntitle: Phishing\n---\n", &error);
  fs.WriteFile("content/security-awareness/01-phishing/01-spot-the-hook.md", lesson, &error);
  return fs;
}

TEST_CASE("every example in docs/ builds without errors or warnings", "[docs]") {
  const std::vector<DocExample> examples = AllExamples();
  std::map<std::string, int> blocks;
  int site_ymls = 0, invalid = 0;
  for (const DocExample& example : examples) {
    INFO(example.where << " (" << example.kind << "):\n" << example.text);
    REQUIRE(example.kind != "unclosed");
    MemoryFileSystem fs = ExampleSite(example);
    DiagnosticSink sink;
    BuildStats stats;
    BuildOptions options;
    options.check_only = true;
    const bool ok = BuildSite(&fs, options, &stats, &sink);
    const std::string printed = sink.Format();
    INFO("morsel check says:\n" << printed);
    if (example.invalid_code.empty()) {
      CHECK(ok);
      CHECK(sink.ErrorCount() == 0);
      CHECK(sink.WarningCount() == 0);
    } else {
      ++invalid;
      CHECK_FALSE(ok);
      CHECK(printed.find("[" + example.invalid_code + "]") != std::string::npos);
      if (!example.shown_output.empty()) CHECK(printed.find(example.shown_output) != std::string::npos);
    }
    for (const std::string& block : example.blocks) ++blocks[block];
    if (example.kind == "site.yml") ++site_ymls;
  }
  // The extraction finds what the docs hold (a fence it no longer sees would pass).
  CHECK(blocks["quiz"] >= 13);
  CHECK(blocks["scenario"] >= 1);
  CHECK(blocks["flashcards"] >= 1);
  CHECK(blocks["video"] >= 1);
  CHECK(blocks["audio"] >= 1);
  CHECK(site_ymls >= 4);
  CHECK(invalid >= 1);
}

TEST_CASE("every question type has a complete example in docs/authoring.md", "[docs]") {
  std::set<std::string> types;
  bool assessment = false;
  for (const DocExample& example : AllExamples()) {
    if (example.where.rfind("docs/authoring.md:", 0) != 0 || !example.invalid_code.empty()) continue;
    for (size_t i = 0; i < example.blocks.size(); ++i) {
      if (example.blocks[i] != "quiz") continue;
      const std::string& text = example.block_texts[i];
      for (const std::string& line : Lines(text)) {
        const size_t at = line.find("type: ");
        if (at != std::string::npos && line.find_first_not_of(" -", 0) == at) types.insert(line.substr(at + 6));
      }
      // A question without a type is a single-choice question.
      if (text.find("- prompt:") != std::string::npos) types.insert("single");
      assessment = assessment || text.find("mode: assessment") != std::string::npos;
    }
  }
  for (const char* type : {"single", "multiple", "true_false", "fill_blanks", "numeric", "matching", "ordering",
                           "dropdown", "attestation", "reflection", "poll", "likert"}) {
    INFO(type);
    CHECK(types.count(type) == 1);
  }
  CHECK(assessment);
}

}  // namespace
}  // namespace morsel::gen
