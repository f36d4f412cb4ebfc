#include "generator/quiz_view.h"

#include "generator/markdown.h"
#include "runtime/core/quiz_runtime.h"

namespace morsel::gen {
namespace {

using core::Question;
using core::QuestionType;
using nlohmann::json;

std::string Text(const json& strings, const char* key, const char* fallback) {
  return strings.value(key, std::string(fallback));
}

/// Radio or checkbox options.
json Options(Question* q, const std::string& dom_id, const BlockTextHooks& hooks) {
  json options = json::array();
  for (size_t o = 0; o < q->options.size(); ++o) {
    core::Option& option = q->options[o];
    options.push_back({{"index", o},
                       {"input_id", dom_id + "-" + std::to_string(o)},
                       {"text_html", RenderInlineMarkdown(option.text, hooks.markup)}});
    option.feedback = RenderInlineMarkdown(option.feedback, hooks.feedback);
  }
  return options;
}

/// The sentence of a fill_blanks or dropdown question as pieces: text, then a gap.
json Pieces(const Question& q, const std::string& dom_id, bool dropdown, const MarkdownHooks& links) {
  json pieces = json::array();
  for (size_t i = 0; i < q.gapped.text.size(); ++i) {
    json piece = {{"text_html", RenderInlineMarkdown(q.gapped.text[i], links)}, {"has_gap", false}};
    if (i < q.gapped.gaps.size()) {
      piece["has_gap"] = true;
      piece["gap_id"] = dom_id + "-gap-" + std::to_string(i);
      piece["gap_number"] = i + 1;
      if (dropdown) {
        json choices = json::array();
        for (size_t c = 0; c < q.gapped.gaps[i].answers.size(); ++c) {
          choices.push_back({{"index", c}, {"text", q.gapped.gaps[i].answers[c]}});
        }
        piece["choices"] = std::move(choices);
      }
    }
    pieces.push_back(std::move(piece));
  }
  return pieces;
}

}  // namespace

std::string DomId(const std::string& id) {
  std::string out = "morsel-";
  for (char c : id) {
    bool keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    out += keep ? c : '-';
  }
  return out;
}

json QuizView(core::Quiz* quiz, const json& strings, const BlockTextHooks& hooks) {
  const MarkdownHooks& links = hooks.markup;
  json questions = json::array();
  for (size_t n = 0; n < quiz->questions.size(); ++n) {
    Question& q = quiz->questions[n];
    const std::string name = DomId(quiz->id + "-" + q.id);
    const std::string dom_id = links.id_prefix + name;
    const char* type = core::QuestionTypeName(q.type);
    json view = {{"id", q.id},
                 {"type", type},
                 {"dom_id", dom_id},
                 {"name", name},
                 {"number", n + 1},
                 {"count", quiz->questions.size()},
                 {"prompt_html", RenderInlineMarkdown(q.prompt, links)},
                 {"hint_html", RenderInlineMarkdown(q.hint, links)},
                 {"has_hint", !q.hint.empty()},
                 {"graded", q.Graded()},
                 {std::string("is_") + type, true}};
    if (q.type == QuestionType::kTrueFalse) {
      q.options[0].text = Text(strings, "true", "True");
      q.options[1].text = Text(strings, "false", "False");
    }
    if (q.type == QuestionType::kLikert && q.options.empty()) {
      const json scale = strings.value("likert_scale", json::array());
      for (const json& label : scale) {
        if (label.is_string()) q.options.push_back({label.get<std::string>(), "", false});
      }
    }
    switch (q.type) {
      case QuestionType::kSingle:
      case QuestionType::kTrueFalse:
      case QuestionType::kPoll:
      case QuestionType::kLikert:
        view["is_radio"] = true;
        view["options"] = Options(&q, dom_id, hooks);
        break;
      case QuestionType::kMultiple:
        view["options"] = Options(&q, dom_id, hooks);
        break;
      case QuestionType::kFillBlanks:
      case QuestionType::kDropdown:
        view["pieces"] = Pieces(q, dom_id, q.type == QuestionType::kDropdown, links);
        break;
      case QuestionType::kNumeric:
        view["unit"] = q.unit;
        view["input_id"] = dom_id + "-value";
        break;
      case QuestionType::kMatching: {
        // Right items in display order; each left item chooses one by display index.
        std::vector<int> order = core::DisplayOrder(*quiz, q);
        json right = json::array();
        for (size_t d = 0; d < order.size(); ++d) {
          right.push_back({{"index", d}, {"text", q.right[static_cast<size_t>(order[d])]}});
        }
        json left = json::array();
        for (size_t i = 0; i < q.left.size(); ++i) {
          left.push_back({{"index", i},
                          {"select_id", dom_id + "-left-" + std::to_string(i)},
                          {"text_html", RenderInlineMarkdown(q.left[i], links)},
                          {"right", right}});
        }
        view["left"] = std::move(left);
        break;
      }
      case QuestionType::kOrdering: {
        // Items in display order; each gets a position.
        std::vector<int> order = core::DisplayOrder(*quiz, q);
        json positions = json::array();
        for (size_t p = 0; p < order.size(); ++p) positions.push_back({{"value", p}, {"label", p + 1}});
        json items = json::array();
        for (size_t d = 0; d < order.size(); ++d) {
          items.push_back({{"index", d},
                           {"select_id", dom_id + "-item-" + std::to_string(d)},
                           {"text_html", RenderInlineMarkdown(q.items[static_cast<size_t>(order[d])], links)},
                           {"positions", positions}});
        }
        view["items"] = std::move(items);
        break;
      }
      case QuestionType::kAttestation:
        view["input_id"] = dom_id + "-agree";
        break;
      case QuestionType::kReflection:
        view["input_id"] = dom_id + "-text";
        break;
    }
    q.feedback_correct = RenderInlineMarkdown(q.feedback_correct, hooks.feedback);
    q.feedback_incorrect = RenderInlineMarkdown(q.feedback_incorrect, hooks.feedback);
    q.explanation = RenderInlineMarkdown(q.explanation, hooks.feedback);
    questions.push_back(std::move(view));
  }
  return {{"id", quiz->id},
          {"dom_id", links.id_prefix + DomId(quiz->id)},
          {"mode", core::QuizModeName(quiz->mode)},
          {"assessment", quiz->mode == core::QuizMode::kAssessment},
          {"multiple", quiz->questions.size() > 1},
          {"questions", std::move(questions)}};
}

json ScenarioView(core::Scenario* scenario, const json& strings, const BlockTextHooks& hooks) {
  const MarkdownHooks& links = hooks.markup;
  const std::string dom_id = links.id_prefix + DomId(scenario->id);
  MarkdownHooks text_links;  // no interactive blocks inside a node's text
  text_links.rewrite_url = links.rewrite_url;
  text_links.heading_ids = links.heading_ids;
  text_links.id_prefix = links.id_prefix;
  json nodes = json::array();
  for (size_t n = 0; n < scenario->nodes.size(); ++n) {
    core::ScenarioNode& node = scenario->nodes[n];
    json choices = json::array();
    for (size_t c = 0; c < node.choices.size(); ++c) {
      node.choices[c].feedback = RenderInlineMarkdown(node.choices[c].feedback, hooks.feedback);
      choices.push_back({{"index", c}, {"text_html", RenderInlineMarkdown(node.choices[c].text, links)}});
    }
    const json outcomes = strings.value("scenario_outcomes", json::object());
    nodes.push_back({{"id", node.id},
                     {"dom_id", dom_id + "-" + DomId(node.id).substr(7)},
                     {"text_html", RenderMarkdown(node.text, 1, false, text_links).html},
                     {"ending", node.ending},
                     {"outcome", node.outcome},
                     {"outcome_label", outcomes.value(node.outcome, node.outcome)},
                     {"choices", std::move(choices)}});
  }
  return {{"id", scenario->id},
          {"dom_id", dom_id},
          {"title", scenario->title},
          {"has_title", !scenario->title.empty()},
          {"nodes", std::move(nodes)}};
}

json FlashcardsView(const core::Flashcards& cards, const BlockTextHooks& hooks) {
  const MarkdownHooks& links = hooks.markup;
  const std::string dom_id = links.id_prefix + DomId(cards.id);
  MarkdownHooks text_links;  // no interactive blocks inside a card
  text_links.rewrite_url = links.rewrite_url;
  text_links.heading_ids = links.heading_ids;
  text_links.id_prefix = links.id_prefix;
  json list = json::array();
  for (size_t i = 0; i < cards.cards.size(); ++i) {
    const core::Flashcard& card = cards.cards[i];
    list.push_back({{"id", card.id},
                    {"key", cards.id + "/" + card.id},
                    {"dom_id", dom_id + "-" + DomId(card.id).substr(7)},
                    {"number", i + 1},
                    {"count", cards.cards.size()},
                    {"front_html", RenderInlineMarkdown(card.front, links)},
                    {"back_html", RenderMarkdown(card.back, 1, false, text_links).html}});
  }
  return {{"id", cards.id}, {"dom_id", dom_id}, {"cards", std::move(list)}};
}

std::vector<std::string> BlockTexts(const CompiledBlock& block) {
  std::vector<std::string> texts;
  if (const auto* cards = std::get_if<core::Flashcards>(&block.block)) {
    for (const core::Flashcard& card : cards->cards) texts.insert(texts.end(), {card.front, card.back});
    return texts;
  }
  if (const auto* media = std::get_if<MediaBlock>(&block.block)) return {media->transcript};
  if (const auto* scenario = std::get_if<core::Scenario>(&block.block)) {
    for (const core::ScenarioNode& node : scenario->nodes) {
      texts.push_back(node.text);
      for (const core::ScenarioChoice& choice : node.choices) {
        texts.push_back(choice.text);
        texts.push_back(choice.feedback);
      }
    }
    return texts;
  }
  for (const Question& q : std::get<core::Quiz>(block.block).questions) {
    texts.insert(texts.end(), {q.prompt, q.hint, q.feedback_correct, q.feedback_incorrect, q.explanation});
    for (const core::Option& option : q.options) texts.insert(texts.end(), {option.text, option.feedback});
    texts.insert(texts.end(), q.gapped.text.begin(), q.gapped.text.end());
    texts.insert(texts.end(), q.left.begin(), q.left.end());
    texts.insert(texts.end(), q.items.begin(), q.items.end());
  }
  return texts;
}

}  // namespace morsel::gen
