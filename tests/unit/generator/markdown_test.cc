// Markdown rendering (generator/markdown.h): heading ids.
#include "generator/markdown.h"

#include <catch2/catch.hpp>

namespace morsel::gen {
namespace {

TEST_CASE("repeated headings get GitHub's numbered ids, skipping ids a heading took") {
  HeadingIds ids;
  CHECK(ids.Next("Next steps") == "next-steps");
  CHECK(ids.Next("Next steps") == "next-steps-1");
  // Written out, "Next steps 1" would be the id just given: it counts on from itself.
  CHECK(ids.Next("Next steps 1") == "next-steps-1-1");
  CHECK(ids.Next("Next steps") == "next-steps-2");
  CHECK(ids.Next("Next steps 3") == "next-steps-3");
  // Ids every page's layout already uses are not given to headings.
  CHECK(ids.Next("Main") == "main-1");
  CHECK(ids.Next("Morsel course") == "morsel-course-1");
  CHECK(ids.Next("Main") == "main-2");
  CHECK(ids.Next("Next steps") == "next-steps-4");
  CHECK(ids.Next("?!") == "section");
  CHECK(ids.Next("") == "section-1");
}

TEST_CASE("GitHub's callouts: > [!NOTE] and its kin, in the page's words; other quotes stay quotes") {
  MarkdownHooks hooks;
  auto html = [&](const std::string& md) { return RenderMarkdown(md, 1, false, hooks).html; };
  CHECK(html("> [!NOTE]\n> Useful **info**.\n") ==
        "<div class=\"morsel-callout morsel-callout-note\" role=\"note\">\n<p class=\"morsel-callout-title\">Note</p>\n"
        "<p>Useful <strong>info</strong>.</p>\n</div>\n");
  for (const char* kind : {"tip", "important", "warning", "caution"}) {
    INFO(kind);
    CHECK(html(std::string("> [!") + kind + "]\n> Text.\n").find(std::string("morsel-callout-") + kind) !=
          std::string::npos);
  }
  CHECK(html("> [!warning]  \n> Lower case, trailing spaces.\n").find("morsel-callout-warning") != std::string::npos);
  // The marker alone: a paragraph after it, a list inside, a nested callout.
  const std::string nested = html("> [!TIP]\n>\n> - one\n> - two\n>\n> > [!CAUTION]\n> > Inner.\n");
  CHECK(nested.find("<p class=\"morsel-callout-title\">Tip</p>\n<ul>") != std::string::npos);
  CHECK(nested.find("morsel-callout-caution") != std::string::npos);
  CHECK(nested.find("<blockquote>") == std::string::npos);
  // Not callouts: text after the marker on its line, an unknown kind, a plain quote.
  CHECK(html("> [!NOTE] inline\n").find("<blockquote>") != std::string::npos);
  CHECK(html("> [!FYI]\n> Text.\n").find("<blockquote>") != std::string::npos);
  CHECK(html("> Just a quote.\n") == "<blockquote>\n<p>Just a quote.</p>\n</blockquote>\n");
  // Raw HTML inside is filtered as anywhere else; the title comes from the hook, escaped.
  hooks.callout_title = [](const std::string& kind) { return kind == "note" ? "Remarque <b>" : ""; };
  const std::string localized = html("> [!NOTE]\n> <script>alert(1)</script>\n");
  CHECK(localized.find("Remarque &lt;b&gt;") != std::string::npos);
  CHECK(localized.find("<script>") == std::string::npos);
}

TEST_CASE("fenced code is highlighted at build time when its language is known, else left plain") {
  MarkdownHooks hooks;
  auto html = [&](const std::string& md) { return RenderMarkdown(md, 1, false, hooks).html; };
  CHECK(html("```python\ndef f(x):\n    return x < 1  # a <b>\n```\n") ==
        "<pre tabindex=\"0\"><code class=\"language-python\"><span class=\"morsel-code-keyword\">def</span> "
        "<span class=\"morsel-code-function\">f</span>(x):\n    <span class=\"morsel-code-keyword\">return</span> x "
        "&lt; <span class=\"morsel-code-number\">1</span>  <span class=\"morsel-code-comment\"># a &lt;b&gt;</span>\n"
        "</code></pre>\n");
  // Each block starts afresh: a comment left open in one does not run on into the next.
  const std::string two = html("```c\n/* open\n```\n\n```c\nint x;\n```\n");
  CHECK(two.find("<span class=\"morsel-code-type\">int</span> x;") != std::string::npos);
  // YAML with a configuration file's rules: its comments.
  CHECK(html("```yaml\ntitle: A  # the name\n```\n").find("<span class=\"morsel-code-comment\"># the name</span>") !=
        std::string::npos);
  // Unknown, path-like or no language, or an indented block: as cmark writes them.
  CHECK(html("```nosuchlang\nplain <x>\n```\n") ==
        "<pre tabindex=\"0\"><code class=\"language-nosuchlang\">plain &lt;x&gt;\n</code></pre>\n");
  CHECK(html("```../cpp\nint x;\n```\n").find("morsel-code-") == std::string::npos);
  CHECK(html("```\nint x;\n```\n") == "<pre tabindex=\"0\"><code>int x;\n</code></pre>\n");
  CHECK(html("    int x;\n") == "<pre tabindex=\"0\"><code>int x;\n</code></pre>\n");
  // The language is the info string's first word.
  CHECK(html("```sh title\nls -la\n```\n").find("<code class=\"language-sh\">") != std::string::npos);
}

TEST_CASE("texts rendered into one page share its heading ids") {
  const std::string body = "## Next steps\n\nText.\n\n## Next steps\n";
  MarkdownHooks alone;
  CHECK(RenderMarkdown(body, 1, false, alone).html ==
        "<h2 id=\"next-steps\">Next steps</h2>\n<p>Text.</p>\n<h2 id=\"next-steps-1\">Next steps</h2>\n");

  HeadingIds page;
  MarkdownHooks shared;
  shared.heading_ids = &page;
  const RenderedMarkdown rendered = RenderMarkdown(body, 1, false, shared);
  CHECK(rendered.anchors == std::vector<std::string>{"next-steps", "next-steps-1"});
  CHECK(RenderMarkdown("## Next steps\n", 1, false, shared).html == "<h2 id=\"next-steps-2\">Next steps</h2>\n");
  CHECK(RenderInlineMarkdown("## Next steps", shared) == "<h2 id=\"next-steps-3\">Next steps</h2>\n");
  // A text on its own numbers from the start.
  CHECK(RenderInlineMarkdown("## Next steps") == "<h2 id=\"next-steps\">Next steps</h2>\n");
}

/// The interactive blocks of `body` as the walk finds them.
std::vector<FencedBlock> BlocksOf(const std::string& body) {
  std::vector<FencedBlock> blocks;
  MarkdownHooks hooks;
  hooks.is_block = [](const std::string& info) { return info == "quiz"; };
  hooks.render_block = [&](const FencedBlock& block) {
    blocks.push_back(block);
    return std::string();
  };
  RenderMarkdown(body, 1, false, hooks);
  return blocks;
}

TEST_CASE("a block the author left open is told from a closed one") {
  const std::string yaml = "questions:\n  - prompt: P\n";
  SECTION("closed, with any fence cmark accepts") {
    for (const std::string& body : std::vector<std::string>{
             "```quiz\n" + yaml + "```\n", "```quiz\n" + yaml + "```", "```quiz\n" + yaml + "```   \n\n\n",
             "```quiz\r\n" + yaml + "```\r\n", "~~~quiz\n" + yaml + "~~~~\n", "````quiz\n" + yaml + "````\n",
             "  ```quiz\n" + yaml + "   ```\n", "> ```quiz\n> questions: []\n> ```\n", "```quiz\n```\n"}) {
      INFO(body);
      const std::vector<FencedBlock> blocks = BlocksOf(body);
      REQUIRE(blocks.size() == 1);
      CHECK(blocks[0].unclosed == 0);
    }
    CHECK(BlocksOf("~~~~quiz\n" + yaml + "~~~~\n")[0].fence == "~~~~");
  }
  SECTION("open at the end of the file, or before prose") {
    for (const std::string& body :
         std::vector<std::string>{"```quiz\n" + yaml, "```quiz\n" + yaml + "\n## Next\n\nProse.\n", "```quiz"}) {
      INFO(body);
      const std::vector<FencedBlock> blocks = BlocksOf(body);
      REQUIRE(blocks.size() == 1);
      CHECK(blocks[0].unclosed == -1);
      CHECK_FALSE(blocks[0].nested);
    }
  }
  SECTION("open before another block: that block's opening line is read into it") {
    const std::vector<FencedBlock> blocks =
        BlocksOf("Text.\n\n```quiz\n" + yaml + "\nMore.\n\n```quiz\n" + yaml + "```\n");
    REQUIRE(blocks.size() == 1);
    CHECK(blocks[0].first_line == 4);
    CHECK(blocks[0].unclosed == 9);  // the file line of the second ```quiz
    // A shorter fence, or one of the other character, does not close it either.
    CHECK(BlocksOf("````quiz\n" + yaml + "```\n")[0].unclosed == 4);
    CHECK(BlocksOf("~~~quiz\n" + yaml + "```\n")[0].unclosed == 4);
    // Fences inside the block's text, indented, are the author's.
    CHECK(BlocksOf("````quiz\nintro: |\n  ```python\n  x = 1\n  ```\n````\n")[0].unclosed == 0);
  }
  SECTION("open in a list item or a quote, which ends it") {
    const std::vector<FencedBlock> blocks = BlocksOf("- item\n\n  ```quiz\n  questions: []\nText.\n");
    REQUIRE(blocks.size() == 1);
    CHECK(blocks[0].unclosed == -1);
    CHECK(blocks[0].nested);
  }
}

}  // namespace
}  // namespace morsel::gen
