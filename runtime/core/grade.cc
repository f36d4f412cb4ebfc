#include "runtime/core/grade.h"
#include "runtime/core/number_text.h"

#include <algorithm>
#include <cmath>
#include <set>

#include "runtime/core/answer_key.h"
#include "runtime/core/json_read.h"
#include "runtime/core/normalize.h"

namespace morsel::core {
namespace {

using nlohmann::json;

/// The integer list at `key` of the response, each in [lo, hi]; false otherwise.
bool IndexList(const json& response, const char* key, int64_t lo, int64_t hi, std::vector<int64_t>* out,
               std::string* error) {
  const auto it = response.find(key);
  if (it == response.end() || !it->is_array()) {
    *error = std::string("the response needs '") + key + "': a list of numbers";
    return false;
  }
  for (const json& v : *it) {
    if (!v.is_number_integer() || v.get<int64_t>() < lo || v.get<int64_t>() > hi) {
      *error = std::string("'") + key + "' holds a value outside " + NumberText(lo) + ".." + NumberText(hi);
      return false;
    }
    out->push_back(v.get<int64_t>());
  }
  return true;
}

bool Choice(const json& response, size_t count, int64_t* choice, std::string* error) {
  const auto it = response.find("choice");
  if (it == response.end() || !it->is_number_integer()) {
    *error = "the response must be {\"choice\": <option index>}";
    return false;
  }
  *choice = it->get<int64_t>();
  if (*choice < 0 || *choice >= static_cast<int64_t>(count)) {
    *error = "option " + NumberText(*choice) + " does not exist";
    return false;
  }
  return true;
}

/// The canonical index of what the page shows at `shown`.
int64_t Canonical(const Question& q, int64_t shown) {
  if (shown < 0 || q.display.empty()) return shown;
  return q.display[static_cast<size_t>(shown)];
}

/// Score for `right` of `total` parts, as a fraction of the points.
void Fraction(const Question& q, size_t right, size_t total, Grade* g) {
  g->correct = right == total;
  g->score = total == 0 ? 0 : q.points * static_cast<double>(right) / static_cast<double>(total);
}

bool GradeChoices(const Question& q, const json& response, Grade* g, std::string* error) {
  std::vector<int64_t> chosen;
  if (!IndexList(response, "choices", 0, static_cast<int64_t>(q.options.size()) - 1, &chosen, error)) {
    return false;
  }
  std::set<int64_t> unique(chosen.begin(), chosen.end());
  if (unique.size() != chosen.size()) {
    *error = "an option is chosen twice";
    return false;
  }
  size_t total_correct = 0, hits = 0, wrong = 0;
  for (size_t i = 0; i < q.options.size(); ++i) total_correct += q.options[i].correct ? 1 : 0;
  for (int64_t c : chosen) {
    bool right = q.options[static_cast<size_t>(c)].correct;
    g->parts.push_back(right);
    (right ? hits : wrong) += 1;
    const std::string& feedback = q.options[static_cast<size_t>(c)].feedback;
    if (!feedback.empty()) g->feedback += (g->feedback.empty() ? "" : " ") + feedback;
  }
  g->correct = hits == total_correct && wrong == 0;
  if (q.scoring == Scoring::kAllOrNothing || total_correct == 0) {
    g->score = g->correct ? q.points : 0;
  } else {
    double fraction =
        static_cast<double>(hits) / static_cast<double>(total_correct) - q.penalty * static_cast<double>(wrong);
    g->score = q.points * std::clamp(fraction, 0.0, 1.0);
  }
  return true;
}

bool GradeBlanks(const Question& q, const json& response, Grade* g, std::string* error) {
  const auto it = response.find("blanks");
  if (it == response.end() || !it->is_array() || it->size() != q.gapped.gaps.size()) {
    *error = "the response needs 'blanks': one text per gap (" + NumberText(q.gapped.gaps.size()) + ")";
    return false;
  }
  NormalizeOptions options;
  options.case_sensitive = q.case_sensitive;
  options.keep_diacritics = q.keep_diacritics;
  options.keep_punctuation = q.keep_punctuation;
  size_t right = 0;
  for (size_t i = 0; i < q.gapped.gaps.size(); ++i) {
    const json& typed = (*it)[i];
    if (!typed.is_string()) {
      *error = "blank " + NumberText(i + 1) + " is not text";
      return false;
    }
    std::string answer = NormalizeAnswer(typed.get<std::string>(), options);
    const std::vector<std::string>& accepted = q.gapped.gaps[i].answers;
    bool ok = false;
    if (!answer.empty()) {
      if (q.answer_salt.empty()) {
        // Authored form: compare with each accepted answer normalised the same way.
        for (const std::string& a : accepted) ok = ok || NormalizeAnswer(a, options) == answer;
      } else {
        // Runtime form: accepted answers are salted hashes of their normalised text.
        std::string hash = HashAnswer(q.answer_salt, answer);
        ok = std::find(accepted.begin(), accepted.end(), hash) != accepted.end();
      }
    }
    g->parts.push_back(ok);
    right += ok ? 1 : 0;
  }
  Fraction(q, right, q.gapped.gaps.size(), g);
  return true;
}

bool GradeDropdown(const Question& q, const json& response, Grade* g, std::string* error) {
  std::vector<int64_t> chosen;
  if (!IndexList(response, "choices", 0, 1000, &chosen, error)) return false;
  if (chosen.size() != q.gapped.gaps.size()) {
    *error = "the response needs one choice per gap (" + NumberText(q.gapped.gaps.size()) + ")";
    return false;
  }
  size_t right = 0;
  for (size_t i = 0; i < chosen.size(); ++i) {
    if (chosen[i] >= static_cast<int64_t>(q.gapped.gaps[i].answers.size())) {
      *error = "gap " + NumberText(i + 1) + " has no choice " + NumberText(chosen[i]);
      return false;
    }
    bool ok = chosen[i] == q.gapped.gaps[i].correct;
    g->parts.push_back(ok);
    right += ok ? 1 : 0;
  }
  Fraction(q, right, chosen.size(), g);
  return true;
}

bool GradeNumeric(const Question& q, const json& response, Grade* g, std::string* error) {
  double value = 0;
  const auto text = response.find("text");
  const auto number = response.find("value");
  if (text != response.end() && text->is_string()) {
    if (!ParseLearnerNumber(text->get<std::string>(), &value)) {
      *error = "'" + text->get<std::string>() + "' is not a number";
      return false;
    }
  } else if (number != response.end() && number->is_number()) {
    value = number->get<double>();
  } else {
    *error = "the response must be {\"text\": \"<number>\"} or {\"value\": <number>}";
    return false;
  }
  if (!std::isfinite(value)) {
    *error = "the number is not finite";
    return false;
  }
  // A relative epsilon keeps 0.1 + 0.2 style rounding from failing an exact answer.
  double epsilon = 1e-9 * std::max({1.0, std::fabs(q.min), std::fabs(q.max)});
  g->correct = value >= q.min - epsilon && value <= q.max + epsilon;
  g->score = g->correct ? q.points : 0;
  g->parts.push_back(g->correct);
  return true;
}

bool GradeMatching(const Question& q, const json& response, Grade* g, std::string* error) {
  std::vector<int64_t> matches;
  if (!IndexList(response, "matches", -1, static_cast<int64_t>(q.right.size()) - 1, &matches, error)) {
    return false;
  }
  if (matches.size() != q.left.size()) {
    *error = "the response needs one match per left item (" + NumberText(q.left.size()) + ")";
    return false;
  }
  std::set<int64_t> used;
  size_t right = 0;
  for (size_t i = 0; i < matches.size(); ++i) {
    if (matches[i] >= 0 && !used.insert(matches[i]).second) {
      *error = "right item " + NumberText(matches[i]) + " is matched twice";
      return false;
    }
    bool ok = Canonical(q, matches[i]) == static_cast<int64_t>(i);
    g->parts.push_back(ok);
    right += ok ? 1 : 0;
  }
  Fraction(q, right, matches.size(), g);
  return true;
}

bool GradeOrdering(const Question& q, const json& response, Grade* g, std::string* error) {
  std::vector<int64_t> order;
  if (!IndexList(response, "order", 0, static_cast<int64_t>(q.items.size()) - 1, &order, error)) {
    return false;
  }
  std::set<int64_t> unique(order.begin(), order.end());
  if (order.size() != q.items.size() || unique.size() != order.size()) {
    *error = "'order' must list every item exactly once";
    return false;
  }
  size_t right = 0;
  for (size_t i = 0; i < order.size(); ++i) {
    bool ok = Canonical(q, order[i]) == static_cast<int64_t>(i);
    g->parts.push_back(ok);
    right += ok ? 1 : 0;
  }
  // An order is right or it is not: half-right sequences are still wrong procedures.
  g->correct = right == order.size();
  g->score = g->correct ? q.points : 0;
  return true;
}

/// True when `value` is text with something other than white space in it.
bool Typed(const json& value) {
  if (!value.is_string()) return false;
  const std::string& text = value.get_ref<const std::string&>();
  return text.find_first_not_of(" \t\r\n\f\v") != std::string::npos;
}

/// The whole numbers listed at `key` (-1 where an entry is not one; none when it is no list).
std::vector<int64_t> Picks(const json& response, const char* key) {
  std::vector<int64_t> out;
  const auto it = response.find(key);
  if (it == response.end() || !it->is_array()) return out;
  for (const json& v : *it) out.push_back(v.is_number_integer() ? v.get<int64_t>() : -1);
  return out;
}

/// "" when every one of `count` picks is made and none repeats, else the message key.
std::string MissingPicks(const std::vector<int64_t>& picks, size_t count, const char* twice) {
  if (picks.size() != count) return "answer_every_part";
  std::set<int64_t> seen;
  for (int64_t p : picks) {
    if (p < 0) return "answer_every_part";
    if (twice != nullptr && !seen.insert(p).second) return twice;
  }
  return "";
}

}  // namespace

std::string MissingAnswer(const Question& q, json* response) {
  if (!response->is_object()) return q.type == QuestionType::kAttestation ? "agree_first" : "answer_every_part";
  const json& r = *response;
  switch (q.type) {
    case QuestionType::kSingle:
    case QuestionType::kTrueFalse:
    case QuestionType::kPoll:
    case QuestionType::kLikert: {
      const auto choice = r.find("choice");
      return choice != r.end() && choice->is_number_integer() && choice->get<int64_t>() >= 0 ? "" : "choose_first";
    }
    case QuestionType::kMultiple: {
      const auto choices = r.find("choices");
      return choices != r.end() && choices->is_array() && !choices->empty() ? "" : "choose_first";
    }
    case QuestionType::kFillBlanks: {
      const auto blanks = r.find("blanks");
      if (blanks == r.end() || !blanks->is_array() || blanks->size() != q.gapped.gaps.size())
        return "answer_every_part";
      return std::all_of(blanks->begin(), blanks->end(), Typed) ? "" : "answer_every_part";
    }
    case QuestionType::kDropdown:
      return MissingPicks(Picks(r, "choices"), q.gapped.gaps.size(), nullptr);
    case QuestionType::kNumeric: {
      const auto value = r.find("value");
      if (value != r.end() && value->is_number()) return "";
      const auto text = r.find("text");
      if (text == r.end() || !Typed(*text)) return "answer_every_part";
      double number = 0;
      return ParseLearnerNumber(text->get<std::string>(), &number) ? "" : "not_a_number";
    }
    case QuestionType::kMatching:
      return MissingPicks(Picks(r, "matches"), q.left.size(), "each_match_once");
    case QuestionType::kOrdering: {
      if (r.contains("order") && !r.contains("positions")) {
        return MissingPicks(Picks(r, "order"), q.items.size(), "each_position_once");
      }
      const std::vector<int64_t> positions = Picks(r, "positions");
      std::string missing = MissingPicks(positions, q.items.size(), "each_position_once");
      if (!missing.empty()) return missing;
      json order = json::array();
      for (size_t p = 0; p < positions.size(); ++p) {
        for (size_t item = 0; item < positions.size(); ++item) {
          if (positions[item] == static_cast<int64_t>(p)) order.push_back(item);
        }
      }
      if (order.size() != positions.size()) return "each_position_once";
      *response = {{"order", std::move(order)}};
      return "";
    }
    case QuestionType::kAttestation:
      return IsTrue(r, "agreed") ? "" : "agree_first";
    case QuestionType::kReflection:
      return Typed(MemberOf(r, "text")) ? "" : "answer_every_part";
  }
  return "";
}

bool GradeQuestion(const Question& q, const json& response, bool hint_used, Grade* g, std::string* error) {
  *g = Grade{};
  g->max_score = q.points;
  g->graded = q.Graded();
  if (!response.is_object()) {
    *error = "the response must be a JSON object";
    return false;
  }
  bool ok = true;
  int64_t choice = 0;
  switch (q.type) {
    case QuestionType::kSingle:
    case QuestionType::kTrueFalse:
      ok = Choice(response, q.options.size(), &choice, error);
      if (ok) {
        const Option& option = q.options[static_cast<size_t>(choice)];
        g->correct = option.correct;
        g->score = option.correct ? q.points : 0;
        g->feedback = option.feedback;
        g->parts.push_back(option.correct);
      }
      break;
    case QuestionType::kPoll:
    case QuestionType::kLikert:
      ok = Choice(response, q.options.size(), &choice, error);
      if (ok) g->feedback = q.options[static_cast<size_t>(choice)].feedback;
      break;
    case QuestionType::kMultiple:
      ok = GradeChoices(q, response, g, error);
      break;
    case QuestionType::kFillBlanks:
      ok = GradeBlanks(q, response, g, error);
      break;
    case QuestionType::kDropdown:
      ok = GradeDropdown(q, response, g, error);
      break;
    case QuestionType::kNumeric:
      ok = GradeNumeric(q, response, g, error);
      break;
    case QuestionType::kMatching:
      ok = GradeMatching(q, response, g, error);
      break;
    case QuestionType::kOrdering:
      ok = GradeOrdering(q, response, g, error);
      break;
    case QuestionType::kAttestation: {
      const auto agreed = response.find("agreed");
      if (agreed == response.end() || !agreed->is_boolean()) {
        *error = "the response must be {\"agreed\": true}";
        return false;
      }
      g->correct = agreed->get<bool>();
      g->score = g->correct ? q.points : 0;
      break;
    }
    case QuestionType::kReflection: {
      const auto text = response.find("text");
      if (text == response.end() || !text->is_string()) {
        *error = "the response must be {\"text\": \"…\"}";
        return false;
      }
      if (text->get_ref<const std::string&>().size() > kMaxReflectionBytes) {
        *error = "the reflection is longer than " + NumberText(kMaxReflectionBytes) + " bytes";
        return false;
      }
      break;
    }
  }
  if (!ok) return false;
  if (!g->graded) {
    g->score = 0;
    g->max_score = 0;
    return true;
  }
  if (hint_used) g->score *= 1 - q.hint_penalty;
  if (g->feedback.empty()) g->feedback = g->correct ? q.feedback_correct : q.feedback_incorrect;
  return true;
}

}  // namespace morsel::core
