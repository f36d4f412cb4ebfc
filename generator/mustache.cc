#include "generator/mustache.h"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

#include "generator/html_escape.h"

namespace morsel::gen {

using nlohmann::json;

namespace {

enum class NodeKind : std::uint8_t {
  kText,
  kVariable,
  kSection,
  kInverted,
  kPartial,
  kParent,
  kBlock,
};

// One element of a parsed template. A single struct for every kind keeps the tree
// a plain vector of values; the fields a kind does not use stay empty.
struct Node {
  NodeKind kind = NodeKind::kText;
  bool escape = true;
  // Text that begins a template line: indentation is applied here when the template
  // is expanded as a standalone partial, parent or block.
  bool line_start = false;
  // Partial, parent or block tag that stood alone on its line (see MarkLine).
  bool standalone = false;
  int line = 0;
  int column = 0;
  // Text for kText, otherwise the tag's name.
  std::string text;
  // Dotted name split at the dots; empty for the implicit iterator ".".
  std::vector<std::string> path;
  // Whitespace before a standalone partial, parent or block tag.
  std::string indent;
  // For a standalone block, the indentation shared by its content lines: removed
  // where the block is defined and replaced by the indentation where it expands.
  std::string intrinsic;
  // Section body, block default content, or a parent's block arguments.
  std::vector<Node> children;
  // Name of the template holding this tag, for errors raised while rendering.
  const std::string* owner = nullptr;
};

}  // namespace

struct ParsedTemplate {
  std::string name;
  std::vector<Node> nodes;
};

namespace {

using TemplateMap = std::unordered_map<std::string, std::shared_ptr<const ParsedTemplate>>;

// Deeper trees would overflow the stack while rendering or destroying them; real
// templates nest a handful of levels.
constexpr size_t kMaxNesting = 500;

/// Mustache's standalone-line whitespace: space and tab, not HTML's IsSpace (text.h).
bool IsSpaceOrTab(char c) { return c == ' ' || c == '\t'; }

bool IsWhitespace(char c) { return IsSpaceOrTab(c) || c == '\n' || c == '\r'; }

std::string_view Trim(std::string_view s) {
  while (!s.empty() && IsWhitespace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsWhitespace(s.back())) s.remove_suffix(1);
  return s;
}

bool StartsWithNewline(std::string_view s) {
  return (!s.empty() && s[0] == '\n') || (s.size() >= 2 && s[0] == '\r' && s[1] == '\n');
}

// Spaces and tabs, optionally ending in one line break.
bool IsBlank(std::string_view s) {
  if (!s.empty() && s.back() == '\n') s.remove_suffix(1);
  if (!s.empty() && s.back() == '\r') s.remove_suffix(1);
  return std::all_of(s.begin(), s.end(), IsSpaceOrTab);
}

// The leading whitespace that every non-blank line of `text` shares.
std::string_view CommonIndent(std::string_view text) {
  bool found = false;
  std::string_view common;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t eol = text.find('\n', pos);
    if (eol == std::string_view::npos) eol = text.size();
    std::string_view line = text.substr(pos, eol - pos);
    pos = eol + 1;
    size_t spaces = 0;
    while (spaces < line.size() && IsSpaceOrTab(line[spaces])) ++spaces;
    if (IsBlank(line.substr(spaces))) continue;
    std::string_view lead = line.substr(0, spaces);
    if (!found) {
      common = lead;
      found = true;
      continue;
    }
    size_t n = 0;
    while (n < common.size() && n < lead.size() && common[n] == lead[n]) ++n;
    common = common.substr(0, n);
  }
  return common;
}

// Converts byte offsets into 1-based line and character columns. Offsets are asked
// for in increasing order while tokenizing, so each byte is scanned once.
class Locator {
 public:
  explicit Locator(std::string_view source) : source_(source) {}

  void Locate(size_t offset, int* line, int* column) {
    if (offset < offset_) {
      offset_ = 0;
      line_ = 1;
      column_ = 1;
    }
    for (; offset_ < offset && offset_ < source_.size(); ++offset_) {
      unsigned char c = static_cast<unsigned char>(source_[offset_]);
      if (c == '\n') {
        ++line_;
        column_ = 1;
      } else if ((c & 0xC0) != 0x80) {  // UTF-8 continuation bytes add no column
        ++column_;
      }
    }
    *line = line_;
    *column = column_;
  }

 private:
  std::string_view source_;
  size_t offset_ = 0;
  int line_ = 1;
  int column_ = 1;
};

enum class TokenKind : std::uint8_t {
  kText,
  kVariable,
  kSection,
  kInverted,
  kClose,
  kComment,
  kDelimiters,
  kPartial,
  kParent,
  kBlock,
};

struct Token {
  TokenKind kind = TokenKind::kText;
  bool escape = true;
  bool line_start = false;
  bool removed = false;
  bool standalone = false;
  // For kClose: the kind of tag it closes.
  TokenKind closes = TokenKind::kText;
  // Text content, or the tag's trimmed content.
  std::string_view text;
  // Source range of the text or of the whole tag, delimiters included.
  size_t begin = 0;
  size_t end = 0;
  int line = 0;
  int column = 0;
  std::string_view indent;
};

const char* Describe(TokenKind kind) {
  switch (kind) {
    case TokenKind::kInverted:
      return "inverted section";
    case TokenKind::kParent:
      return "parent";
    case TokenKind::kBlock:
      return "block";
    default:
      return "section";
  }
}

// Builds a template's tree in three passes: tokenize (tracking delimiters and
// matching section tags), drop the whitespace of standalone lines, then nest.
class Parser {
 public:
  Parser(const ParsedTemplate& tmpl, std::string_view source, TemplateError* error)
      : tmpl_(tmpl), source_(source), locator_(source), error_(error) {}

  bool Parse(std::vector<Node>* nodes) {
    if (!Tokenize()) return false;
    MarkStandaloneLines();
    BuildTree(nodes);
    return true;
  }

 private:
  struct OpenTag {
    TokenKind kind;
    std::string_view name;
    size_t begin;
    int line;
    int column;
  };

  bool Tokenize() {
    size_t pos = 0;
    while (pos < source_.size()) {
      size_t open_at = source_.find(open_, pos);
      if (open_at == std::string_view::npos) {
        AddText(pos, source_.size());
        break;
      }
      AddText(pos, open_at);
      if (!ReadTag(open_at, &pos)) return false;
    }
    if (!open_tags_.empty()) {
      const OpenTag& open = open_tags_.back();
      return Fail(open.begin, std::string(Describe(open.kind)) + " '" + std::string(open.name) + "' is never closed");
    }
    return true;
  }

  // Splits text at line breaks so that every line starts with its own token.
  void AddText(size_t begin, size_t end) {
    while (begin < end) {
      size_t newline = source_.find('\n', begin);
      size_t stop = newline == std::string_view::npos || newline >= end ? end : newline + 1;
      Token token;
      token.text = source_.substr(begin, stop - begin);
      token.begin = begin;
      token.end = stop;
      AddToken(token);
      if (source_[stop - 1] == '\n') at_line_start_ = true;
      begin = stop;
    }
  }

  void AddToken(const Token& token) {
    if (at_line_start_) {
      at_line_start_ = false;
      Token marker;
      marker.begin = marker.end = token.begin;
      marker.line_start = true;
      if (token.kind != TokenKind::kText) {
        // A line that starts with a tag still needs a place for its indentation.
        tokens_.push_back(marker);
      } else {
        tokens_.push_back(token);
        tokens_.back().line_start = true;
        return;
      }
    }
    tokens_.push_back(token);
  }

  bool ReadTag(size_t open_at, size_t* resume) {
    Token tag;
    tag.begin = open_at;
    locator_.Locate(open_at, &tag.line, &tag.column);
    size_t p = open_at + open_.size();
    while (p < source_.size() && IsSpaceOrTab(source_[p])) ++p;
    char sigil = p < source_.size() ? source_[p] : '\0';
    std::string closer = close_;
    size_t content_begin = p + 1;
    switch (sigil) {
      case '{':
        tag.kind = TokenKind::kVariable;
        tag.escape = false;
        closer = "}" + close_;
        break;
      case '&':
        tag.kind = TokenKind::kVariable;
        tag.escape = false;
        break;
      case '!':
        tag.kind = TokenKind::kComment;
        break;
      case '=':
        tag.kind = TokenKind::kDelimiters;
        closer = "=" + close_;
        break;
      case '#':
        tag.kind = TokenKind::kSection;
        break;
      case '^':
        tag.kind = TokenKind::kInverted;
        break;
      case '/':
        tag.kind = TokenKind::kClose;
        break;
      case '>':
        tag.kind = TokenKind::kPartial;
        break;
      case '<':
        tag.kind = TokenKind::kParent;
        break;
      case '$':
        tag.kind = TokenKind::kBlock;
        break;
      default:
        tag.kind = TokenKind::kVariable;
        content_begin = p;
        break;
    }
    size_t close_at = content_begin > source_.size() ? std::string_view::npos : source_.find(closer, content_begin);
    if (close_at == std::string_view::npos) {
      return Fail(open_at, "tag is never closed (expected '" + closer + "')");
    }
    tag.text = Trim(source_.substr(content_begin, close_at - content_begin));
    tag.end = close_at + closer.size();
    *resume = tag.end;

    switch (tag.kind) {
      case TokenKind::kComment:
        break;
      case TokenKind::kDelimiters:
        if (!SetDelimiters(tag)) return false;
        break;
      case TokenKind::kClose:
        if (!CheckName(tag) || !CloseTag(&tag)) return false;
        break;
      case TokenKind::kSection:
      case TokenKind::kInverted:
      case TokenKind::kParent:
      case TokenKind::kBlock:
        if (!CheckName(tag)) return false;
        if (open_tags_.size() >= kMaxNesting) {
          return Fail(tag.begin, "tags are nested more than " + std::to_string(kMaxNesting) + " levels deep");
        }
        open_tags_.push_back({tag.kind, tag.text, tag.begin, tag.line, tag.column});
        break;
      default:
        if (!CheckName(tag)) return false;
        break;
    }
    AddToken(tag);
    return true;
  }

  bool SetDelimiters(const Token& tag) {
    std::string_view content = tag.text;
    size_t split = 0;
    while (split < content.size() && !IsWhitespace(content[split])) ++split;
    std::string_view open = content.substr(0, split);
    std::string_view close = Trim(content.substr(split));
    bool valid = !open.empty() && !close.empty() && std::none_of(close.begin(), close.end(), IsWhitespace) &&
                 open.find('=') == std::string_view::npos && close.find('=') == std::string_view::npos;
    if (!valid) {
      return Fail(tag.begin, "invalid delimiters '" + std::string(content) +
                                 "' (expected two delimiters separated by a space, "
                                 "as in {{=<% %>=}})");
    }
    open_ = std::string(open);
    close_ = std::string(close);
    return true;
  }

  bool CheckName(const Token& tag) {
    std::string_view name = tag.text;
    if (name.empty()) return Fail(tag.begin, "tag has no name");
    bool valid = std::none_of(name.begin(), name.end(), IsWhitespace);
    bool dotted =
        tag.kind == TokenKind::kVariable || tag.kind == TokenKind::kSection || tag.kind == TokenKind::kInverted;
    if (valid && dotted && name != ".") {
      valid = name.front() != '.' && name.back() != '.' && name.find("..") == std::string_view::npos;
    }
    if (!valid) {
      // A tag whose name runs over a line or into markup is almost always a tag whose
      // closing delimiter is missing or mistyped: say that, not what was swallowed.
      size_t stop = name.find_first_of("\n<>");
      if (stop != std::string_view::npos) {
        return Fail(tag.begin, "tag '" + open_ + std::string(name.substr(0, stop)) + "' is not closed with '" + close_ +
                                   "' where it should be");
      }
      return Fail(tag.begin, "invalid name '" + std::string(name) + "'");
    }
    return true;
  }

  bool CloseTag(Token* tag) {
    if (open_tags_.empty()) {
      return Fail(tag->begin, "closing tag '" + std::string(tag->text) + "' has no matching opening tag");
    }
    const OpenTag& open = open_tags_.back();
    if (open.name != tag->text) {
      return Fail(tag->begin, "closing tag '" + std::string(tag->text) + "' does not match " + Describe(open.kind) +
                                  " '" + std::string(open.name) + "' opened at line " + std::to_string(open.line) +
                                  ", column " + std::to_string(open.column));
    }
    tag->closes = open.kind;
    open_tags_.pop_back();
    return true;
  }

  void MarkStandaloneLines() {
    size_t first = 0;
    while (first < tokens_.size()) {
      size_t last = first + 1;
      while (last < tokens_.size() && !tokens_[last].line_start) ++last;
      MarkLine(first, last);
      first = last;
    }
  }

  // Standalone lines hold only whitespace and tags that print nothing in place;
  // they vanish from the output. The spec's rule is one tag per line; inheritance
  // adds pairs that read as one: `{{<p}}{{/p}}`, `{{<p}}{{$b}}`, `{{/b}}{{/p}}`, and
  // `{{$b}}{{/b}}`, which keeps its line break because the block prints in place.
  void MarkLine(size_t first, size_t last) {
    size_t tags[2] = {0, 0};
    size_t tag_count = 0;
    for (size_t i = first; i < last; ++i) {
      if (tokens_[i].kind == TokenKind::kText) {
        if (!IsBlank(tokens_[i].text)) return;
      } else {
        if (tag_count == 2) return;
        tags[tag_count++] = i;
      }
    }
    std::string_view leading = tokens_[first].text;  // lines start with a text token
    if (tag_count == 1) {
      Token& tag = tokens_[tags[0]];
      if (tag.kind == TokenKind::kVariable) return;
      RemoveText(first, last);
      tag.standalone = true;
      tag.indent = leading;
      return;
    }
    if (tag_count != 2 || tags[1] != tags[0] + 1) return;
    Token& a = tokens_[tags[0]];
    Token& b = tokens_[tags[1]];
    if (a.kind == TokenKind::kParent && b.kind == TokenKind::kClose) {
      RemoveText(first, last);
      a.standalone = true;
      a.indent = leading;
    } else if (a.kind == TokenKind::kParent && b.kind == TokenKind::kBlock) {
      RemoveText(first, last);
      a.standalone = true;
      a.indent = leading;
      b.standalone = true;
    } else if (a.kind == TokenKind::kClose && a.closes == TokenKind::kBlock && b.kind == TokenKind::kClose &&
               b.closes == TokenKind::kParent) {
      RemoveText(first, last);
    } else if (a.kind == TokenKind::kBlock && b.kind == TokenKind::kClose) {
      RemoveText(first, last);
      Token& end = tokens_[last - 1];
      if (end.kind == TokenKind::kText) {
        size_t newline = end.text.find_first_of("\r\n");
        if (newline != std::string_view::npos) {
          end.text.remove_prefix(newline);
          end.removed = false;
        }
      }
      a.standalone = true;
      a.indent = leading;
    }
  }

  void RemoveText(size_t first, size_t last) {
    for (size_t i = first; i < last; ++i) {
      if (tokens_[i].kind == TokenKind::kText) tokens_[i].removed = true;
    }
  }

  void BuildTree(std::vector<Node>* nodes) {
    struct Open {
      Node* node;
      size_t content_begin;
    };
    std::vector<Open> open;
    std::vector<Node>* current = nodes;
    for (const Token& token : tokens_) {
      if (token.removed) continue;
      Node node;
      node.line = token.line;
      node.column = token.column;
      node.escape = token.escape;
      node.standalone = token.standalone;
      node.indent = std::string(token.indent);
      node.text = std::string(token.text);
      node.owner = &tmpl_.name;
      switch (token.kind) {
        case TokenKind::kText:
          if (token.text.empty() && !token.line_start) continue;
          node.line_start = token.line_start;
          current->push_back(std::move(node));
          break;
        case TokenKind::kComment:
        case TokenKind::kDelimiters:
          break;
        case TokenKind::kVariable:
          node.kind = NodeKind::kVariable;
          node.path = SplitPath(token.text);
          current->push_back(std::move(node));
          break;
        case TokenKind::kPartial:
          node.kind = NodeKind::kPartial;
          current->push_back(std::move(node));
          break;
        case TokenKind::kSection:
        case TokenKind::kInverted:
        case TokenKind::kParent:
        case TokenKind::kBlock:
          node.kind = token.kind == TokenKind::kSection    ? NodeKind::kSection
                      : token.kind == TokenKind::kInverted ? NodeKind::kInverted
                      : token.kind == TokenKind::kParent   ? NodeKind::kParent
                                                           : NodeKind::kBlock;
          if (token.kind == TokenKind::kSection || token.kind == TokenKind::kInverted) {
            node.path = SplitPath(token.text);
          }
          current->push_back(std::move(node));
          // Ancestors' vectors only grow once their children are closed, so the
          // pointer stays valid while this tag is open.
          open.push_back({&current->back(), token.end});
          current = &current->back().children;
          break;
        case TokenKind::kClose: {
          Node* closed = open.back().node;
          if (closed->kind == NodeKind::kBlock && closed->standalone) {
            size_t begin = open.back().content_begin;
            std::string_view content = source_.substr(begin, token.begin - begin);
            closed->intrinsic = std::string(CommonIndent(content));
          } else if (closed->kind == NodeKind::kParent) {
            // Only the blocks inside a parent tag mean anything; other content is
            // allowed and ignored.
            std::vector<Node>& children = closed->children;
            children.erase(std::remove_if(children.begin(), children.end(),
                                          [](const Node& child) { return child.kind != NodeKind::kBlock; }),
                           children.end());
          }
          open.pop_back();
          current = open.empty() ? nodes : &open.back().node->children;
          break;
        }
      }
    }
  }

  static std::vector<std::string> SplitPath(std::string_view name) {
    std::vector<std::string> path;
    if (name == ".") return path;
    size_t begin = 0;
    while (true) {
      size_t dot = name.find('.', begin);
      path.emplace_back(name.substr(begin, dot - begin));
      if (dot == std::string_view::npos) break;
      begin = dot + 1;
    }
    return path;
  }

  bool Fail(size_t offset, std::string message) {
    error_->name = tmpl_.name;
    locator_.Locate(offset, &error_->line, &error_->column);
    error_->message = std::move(message);
    return false;
  }

  const ParsedTemplate& tmpl_;
  std::string_view source_;
  Locator locator_;
  TemplateError* error_;
  std::string open_ = "{{";
  std::string close_ = "}}";
  std::vector<Token> tokens_;
  std::vector<OpenTag> open_tags_;
  bool at_line_start_ = true;
};

std::shared_ptr<ParsedTemplate> Parse(const std::string& name, const std::string& source, TemplateError* error) {
  auto tmpl = std::make_shared<ParsedTemplate>();
  tmpl->name = name;
  Parser parser(*tmpl, source, error);
  if (!parser.Parse(&tmpl->nodes)) return nullptr;
  return tmpl;
}

// How template lines are re-indented while expanding a partial, parent or block:
// `strip` leading blanks are dropped from each line, then `prefix` is added.
struct Indent {
  std::string_view prefix;
  size_t strip = 0;
};

// The blocks passed by the parent tags being expanded, innermost first.
struct BlockArgs {
  const std::vector<Node>* blocks;
  const BlockArgs* outer;
};

bool IsFalsey(const json& value) {
  switch (value.type()) {
    case json::value_t::null:
      return true;
    case json::value_t::boolean:
      return !value.get<bool>();
    case json::value_t::array:
      return value.empty();
    case json::value_t::string:
      return value.get_ref<const std::string&>().empty();
    default:
      return false;
  }
}

template <typename Int>
void AppendInteger(Int value, std::string* out) {
  char buffer[24];
  std::to_chars_result result = std::to_chars(buffer, buffer + sizeof(buffer), value);
  out->append(buffer, result.ptr);
}

void AppendValue(const json& value, bool escape, std::string* out) {
  switch (value.type()) {
    case json::value_t::null:
    case json::value_t::discarded:
      return;
    case json::value_t::string: {
      const std::string& text = value.get_ref<const std::string&>();
      if (escape) {
        AppendEscapedHtml(text, out);
      } else {
        out->append(text);
      }
      return;
    }
    case json::value_t::number_integer:
      AppendInteger(value.get<std::int64_t>(), out);
      return;
    case json::value_t::number_unsigned:
      AppendInteger(value.get<std::uint64_t>(), out);
      return;
    case json::value_t::boolean:
      out->append(value.get<bool>() ? "true" : "false");
      return;
    case json::value_t::number_float: {
      std::string text = value.dump();
      // 2.0 is the number 2 to a reader, as it is in JavaScript.
      if (text.size() > 2 && text.compare(text.size() - 2, 2, ".0") == 0) {
        text.resize(text.size() - 2);
      }
      out->append(text);
      return;
    }
    default: {
      std::string text = value.dump(-1, ' ', false, json::error_handler_t::replace);
      if (escape) {
        AppendEscapedHtml(text, out);
      } else {
        out->append(text);
      }
      return;
    }
  }
}

// Walks parsed templates, appending to one output string. Holds the context stack
// of a single render, so renders never share mutable state.
class Renderer {
 public:
  Renderer(const TemplateMap& templates, std::string* out, TemplateError* error, const RenderStream* stream = nullptr)
      : templates_(templates), out_(out), error_(error), stream_(stream) {}

  bool Render(const ParsedTemplate& tmpl, const json& data) {
    stack_.push_back(&data);
    if (!RenderNodes(tmpl.nodes, Indent{}, false, nullptr)) return false;
    return stream_ == nullptr || Flush(nullptr);
  }

 private:
  // `first_starts_line` treats the first node as the start of a line even though
  // its template continued a line there (block content written inline).
  bool RenderNodes(const std::vector<Node>& nodes, const Indent& indent, bool first_starts_line,
                   const BlockArgs* args) {
    bool reindent = !indent.prefix.empty() || indent.strip > 0;
    for (size_t i = 0; i < nodes.size(); ++i) {
      const Node& node = nodes[i];
      bool starts_line = reindent && (node.line_start || (i == 0 && first_starts_line));
      if (node.kind == NodeKind::kText) {
        if (starts_line) {
          AppendLineStart(node.text, indent);
        } else {
          out_->append(node.text);
        }
        continue;
      }
      if (starts_line) out_->append(indent.prefix.data(), indent.prefix.size());
      if (!RenderTag(node, indent, args)) return false;
      if (stream_ != nullptr && out_->size() >= kRenderPieceBytes && !Flush(&node)) return false;
    }
    return true;
  }

  // Hands the output so far to the stream. `node` is where the render is, for the error.
  bool Flush(const Node* node) {
    if (out_->empty()) return true;
    if (!stream_->write(*out_)) {
      error_->message = "the output could not be written";
      if (node != nullptr) Fail(*node, error_->message);
      return false;
    }
    written_ += out_->size();
    out_->clear();
    return true;
  }

  // The generated list `value` stands for, or null.
  const GeneratedList* Generated(const json* value) const {
    if (stream_ == nullptr) return nullptr;
    for (const GeneratedList& list : stream_->lists) {
      if (list.placeholder == value) return &list;
    }
    return nullptr;
  }

  void AppendLineStart(std::string_view text, const Indent& indent) {
    size_t skip = 0;
    while (skip < indent.strip && skip < text.size() && IsSpaceOrTab(text[skip])) ++skip;
    text.remove_prefix(skip);
    // Empty lines stay empty. (Empty text here means a tag follows on the line.)
    if (!StartsWithNewline(text)) out_->append(indent.prefix.data(), indent.prefix.size());
    out_->append(text.data(), text.size());
  }

  bool RenderTag(const Node& node, const Indent& indent, const BlockArgs* args) {
    if (++steps_ > kMaxTemplateSteps || written_ + out_->size() > kMaxTemplateOutputBytes) {
      return Fail(node, written_ + out_->size() > kMaxTemplateOutputBytes
                            ? "the page grows past " + std::to_string(kMaxTemplateOutputBytes >> 20) +
                                  " MB (do partials include each other more than once?)"
                            : "rendering takes more than " + std::to_string(kMaxTemplateSteps) +
                                  " steps (do partials include each other more than once?)");
    }
    if (node.kind == NodeKind::kVariable) {
      const json* value = Lookup(node.path);
      if (value != nullptr) AppendValue(*value, node.escape, out_);
      return true;
    }
    // Partials nest templates inside sections inside partials; the limit holds the
    // whole stack, not just one template, to a safe depth.
    if (nesting_ >= kMaxNesting) {
      return Fail(node,
                  "sections, partials and blocks are nested more than " + std::to_string(kMaxNesting) + " levels deep");
    }
    ++nesting_;
    bool ok = RenderContainer(node, indent, args);
    --nesting_;
    return ok;
  }

  bool RenderContainer(const Node& node, const Indent& indent, const BlockArgs* args) {
    switch (node.kind) {
      case NodeKind::kSection: {
        const json* value = Lookup(node.path);
        if (const GeneratedList* list = Generated(value)) {
          for (size_t i = 0; i < list->size; ++i) {
            if (!RenderWith(list->item(i), node.children, indent, args)) return false;
          }
          return true;
        }
        if (value == nullptr || IsFalsey(*value)) return true;
        if (!value->is_array()) return RenderWith(*value, node.children, indent, args);
        for (const json& item : *value) {
          if (!RenderWith(item, node.children, indent, args)) return false;
        }
        return true;
      }
      case NodeKind::kInverted: {
        const json* value = Lookup(node.path);
        const GeneratedList* list = Generated(value);
        if (list != nullptr ? list->size > 0 : value != nullptr && !IsFalsey(*value)) return true;
        return RenderNodes(node.children, indent, false, args);
      }
      case NodeKind::kPartial:
        return Expand(node, indent, args);
      case NodeKind::kParent: {
        BlockArgs own{&node.children, args};
        return Expand(node, indent, &own);
      }
      case NodeKind::kBlock:
        return RenderBlock(node, indent, args);
      case NodeKind::kText:
      case NodeKind::kVariable:
        break;
    }
    return true;
  }

  bool RenderWith(const json& context, const std::vector<Node>& nodes, const Indent& indent, const BlockArgs* args) {
    stack_.push_back(&context);
    bool ok = RenderNodes(nodes, indent, false, args);
    stack_.pop_back();
    return ok;
  }

  // Renders the template a partial or parent tag names, indented as the tag was
  // when it stood alone on its line.
  bool Expand(const Node& node, const Indent& indent, const BlockArgs* args) {
    auto found = templates_.find(node.text);
    if (found == templates_.end()) return true;
    if (depth_ >= kMaxTemplateDepth) return FailRecursion(node);
    std::string prefix;
    if (node.standalone) prefix = StripThenPrefix(node.indent, indent);
    ++depth_;
    bool ok = RenderNodes(found->second->nodes, Indent{prefix, 0}, false, args);
    --depth_;
    return ok;
  }

  // A block prints the content its outermost parent tag passed, else its own. When
  // it stands alone, that content is re-indented to where the block stands, or to
  // its own content's indentation when it has some.
  bool RenderBlock(const Node& node, const Indent& indent, const BlockArgs* args) {
    const Node* passed = FindBlock(node.text, args);
    if (passed == nullptr && !node.standalone) {
      return RenderNodes(node.children, indent, false, args);
    }
    // Passed content may hold this very block again (directly or through other
    // blocks), which would expand for ever.
    if (passed != nullptr && depth_ >= kMaxTemplateDepth) return FailRecursion(node);
    Indent content_indent;
    std::string prefix;
    const Node& content = passed != nullptr ? *passed : node;
    content_indent.strip = content.intrinsic.size();
    if (node.standalone) {
      prefix = StripThenPrefix(node.intrinsic.empty() ? node.indent : node.intrinsic, indent);
      content_indent.prefix = prefix;
    }
    bool inline_content = node.standalone && passed != nullptr && !passed->standalone;
    if (passed != nullptr) ++depth_;
    bool ok = RenderNodes(content.children, content_indent, inline_content, args);
    if (passed != nullptr) --depth_;
    return ok;
  }

  bool FailRecursion(const Node& node) {
    const char* what = node.kind == NodeKind::kParent ? "parent" : node.kind == NodeKind::kBlock ? "block" : "partial";
    return Fail(node, std::string(what) + " '" + node.text + "' is nested more than " +
                          std::to_string(kMaxTemplateDepth) + " levels deep (does it include itself?)");
  }

  bool Fail(const Node& node, std::string message) {
    error_->name = *node.owner;
    error_->line = node.line;
    error_->column = node.column;
    error_->message = std::move(message);
    return false;
  }

  // The indentation `whitespace` of the current template line becomes after the
  // current re-indentation.
  static std::string StripThenPrefix(const std::string& whitespace, const Indent& indent) {
    std::string result(indent.prefix);
    result.append(whitespace, std::min(indent.strip, whitespace.size()), std::string::npos);
    return result;
  }

  static const Node* FindBlock(const std::string& name, const BlockArgs* args) {
    const Node* found = nullptr;
    for (const BlockArgs* frame = args; frame != nullptr; frame = frame->outer) {
      for (const Node& block : *frame->blocks) {
        if (block.text == name) {
          found = &block;  // later (outer) frames win: the child overrides its parents
          break;
        }
      }
    }
    return found;
  }

  const json* Lookup(const std::vector<std::string>& path) const {
    if (path.empty()) return stack_.back();
    const json* value = nullptr;
    for (auto it = stack_.rbegin(); it != stack_.rend() && value == nullptr; ++it) {
      const json& context = **it;
      if (!context.is_object()) continue;
      auto found = context.find(path[0]);
      if (found != context.end()) value = &*found;
    }
    for (size_t i = 1; i < path.size() && value != nullptr; ++i) {
      if (!value->is_object()) return nullptr;
      auto found = value->find(path[i]);
      value = found == value->end() ? nullptr : &*found;
    }
    return value;
  }

  const TemplateMap& templates_;
  std::string* out_;
  TemplateError* error_;
  // Where the output goes piece by piece (null: it stays in *out_), and how much went.
  const RenderStream* stream_;
  size_t written_ = 0;
  std::vector<const json*> stack_;
  // Partials, parents and passed blocks being expanded.
  int depth_ = 0;
  // Containers of any kind being rendered.
  size_t nesting_ = 0;
  // Tags rendered so far.
  size_t steps_ = 0;
};

}  // namespace

std::string TemplateError::ToString() const {
  if (line <= 0) return name + ": error: " + message;
  return name + ":" + std::to_string(line) + ":" + std::to_string(column) + ": error: " + message;
}

bool TemplateSet::Add(const std::string& name, const std::string& source, TemplateError* error) {
  std::shared_ptr<ParsedTemplate> tmpl = Parse(name, source, error);
  if (tmpl == nullptr) return false;
  templates_[name] = std::move(tmpl);
  return true;
}

bool TemplateSet::Has(const std::string& name) const { return templates_.find(name) != templates_.end(); }

bool TemplateSet::Render(const std::string& name, const json& data, std::string* out, TemplateError* error) const {
  out->clear();
  auto found = templates_.find(name);
  if (found == templates_.end()) {
    *error = TemplateError{name, 0, 0, "no template named '" + name + "'"};
    return false;
  }
  Renderer renderer(templates_, out, error);
  return renderer.Render(*found->second, data);
}

bool TemplateSet::Render(const std::string& name, const json& data, const RenderStream& stream,
                         TemplateError* error) const {
  auto found = templates_.find(name);
  if (found == templates_.end()) {
    *error = TemplateError{name, 0, 0, "no template named '" + name + "'"};
    return false;
  }
  std::string piece;
  Renderer renderer(templates_, &piece, error, &stream);
  return renderer.Render(*found->second, data);
}

bool RenderMustache(const std::string& source, const json& data, const std::map<std::string, std::string>& partials,
                    std::string* out, TemplateError* error) {
  out->clear();
  TemplateSet set;
  for (const auto& [name, partial_source] : partials) {
    if (!set.Add(name, partial_source, error)) return false;
  }
  std::shared_ptr<ParsedTemplate> tmpl = Parse("template", source, error);
  if (tmpl == nullptr) return false;
  Renderer renderer(set.templates_, out, error);
  return renderer.Render(*tmpl, data);
}

}  // namespace morsel::gen
