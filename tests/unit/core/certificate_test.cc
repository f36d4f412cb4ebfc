#include "runtime/core/certificate.h"

#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "runtime/core/api.h"
#include "runtime/core/calendar.h"
#include "runtime/core/gamification.h"
#include "runtime/core/progress.h"
#include "runtime/core/state.h"
#include "tests/unit/core/grades.h"

namespace morsel::core {
namespace {

using nlohmann::json;
using testing::Right;

constexpr int64_t kDayMs = 86400000;

// Noon UTC on a date, as the glue would give it at offset 0.
Now On(const char* date) {
  int64_t day = 0;
  REQUIRE(ParseDate(date, &day));
  return Now{day * kDayMs + kDayMs / 2, date, 0};
}

const json kCourse = {{"id", "c"}, {"recertify_after", "12 months"}};
const std::vector<std::string> kLessons = {"c/m/a", "c/m/b"};

LessonRef Lesson(const std::string& id) { return LessonRef{id, {id + ":q/1"}}; }

// The learner passes course "c" (two lessons of one question each) on `date`.
void Pass(json* state, const char* date) {
  for (const std::string& id : kLessons) {
    RecordVisit(state, Lesson(id), On(date));
    RecordAttempt(state, Lesson(id), id + ":q/1", json(1), Right(), On(date));
  }
  const json course = {
      {"pass_mark", 50},
      {"lessons",
       {{{"id", "c/m/a"}, {"points", {{"c/m/a:q/1", 1}}}}, {{"id", "c/m/b"}, {"points", {{"c/m/b:q/1", 1}}}}}}};
  bool changed = false;
  const json newly = RecordCourse(state, "c", CourseProgress(*state, course), On(date), &changed);
  REQUIRE(newly["passed"] == true);
}

TEST_CASE("a passed course is due again a period after the learner's day of the pass", "[certificate]") {
  json state = NewState("learner-1", On("2026-01-31"));
  CHECK(CertificateFacts(state, kCourse, On("2026-01-31"))["status"] == "not_passed");
  Pass(&state, "2026-01-31");
  CHECK(state["courses"]["c"]["passed_on"] == "2026-01-31");
  json facts = CertificateFacts(state, kCourse, On("2026-06-01"));
  CHECK(facts["status"] == "passed");
  CHECK(facts["passed_on"] == "2026-01-31");
  CHECK(facts["due_on"] == "2027-01-31");
  CHECK(facts["percent"] == 100);
  CHECK(facts["passes"] == 1);
  CHECK(facts["renewing"] == false);
  const std::string number = facts["number"];
  CHECK(number.size() == 9);
  CHECK(number[4] == '-');
  // The day before it is due, it is not; on the day it is.
  CHECK(CertificateFacts(state, kCourse, On("2027-01-30"))["status"] == "passed");
  CHECK(CertificateFacts(state, kCourse, On("2027-01-31"))["status"] == "due");
  // Without recertify_after a pass never falls due.
  facts = CertificateFacts(state, {{"id", "c"}}, On("2040-01-01"));
  CHECK(facts["status"] == "passed");
  CHECK(facts["due_on"].is_null());
  // Another learner's certificate of the same pass has another number.
  json other = state;
  other["learner"] = "learner-2";
  CHECK(CertificateFacts(other, kCourse, On("2026-06-01"))["number"] != number);
}

TEST_CASE("a month after January 31 is the last day of February", "[certificate]") {
  json state = NewState("me", On("2026-01-31"));
  Pass(&state, "2026-01-31");
  CHECK(CertificateFacts(state, {{"id", "c"}, {"recertify_after", "1 month"}}, On("2026-02-01"))["due_on"] ==
        "2026-02-28");
}

TEST_CASE("a pass recorded before passed_on existed dates from its time", "[certificate]") {
  json state = NewState("me", On("2026-03-01"));
  Pass(&state, "2026-03-01");
  state["courses"]["c"].erase("passed_on");
  // Noon UTC on March 1st is March 2nd in Tokyo's evening? No: 21:00 on March 1st.
  Now tokyo = On("2026-03-05");
  tokyo.utc_offset_min = 540;
  CHECK(CertificateFacts(state, kCourse, tokyo)["passed_on"] == "2026-03-01");
  Now kiribati = On("2026-03-05");
  kiribati.utc_offset_min = 840;  // noon UTC is 2 am the next day at UTC+14
  CHECK(CertificateFacts(state, kCourse, kiribati)["passed_on"] == "2026-03-02");
}

TEST_CASE("recertifying starts a new round and keeps what the old one earned", "[certificate]") {
  json state = NewState("me", On("2026-01-10"));
  Pass(&state, "2026-01-10");
  state["reviews"] = {{"c/m/a:q/1", {{"reps", 3}}}};
  GamificationConfig config;
  config.badges.push_back(Badge{"done", "Done", "", "", {BadgeRuleKind::kCompleteCourse, "c", 0}});
  config.badges.push_back(Badge{"top", "Top", "", "", {BadgeRuleKind::kPassCourse, "c", 90}});
  const json courses = json::array({{{"id", "c"}, {"lessons", kLessons}}});
  const json before = GamificationView(state, config, courses, On("2027-01-10"));
  REQUIRE(before["badges"][0]["earned"] == true);
  REQUIRE(before["badges"][1]["earned"] == true);

  CHECK_FALSE(Recertify(&state, "other", kLessons, On("2027-01-10")));
  REQUIRE(Recertify(&state, "c", kLessons, On("2027-01-10")));
  // The pass is history; the lessons and answers are gone; reviews stay.
  const json& record = state["courses"]["c"];
  CHECK_FALSE(record.contains("passed_at"));
  REQUIRE(record["history"].size() == 1);
  CHECK(record["history"][0]["passed_on"] == "2026-01-10");
  CHECK(record["history"][0]["lessons"].size() == 2);
  CHECK(record["history"][0]["xp"]["questions"] == 2);
  CHECK(LessonStatus(state, "c/m/a") == "not_started");
  CHECK_FALSE(state["questions"].contains("c/m/a:q/1"));
  CHECK(state["reviews"].contains("c/m/a:q/1"));
  // Nothing is due while the new round runs... the old pass is, still.
  json facts = CertificateFacts(state, kCourse, On("2027-01-11"));
  CHECK(facts["status"] == "due");
  CHECK(facts["renewing"] == true);
  CHECK(facts["passed_on"] == "2026-01-10");
  // XP and badges stay.
  const json during = GamificationView(state, config, courses, On("2027-01-11"));
  CHECK(during["xp"]["total"] == before["xp"]["total"]);
  CHECK(during["badges"][0]["earned"] == true);
  CHECK(during["badges"][1]["earned"] == true);
  CHECK(during["badges"][1]["earned_at"] == before["badges"][1]["earned_at"]);
  // Passing again: a new pass, due a year later; the course's pass XP counts twice.
  Pass(&state, "2027-01-12");
  facts = CertificateFacts(state, kCourse, On("2027-01-12"));
  CHECK(facts["status"] == "passed");
  CHECK(facts["due_on"] == "2028-01-12");
  CHECK(facts["passes"] == 2);
  const json after = GamificationView(state, config, courses, On("2027-01-12"));
  CHECK(after["xp"]["courses"]["count"] == 2);
  CHECK(after["xp"]["lessons"]["count"] == 4);
  CHECK(after["badges"][0]["earned_at"] == before["badges"][0]["earned_at"]);
}

TEST_CASE("a merge with a copy from before a new round does not bring the old round back", "[certificate]") {
  json old_copy = NewState("me", On("2026-01-10"));
  Pass(&old_copy, "2026-01-10");
  json state = old_copy;
  REQUIRE(Recertify(&state, "c", kLessons, On("2027-01-10")));
  // Importing the old copy into the new one, and the new into the old, give the same.
  for (int direction = 0; direction < 2; ++direction) {
    json merged = direction == 0 ? state : old_copy;
    MergeStates(&merged, direction == 0 ? old_copy : state);
    INFO("direction " << direction);
    CHECK(LessonStatus(merged, "c/m/a") == "not_started");
    CHECK_FALSE(merged["questions"].contains("c/m/a:q/1"));
    CHECK_FALSE(merged["courses"]["c"].contains("passed_at"));
    CHECK(merged["courses"]["c"]["history"].size() == 1);
    CHECK(CertificateFacts(merged, kCourse, On("2027-01-11"))["renewing"] == true);
  }
  // A pass of the new round, merged with the old copy, stays.
  Pass(&state, "2027-01-12");
  json merged = old_copy;
  MergeStates(&merged, state);
  CHECK(merged["courses"]["c"]["passed_on"] == "2027-01-12");
  CHECK(merged["courses"]["c"]["history"].size() == 1);
  CHECK(LessonStatus(merged, "c/m/a") == "completed");
}

TEST_CASE("a damaged past round is dropped by a merge, and forgets nothing", "[certificate]") {
  json state = NewState("me", On("2026-01-10"));
  Pass(&state, "2026-01-10");
  json other = NewState("me", On("2026-01-10"));
  other["courses"]["c"]["history"] = json::array({{{"lessons", {{"c/m/a", 1}}}}, 7, "x"});
  MergeStates(&state, other);
  CHECK(LessonStatus(state, "c/m/a") == "completed");
  CHECK(state["courses"]["c"]["history"] == json::array());
  CHECK(CertificateFacts(state, kCourse, On("2026-02-01"))["status"] == "passed");
}

TEST_CASE("the learner's name is trimmed, cut at 200 characters, and the later one wins a merge", "[certificate]") {
  json state = NewState("me", On("2026-01-10"));
  CHECK(LearnerName(state).empty());
  SetLearnerName(&state, "  Ada Lovelace \n", On("2026-01-10"));
  CHECK(LearnerName(state) == "Ada Lovelace");
  std::string long_name;
  for (int i = 0; i < 250; ++i) long_name += "\xC3\xA9";  // é, two bytes each
  SetLearnerName(&state, long_name, On("2026-01-11"));
  CHECK(LearnerName(state).size() == 400);
  json other = NewState("me", On("2026-01-10"));
  SetLearnerName(&other, "Grace Hopper", On("2026-01-12"));
  MergeStates(&state, other);
  CHECK(LearnerName(state) == "Grace Hopper");
  json older = NewState("me", On("2026-01-10"));
  SetLearnerName(&older, "Someone Else", On("2026-01-09"));
  MergeStates(&state, older);
  CHECK(LearnerName(state) == "Grace Hopper");
}

TEST_CASE("the certificate api answers for hostile and good input", "[certificate][api]") {
  json state = NewState("me", On("2026-01-10"));
  Pass(&state, "2026-01-10");
  const json now = {{"epoch_ms", On("2027-02-01").epoch_ms}, {"local_date", "2027-02-01"}, {"utc_offset_min", 0}};
  json out =
      json::parse(ApiCertificate(json{{"do", "facts"}, {"state", state}, {"courses", {kCourse}}, {"now", now}}.dump()));
  REQUIRE(out["ok"] == true);
  CHECK(out["due"] == json::array({"c"}));
  CHECK(out["courses"]["c"]["status"] == "due");
  out = json::parse(
      ApiCertificate(json{{"do", "facts"}, {"state", state}, {"courses", {{{"id", 3}}}}, {"now", now}}.dump()));
  CHECK(out["error"]["code"] == "bad-input");
  out = json::parse(ApiCertificate(
      json{{"do", "recertify"}, {"state", state}, {"course", "x"}, {"lessons", kLessons}, {"now", now}}.dump()));
  CHECK(out["error"]["code"] == "not-passed");
  out = json::parse(ApiCertificate(
      json{{"do", "recertify"}, {"state", state}, {"course", "c"}, {"lessons", {1}}, {"now", now}}.dump()));
  CHECK(out["error"]["code"] == "bad-input");
  out = json::parse(ApiCertificate(
      json{{"do", "recertify"}, {"state", state}, {"course", "c"}, {"lessons", kLessons}, {"now", now}}.dump()));
  REQUIRE(out["ok"] == true);
  CHECK(out["state"]["courses"]["c"]["history"].size() == 1);
  out = json::parse(ApiCertificate(json{{"do", "name"}, {"state", state}, {"name", " Ada "}, {"now", now}}.dump()));
  REQUIRE(out["ok"] == true);
  CHECK(out["name"] == "Ada");
  CHECK(out["state"]["profile"]["name"] == "Ada");
  out = json::parse(ApiCertificate(json{{"do", "name"}, {"state", state}, {"name", 7}, {"now", now}}.dump()));
  CHECK(out["error"]["code"] == "bad-input");
  out = json::parse(ApiCertificate(json{{"do", "print"}, {"state", state}, {"now", now}}.dump()));
  CHECK(out["error"]["code"] == "bad-input");
}

}  // namespace
}  // namespace morsel::core
