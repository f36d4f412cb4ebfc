#include "runtime/core/certificate.h"

#include <algorithm>
#include <cstdio>
#include <vector>

#include "runtime/core/calendar.h"
#include "runtime/core/fnv.h"
#include "runtime/core/gamification.h"
#include "runtime/core/json_read.h"
#include "runtime/core/progress.h"

namespace morsel::core {
namespace {

using nlohmann::json;

const json& History(const json& record) {
  static const json kNone = json::array();
  const json& history = MemberOf(record, "history");
  return history.is_array() ? history : kNone;
}

/// The learner's local date on `now` (the glue's local_date, else from the offset).
std::string Today(const Now& now) {
  int64_t day = 0;
  if (ParseDate(now.local_date, &day)) return now.local_date;
  return DateText(LocalDay(now.epoch_ms, now.utc_offset_min));
}

/// The local date of a pass: as recorded, else (a pass recorded before passed_on was) the
/// day of its time at the learner's current offset.
std::string PassedOn(const json& pass, const Now& now) {
  std::string on = StringOr(pass, "passed_on", "");
  int64_t day = 0;
  if (ParseDate(on, &day)) return on;
  return DateText(LocalDay(IntOr(pass, "passed_at", 0), now.utc_offset_min));
}

bool Passed(const json& record) { return MemberOf(record, "passed_at").is_number_integer(); }

/// A pass or completion of a course at or before its last round began belongs to that
/// round, not to the current one.
void DropPastPasses(json* record, int64_t began) {
  for (const char* key : {"completed_at", "passed_at", "failed_at"}) {
    if (IntOr(*record, key, INT64_MAX) <= began) record->erase(key);
  }
  if (!record->contains("passed_at")) record->erase("passed_on");
  if (!record->contains("completed_at")) record->erase("percent");
}

std::string CertificateNumber(const json& state, const std::string& course_id, int64_t passed_at) {
  const uint32_t hash = Fnv1a32(StringOr(state, "learner", "") + "\n" + course_id + "\n" + std::to_string(passed_at));
  char text[10];
  std::snprintf(text, sizeof text, "%04X-%04X", static_cast<unsigned>(hash >> 16),
                static_cast<unsigned>(hash & 0xFFFF));
  return text;
}

}  // namespace

std::string LearnerName(const json& state) { return StringOr(ObjectOf(state, "profile"), "name", ""); }

void SetLearnerName(json* state, const std::string& name, const Now& now) {
  const size_t first = name.find_first_not_of(" \t\r\n");
  std::string kept = first == std::string::npos ? "" : name.substr(first, name.find_last_not_of(" \t\r\n") - first + 1);
  // Cut at a character boundary: count the bytes that start a UTF-8 sequence.
  size_t chars = 0;
  for (size_t i = 0; i < kept.size(); ++i) {
    if ((static_cast<unsigned char>(kept[i]) & 0xC0) != 0x80 && ++chars > kMaxNameChars) {
      kept.resize(i);
      break;
    }
  }
  json& profile = ObjectMember(state, "profile");
  profile["name"] = kept;
  profile["at"] = now.epoch_ms;
}

json CertificateFacts(const json& state, const json& course, const Now& now) {
  const std::string id = StringOr(course, "id", "");
  const json& record = ObjectOf(ObjectOf(state, "courses"), id.c_str());
  const json& history = History(record);
  const bool current = Passed(record);
  json facts = {{"passes", static_cast<int64_t>(history.size()) + (current ? 1 : 0)}};
  const json* latest = current ? &record : nullptr;
  // History is oldest first: the latest past round is the last one passed.
  if (!current) {
    for (auto it = history.rbegin(); it != history.rend(); ++it) {
      if (Passed(*it)) {
        latest = &*it;
        break;
      }
    }
  }
  if (latest == nullptr) {
    facts["status"] = "not_passed";
    return facts;
  }
  const int64_t passed_at = IntOr(*latest, "passed_at", 0);
  facts["passed_at"] = passed_at;
  facts["passed_on"] = PassedOn(*latest, now);
  facts["percent"] = MemberOf(*latest, "percent");
  facts["renewing"] = !current;
  facts["number"] = CertificateNumber(state, id, passed_at);
  std::string due_on;
  const std::string period = StringOr(course, "recertify_after", "");
  if (!period.empty() && AddPeriod(facts["passed_on"].get<std::string>(), period, &due_on)) {
    facts["due_on"] = due_on;
  } else {
    facts["due_on"] = nullptr;
  }
  facts["status"] = !due_on.empty() && Today(now) >= due_on ? "due" : "passed";
  return facts;
}

bool Recertify(json* state, const std::string& course_id, const std::vector<std::string>& lesson_ids, const Now& now) {
  json& courses = ObjectMember(state, "courses");
  json& record = courses[course_id];
  if (!Passed(record)) return false;
  json round = {{"passed_at", record["passed_at"]}, {"recertified_at", now.epoch_ms}};
  for (const char* key : {"passed_on", "completed_at", "percent"}) {
    if (record.contains(key)) round[key] = record[key];
  }
  // What this round earned stays the learner's: its lessons (for badges and XP) and its
  // questions right first time (for XP).
  json lessons = json::object();
  const json& entries = ObjectOf(*state, "lessons");
  for (const std::string& lesson : lesson_ids) {
    const json& entry = ObjectOf(entries, lesson.c_str());
    if (EverCompleted(entry)) {
      lessons[lesson] = IntOr(entry, "completed_at", 0);
    }
  }
  int64_t right = 0;
  for (const auto& [key, question] : ObjectOf(*state, "questions").items()) {
    if (std::find(lesson_ids.begin(), lesson_ids.end(), KeyLesson(key)) == lesson_ids.end()) continue;
    right += RightFirstTime(question) ? 1 : 0;
  }
  round["lessons"] = std::move(lessons);
  round["xp"] = {{"questions", right}};
  json history = History(record);
  history.push_back(std::move(round));
  record = {{"history", std::move(history)}};
  ResetLessons(state, lesson_ids, /*keep_reviews=*/true);
  return true;
}

json WithPastRounds(const json& state) {
  json folded = state;
  json& lessons = ObjectMember(&folded, "lessons");
  for (auto& [id, record] : ObjectMember(&folded, "courses").items()) {
    if (!record.is_object()) continue;
    for (const json& round : History(record)) {
      for (const auto& [lesson, at] : ObjectOf(round, "lessons").items()) {
        json& entry = lessons[lesson];
        if (!entry.is_object()) entry = json::object();
        if (!EverCompleted(entry) ||
            (at.is_number_integer() && IntOr(entry, "completed_at", INT64_MAX) > at.get<int64_t>())) {
          entry["status"] = "completed";
          if (at.is_number_integer()) entry["completed_at"] = at;
        }
      }
      const json& completed = MemberOf(round, "completed_at");
      if (completed.is_number_integer() && IntOr(record, "completed_at", INT64_MAX) > completed.get<int64_t>()) {
        record["completed_at"] = completed;
      }
    }
  }
  return folded;
}

PastRounds PastRoundsOf(const json& state) {
  PastRounds out;
  for (const json& record : ObjectOf(state, "courses")) {
    for (const json& round : History(record)) {
      out.lessons += static_cast<int64_t>(ObjectOf(round, "lessons").size());
      out.questions += std::max<int64_t>(0, IntOr(ObjectOf(round, "xp"), "questions", 0));
      out.passes += Passed(round) ? 1 : 0;
    }
  }
  return out;
}

void MergeRounds(json* state, json* other) {
  json& ours = ObjectMember(state, "courses");
  json& theirs = ObjectMember(other, "courses");
  // Every course either side has a record of: theirs first, then ours (the work is the
  // same for a course listed twice).
  std::vector<std::string> ids;
  for (const json* side : {&theirs, &ours}) {
    for (const auto& [id, record] : side->items()) ids.push_back(id);
  }
  auto has = [](const json& rounds, const json& round) {
    for (const json& r : rounds) {
      if (IntOr(r, "passed_at", -1) == IntOr(round, "passed_at", -2)) return true;
    }
    return false;
  };
  auto lessons_of = [](const json& round) {
    std::vector<std::string> lessons;
    for (const auto& [lesson, at] : ObjectOf(round, "lessons").items()) lessons.push_back(lesson);
    return lessons;
  };
  for (const std::string& id : ids) {
    const json mine = History(MemberOf(ours, id.c_str()));
    const json yours = History(MemberOf(theirs, id.c_str()));
    if (mine.empty() && yours.empty()) continue;
    // The rounds of both, oldest first (by the pass each began with).
    json rounds = json::array();
    int64_t began = 0;
    for (const json* side : {&mine, &yours}) {
      for (const json& round : *side) {
        // A round without its pass is damaged: dropped, never a reason to forget lessons.
        if (!MemberOf(round, "passed_at").is_number_integer() || has(rounds, round)) continue;
        // A round one side has not seen: that side's records of its lessons are older.
        if (!has(side == &mine ? yours : mine, round)) {
          ResetLessons(side == &mine ? other : state, lessons_of(round), true);
        }
        auto at = rounds.begin();
        while (at != rounds.end() && IntOr(*at, "passed_at", 0) <= IntOr(round, "passed_at", 0)) ++at;
        rounds.insert(at, round);
        began = std::max(began, IntOr(round, "recertified_at", 0));
      }
    }
    json& record = ours[id];
    if (!record.is_object()) record = json::object();
    record["history"] = std::move(rounds);
    DropPastPasses(&record, began);
    if (theirs.contains(id) && theirs[id].is_object()) DropPastPasses(&theirs[id], began);
  }
  const json& their_profile = ObjectOf(*other, "profile");
  if (MemberOf(their_profile, "name").is_string() &&
      IntOr(their_profile, "at", 0) > IntOr(ObjectOf(*state, "profile"), "at", -1)) {
    (*state)["profile"] = their_profile;
  }
}

}  // namespace morsel::core
