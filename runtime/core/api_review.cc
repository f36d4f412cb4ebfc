// The review api (api.h, "Spaced-repetition review"): what is due, and a review recorded,
// over review.h. Same contract as api.cc: JSON text in, JSON text out, never throws.
#include <algorithm>
#include <exception>

#include <nlohmann/json.hpp>

#include "runtime/core/api.h"
#include "runtime/core/api_io.h"
#include "runtime/core/grade.h"
#include "runtime/core/json_parse.h"
#include "runtime/core/json_read.h"
#include "runtime/core/quiz.h"
#include "runtime/core/quiz_runtime.h"
#include "runtime/core/review.h"
#include "runtime/core/state.h"
#include "runtime/core/view.h"

namespace morsel::core {
namespace {

using nlohmann::json;

using api_io::BadInput;
using api_io::Error;
using api_io::Guard;
using api_io::Ok;
using api_io::ReadNow;

/// The input's state, checked (a copy: the review calls change it).
json StateOf(const json& doc) { return api_io::StateIn(doc); }

std::string ItemOf(const json& doc) {
  std::string item = StringOr(doc, "item", "");
  if (item.empty()) throw BadInput{"'item' must be an item key"};
  return item;
}

/// The state and the outcome of a review, as both calls answer.
std::string Recorded(json state, const std::string& item, FsrsRating rating, const json& doc, json out) {
  const json outcome =
      RecordReview(&state, item, rating, ReadReviewSettings(MemberOf(doc, "settings"), nullptr), ReadNow(doc));
  out["counted"] = outcome["counted"];
  out["due"] = outcome["due"];
  out["interval"] = outcome["interval"];
  out["state"] = std::move(state);
  return Ok(std::move(out));
}

}  // namespace

std::string ApiReviewQueue(std::string_view input) {
  return Guard(input, [](const json& doc) {
    const json state = StateOf(doc);
    const ReviewSettings settings = ReadReviewSettings(MemberOf(doc, "settings"), nullptr);
    const json& items = MemberOf(doc, "items");
    if (!items.is_array()) throw BadInput{"'items' must be a list"};
    const json& limit = MemberOf(doc, "limit");
    const int64_t chosen = limit.is_number_integer() ? limit.get<int64_t>() : settings.daily_limit;
    return Ok(
        ReviewQueue(state, items, settings, ReadNow(doc), static_cast<int>(std::clamp<int64_t>(chosen, -1, 1000000))));
  });
}

std::string ApiReviewAnswer(std::string_view input) {
  return Guard(input, [](const json& doc) {
    json state = StateOf(doc);
    const std::string item = ItemOf(doc);
    Quiz quiz;
    std::string error;
    if (!QuizFromRuntime(MemberOf(doc, "block"), &quiz, &error)) throw BadInput{error};
    if (quiz.mode == QuizMode::kAssessment) throw BadInput{"an assessment's questions are not reviewed"};
    const Question* question = FindQuestion(quiz, StringOr(doc, "question", ""));
    if (question == nullptr || quiz.id + "/" + question->id != item)
      throw BadInput{"no question '" + item + "' in the block"};
    if (!question->Graded() || question->type == QuestionType::kAttestation) {
      throw BadInput{"only graded questions are reviewed"};
    }
    json response = MemberOf(doc, "response");
    const std::string missing = MissingAnswer(*question, &response);
    if (!missing.empty()) return Error("incomplete", "the answer is not complete", missing);
    Grade grade;
    if (!GradeQuestion(*question, response, false, &grade, &error)) throw BadInput{error};
    json result = GradeJson(grade);
    // Revealed as the lesson page would after one more attempt: with attempts left there,
    // a wrong answer reveals nothing.
    const int used = LiveAttemptCount(state, item);
    const int left = quiz.attempts > 0 ? std::max(0, quiz.attempts - used) : -1;
    if (MayReveal(quiz.show_answers, left, grade.correct)) result["reveal"] = RevealOf(*question);
    json out;
    out["result"] = std::move(result);
    return Recorded(std::move(state), item, grade.correct ? FsrsRating::kGood : FsrsRating::kAgain, doc,
                    std::move(out));
  });
}

std::string ApiReviewRate(std::string_view input) {
  return Guard(input, [](const json& doc) {
    json state = StateOf(doc);
    const std::string item = ItemOf(doc);
    const json& rating = MemberOf(doc, "rating");
    if (!rating.is_number_integer() || rating.get<int64_t>() < 1 || rating.get<int64_t>() > 4) {
      throw BadInput{"'rating' must be 1 (again), 2 (hard), 3 (good) or 4 (easy)"};
    }
    return Recorded(std::move(state), item, static_cast<FsrsRating>(rating.get<int>()), doc, json::object());
  });
}

}  // namespace morsel::core
