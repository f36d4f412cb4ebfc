// The only file that includes cmark-gfm: every other part of the generator sees
// Markdown through markdown.h.
#include "generator/markdown.h"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <memory>
#include <string_view>
#include <vector>

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include "generator/diagnostics.h"
#include "generator/highlight.h"
#include "generator/html_escape.h"
#include "generator/text.h"

namespace morsel::gen {
namespace {

constexpr const char* kExtensions[] = {"table", "strikethrough", "autolink", "tasklist", "tagfilter"};

void EnsureRegistered() {
  // Registration writes process-global tables: do it exactly once.
  static const bool registered = [] {
    cmark_gfm_core_extensions_ensure_registered();
    return true;
  }();
  (void)registered;
}

struct ParserDeleter {
  void operator()(cmark_parser* p) const { cmark_parser_free(p); }
};
struct NodeDeleter {
  void operator()(cmark_node* n) const { cmark_node_free(n); }
};

std::string TakeString(char* s) {
  std::string out = s == nullptr ? "" : s;
  std::free(s);
  return out;
}

int Options(bool raw_html) {
  int options = CMARK_OPT_SOURCEPOS | CMARK_OPT_SMART;
  // Without UNSAFE, cmark drops raw HTML and javascript:/data: links itself.
  if (raw_html) options |= CMARK_OPT_UNSAFE;
  return options;
}

// CMARK_OPT_SOURCEPOS is needed for positions while parsing but must not leak
// data-sourcepos attributes into the pages.
int RenderOptions(bool raw_html) { return Options(raw_html) & ~CMARK_OPT_SOURCEPOS; }

std::unique_ptr<cmark_parser, ParserDeleter> NewParser(int options) {
  EnsureRegistered();
  std::unique_ptr<cmark_parser, ParserDeleter> parser(cmark_parser_new(options));
  for (const char* name : kExtensions) {
    cmark_syntax_extension* extension = cmark_find_syntax_extension(name);
    if (extension != nullptr) cmark_parser_attach_syntax_extension(parser.get(), extension);
  }
  return parser;
}

// The plain text of a node's inline descendants.
std::string PlainText(cmark_node* node) {
  std::string text;
  cmark_iter* iter = cmark_iter_new(node);
  for (cmark_event_type event; (event = cmark_iter_next(iter)) != CMARK_EVENT_DONE;) {
    cmark_node* n = cmark_iter_get_node(iter);
    cmark_node_type t = cmark_node_get_type(n);
    if (event == CMARK_EVENT_ENTER && (t == CMARK_NODE_TEXT || t == CMARK_NODE_CODE)) {
      const char* literal = cmark_node_get_literal(n);
      if (literal != nullptr) text += literal;
    } else if (event == CMARK_EVENT_ENTER && (t == CMARK_NODE_SOFTBREAK || t == CMARK_NODE_LINEBREAK)) {
      text += ' ';
    }
  }
  cmark_iter_free(iter);
  return text;
}

int CountWords(const char* text) {
  int words = 0;
  bool in_word = false;
  for (const char* p = text; *p != '\0'; ++p) {
    bool space = *p == ' ' || *p == '\n' || *p == '\t' || *p == '\r';
    if (!space && !in_word) ++words;
    in_word = !space;
  }
  return words;
}

// Whether raw HTML is one comment and nothing else: omitted or not, nobody sees it.
bool IsComment(const char* literal) {
  std::string text = literal == nullptr ? "" : literal;
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ' || text.back() == '\t')) text.pop_back();
  size_t start = text.find_first_not_of(" \t\n");
  if (start == std::string::npos || text.compare(start, 4, "<!--") != 0) return false;
  size_t end = text.find("-->", start + 4);
  return end != std::string::npos && end + 3 == text.size();
}

// cmark writes headings as bare <hN> tags: give the i-th of each level its id.
/// GitHub's callouts: a quote whose first line is `[!NOTE]`, `[!TIP]`, `[!IMPORTANT]`,
/// `[!WARNING]` or `[!CAUTION]` (any case) alone. Returns the kind in lower case, and
/// takes that line out of the quote; "" leaves any other quote as it is. cmark splits
/// the marker into several text nodes ("[", "!NOTE", "]"): they are read together.
std::string TakeCalloutMarker(cmark_node* quote) {
  cmark_node* paragraph = cmark_node_first_child(quote);
  if (paragraph == nullptr || cmark_node_get_type(paragraph) != CMARK_NODE_PARAGRAPH) return "";
  std::string marker;
  std::vector<cmark_node*> taken;
  cmark_node* node = cmark_node_first_child(paragraph);
  for (; node != nullptr && cmark_node_get_type(node) == CMARK_NODE_TEXT; node = cmark_node_next(node)) {
    const char* literal = cmark_node_get_literal(node);
    marker += literal == nullptr ? "" : literal;
    taken.push_back(node);
  }
  const bool line_ends = node == nullptr || cmark_node_get_type(node) == CMARK_NODE_SOFTBREAK ||
                         cmark_node_get_type(node) == CMARK_NODE_LINEBREAK;
  while (!marker.empty() && (marker.back() == ' ' || marker.back() == '\t')) marker.pop_back();
  if (!line_ends || marker.size() < 4 || marker.compare(0, 2, "[!") != 0 || marker.back() != ']') return "";
  std::string kind = Lower(marker.substr(2, marker.size() - 3));
  static constexpr std::string_view kKinds[] = {"note", "tip", "important", "warning", "caution"};
  if (std::find(std::begin(kKinds), std::end(kKinds), kind) == std::end(kKinds)) return "";
  if (node != nullptr) taken.push_back(node);  // the line break after the marker
  for (cmark_node* n : taken) {
    cmark_node_unlink(n);
    cmark_node_free(n);
  }
  if (cmark_node_first_child(paragraph) == nullptr) {
    cmark_node_unlink(paragraph);
    cmark_node_free(paragraph);
  }
  return kind;
}

/// The callout's markup around the quote's content, as a custom block (its children stay
/// Markdown, rendered and filtered like the rest). role="note": a landmark-free aside
/// that screen readers name.
void MakeCallout(cmark_node* quote, const std::string& kind, const MarkdownHooks& hooks) {
  std::string title = hooks.callout_title ? hooks.callout_title(kind) : "";
  if (title.empty()) title = std::string(1, static_cast<char>(kind[0] - 'a' + 'A')) + kind.substr(1);
  cmark_node* callout = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK);
  const std::string open = "<div class=\"morsel-callout morsel-callout-" + kind + "\" role=\"note\">\n" +
                           "<p class=\"morsel-callout-title\">" + EscapeHtml(title) + "</p>\n";
  cmark_node_set_on_enter(callout, open.c_str());
  cmark_node_set_on_exit(callout, "</div>\n");
  while (cmark_node* child = cmark_node_first_child(quote)) {
    cmark_node_unlink(child);
    cmark_node_append_child(callout, child);
  }
  cmark_node_replace(quote, callout);
  cmark_node_free(quote);
}

std::string AddHeadingIds(const std::string& html, const std::vector<std::pair<int, std::string>>& headings,
                          const std::string& prefix) {
  std::string out;
  out.reserve(html.size() + headings.size() * 16);
  size_t pos = 0;
  for (const auto& [level, id] : headings) {
    std::string tag = "<h" + std::to_string(level) + ">";
    size_t at = html.find(tag, pos);
    if (at == std::string::npos) continue;
    out.append(html, pos, at - pos);
    out += "<h" + std::to_string(level) + " id=\"" + EscapeHtml(prefix + id) + "\">";
    pos = at + tag.size();
  }
  out.append(html, pos, std::string::npos);
  return out;
}

// Code blocks and tables scroll sideways when wide: keyboard users must be able to reach
// them to scroll (WCAG 2.1.1), so they take focus.
std::string MakeScrollersFocusable(const std::string& html) {
  std::string out;
  out.reserve(html.size() + 64);
  size_t pos = 0;
  while (true) {
    size_t pre = html.find("<pre>", pos);
    size_t table = html.find("<table>", pos);
    size_t at = std::min(pre, table);
    if (at == std::string::npos) break;
    size_t length = at == pre ? 4 : 6;  // up to the '>'
    out.append(html, pos, at + length - pos);
    out += " tabindex=\"0\">";
    pos = at + length + 1;
  }
  out.append(html, pos, std::string::npos);
  return out;
}

/// Whether a node of this type can hold others (cmark's iterator gives those an exit).
bool IsContainer(cmark_node_type type) {
  switch (type) {
    case CMARK_NODE_HTML_BLOCK:
    case CMARK_NODE_THEMATIC_BREAK:
    case CMARK_NODE_CODE_BLOCK:
    case CMARK_NODE_TEXT:
    case CMARK_NODE_SOFTBREAK:
    case CMARK_NODE_LINEBREAK:
    case CMARK_NODE_CODE:
    case CMARK_NODE_HTML_INLINE:
      return false;
    default:
      return true;
  }
}

/// `text` without the byte order marks that start its lines.
std::string WithoutLineBoms(const std::string& text) {
  static const std::string kBom = "\xEF\xBB\xBF";
  if (text.find(kBom) == std::string::npos) return text;
  std::string out;
  out.reserve(text.size());
  size_t pos = 0;
  while (pos < text.size()) {
    if (text.compare(pos, kBom.size(), kBom) == 0 && (pos == 0 || text[pos - 1] == '\n' || text[pos - 1] == '\r')) {
      pos += kBom.size();
      continue;
    }
    out += text[pos++];
  }
  return out;
}

/// Whether `line` is a closing fence for a block opened with `length` of `fence_char`:
/// only those characters, at least as many, after container markers ('>') and
/// indentation.
bool IsClosingFence(const std::string& line, char fence_char, int length) {
  size_t end = line.find_last_not_of(" \t");
  if (end == std::string::npos) return false;
  size_t run = line.find_last_not_of(fence_char, end);
  size_t start = run == std::string::npos ? 0 : run + 1;
  if (static_cast<int>(end + 1 - start) < length) return false;
  return start == 0 || line.find_first_not_of(" \t>", 0) >= start;
}

/// The first line of `literal` (0-based) that opens a fence at its start: YAML cannot
/// start a line with ``` or ~~~ outside an indented text, so it is another block's
/// opening fence read into this one; -1 when there is none.
int FenceInside(const std::string& literal) {
  int line = 0;
  for (size_t start = 0, next = 0; start < literal.size(); start = next, ++line) {
    LineEnd(literal, start, &next);
    if (literal.compare(start, 3, "```") == 0 || literal.compare(start, 3, "~~~") == 0) return line;
  }
  return -1;
}

}  // namespace

bool WithinMarkdownLimits(const std::string& text, int first_line, MarkdownLimit* found) {
  if (text.size() > kMaxMarkdownBytes) {
    *found = {first_line, 1,
              "the text is " + std::to_string(text.size() >> 10) + " KB: Markdown files may hold at most " +
                  std::to_string(kMaxMarkdownBytes >> 20) + " MB",
              "split it into several lessons"};
    return false;
  }
  int line = first_line;
  for (size_t start = 0, next = 0; start < text.size(); start = next, ++line) {
    const size_t end = LineEnd(text, start, &next);
    int cells = 0;  // '|' on the line: a row of n cells has n + 1 with its borders
    for (size_t i = start; i < end; ++i) {
      if (text[i] == '|' && (i == start || text[i - 1] != '\\') && ++cells > kMaxTableColumns + 1) {
        *found = {line, CharColumn(text.substr(start, end - start), i - start),
                  "a line holds more than " + std::to_string(kMaxTableColumns) + " table cells ('|')",
                  "split the table, or write a '|' that is not a cell as '\\|'"};
        return false;
      }
    }
  }
  return true;
}

std::string HeadingSlug(const std::string& text) {
  std::string slug;
  for (size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c >= 'A' && c <= 'Z') {
      slug += static_cast<char>(c - 'A' + 'a');
    } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_') {
      slug += static_cast<char>(c);
    } else if (c == ' ') {
      slug += '-';
    } else if (c >= 0x80) {
      slug += static_cast<char>(c);  // GitHub keeps non-ASCII letters as they are
    }
  }
  return slug;
}

HeadingIds::HeadingIds() {
  for (const char* id :
       {"main", "morsel-strings", "morsel-course", "morsel-lesson", "morsel-dashboard", "morsel-tools-title",
        "morsel-activity-title", "morsel-search-input", "morsel-search-listbox", "morsel-import", "morsel-code"}) {
    occurrences_[id] = 0;
  }
}

/// A custom node whose HTML is `html` (written verbatim, even in safe mode: the
/// generator's own markup).
static cmark_node* CustomNode(cmark_node_type type, const std::string& html) {
  cmark_node* custom = cmark_node_new(type);
  cmark_node_set_on_enter(custom, html.c_str());
  return custom;
}

/// A fenced code block whose info string starts with a language Source-highlight knows,
/// highlighted (generator/highlight.h), as cmark would write it otherwise: <pre><code
/// class="language-…">. Any other stays as it is.
static void HighlightCodeBlock(cmark_node* node) {
  const std::string info = cmark_node_get_fence_info(node);
  const std::string language = info.substr(0, info.find_first_of(" \t"));
  const char* literal = cmark_node_get_literal(node);
  const std::string html = HighlightCode(literal == nullptr ? "" : literal, language);
  if (html.empty()) return;
  cmark_node* custom = CustomNode(CMARK_NODE_CUSTOM_BLOCK, "<pre><code class=\"language-" + EscapeHtml(language) +
                                                               "\">" + html + "</code></pre>\n");
  cmark_node_replace(node, custom);
  cmark_node_free(node);
}

/// After a link to a file: its type and size ("PDF, 120 KB").
static void AddFileMeta(cmark_node* link, const std::string& meta) {
  cmark_node_insert_after(link, CustomNode(CMARK_NODE_CUSTOM_INLINE,
                                           " <span class=\"morsel-file-meta\">(" + EscapeHtml(meta) + ")</span>"));
}

/// An image as cmark writes it (its URL and alt text escaped as cmark escapes them), with
/// its width and height, lazy loading unless `lazy` is false, and decoding off the main
/// thread; alone in a paragraph with a title, a figure with the title as its caption.
static void ShowImage(cmark_node* image, const LinkedFile& file, bool lazy, bool raw_html) {
  cmark_node* paragraph = cmark_node_parent(image);
  const char* title = cmark_node_get_title(image);
  const std::string caption = title == nullptr ? "" : title;
  const bool figure = !caption.empty() && cmark_node_get_type(paragraph) == CMARK_NODE_PARAGRAPH &&
                      cmark_node_first_child(paragraph) == image && cmark_node_last_child(paragraph) == image;
  if (figure) cmark_node_set_title(image, "");
  std::string html = TakeString(cmark_render_html(image, RenderOptions(raw_html), nullptr));
  const size_t end = html.rfind(" />");
  if (end == std::string::npos) return;
  std::string more;
  if (file.width > 0 && file.height > 0) {
    more += " width=\"" + std::to_string(file.width) + "\" height=\"" + std::to_string(file.height) + "\"";
  }
  if (lazy) more += " loading=\"lazy\"";
  more += " decoding=\"async\"";
  html.replace(end, 3, more + ">");
  if (figure) {
    cmark_node* block = CustomNode(CMARK_NODE_CUSTOM_BLOCK, "<figure class=\"morsel-figure\">" + html + "<figcaption>" +
                                                                EscapeHtml(caption) + "</figcaption></figure>\n");
    cmark_node_replace(paragraph, block);
    cmark_node_free(paragraph);
    return;
  }
  cmark_node_replace(image, CustomNode(CMARK_NODE_CUSTOM_INLINE, html));
  cmark_node_free(image);
}

std::string HeadingIds::Next(const std::string& text) {
  std::string base = HeadingSlug(text);
  if (base.empty()) base = "section";
  // github-slugger's rule: count on from the base slug until the id is free.
  std::string id = base;
  while (occurrences_.count(id) > 0) id = base + "-" + std::to_string(++occurrences_[base]);
  occurrences_[id] = 0;
  return id;
}

RenderedMarkdown RenderMarkdown(const std::string& body, int first_line, bool raw_html, const MarkdownHooks& hooks) {
  RenderedMarkdown out;
  std::vector<std::pair<int, std::string>> headings;
  HeadingIds own_ids;
  HeadingIds* ids = hooks.heading_ids != nullptr ? hooks.heading_ids : &own_ids;
  auto parser = NewParser(Options(raw_html));
  const std::string text = WithoutLineBoms(body);
  cmark_parser_feed(parser.get(), text.data(), text.size());
  std::unique_ptr<cmark_node, NodeDeleter> doc(cmark_parser_finish(parser.get()));

  std::vector<cmark_node*> blocks;
  std::vector<cmark_node*> code;  // fenced code with a language: highlighted
  std::vector<cmark_node*> quotes;
  std::vector<std::pair<cmark_node*, LinkedFile>> files;
  cmark_iter* iter = cmark_iter_new(doc.get());
  int depth = 0;
  for (cmark_event_type event; (event = cmark_iter_next(iter)) != CMARK_EVENT_DONE;) {
    if (event == CMARK_EVENT_EXIT) --depth;
    if (event != CMARK_EVENT_ENTER) continue;
    cmark_node* node = cmark_iter_get_node(iter);
    cmark_node_type type = cmark_node_get_type(node);
    if (IsContainer(type) && ++depth > kMaxMarkdownDepth && out.too_deep.line == 0) {
      out.too_deep = {cmark_node_get_start_line(node) + first_line - 1, cmark_node_get_start_column(node),
                      "Markdown is nested more than " + std::to_string(kMaxMarkdownDepth) +
                          " levels deep (lists, quotes, emphasis inside each other)",
                      "flatten the structure: readers cannot follow it either"};
    }
    int fence_length = 0, fence_offset = 0;
    char fence_char = 0;
    if (type == CMARK_NODE_CODE_BLOCK) {
      const char* info = cmark_node_get_fenced(node, &fence_length, &fence_offset, &fence_char) != 0
                             ? cmark_node_get_fence_info(node)
                             : nullptr;
      if (info != nullptr && hooks.is_block && hooks.is_block(info)) {
        blocks.push_back(node);
      } else if (info != nullptr && *info != '\0') {
        code.push_back(node);
      }
    } else if (type == CMARK_NODE_BLOCK_QUOTE) {
      quotes.push_back(node);
    } else if (type == CMARK_NODE_HEADING) {
      std::string slug = ids->Next(PlainText(node));
      headings.emplace_back(cmark_node_get_heading_level(node), slug);
      out.anchors.push_back(slug);
    } else if ((type == CMARK_NODE_HTML_BLOCK || type == CMARK_NODE_HTML_INLINE) && out.raw_html_line == 0 &&
               !IsComment(cmark_node_get_literal(node))) {
      out.raw_html_line = cmark_node_get_start_line(node) + first_line - 1;
      out.raw_html_column = cmark_node_get_start_column(node);
    } else if (type == CMARK_NODE_TEXT) {
      const char* literal = cmark_node_get_literal(node);
      if (literal != nullptr) out.words += CountWords(literal);
    } else if ((type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE) && hooks.rewrite_url) {
      const char* url = cmark_node_get_url(node);
      if (hooks.linked_file) {
        LinkedFile file = hooks.linked_file(url == nullptr ? "" : url, type == CMARK_NODE_IMAGE);
        if (type == CMARK_NODE_IMAGE || !file.meta.empty()) files.emplace_back(node, std::move(file));
      }
      std::string rewritten =
          hooks.rewrite_url(url == nullptr ? "" : url, type == CMARK_NODE_IMAGE,
                            cmark_node_get_start_line(node) + first_line - 1, cmark_node_get_start_column(node));
      cmark_node_set_url(node, rewritten.c_str());
    }
  }
  cmark_iter_free(iter);
  bool first_image = hooks.eager_first_image;
  for (auto& [node, file] : files) {
    if (cmark_node_get_type(node) == CMARK_NODE_LINK) {
      AddFileMeta(node, file.meta);
    } else {
      ShowImage(node, file, !first_image, raw_html);
      first_image = false;
    }
  }
  for (cmark_node* node : code) HighlightCodeBlock(node);
  // Innermost first, so that a callout in a callout is made before its parent is moved.
  for (auto it = quotes.rbegin(); it != quotes.rend(); ++it) {
    const std::string kind = TakeCalloutMarker(*it);
    if (!kind.empty()) MakeCallout(*it, kind, hooks);
  }

  // Where each line of the text starts, found in one pass, for the line that ends each
  // block: a lesson of many blocks is not read again for each.
  std::vector<size_t> line_starts;
  if (!blocks.empty()) {
    for (size_t start = 0, next = 0; start < text.size(); start = next) {
      line_starts.push_back(start);
      LineEnd(text, start, &next);
    }
  }
  auto line_of = [&](int line) {
    if (line < 1 || static_cast<size_t>(line) > line_starts.size()) return std::string();
    size_t next = 0;
    const size_t start = line_starts[static_cast<size_t>(line) - 1];
    return text.substr(start, LineEnd(text, start, &next) - start);
  };
  for (cmark_node* node : blocks) {
    FencedBlock block;
    block.info = cmark_node_get_fence_info(node);
    block.literal = cmark_node_get_literal(node);
    block.first_line = cmark_node_get_start_line(node) + first_line;
    block.indent = cmark_node_get_start_column(node) - 1;
    int fence_length = 0, fence_offset = 0;
    char fence_char = 0;
    cmark_node_get_fenced(node, &fence_length, &fence_offset, &fence_char);
    block.fence.assign(static_cast<size_t>(fence_length), fence_char);
    // cmark closes a fence the author left open at the end of the document (or of its
    // list item or quote), and the next closing fence closes it: check both.
    block.nested = cmark_node_get_type(cmark_node_parent(node)) != CMARK_NODE_DOCUMENT;
    const int end_line = cmark_node_get_end_line(node);
    if (const int inside = FenceInside(block.literal); inside >= 0) {
      block.unclosed = block.first_line + inside;
    } else if (end_line == cmark_node_get_start_line(node) ||
               !IsClosingFence(line_of(end_line), fence_char, fence_length)) {
      block.unclosed = -1;
    }
    std::string html = hooks.render_block(block);
    // A custom block's on_enter text is written verbatim even in safe mode: this is how
    // the generator's own markup enters a page whose author HTML is filtered.
    cmark_node* custom = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK);
    cmark_node_set_on_enter(custom, html.c_str());
    cmark_node_replace(node, custom);
    cmark_node_free(node);
  }

  out.html = MakeScrollersFocusable(
      AddHeadingIds(TakeString(cmark_render_html(doc.get(), RenderOptions(raw_html),
                                                 cmark_parser_get_syntax_extensions(parser.get()))),
                    headings, hooks.id_prefix));
  return out;
}

std::string RenderInlineMarkdown(const std::string& text, const MarkdownHooks& hooks) {
  MarkdownHooks links;
  links.rewrite_url = hooks.rewrite_url;
  links.heading_ids = hooks.heading_ids;
  links.id_prefix = hooks.id_prefix;
  std::string html = RenderMarkdown(text, 1, false, links).html;
  // A single paragraph: strip its wrapper so the text fits in a legend or label.
  const std::string open = "<p>";
  const std::string close = "</p>\n";
  if (html.compare(0, open.size(), open) == 0 && html.size() >= open.size() + close.size() &&
      html.compare(html.size() - close.size(), close.size(), close) == 0 &&
      html.find("<p>", open.size()) == std::string::npos) {
    return html.substr(open.size(), html.size() - open.size() - close.size());
  }
  return html;
}

}  // namespace morsel::gen
