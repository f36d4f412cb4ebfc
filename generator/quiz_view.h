#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "generator/markdown.h"
#include "generator/model.h"
#include "runtime/core/flashcards.h"
#include "runtime/core/quiz.h"
#include "runtime/core/scenario.h"

namespace morsel::gen {

/// How a block's texts are rendered into one edition of a page. Both share the page's
/// heading ids (`heading_ids`), in the order the texts are rendered.
struct BlockTextHooks {
  /// For the texts of the block's markup: prompts, options, hints, case-study nodes and
  /// choices. Its `id_prefix` also goes before every element id of the block.
  MarkdownHooks markup;
  /// For the texts that travel in the block's runtime form (option feedback, feedback,
  /// explanations, case-study choice feedback), which the glue inserts as they are due.
  MarkdownHooks feedback;
};

/// The data the theme's `quiz` template renders a block from. Renders the block's inline
/// Markdown (prompts, options, feedback, hints, explanations) to HTML in place, so that
/// the runtime form built afterwards carries HTML feedback. `strings` are the theme's
/// strings (true/false labels, the default agreement scale).
nlohmann::json QuizView(core::Quiz* quiz, const nlohmann::json& strings, const BlockTextHooks& hooks);

/// The data the theme's `scenario` template renders a block from; renders node, choice
/// and feedback text to HTML in place (feedback travels in the runtime form).
nlohmann::json ScenarioView(core::Scenario* scenario, const nlohmann::json& strings, const BlockTextHooks& hooks);

/// The data the theme's `flashcards` template renders a block from: per card its item
/// key ("<block id>/<card id>"), its front as inline Markdown and its back as Markdown,
/// rendered to HTML.
nlohmann::json FlashcardsView(const core::Flashcards& cards, const BlockTextHooks& hooks);

/// Every Markdown text of a compiled block (prompts, options, hints, feedback,
/// case-study nodes and choices): the texts QuizView and ScenarioView render, so the
/// compile stage resolves the links of exactly those.
std::vector<std::string> BlockTexts(const CompiledBlock& block);

/// An HTML id from a block or question id: letters, digits and '-' are kept.
std::string DomId(const std::string& id);

}  // namespace morsel::gen
