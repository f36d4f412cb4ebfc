#include "runtime/core/quiz_runtime.h"

#include <algorithm>
#include <cstdint>

#include "runtime/core/answer_key.h"
#include "runtime/core/fnv.h"
#include "runtime/core/json_parse.h"
#include "runtime/core/json_read.h"
#include "runtime/core/normalize.h"
#include "runtime/core/quiz.h"

namespace morsel::core {
namespace {

using nlohmann::json;

uint64_t SplitMix64(uint64_t* state) {
  uint64_t z = (*state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

/// The sealing key of one question: public by nature (it is derived from ids in the
/// page), so sealing only keeps answers from being read off the page source.
std::string SealKey(const std::string& quiz_id, const std::string& question_id) {
  return "morsel-answer-key:" + quiz_id + "/" + question_id;
}

NormalizeOptions Normalization(const Question& q) {
  NormalizeOptions options;
  options.case_sensitive = q.case_sensitive;
  options.keep_diacritics = q.keep_diacritics;
  options.keep_punctuation = q.keep_punctuation;
  return options;
}

/// What grading one question needs and a learner must not read off the page.
json Secret(const Quiz& quiz, const Question& q) {
  json secret = json::object();
  if (!q.options.empty()) {
    json options = json::array();
    for (const Option& o : q.options) options.push_back({o.correct ? 1 : 0, o.feedback});
    secret["o"] = std::move(options);
  }
  if (q.type == QuestionType::kMultiple) {
    secret["s"] = q.scoring == Scoring::kPartial ? 1 : 0;
    secret["p"] = q.penalty;
  }
  if (q.type == QuestionType::kFillBlanks) {
    const std::string salt = "morsel:" + quiz.id + "/" + q.id;
    json gaps = json::array();
    for (const Gap& gap : q.gapped.gaps) {
      json hashes = json::array();
      for (const std::string& a : gap.answers) {
        hashes.push_back(HashAnswer(salt, NormalizeAnswer(a, Normalization(q))));
      }
      gaps.push_back(std::move(hashes));
    }
    secret["g"] = std::move(gaps);
    secret["salt"] = salt;
    secret["norm"] = {q.case_sensitive, q.keep_diacritics, q.keep_punctuation};
  }
  if (q.type == QuestionType::kDropdown) {
    json correct = json::array();
    for (const Gap& gap : q.gapped.gaps) correct.push_back(gap.correct);
    secret["g"] = std::move(correct);
  }
  if (q.type == QuestionType::kNumeric) {
    secret["lo"] = q.min;
    secret["hi"] = q.max;
    secret["ans"] = q.answer;
  }
  if (q.type == QuestionType::kMatching || q.type == QuestionType::kOrdering) {
    secret["d"] = DisplayOrder(quiz, q);
  }
  if (!q.feedback_correct.empty()) secret["fc"] = q.feedback_correct;
  if (!q.feedback_incorrect.empty()) secret["fi"] = q.feedback_incorrect;
  if (!q.explanation.empty()) secret["x"] = q.explanation;
  // Sealed with the rest: in the open, a hash of the right options could be matched
  // against every combination without the core.
  secret["fp"] = AnswerFingerprint(q);
  return secret;
}

bool ReadSecret(const json& secret, Question* q, std::string* error) {
  auto fail = [&](const char* what) {
    *error = std::string("malformed answer key: ") + what;
    return false;
  };
  if (!secret.is_object()) return fail("not an object");
  q->fingerprint = StringOr(secret, "fp", "");
  if (const json& options = MemberOf(secret, "o"); !options.is_null()) {
    if (!options.is_array()) return fail("options");
    for (const json& o : options) {
      if (!o.is_array() || o.size() != 2 || !o[0].is_number_integer() || !o[1].is_string()) {
        return fail("option");
      }
      q->options.push_back({"", o[1].get<std::string>(), o[0].get<int>() == 1});
    }
  }
  if (IntOr(secret, "s", 0) == 1) q->scoring = Scoring::kPartial;
  if (const json& penalty = MemberOf(secret, "p"); !penalty.is_null()) {
    if (!penalty.is_number()) return fail("penalty");
    q->penalty = penalty.get<double>();
  }
  if (const json& gaps = MemberOf(secret, "g"); !gaps.is_null()) {
    if (!gaps.is_array()) return fail("gaps");
    for (const json& g : gaps) {
      Gap gap;
      if (q->type == QuestionType::kDropdown) {
        if (!g.is_number_integer()) return fail("gap");
        gap.correct = g.get<int>();
      } else {
        if (!g.is_array()) return fail("gap");
        for (const json& h : g) {
          if (!h.is_string()) return fail("gap answer");
          gap.answers.push_back(h.get<std::string>());
        }
      }
      q->gapped.gaps.push_back(std::move(gap));
    }
  }
  if (const json& salt = MemberOf(secret, "salt"); !salt.is_null()) {
    if (!salt.is_string()) return fail("salt");
    q->answer_salt = salt.get<std::string>();
    const json& norm = MemberOf(secret, "norm");
    if (!norm.is_array() || norm.size() != 3) return fail("normalisation");
    bool* flags[] = {&q->case_sensitive, &q->keep_diacritics, &q->keep_punctuation};
    for (size_t i = 0; i < 3; ++i) {
      if (!norm[i].is_boolean()) return fail("normalisation");
      *flags[i] = norm[i].get<bool>();
    }
  }
  for (const char* key : {"lo", "hi", "ans"}) {
    const json& v = MemberOf(secret, key);
    if (!v.is_null() && !v.is_number()) return fail("numeric bounds");
  }
  q->min = NumberOr(secret, "lo", 0.0);
  q->max = NumberOr(secret, "hi", 0.0);
  q->answer = NumberOr(secret, "ans", 0.0);
  if (const json& display = MemberOf(secret, "d"); !display.is_null()) {
    if (!display.is_array()) return fail("display order");
    for (const json& d : display) {
      if (!d.is_number_integer()) return fail("display order");
      q->display.push_back(d.get<int>());
    }
  }
  q->feedback_correct = StringOr(secret, "fc", "");
  q->feedback_incorrect = StringOr(secret, "fi", "");
  q->explanation = StringOr(secret, "x", "");
  return true;
}

}  // namespace

std::vector<int> Permutation(const std::string& seed, int n) {
  std::vector<int> out(static_cast<size_t>(std::max(n, 0)));
  for (int i = 0; i < n; ++i) out[static_cast<size_t>(i)] = i;
  if (n < 2) return out;
  uint64_t state = Fnv1a64(seed);
  for (int i = n - 1; i > 0; --i) {
    int j = static_cast<int>(SplitMix64(&state) % static_cast<uint64_t>(i + 1));
    std::swap(out[static_cast<size_t>(i)], out[static_cast<size_t>(j)]);
  }
  bool identity = true;
  for (int i = 0; i < n; ++i) identity = identity && out[static_cast<size_t>(i)] == i;
  if (identity) std::rotate(out.begin(), out.begin() + 1, out.end());
  return out;
}

std::vector<int> DisplayOrder(const Quiz& quiz, const Question& question) {
  int n = static_cast<int>(question.type == QuestionType::kMatching ? question.right.size() : question.items.size());
  return Permutation("display:" + quiz.id + "/" + question.id, n);
}

std::string AnswerFingerprint(const Question& q) {
  // What makes an answer right, without wording that may be edited freely (feedback,
  // option and item texts): which options are right, the accepted typed answers as
  // normalised, the numeric interval, the shape of matching and ordering questions. An
  // attestation's "answer" is the statement itself.
  json what = {QuestionTypeName(q.type)};
  json options = json::array();
  for (const Option& o : q.options) options.push_back(o.correct);
  what.push_back(std::move(options));
  for (const Gap& gap : q.gapped.gaps) {
    json answers = json::array();
    if (q.type == QuestionType::kDropdown) {
      answers = {gap.answers.size(), gap.correct};
    } else {
      for (const std::string& a : gap.answers) answers.push_back(NormalizeAnswer(a, Normalization(q)));
    }
    what.push_back(std::move(answers));
  }
  if (q.type == QuestionType::kNumeric) what.push_back({q.min, q.max});
  what.push_back({q.left.size(), q.right.size(), q.items.size()});
  if (q.type == QuestionType::kAttestation) what.push_back(q.prompt);
  return Sha256Hex(what.dump()).substr(0, 12);
}

json QuizToRuntime(const Quiz& quiz, bool plain_keys) {
  json questions = json::array();
  for (const Question& q : quiz.questions) {
    json out = {{"id", q.id}, {"type", QuestionTypeName(q.type)}, {"points", q.points}};
    if (q.hint_penalty > 0) out["hint_penalty"] = q.hint_penalty;
    // Counts are public: the page shows that many inputs anyway. They let the core
    // refuse responses of the wrong shape before unsealing anything.
    if (!q.options.empty()) out["options"] = q.options.size();
    if (!q.gapped.gaps.empty()) {
      json counts = json::array();
      for (const Gap& g : q.gapped.gaps) counts.push_back(g.answers.size());
      out["gaps"] = std::move(counts);
    }
    if (!q.left.empty()) out["left"] = q.left.size();
    if (!q.right.empty()) out["right"] = q.right.size();
    if (!q.items.empty()) out["items"] = q.items.size();
    // Tags are public (they say nothing of the answer); the runtime needs them to draw.
    if (!quiz.draw_tags.empty() && !q.tags.empty()) out["tags"] = q.tags;
    json secret = Secret(quiz, q);
    out["key"] = plain_keys ? secret : json(Seal(SealKey(quiz.id, q.id), secret.dump()));
    questions.push_back(std::move(out));
  }
  static const char* const kShow[] = {"never", "after_pass", "after_last_attempt", "always"};
  json runtime = {
      {"kind", "quiz"}, {"id", quiz.id}, {"mode", QuizModeName(quiz.mode)}, {"questions", std::move(questions)}};
  if (quiz.pass_mark > 0) runtime["pass_mark"] = quiz.pass_mark;
  if (quiz.attempts > 0) runtime["attempts"] = quiz.attempts;
  runtime["show_answers"] = kShow[static_cast<int>(quiz.show_answers)];
  if (quiz.shuffle_questions) runtime["shuffle_questions"] = true;
  if (quiz.shuffle_options) runtime["shuffle_options"] = true;
  if (quiz.draw > 0) runtime["draw"] = quiz.draw;
  if (!quiz.draw_tags.empty()) {
    json tags = json::array();
    for (const auto& [tag, count] : quiz.draw_tags) tags.push_back({tag, count});
    runtime["draw_tags"] = std::move(tags);
  }
  return runtime;
}

bool QuizFromRuntime(const json& data, Quiz* quiz, std::string* error) {
  auto fail = [&](const std::string& message) {
    *error = message;
    return false;
  };
  if (!data.is_object() || StringOr(data, "kind", "") != "quiz") return fail("not a quiz block");
  const json& id = MemberOf(data, "id");
  const json& questions = MemberOf(data, "questions");
  if (!id.is_string()) return fail("quiz block has no id");
  if (!questions.is_array()) return fail("quiz block has no questions");
  quiz->id = id.get<std::string>();
  // A page that names no mode, or one this core does not know, is answered as a check.
  const json& mode = MemberOf(data, "mode");
  if (!mode.is_string() || !QuizModeFromName(mode.get<std::string>(), &quiz->mode)) quiz->mode = QuizMode::kCheck;
  for (const char* key : {"pass_mark", "attempts", "draw"}) {
    const json& v = MemberOf(data, key);
    if (!v.is_null() && !v.is_number_integer()) return fail(std::string("'") + key + "' is not a number");
  }
  quiz->pass_mark = static_cast<int>(IntOr(data, "pass_mark", 0));
  quiz->attempts = static_cast<int>(IntOr(data, "attempts", 0));
  quiz->draw = static_cast<int>(IntOr(data, "draw", 0));
  const std::string show = StringOr(data, "show_answers", "after_last_attempt");
  quiz->show_answers = show == "never"        ? ShowAnswers::kNever
                       : show == "after_pass" ? ShowAnswers::kAfterPass
                       : show == "always"     ? ShowAnswers::kAlways
                                              : ShowAnswers::kAfterLastAttempt;
  if (const json& draw_tags = MemberOf(data, "draw_tags"); !draw_tags.is_null()) {
    if (!draw_tags.is_array()) return fail("'draw_tags' is not a list");
    for (const json& entry : draw_tags) {
      if (!entry.is_array() || entry.size() != 2 || !entry[0].is_string() || !entry[1].is_number_integer()) {
        return fail("'draw_tags' entries must be [tag, count]");
      }
      quiz->draw_tags.emplace_back(entry[0].get<std::string>(), entry[1].get<int>());
    }
  }
  quiz->shuffle_questions = IsTrue(data, "shuffle_questions");
  quiz->shuffle_options = IsTrue(data, "shuffle_options");
  for (const json& q : questions) {
    if (!q.is_object()) return fail("malformed question");
    Question question;
    const json& qid = MemberOf(q, "id");
    const json& type = MemberOf(q, "type");
    if (!qid.is_string()) return fail("question has no id");
    if (!type.is_string()) return fail("question has no type");
    question.id = qid.get<std::string>();
    bool known = false;
    for (int t = 0; t <= static_cast<int>(QuestionType::kLikert); ++t) {
      if (type.get_ref<const std::string&>() == QuestionTypeName(static_cast<QuestionType>(t))) {
        question.type = static_cast<QuestionType>(t);
        known = true;
      }
    }
    if (!known) return fail("unknown question type");
    for (const char* key : {"points", "hint_penalty"}) {
      const json& v = MemberOf(q, key);
      if (!v.is_null() && !v.is_number()) return fail(std::string(key) + " is not a number");
    }
    if (const json& tags = MemberOf(q, "tags"); !tags.is_null()) {
      if (!tags.is_array()) return fail("'tags' is not a list");
      for (const json& tag : tags) {
        if (!tag.is_string()) return fail("'tags' is not a list of strings");
        question.tags.push_back(tag.get<std::string>());
      }
    }
    question.points = NumberOr(q, "points", 1.0);
    question.hint_penalty = NumberOr(q, "hint_penalty", 0.0);
    for (const char* key : {"options", "left", "right", "items"}) {
      const int64_t count = IntOr(q, key, -1);
      if (!MemberOf(q, key).is_null() && (count < 0 || count > 1000))
        return fail(std::string("'") + key + "' is not a count");
    }
    question.left.resize(static_cast<size_t>(IntOr(q, "left", 0)));
    question.right.resize(static_cast<size_t>(IntOr(q, "right", 0)));
    question.items.resize(static_cast<size_t>(IntOr(q, "items", 0)));
    const json& key = MemberOf(q, "key");
    if (key.is_null()) return fail("question has no answer key");
    json secret;
    if (key.is_string()) {
      std::string plain;
      if (!Unseal(SealKey(quiz->id, question.id), key.get<std::string>(), &plain)) {
        return fail("answer key cannot be read");
      }
      secret = ParseJson(plain);
      if (secret.is_discarded()) return fail("answer key cannot be read");
    } else {
      secret = key;
    }
    if (!ReadSecret(secret, &question, error)) return false;
    // The counts in the open must agree with the sealed key: a tampered page is refused.
    if (question.options.size() != static_cast<size_t>(IntOr(q, "options", 0))) {
      return fail("answer key does not match the question");
    }
    if (const json& counts = MemberOf(q, "gaps"); !counts.is_null()) {
      if (!counts.is_array() || counts.size() != question.gapped.gaps.size()) {
        return fail("answer key does not match the question");
      }
      for (size_t i = 0; i < counts.size(); ++i) {
        const json& count = counts[i];
        const int64_t n = count.is_number_integer() ? count.get<int64_t>() : -1;
        if (n < 0 || n > 1000) return fail("gap count");
        if (question.type == QuestionType::kDropdown) question.gapped.gaps[i].answers.resize(static_cast<size_t>(n));
      }
    }
    size_t shown = question.type == QuestionType::kMatching ? question.right.size() : question.items.size();
    if ((question.type == QuestionType::kMatching || question.type == QuestionType::kOrdering) &&
        question.display.size() != shown) {
      return fail("answer key does not match the question");
    }
    for (int d : question.display) {
      if (d < 0 || static_cast<size_t>(d) >= shown) return fail("answer key does not match the question");
    }
    quiz->questions.push_back(std::move(question));
  }
  return true;
}

}  // namespace morsel::core
