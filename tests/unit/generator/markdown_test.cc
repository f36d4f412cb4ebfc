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

}  // namespace
}  // namespace morsel::gen
