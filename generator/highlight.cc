#include "generator/highlight.h"

#include <map>
#include <memory>
#include <string_view>

#include <srchilite/formatter.h>
#include <srchilite/formattermanager.h>
#include <srchilite/formatterparams.h>
#include <srchilite/instances.h>
#include <srchilite/langdefmanager.h>
#include <srchilite/langmap.h>
#include <srchilite/sourcehighlighter.h>

#include "generator/html_escape.h"

// GNU Source-highlight (Debian's libsource-highlight-dev) reads each language's rules from
// its .lang files (/usr/share/source-highlight) and hands every token to a formatter of
// its kind; these formatters write spans with the theme's classes, so no style file or
// output language of the library's is used.
namespace morsel::gen {
namespace {

/// The HTML being written, adjacent tokens of one kind merged into one span.
class SpanWriter {
 public:
  void Add(std::string_view kind, const std::string& text) {
    if (kind != kind_) Flush();
    kind_ = kind;
    pending_ += text;
  }
  std::string Take() {
    Flush();
    return std::move(html_);
  }

 private:
  void Flush() {
    if (pending_.empty()) return;
    const std::string text = EscapeHtml(pending_);
    html_ += kind_.empty() ? text : "<span class=\"morsel-code-" + std::string(kind_) + "\">" + text + "</span>";
    pending_.clear();
  }
  std::string_view kind_;
  std::string pending_;
  std::string html_;
};

class KindFormatter : public srchilite::Formatter {
 public:
  KindFormatter(SpanWriter** writer, std::string_view kind) : writer_(writer), kind_(kind) {}
  void format(const std::string& s, const srchilite::FormatterParams* /*params*/) override {
    (*writer_)->Add(kind_, s);
  }

 private:
  SpanWriter** writer_;
  std::string_view kind_;
};

/// Source-highlight's element names (as its .lang files use them), by the kind the theme
/// colours; every other element (symbols, brackets, plain text) is written plain.
constexpr std::pair<const char*, const char*> kKinds[] = {
    {"keyword", "keyword"},   {"type", "type"},          {"classname", "type"},     {"usertype", "type"},
    {"string", "string"},     {"regexp", "string"},      {"specialchar", "string"}, {"comment", "comment"},
    {"todo", "comment"},      {"number", "number"},      {"preproc", "preproc"},    {"function", "function"},
    {"variable", "variable"}, {"attribute", "variable"}, {"label", "variable"}};

/// One language's highlighter, built once per process from its .lang file.
struct Language {
  SpanWriter* writer = nullptr;
  std::unique_ptr<srchilite::SourceHighlighter> highlighter;
  std::unique_ptr<srchilite::FormatterManager> formatters;
  srchilite::FormatterParams params;
};

Language* LanguageFor(const std::string& name) {
  static std::map<std::string, std::unique_ptr<Language>> languages;
  auto found = languages.find(name);
  if (found != languages.end()) return found->second.get();
  std::unique_ptr<Language> language;
  try {
    const std::string file = srchilite::Instances::getLangMap()->getMappedFileName(name);
    if (!file.empty()) {
      language = std::make_unique<Language>();
      Language* l = language.get();
      l->highlighter = std::make_unique<srchilite::SourceHighlighter>(
          srchilite::Instances::getLangDefManager()->getHighlightState(file));
      l->formatters =
          std::make_unique<srchilite::FormatterManager>(srchilite::FormatterPtr(new KindFormatter(&l->writer, "")));
      for (const auto& [element, kind] : kKinds) {
        l->formatters->addFormatter(element, srchilite::FormatterPtr(new KindFormatter(&l->writer, kind)));
      }
      l->highlighter->setFormatterManager(l->formatters.get());
      l->highlighter->setFormatterParams(&l->params);
    }
  } catch (...) {  // A missing or broken .lang file: the block stays plain.
    language.reset();
  }
  return (languages[name] = std::move(language)).get();
}

}  // namespace

std::string HighlightCode(const std::string& code, const std::string& language) {
  // Names are short words ("cpp", "python"); anything else is not looked up.
  if (language.empty() || language.size() > 32 || language.find_first_of("/\\.") != std::string::npos) return "";
  // YAML, which lang.map lacks, with the rules of a configuration file: comments, strings.
  Language* l = LanguageFor(language == "yaml" || language == "yml" ? "conf" : language);
  if (l == nullptr) return "";
  SpanWriter writer;
  l->writer = &writer;
  try {
    // Each block starts afresh (not inside a comment a previous block left open).
    l->highlighter->clearStateStack();
    l->highlighter->setCurrentState(l->highlighter->getMainState());
    size_t start = 0;
    while (start < code.size()) {
      size_t end = code.find('\n', start);
      if (end == std::string::npos) end = code.size();
      l->highlighter->highlightParagraph(code.substr(start, end - start));
      if (end < code.size()) writer.Add("", "\n");
      start = end + 1;
    }
  } catch (...) {
    l->writer = nullptr;
    return "";
  }
  l->writer = nullptr;
  return writer.Take();
}

}  // namespace morsel::gen
