#include "generator/content.h"

#include "generator/compile.h"
#include "generator/html_escape.h"
#include "generator/markdown.h"
#include "generator/quiz_view.h"
#include "runtime/core/quiz_runtime.h"

namespace morsel::gen {
namespace {

using nlohmann::json;

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
