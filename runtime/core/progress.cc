#include "runtime/core/progress.h"

#include <algorithm>
#include <cstdint>
#include <set>

#include "runtime/core/certificate.h"
#include "runtime/core/json_read.h"
#include "runtime/core/number_text.h"
#include "runtime/core/review.h"
#include "runtime/core/state.h"

namespace morsel::core {
namespace {

using nlohmann::json;

/// Keeps the larger of two counters.
void KeepMax(json* into, const json& from, const char* key) {
  const int64_t theirs = IntOr(from, key, -1);
  if (theirs > IntOr(*into, key, -1)) (*into)[key] = theirs;
}

void KeepMin(json* into, const json& from, const char* key) {
  const int64_t theirs = IntOr(from, key, -1);
  const int64_t ours = IntOr(*into, key, -1);
  if (theirs >= 0 && (ours < 0 || theirs < ours)) (*into)[key] = theirs;
}

/// Identity of an attempt across copies of the state: the same answer at the same time.
std::string AttemptId(const json& attempt) {
  if (!attempt.is_object()) return "";
  return NumberText(IntOr(attempt, "at", -1)) + "|" + MemberOf(attempt, "response").dump();
}

/// Appends the attempts of `theirs` that `ours` lacks, keeping time order.
int UnionAttempts(json* ours, const json& theirs) {
  if (!ours->is_array()) *ours = json::array();
  if (!theirs.is_array()) return 0;
  std::set<std::string> known;
  for (const json& a : *ours) known.insert(AttemptId(a));
  int added = 0;
  for (const json& a : theirs) {
    if (!a.is_object() || !known.insert(AttemptId(a)).second) continue;
    ours->push_back(a);
    ++added;
  }
  if (added > 0) {
    std::stable_sort(ours->begin(), ours->end(),
                     [](const json& a, const json& b) { return IntOr(a, "at", 0) < IntOr(b, "at", 0); });
  }
  return added;
}

void MergeLesson(json* ours, const json& theirs, MergeSummary* summary) {
  const bool we_done = MemberOf(*ours, "status") == "completed";
  const bool they_done = MemberOf(theirs, "status") == "completed";
  const int64_t our_reopen = IntOr(*ours, "reopened_at", -1);
  const int64_t their_reopen = IntOr(theirs, "reopened_at", -1);
  if (they_done && !we_done && our_reopen < IntOr(theirs, "completed_at", 0)) {
    (*ours)["status"] = "completed";
    (*ours)["completed_at"] = IntOr(theirs, "completed_at", 0);
    ++summary->lessons_completed;
  } else if (we_done && !they_done && their_reopen > IntOr(*ours, "completed_at", 0)) {
    // The other side reopened it later (a changed attestation): that wins.
    (*ours)["status"] = StringOr(theirs, "status", "in_progress");
    (*ours)["reopened_at"] = their_reopen;
  }
  if (we_done && they_done) KeepMin(ours, theirs, "completed_at");
  KeepMin(ours, theirs, "first_visit");
  KeepMax(ours, theirs, "last_visit");
  KeepMax(ours, theirs, "time_ms");
}

void MergeQuiz(json* ours, const json& theirs, MergeSummary* summary) {
  if (theirs.contains("attempts"))
    summary->quiz_attempts_added += UnionAttempts(&(*ours)["attempts"], theirs["attempts"]);
  const json& best = MemberOf(theirs, "best");
  if (ResultFraction(best) > ResultFraction(MemberOf(*ours, "best")) ||
      (IsTrue(best, "passed") && !IsTrue(MemberOf(*ours, "best"), "passed"))) {
    (*ours)["best"] = best;
  }
  const json& last = MemberOf(theirs, "last");
  if (last.is_object() && IntOr(last, "at", 0) > IntOr(MemberOf(*ours, "last"), "at", -1)) {
    (*ours)["last"] = last;
  }
}

/// A review card's last review day ("YYYY-MM-DD", which compares as text) when the card
/// looks like one (review.h reads it fully), else "".
std::string CardLast(const json& card) {
  const std::string last = StringOr(card, "last", "");
  const bool ok = NumberOr(card, "stability", 0) > 0 && NumberOr(card, "difficulty", 0) >= 1 &&
                  StringOr(card, "due", "").size() == 10 && last.size() == 10;
  return ok ? last : "";
}

/// One review item (review.h): the card of the later last review (then more reviews, then
/// ours), the larger count, the union of the logs, the earlier first review.
void MergeReview(json* ours, const json& theirs) {
  const json& card = MemberOf(theirs, "card");
  const json& our_card = MemberOf(*ours, "card");
  const std::string their_last = CardLast(card);
  const std::string our_last = CardLast(our_card);
  if (!their_last.empty() &&
      (their_last > our_last || (their_last == our_last && IntOr(card, "reps", 0) > IntOr(our_card, "reps", 0)))) {
    (*ours)["card"] = card;
  }
  KeepMax(ours, theirs, "reps");
  const json& first = MemberOf(theirs, "first");
  if (IntOr(first, "at", -1) >= 0 && IntOr(first, "at", 0) < IntOr(MemberOf(*ours, "first"), "at", INT64_MAX)) {
    (*ours)["first"] = first;
  }
  if (MemberOf(theirs, "log").is_array()) UnionAttempts(&(*ours)["log"], theirs["log"]);
}

/// Keeps the first best and the last of a list of attempts; returns how many went.
size_t KeepBestAndLast(json* attempts) {
  if (!attempts->is_array() || attempts->size() <= 2) return 0;
  size_t best = 0;
  for (size_t i = 1; i < attempts->size(); ++i) {
    if (ResultFraction((*attempts)[i]) > ResultFraction((*attempts)[best])) best = i;
  }
  json kept = json::array();
  if (best != attempts->size() - 1) kept.push_back((*attempts)[best]);
  kept.push_back(attempts->back());
  const size_t dropped = attempts->size() - kept.size();
  *attempts = std::move(kept);
  return dropped;
}

bool BelongsTo(const std::string& key, const std::vector<std::string>& lesson_ids) {
  return std::any_of(lesson_ids.begin(), lesson_ids.end(), [&](const std::string& id) {
    return key.size() > id.size() && key.compare(0, id.size(), id) == 0 && key[id.size()] == ':';
  });
}

}  // namespace

int MigrateState(json* state) {
  const int from = static_cast<int>(IntOr(*state, "schema", kStateSchema));
  int version = from;
  if (version == 1) {
    // 1 → 2: time spent, the activity log, "updated" and answer fingerprints arrived.
    // Nothing is lost; the new members start empty.
    (*state)["updated"] = IntOr(*state, "created", 0);
    (*state)["activity"] = json::object();
    version = 2;
  }
  (*state)["schema"] = version;
  return from;
}

MergeSummary MergeStates(json* state, const json& incoming) {
  MergeSummary summary;
  // A course one side took again (certificate.h) drops the other side's older records of it.
  json other = incoming;
  MergeRounds(state, &other);
  json& lessons = ObjectMember(state, "lessons");
  for (const auto& [id, theirs] : ObjectOf(other, "lessons").items()) {
    if (!theirs.is_object()) continue;
    if (!lessons.contains(id)) {
      lessons[id] = theirs;
      ++summary.lessons_added;
      if (MemberOf(theirs, "status") == "completed") ++summary.lessons_completed;
      continue;
    }
    MergeLesson(&lessons[id], theirs, &summary);
  }
  json& questions = ObjectMember(state, "questions");
  for (const auto& [key, theirs] : ObjectOf(other, "questions").items()) {
    if (!theirs.is_object()) continue;
    json& ours = questions[key];
    if (!ours.is_object()) ours = {{"attempts", json::array()}};
    summary.attempts_added += UnionAttempts(&ours["attempts"], MemberOf(theirs, "attempts"));
    KeepMax(&ours, theirs, "dropped");
  }
  json& quizzes = ObjectMember(state, "quizzes");
  for (const auto& [id, theirs] : ObjectOf(other, "quizzes").items()) {
    if (!theirs.is_object()) continue;
    json& ours = quizzes[id];
    if (!ours.is_object()) ours = json::object();
    MergeQuiz(&ours, theirs, &summary);
  }
  json& scenarios = ObjectMember(state, "scenarios");
  for (const auto& [id, theirs] : ObjectOf(other, "scenarios").items()) {
    if (!scenarios.contains(id)) scenarios[id] = theirs;
  }
  json& activity = ObjectMember(state, "activity");
  for (const auto& [day, theirs] : ObjectOf(other, "activity").items()) {
    if (!theirs.is_object()) continue;
    json& ours = activity[day];
    if (!ours.is_object()) ours = json::object();
    KeepMax(&ours, theirs, "ms");
    KeepMax(&ours, theirs, "answers");
  }
  json& courses = ObjectMember(state, "courses");
  for (const auto& [id, theirs] : ObjectOf(other, "courses").items()) {
    if (!theirs.is_object()) continue;
    json& ours = courses[id];
    if (!ours.is_object()) ours = json::object();
    // The first pass wins, with its day and percent.
    const int64_t their_pass = IntOr(theirs, "passed_at", -1);
    const int64_t our_pass = IntOr(ours, "passed_at", -1);
    if (their_pass >= 0 && (our_pass < 0 || their_pass < our_pass)) {
      for (const char* key : {"passed_on", "percent"}) {
        if (theirs.contains(key)) ours[key] = theirs[key];
      }
    } else if (!ours.contains("percent") && theirs.contains("percent")) {
      ours["percent"] = theirs["percent"];
    }
    KeepMin(&ours, theirs, "completed_at");
    KeepMin(&ours, theirs, "passed_at");
  }
  const json& resume = MemberOf(other, "resume");
  if (resume.is_object() && IntOr(resume, "at", 0) > IntOr(MemberOf(*state, "resume"), "at", -1)) {
    (*state)["resume"] = resume;
  }
  if (other.contains("reviews")) {
    json& reviews = ObjectMember(state, "reviews");
    for (const auto& [key, theirs] : ObjectOf(other, "reviews").items()) {
      if (!theirs.is_object()) continue;
      json& ours = reviews[key];
      if (!ours.is_object()) ours = json::object();
      MergeReview(&ours, theirs);
    }
  }
  KeepMax(state, other, "updated");
  KeepMin(state, other, "created");
  return summary;
}

size_t CompactState(json* state, size_t budget) {
  size_t size = state->dump().size();
  if (size <= budget) return size;
  // 1. The activity log beyond the last 90 days (its keys are dates: they sort).
  json& activity = ObjectMember(state, "activity");
  while (activity.size() > 90) activity.erase(activity.begin());
  // 2. Question attempts: the best and the last stay; the count of the others is kept.
  for (auto& [key, record] : ObjectMember(state, "questions").items()) {
    if (!record.is_object()) continue;
    const size_t dropped = KeepBestAndLast(&record["attempts"]);
    if (dropped > 0) record["dropped"] = IntOr(record, "dropped", 0) + static_cast<int64_t>(dropped);
  }
  // 3. Assessment submissions: best and last are also kept apart, so the list can go.
  for (auto& [id, quiz] : ObjectMember(state, "quizzes").items()) {
    if (quiz.is_object() && quiz.contains("attempts")) {
      const int64_t count = static_cast<int64_t>(quiz["attempts"].size());
      KeepBestAndLast(&quiz["attempts"]);
      // The attempt number seeds the next draw: keep counting where the list left off.
      quiz["dropped"] = IntOr(quiz, "dropped", 0) + count - static_cast<int64_t>(quiz["attempts"].size());
    }
  }
  size = state->dump().size();
  // 4. Review logs: each item's card and count of reviews stay (review.h).
  if (size > budget && state->contains("reviews")) {
    CompactReviews(state);
    size = state->dump().size();
  }
  return size;
}

void ResetLessons(json* state, const std::vector<std::string>& lesson_ids, bool keep_reviews) {
  json& lessons = ObjectMember(state, "lessons");
  for (const std::string& id : lesson_ids) lessons.erase(id);
  for (const char* member : {"questions", "quizzes", "scenarios", "reviews"}) {
    if (std::string(member) == "reviews" && (keep_reviews || !state->contains(member))) continue;
    json& records = ObjectMember(state, member);
    for (auto it = records.begin(); it != records.end();) {
      it = BelongsTo(it.key(), lesson_ids) ? records.erase(it) : std::next(it);
    }
  }
}

}  // namespace morsel::core
