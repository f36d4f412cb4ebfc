#pragma once

#include <nlohmann/json.hpp>

#include "generator/markdown.h"
#include "runtime/core/quiz.h"
#include "runtime/core/scenario.h"

namespace morsel::gen {

/// The data the theme's `quiz` template renders a block from. Renders the block's inline
/// Markdown (prompts, options, feedback, hints, explanations) to HTML in place, so that
/// the runtime form built afterwards carries HTML feedback. `strings` are the theme's
/// strings (true/false labels, the default agreement scale); `links.rewrite_url` maps
/// every link and image of those texts as the page's own (`.md` → page), and their
/// headings take ids from `links.heading_ids`, the page's.
nlohmann::json QuizView(core::Quiz* quiz, const nlohmann::json& strings, const MarkdownHooks& links);

/// The data the theme's `scenario` template renders a block from; renders node, choice
/// and feedback text to HTML in place (feedback travels in the runtime form), links
/// mapped by `links.rewrite_url`, heading ids from `links.heading_ids`.
nlohmann::json ScenarioView(core::Scenario* scenario, const nlohmann::json& strings,
                            const MarkdownHooks& links);

/// An HTML id from a block or question id: letters, digits and '-' are kept.
std::string DomId(const std::string& id);

}  // namespace morsel::gen
