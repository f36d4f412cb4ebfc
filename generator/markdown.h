#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

namespace morsel::gen {

/// A fenced code block that names an interactive kind (```quiz …).
struct FencedBlock {
  std::string info;
  std::string literal;
  /// 1-based file line of the block's first content line (after the fence).
  int first_line = 0;
  /// Bytes of indentation before the fence, removed from each content line.
  int indent = 0;
  /// The opening fence's characters ("```", "~~~~").
  std::string fence;
  /// Set when the author did not close the block: 0 when it is closed; else the file
  /// line of the line where a fence opens inside it (its closing fence forgotten, the
  /// next block's opening line became part of it, and that block's closing fence closes
  /// it), or -1 when it runs to the end of the document (or of its list or quote) with
  /// no closing fence.
  int unclosed = 0;
  /// Inside a list item or a quote: cmark ends the block where that ends.
  bool nested = false;
};

/// The heading ids given so far on one page. Every Markdown text rendered into a page (its
/// body, then its blocks' prompts, case-study texts and feedback) shares one, so no two
/// headings of the page get the same id, as GitHub numbers repeated headings: "Next
/// steps" twice gives "next-steps" and "next-steps-1", skipping a number a heading already
/// took ("Next steps 1" written out).
class HeadingIds {
 public:
  /// Starts with the ids the default theme's layout and the runtime give elements of every
  /// page ("main", the skip link's target; "morsel-…"), so "## Main" becomes "main-1".
  HeadingIds();

  /// The id for a heading with this text; "section" stands for a text with no letters.
  std::string Next(const std::string& text);

 private:
  /// Every id given, with how many times its text's slug has been asked for again.
  std::map<std::string, int> occurrences_;
};

/// What the caller does with parts of the document while it is rendered.
/// A file a page links or shows (MarkdownHooks::linked_file).
struct LinkedFile {
  /// Shown after a link to it: "PDF, 120 KB"; "" for nothing.
  std::string meta;
  int width = 0;
  int height = 0;
};

struct MarkdownHooks {
  /// Returns true for info strings that name interactive blocks.
  std::function<bool(const std::string& info)> is_block;
  /// Returns the HTML that replaces an interactive block.
  std::function<std::string(const FencedBlock& block)> render_block;
  /// Returns the destination to use for a link or image (line and column in the file).
  std::function<std::string(const std::string& url, bool is_image, int line, int column)> rewrite_url;
  /// The page's heading ids, when the text is one of several rendered into one page;
  /// null gives the text ids of its own.
  HeadingIds* heading_ids = nullptr;
  /// Written before every heading id in the HTML (not in `anchors`): the single-file
  /// edition holds many pages, each page's ids prefixed with its section's.
  std::string id_prefix;
  /// The title of a callout (GitHub's `> [!NOTE]`: "note", "tip", "important", "warning",
  /// "caution") in the page's language; unset, English.
  std::function<std::string(const std::string& kind)> callout_title;
  /// What the page knows of the file a link or image names (by its URL as written): set,
  /// images get their width and height, `loading="lazy"` (but the first, with
  /// `eager_first_image`), and become a figure when alone in a paragraph with a title
  /// (`![alt](x.png "Caption")`); links to files get the file's type and size after them.
  std::function<LinkedFile(const std::string& url, bool is_image)> linked_file;
  bool eager_first_image = false;
};

/// Markdown's stated limits (docs/security.md). Beyond them a text is refused with a
/// diagnostic instead of being parsed: cmark-gfm's table parser is quadratic in a row's
/// cells, and its block parser in the depth of the containers open on each line.
/// A Markdown text of more than this many bytes (a lesson's body is its whole file but
/// the front matter).
constexpr size_t kMaxMarkdownBytes = size_t{2} << 20;
/// A line with more table cells than this: more than this many '|' plus one (the
/// row's borders), not counting '\|'.
constexpr int kMaxTableColumns = 100;
/// Blocks and inlines nested inside each other (lists in lists, quotes, emphasis) more
/// deeply than this.
constexpr int kMaxMarkdownDepth = 100;

/// A limit a Markdown text goes past, and where (file line and character column).
struct MarkdownLimit {
  int line = 0;
  int column = 0;
  std::string message;
  std::string hint;
};

/// Checks a text against kMaxMarkdownBytes and kMaxTableColumns before it is parsed;
/// false, with *found set, when it goes past one. `first_line` is the file line of its
/// first line.
bool WithinMarkdownLimits(const std::string& text, int first_line, MarkdownLimit* found);

/// A rendered Markdown body.
struct RenderedMarkdown {
  std::string html;
  /// The id given to each heading (GitHub's style: "Key idea" → "key-idea"), in order.
  std::vector<std::string> anchors;
  /// Words of prose (code and interactive blocks excluded), for reading-time estimates.
  int words = 0;
  /// Where the first raw HTML is (a tag, block or inline; HTML comments do not count):
  /// the file line and the column (1-based), 0 when there is none. It is omitted from
  /// the page unless `raw_html`.
  int raw_html_line = 0;
  int raw_html_column = 0;
  /// Set (line > 0) when nodes are nested deeper than kMaxMarkdownDepth: the first node
  /// past the limit.
  MarkdownLimit too_deep;
};

/// Renders a Markdown body with GitHub's extensions (table, strikethrough, autolink,
/// tasklist, tagfilter); headings get ids. Raw HTML is omitted unless `raw_html`. A
/// byte order mark (U+FEFF) at the start of a line is dropped: an editor or a
/// concatenation left it there, and it would turn a ```quiz fence into text.
/// `first_line` is the file line of the body's first line, so hooks get file positions.
RenderedMarkdown RenderMarkdown(const std::string& body, int first_line, bool raw_html, const MarkdownHooks& hooks);

/// The anchor GitHub would give a heading with this text.
std::string HeadingSlug(const std::string& text);

/// Renders a short inline text (a quiz prompt or option) without the paragraph wrapper.
/// Only `hooks.rewrite_url` (positions in it are within `text`), `hooks.heading_ids` and
/// `hooks.id_prefix` are used.
std::string RenderInlineMarkdown(const std::string& text, const MarkdownHooks& hooks = {});

}  // namespace morsel::gen
