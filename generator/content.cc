#include "generator/content.h"

#include <algorithm>

#include "generator/compile.h"
#include "generator/html_escape.h"
#include "generator/markdown.h"
#include "generator/quiz_view.h"
#include "generator/text.h"
#include "runtime/core/quiz_runtime.h"

namespace morsel::gen {
namespace {

using nlohmann::json;

/// "PDF, 120 KB": what a link to a file says after it, its type from its extension and
/// its size with the language's decimal sign ("1.4 MB", "1,4 MB").
std::string FileMeta(const std::string& path, int64_t bytes, const std::string& language) {
  const size_t slash = path.rfind('/');
  const size_t dot = path.rfind('.');
  std::string type =
      dot == std::string::npos || (slash != std::string::npos && dot < slash) ? "" : path.substr(dot + 1);
  for (char& c : type) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
  std::string size;
  constexpr int64_t kKilo = 1024;
  if (bytes < kKilo * kKilo) {
    size = std::to_string(std::max<int64_t>(1, (bytes + kKilo / 2) / kKilo)) + "\u00a0KB";
  } else {
    const int64_t tenths = (bytes * 10 + kKilo * kKilo / 2) / (kKilo * kKilo);
    size = std::to_string(tenths / 10) + DecimalSign(language) + std::to_string(tenths % 10) + "\u00a0MB";
  }
  return type.empty() ? size : type + ", " + size;
}

/// Renders one page's body and blocks for an edition. The body's headings take their
/// ids first and the blocks' texts the next free ones, as the compile stage numbered
/// them, so links and resume positions that name a heading find it.
class ContentRenderer {
 public:
  ContentRenderer(const Site& site, const Theme& theme, const ContentEdition& edition, const PageSource& page,
                  const Lesson* lesson, DiagnosticSink* sink)
      : site_(site),
        theme_(theme),
        edition_(edition),
        page_(page),
        lesson_(lesson),
        sink_(sink),
        prefix_(edition.id_prefix(page)) {}

  bool Render(std::string* html) {
    MarkdownHooks hooks = TextHooks(edition_.markup_url);
    hooks.is_block = IsInteractiveBlock;
    hooks.render_block = [this](const FencedBlock&) { return RenderBlock(); };
    hooks.eager_first_image = true;  // the body's first picture is likely in view
    *html = RenderMarkdown(page_.body, page_.body_line, site_.config.raw_html, hooks).html;
    return ok_;
  }

 private:
  using UrlMap = std::function<std::string(const PageSource&, const ResolvedLink&, bool)>;

  /// Hooks that map the page's links with `map` and share the page's heading ids.
  MarkdownHooks TextHooks(const UrlMap& map) {
    MarkdownHooks hooks;
    hooks.rewrite_url = [this, map](const std::string& url, bool is_image, int, int) {
      auto it = page_.links.find(url);
      return it == page_.links.end() ? url : map(page_, it->second, is_image);
    };
    hooks.heading_ids = &heading_ids_;
    hooks.id_prefix = prefix_;
    hooks.linked_file = [this](const std::string& url, bool is_image) {
      LinkedFile file;
      auto it = page_.links.find(url);
      if (it == page_.links.end() || !it->second.file) return file;
      file.width = it->second.width;
      file.height = it->second.height;
      if (!is_image) file.meta = FileMeta(it->second.target, it->second.bytes, site_.config.language);
      return file;
    };
    hooks.callout_title = [this](const std::string& kind) {
      const nlohmann::json& strings = theme_.strings.value("theme", nlohmann::json::object());
      return strings.value("callout_" + kind, std::string());
    };
    return hooks;
  }

  /// The next compiled block of the lesson, rendered with the theme.
  std::string RenderBlock() {
    if (lesson_ == nullptr || next_block_ >= lesson_->blocks.size()) return "";
    const BlockTextHooks hooks{TextHooks(edition_.markup_url), TextHooks(edition_.feedback_url)};
    std::string html;
    const bool rate = edition_.rate_flashcards && site_.config.features.review;
    if (!RenderBlockHtml(site_, theme_, lesson_->blocks[next_block_++], hooks, rate, &html, sink_)) ok_ = false;
    return html;
  }

  const Site& site_;
  const Theme& theme_;
  const ContentEdition& edition_;
  const PageSource& page_;
  const Lesson* lesson_;
  DiagnosticSink* sink_;
  const std::string prefix_;
  HeadingIds heading_ids_;
  size_t next_block_ = 0;
  bool ok_ = true;
};

}  // namespace

bool RenderBlockHtml(const Site& site, const Theme& theme, const CompiledBlock& compiled, const BlockTextHooks& hooks,
                     bool rate_flashcards, std::string* html, DiagnosticSink* sink) {
  auto block = compiled.block;
  const json strings = theme.strings.value("theme", json::object());
  json data;
  const char* name = "quiz";
  if (auto* quiz = std::get_if<core::Quiz>(&block)) {
    data = QuizView(quiz, strings, hooks);
    data["runtime_json"] = ScriptJson(core::QuizToRuntime(*quiz, site.config.plain_answer_keys));
  } else if (const auto* media = std::get_if<MediaBlock>(&block)) {
    data = MediaView(*media, strings, hooks);
    name = "media";
  } else if (auto* cards = std::get_if<core::Flashcards>(&block)) {
    data = FlashcardsView(*cards, hooks);
    data["review"] = rate_flashcards;
    data["settings_json"] = core::ReviewSettingsJson(site.config.review).dump();
    name = "flashcards";
  } else {
    auto& scenario = std::get<core::Scenario>(block);
    data = ScenarioView(&scenario, strings, hooks);
    data["runtime_json"] = ScriptJson(core::ScenarioToRuntime(scenario));
    name = "scenario";
  }
  data["t"] = strings;
  TemplateError error;
  if (!theme.templates.Render(name, data, html, &error)) {
    theme.ReportError(error, "template-render", sink);
    return false;
  }
  return true;
}

ContentEdition PagesEdition() {
  auto as_compiled = [](const PageSource&, const ResolvedLink& link, bool) { return link.url; };
  return {as_compiled, as_compiled, [](const PageSource&) { return std::string(); }};
}

const std::string& ContentOf(const Contents& contents, const std::string& output_path) {
  static const std::string kNone;
  auto it = contents.find(output_path);
  return it == contents.end() ? kNone : it->second;
}

bool RenderContent(const Site& site, const Theme& theme, const ContentEdition& edition, const PageSource& page,
                   const Lesson* lesson, std::string* html, DiagnosticSink* sink) {
  return ContentRenderer(site, theme, edition, page, lesson, sink).Render(html);
}

PageContent RenderedContent(const Site& site, const Theme& theme, const ContentEdition& edition, DiagnosticSink* sink,
                            bool* ok) {
  return [&site, &theme, &edition, sink, ok](const PageSource& page, const Lesson* lesson) {
    std::string html;
    if (!page.source_path.empty() && !RenderContent(site, theme, edition, page, lesson, &html, sink)) *ok = false;
    return html;
  };
}

PageContent ContentsFrom(const Contents& contents) {
  return [&contents](const PageSource& page, const Lesson*) { return ContentOf(contents, page.output_path); };
}

void ForEachContentPage(const Site& site, const std::function<void(const PageSource&, const Lesson*)>& visit) {
  if (!site.home.source_path.empty()) visit(site.home, nullptr);
  for (const Course& course : site.courses) visit(course, nullptr);
  ForEachLesson(site, [&](const Course&, const Module&, const Lesson& lesson) { visit(lesson, &lesson); });
}

bool RenderContents(const Site& site, const Theme& theme, const ContentEdition& edition, Contents* contents,
                    DiagnosticSink* sink) {
  bool ok = true;
  ForEachContentPage(site, [&](const PageSource& page, const Lesson* lesson) {
    ok = RenderContent(site, theme, edition, page, lesson, &(*contents)[page.output_path], sink) && ok;
  });
  return ok;
}

}  // namespace morsel::gen
