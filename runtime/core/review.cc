#include "runtime/core/review.h"

#include <algorithm>
#include <map>
#include <set>
#include <utility>
#include <vector>

#include "runtime/core/calendar.h"
#include "runtime/core/json_read.h"
#include "runtime/core/number_text.h"
#include "runtime/core/object_checker.h"

namespace morsel::core {
namespace {

using nlohmann::json;

bool ReadDay(const json& doc, const char* key, int64_t* day) {
  const json& text = MemberOf(doc, key);
  return text.is_string() && ParseDate(text.get<std::string>(), day);
}

/// A stored card, or false when it is not one (then it is ignored, and replaced when the
/// item is next reviewed).
bool ReadCard(const json& doc, FsrsCard* card) {
  if (!doc.is_object()) return false;
  const double stability = NumberOr(doc, "stability", -1);
  const double difficulty = NumberOr(doc, "difficulty", -1);
  if (!(stability > 0 && stability <= 1e6) || !(difficulty >= 1 && difficulty <= 10)) return false;
  if (!ReadDay(doc, "due", &card->due_day) || !ReadDay(doc, "last", &card->last_review_day)) return false;
  card->stability = stability;
  card->difficulty = difficulty;
  card->reps = static_cast<int>(std::clamp<int64_t>(IntOr(doc, "reps", 1), 1, 1000000));
  card->lapses = static_cast<int>(std::clamp<int64_t>(IntOr(doc, "lapses", 0), 0, 1000000));
  card->state = FsrsState::kReview;
  return true;
}

json CardJson(const FsrsCard& card) {
  json out;
  out["stability"] = card.stability;
  out["difficulty"] = card.difficulty;
  out["due"] = DateText(card.due_day);
  out["last"] = DateText(card.last_review_day);
  out["reps"] = card.reps;
  out["lapses"] = card.lapses;
  return out;
}

/// The first graded attempt of a question that still counts (not stale), or null.
const json* FirstAttempt(const json& state, const std::string& key) {
  const json& record = MemberOf(ObjectOf(state, "questions"), key.c_str());
  const json& attempts = MemberOf(record, "attempts");
  // After compaction ("dropped") the earliest attempt kept stands in for the first.
  if (!attempts.is_array()) return nullptr;
  const json* first = nullptr;
  for (const json& attempt : attempts) {
    if (!attempt.is_object() || IsTrue(attempt, "stale") || !MemberOf(attempt, "correct").is_boolean()) continue;
    if (MemberOf(attempt, "graded") == false || !MemberOf(attempt, "at").is_number_integer()) continue;
    if (first == nullptr || IntOr(attempt, "at", 0) < IntOr(*first, "at", 0)) first = &attempt;
  }
  return first;
}

FsrsRating RatingOf(const json& entry) {
  return static_cast<FsrsRating>(std::clamp<int64_t>(IntOr(entry, "rating", 3), 1, 4));
}

/// The item's record in the state, made an object if it was not one.
json& RecordOf(json* state, const std::string& key) {
  json& reviews = (*state)["reviews"];
  if (!reviews.is_object()) reviews = json::object();
  json& record = reviews[key];
  if (!record.is_object()) record = json::object();
  return record;
}

/// The log entries of `log` that are entries: objects with a time.
std::vector<json> EntriesOf(const json& log) {
  std::vector<json> out;
  if (!log.is_array()) return out;
  for (const json& entry : log) {
    if (entry.is_object() && MemberOf(entry, "at").is_number_integer()) out.push_back(entry);
  }
  return out;
}

int64_t Clamp(const json& doc, const char* key) { return std::clamp<int64_t>(IntOr(doc, key, 0), 0, 1000000000); }

}  // namespace

ReviewSettings ReadReviewSettings(const json& review, Diagnostics* diagnostics) {
  Diagnostics ignored;
  Diagnostics* d = diagnostics == nullptr ? &ignored : diagnostics;
  ReviewSettings out;
  if (review.is_null()) return out;
  ObjectChecker checker(review, "", "'review'", d);
  checker.AllowOnly({"desired_retention", "max_interval_days", "daily_limit"});
  if (!checker.ok()) return out;
  const json& retention = MemberOf(review, "desired_retention");
  if (!retention.is_null()) {
    if (!retention.is_number()) {
      d->push_back({Severity::kError, "/desired_retention", false, "wrong-type",
                    "'desired_retention' must be a number, not a " + std::string(TypeName(retention)),
                    "the probability of recall at which an item falls due, e.g. 0.9"});
    } else if (retention.get<double>() < kMinRetention || retention.get<double>() > kMaxRetention) {
      d->push_back({Severity::kError, "/desired_retention", false, "out-of-range",
                    "'desired_retention' must be from 0.7 to 0.99 (found " + retention.dump() + ")",
                    "0.9 is FSRS's default: higher means shorter intervals and more reviews"});
    } else {
      out.fsrs.desired_retention = retention.get<double>();
    }
  }
  out.fsrs.max_interval_days = static_cast<int>(checker.Int("max_interval_days", 1, 36500, 36500));
  out.daily_limit = static_cast<int>(checker.Int("daily_limit", 1, kMaxDailyLimit, 20));
  return out;
}

json ReviewSettingsJson(const ReviewSettings& settings) {
  json out;
  out["desired_retention"] = settings.fsrs.desired_retention;
  out["max_interval_days"] = settings.fsrs.max_interval_days;
  out["daily_limit"] = settings.daily_limit;
  return out;
}

int64_t ReviewToday(const Now& now) {
  int64_t day = 0;
  return ParseDate(now.local_date, &day) ? day : LocalDay(now.epoch_ms, now.utc_offset_min);
}

bool ItemCard(const json& state, const std::string& key, int offset_min, const FsrsParams& params, FsrsCard* card) {
  const json& record = MemberOf(ObjectOf(state, "reviews"), key.c_str());
  if (ReadCard(MemberOf(record, "card"), card)) return true;
  int64_t day = 0;
  const json& first = MemberOf(record, "first");
  if (ReadDay(first, "day", &day)) {
    *card = Review(FsrsCard{}, RatingOf(first), day, params).card;
    return true;
  }
  const json* attempt = FirstAttempt(state, key);
  if (attempt == nullptr) return false;
  const FsrsRating rating = IsTrue(*attempt, "correct") ? FsrsRating::kGood : FsrsRating::kAgain;
  *card = Review(FsrsCard{}, rating, LocalDay(IntOr(*attempt, "at", 0), offset_min), params).card;
  return true;
}

json ReviewQueue(const json& state, const json& items, const ReviewSettings& settings, const Now& now, int limit) {
  const int64_t today = ReviewToday(now);
  const std::string today_text = DateText(today);
  int64_t done = 0;
  for (const json& record : ObjectOf(state, "reviews")) {
    for (const json& entry : EntriesOf(MemberOf(record, "log"))) done += MemberOf(entry, "day") == today_text;
  }
  std::vector<std::pair<int64_t, std::string>> due;
  std::vector<std::string> fresh;
  std::map<int64_t, int64_t> later;
  std::set<std::string> seen;
  const json& lessons = ObjectOf(state, "lessons");
  if (items.is_array()) {
    for (const json& item : items) {
      const std::string key = item.is_string() ? item.get<std::string>() : StringOr(item, "key", "");
      if (key.empty() || !seen.insert(key).second) continue;
      FsrsCard card;
      if (ItemCard(state, key, now.utc_offset_min, settings.fsrs, &card)) {
        if (card.due_day <= today) {
          due.emplace_back(card.due_day, key);
        } else {
          ++later[card.due_day];
        }
      } else if (IsTrue(item, "card") && lessons.contains(KeyLesson(key))) {
        fresh.push_back(key);
      }
    }
  }
  // Most overdue first; the catalogue's order among items due the same day.
  std::stable_sort(due.begin(), due.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  const int64_t allowed = limit < 0 ? -1 : std::max<int64_t>(0, limit - done);
  json list = json::array();
  for (const auto& entry : due) {
    if (allowed >= 0 && static_cast<int64_t>(list.size()) >= allowed) break;
    list.push_back(entry.second);
  }
  for (const std::string& key : fresh) {
    if (allowed >= 0 && static_cast<int64_t>(list.size()) >= allowed) break;
    list.push_back(key);
  }
  json out;
  out["due"] = std::move(list);
  out["due_count"] = due.size();
  out["new_count"] = fresh.size();
  out["today_done"] = done;
  out["left_today"] = allowed;
  json next = nullptr;
  if (!later.empty()) {
    next = json::object();
    next["date"] = DateText(later.begin()->first);
    next["count"] = later.begin()->second;
  }
  out["next"] = std::move(next);
  return out;
}

json RecordReview(json* state, const std::string& key, FsrsRating rating, const ReviewSettings& settings,
                  const Now& now) {
  const int64_t today = ReviewToday(now);
  FsrsCard card;
  const bool known = ItemCard(*state, key, now.utc_offset_min, settings.fsrs, &card);
  const bool due = !known || card.due_day <= today;
  json out;
  out["counted"] = due;
  if (due) {
    const json* attempt = known ? FirstAttempt(*state, key) : nullptr;
    json& record = RecordOf(state, key);
    // A question's card came from its first attempt: kept, so that compacting the
    // question's attempts later cannot change the card's history.
    if (attempt != nullptr && !MemberOf(record, "first").is_object() && !MemberOf(record, "card").is_object()) {
      json first;
      first["at"] = IntOr(*attempt, "at", 0);
      first["day"] = DateText(card.last_review_day);
      first["rating"] = IsTrue(*attempt, "correct") ? 3 : 1;
      record["first"] = std::move(first);
    }
    card = Review(card, rating, today, settings.fsrs).card;
    record["card"] = CardJson(card);
    record["reps"] = Clamp(record, "reps") + 1;
    json& log = record["log"];
    if (!log.is_array()) log = json::array();
    json entry;
    entry["at"] = now.epoch_ms;
    entry["day"] = DateText(today);
    entry["rating"] = static_cast<int>(rating);
    log.push_back(std::move(entry));
  }
  out["due"] = DateText(card.due_day);
  out["interval"] = card.due_day - std::max(today, card.last_review_day);
  out["reps"] = Clamp(MemberOf(ObjectOf(*state, "reviews"), key.c_str()), "reps");
  return out;
}

void CompactReviews(json* state) {
  json& reviews = (*state)["reviews"];
  if (!reviews.is_object()) {
    state->erase("reviews");
    return;
  }
  for (auto& [key, record] : reviews.items()) {
    if (!MemberOf(record, "log").is_array() || record["log"].size() <= 1) continue;
    json& log = record["log"];
    const int64_t logged = static_cast<int64_t>(log.size());
    // The count stays in "reps" (XP and badges read the larger of the two).
    if (logged > Clamp(record, "reps")) record["reps"] = logged;
    log.erase(log.begin(), log.end() - 1);
  }
}

}  // namespace morsel::core
