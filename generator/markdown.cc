// The only file that includes cmark-gfm: every other part of the generator sees
// Markdown through markdown.h.
#include "generator/markdown.h"

#include <cstdlib>
#include <memory>
#include <vector>

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

namespace morsel::gen {
namespace {

constexpr const char* kExtensions[] = {"table", "strikethrough", "autolink", "tasklist",
                                       "tagfilter"};

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

}  // namespace

std::string RenderMarkdown(const std::string& body, int first_line, bool raw_html,
                           const MarkdownHooks& hooks) {
  auto parser = NewParser(Options(raw_html));
  cmark_parser_feed(parser.get(), body.data(), body.size());
  std::unique_ptr<cmark_node, NodeDeleter> doc(cmark_parser_finish(parser.get()));

  std::vector<cmark_node*> blocks;
  cmark_iter* iter = cmark_iter_new(doc.get());
  for (cmark_event_type event; (event = cmark_iter_next(iter)) != CMARK_EVENT_DONE;) {
    if (event != CMARK_EVENT_ENTER) continue;
    cmark_node* node = cmark_iter_get_node(iter);
    cmark_node_type type = cmark_node_get_type(node);
    int fence_length = 0, fence_offset = 0;
    char fence_char = 0;
    if (type == CMARK_NODE_CODE_BLOCK && hooks.is_block &&
        cmark_node_get_fenced(node, &fence_length, &fence_offset, &fence_char)) {
      const char* info = cmark_node_get_fence_info(node);
      if (info != nullptr && hooks.is_block(info)) blocks.push_back(node);
    } else if ((type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE) && hooks.rewrite_url) {
      const char* url = cmark_node_get_url(node);
      std::string rewritten =
          hooks.rewrite_url(url == nullptr ? "" : url, type == CMARK_NODE_IMAGE,
                            cmark_node_get_start_line(node) + first_line - 1,
                            cmark_node_get_start_column(node));
      cmark_node_set_url(node, rewritten.c_str());
    }
  }
  cmark_iter_free(iter);

  for (cmark_node* node : blocks) {
    FencedBlock block;
    block.info = cmark_node_get_fence_info(node);
    block.literal = cmark_node_get_literal(node);
    block.first_line = cmark_node_get_start_line(node) + first_line;
    block.indent = cmark_node_get_start_column(node) - 1;
    std::string html = hooks.render_block(block);
    // A custom block's on_enter text is written verbatim even in safe mode: this is how
    // the generator's own markup enters a page whose author HTML is filtered.
    cmark_node* custom = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK);
    cmark_node_set_on_enter(custom, html.c_str());
    cmark_node_replace(node, custom);
    cmark_node_free(node);
  }

  return TakeString(cmark_render_html(doc.get(), RenderOptions(raw_html),
                                      cmark_parser_get_syntax_extensions(parser.get())));
}

std::string RenderInlineMarkdown(const std::string& text) {
  std::string html = RenderMarkdown(text, 1, false, MarkdownHooks{});
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

std::string EscapeHtml(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

}  // namespace morsel::gen
