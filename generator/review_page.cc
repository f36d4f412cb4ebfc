#include "generator/review_page.h"

#include <string>
#include <vector>

#include "generator/content.h"
#include "generator/file_system.h"
#include "generator/html_escape.h"
#include "generator/markdown.h"
#include "generator/quiz_view.h"

namespace morsel::gen {
namespace {

using nlohmann::json;

/// The block's items as the catalogue lists them: its reviewable questions or its cards.
std::vector<json> ItemsOf(const CompiledBlock& compiled, const std::string& lesson_id) {
  std::vector<json> items;
  if (const auto* quiz = std::get_if<core::Quiz>(&compiled.block)) {
    for (const core::Question& question : quiz->questions) {
      if (IsReviewQuestion(*quiz, question)) {
        items.push_back({{"key", quiz->id + "/" + question.id}, {"lesson", lesson_id}});
      }
    }
  } else if (const auto* cards = std::get_if<core::Flashcards>(&compiled.block)) {
    for (const core::Flashcard& card : cards->cards) {
      items.push_back({{"key", cards->id + "/" + card.id}, {"card", true}, {"lesson", lesson_id}});
    }
  }
  return items;
}

/// A block's texts as the Review page links them: from the site's root, where the page is.
/// A link to a place in the lesson ("#anchor") goes to the lesson's page.
MarkdownHooks ReviewLinks(const Lesson& lesson, HeadingIds* heading_ids, const std::string& id_prefix) {
  MarkdownHooks hooks;
  hooks.rewrite_url = [&lesson](const std::string& url, bool, int, int) {
    auto it = lesson.links.find(url);
    if (it == lesson.links.end()) return url;
    const ResolvedLink& link = it->second;
    return (link.target.empty() ? lesson.output_path : link.target) + link.suffix;
  };
  hooks.heading_ids = heading_ids;
  hooks.id_prefix = id_prefix;
  return hooks;
}

}  // namespace

bool IsReviewQuestion(const core::Quiz& quiz, const core::Question& question) {
  return quiz.mode == core::QuizMode::kCheck && question.Graded() && question.type != core::QuestionType::kAttestation;
}

json ReviewCatalogue(const Site& site, const std::string& from) {
  json items = json::array();
  json lessons = json::object();
  ForEachLesson(site, [&](const Course& course, const Module&, const Lesson& lesson) {
    bool any = false;
    for (const CompiledBlock& block : lesson.blocks) {
      for (json& item : ItemsOf(block, lesson.id)) {
        items.push_back(std::move(item));
        any = true;
      }
    }
    if (any) {
      lessons[lesson.id] = {
          {"title", lesson.title}, {"url", RelativePath(DirName(from), lesson.output_path)}, {"course", course.title}};
    }
  });
  return {{"settings", core::ReviewSettingsJson(site.config.review)},
          {"items", std::move(items)},
          {"lessons", std::move(lessons)}};
}

bool RenderReviewPage(const Site& site, const Theme& theme, const RenderInputs& inputs, SiteOutput* output,
                      DiagnosticSink* sink) {
  if (!site.config.features.review) return true;
  const json t = theme.strings.value("theme", json::object());
  json data = PageData(site, theme, inputs, kReviewPagePath, t.value("review_title", std::string("Review")), "");
  json blocks = json::array();
  bool ok = true;
  ForEachLesson(site, [&](const Course&, const Module&, const Lesson& lesson) {
    for (const CompiledBlock& block : lesson.blocks) {
      if (ItemsOf(block, lesson.id).empty()) continue;
      // Each block's own heading ids and prefix: blocks of many lessons share the page.
      HeadingIds heading_ids;
      const std::string prefix = "review-" + std::to_string(blocks.size()) + "-";
      const BlockTextHooks hooks{ReviewLinks(lesson, &heading_ids, prefix), ReviewLinks(lesson, &heading_ids, prefix)};
      std::string html;
      if (!RenderBlockHtml(site, theme, block, hooks, true, &html, sink)) ok = false;
      const std::string id = std::visit([](const auto& b) { return b.id; }, block.block);
      blocks.push_back({{"id", id}, {"html", std::move(html)}});
    }
  });
  data["blocks"] = std::move(blocks);
  data["review_json"] = ScriptJson(ReviewCatalogue(site, kReviewPagePath));
  return RenderToFile(theme, "review", data, {}, kReviewPagePath, output, sink) && ok;
}

}  // namespace morsel::gen
