#include "runtime/core/gamification.h"

#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "runtime/core/calendar.h"
#include "runtime/core/progress.h"
#include "runtime/core/state.h"
#include "tests/unit/core/grades.h"

namespace morsel::core {
namespace {

using nlohmann::json;
using testing::Right;
using testing::Wrong;

constexpr int64_t kDayMs = 86400000;
constexpr int kNewYorkWinter = -300;  // EST
constexpr int kNewYorkSummer = -240;  // EDT
constexpr int kLosAngeles = -480;
constexpr int kLondon = 0;
constexpr int kBerlin = 60;
constexpr int kTokyo = 540;
constexpr int kHonolulu = -600;

// The caller's Now at a local date and time `offset_min` minutes east of UTC, as the glue
// gives it.
Now LocalNow(int64_t y, int64_t m, int64_t d, int64_t hour, int64_t minute, int offset_min) {
  const int64_t day = DaysFromCivil(y, m, d);
  return Now{day * kDayMs + (hour * 60 + minute) * 60000 - int64_t{offset_min} * 60000, DateText(day), offset_min};
}

// Noon UTC on a date: for tests where only the date matters.
Now On(const char* date) {
  int64_t day = 0;
  REQUIRE(ParseDate(date, &day));
  return Now{day * kDayMs + kDayMs / 2, date, 0};
}

Now At(int64_t ms) { return Now{ms, "2026-11-28", 60}; }

// A state active on these dates (one answer each).
json ActiveOn(std::initializer_list<const char*> dates) {
  json state = NewState("me", At(0));
  for (const char* date : dates) state["activity"][date] = {{"answers", 1}};
  return state;
}

// Some learning at `now`: a minute of time on a lesson, logged on now's local date.
void Learn(json* state, const Now& now) { RecordTime(state, "c/m/read", 60000, "", now); }

std::vector<std::string> Dates(const std::vector<int64_t>& days) {
  std::vector<std::string> out;
  for (int64_t day : days) out.push_back(DateText(day));
  return out;
}

// Diagnostics one a line, "pointer code: message (hint)", to compare word for word.
std::string Lines(const Diagnostics& diagnostics) {
  std::string out;
  for (const Diagnostic& d : diagnostics) {
    out += (d.pointer.empty() ? "/" : d.pointer) + " " + d.code + ": " + d.message;
    if (!d.hint.empty()) out += " (" + d.hint + ")";
    out += "\n";
  }
  return out;
}

const LessonRef kQuizLesson{"c/m/quiz", {"c/m/quiz:b/q1", "c/m/quiz:b/q2"}};

// ---------------------------------------------------------------------------------------
// XP

TEST_CASE("XP counts each completed lesson, first-time-right question and passed course", "[gamification]") {
  json state = NewState("me", At(1));
  RecordVisit(&state, LessonRef{"c/m/read", {}}, At(10));
  RecordVisit(&state, kQuizLesson, At(20));
  RecordAttempt(&state, kQuizLesson, "c/m/quiz:b/q1", {{"choice", 1}}, Right(), At(30));
  RecordAttempt(&state, kQuizLesson, "c/m/quiz:b/q2", {{"choice", 0}}, Wrong(), At(40));
  XpBreakdown xp = XpOf(state, XpConfig{});
  CHECK(xp.lessons == 1);
  CHECK(xp.questions == 1);
  CHECK(xp.courses == 0);
  CHECK(xp.reviews == 0);
  CHECK(xp.total == 10 + 5);

  // q2 right at its second attempt completes the lesson, but earns nothing as a question.
  CHECK(RecordAttempt(&state, kQuizLesson, "c/m/quiz:b/q2", {{"choice", 2}}, Right(), At(50)) == "completed");
  bool changed = false;
  RecordCourse(&state, "c", {{"passed", true}, {"percent", 80}}, At(60), &changed);
  xp = XpOf(state, XpConfig{});
  CHECK(xp.lessons == 2);
  CHECK(xp.questions == 1);
  CHECK(xp.courses == 1);
  CHECK(xp.total == 2 * 10 + 5 + 50);
  CHECK(XpTotal(state, XpConfig{}) == xp.total);
  CHECK(XpTotal(state, XpConfig{1, 2, 3, 4}) == 2 * 1 + 2 + 4);
}

TEST_CASE("answering again earns no more XP", "[gamification]") {
  json state = NewState("me", At(1));
  RecordAttempt(&state, kQuizLesson, "c/m/quiz:b/q1", {{"choice", 1}}, Right(), At(10));
  const int64_t once = XpTotal(state, XpConfig{});
  for (int64_t at = 20; at < 100; at += 10) {
    RecordAttempt(&state, kQuizLesson, "c/m/quiz:b/q1", {{"choice", 1}}, Right(), At(at));
  }
  CHECK(XpTotal(state, XpConfig{}) == once);
  // An ungraded answer (a reflection) is never "right".
  Grade reflection;
  reflection.graded = false;
  reflection.correct = true;
  RecordAttempt(&state, kQuizLesson, "c/m/quiz:b/q2", {{"text", "…"}}, reflection, At(100));
  CHECK(XpOf(state, XpConfig{}).questions == 1);
  // The earliest attempt decides, even when a hand-edited list is out of order.
  state["questions"]["c/m/quiz:b/q3"]["attempts"] = {{{"correct", true}, {"at", 300}},
                                                     {{"correct", false}, {"at", 200}}};
  CHECK(XpOf(state, XpConfig{}).questions == 1);
}

TEST_CASE("visiting again earns no more XP", "[gamification]") {
  json state = NewState("me", At(1));
  for (int64_t at = 10; at < 60; at += 10) {
    RecordVisit(&state, LessonRef{"c/m/read", {}}, At(at));
    Learn(&state, At(at));
  }
  CHECK(XpOf(state, XpConfig{}).lessons == 1);
  CHECK(XpTotal(state, XpConfig{}) == 10);
}

TEST_CASE("merging a state twice, or another tab's, earns no more XP than was done", "[gamification]") {
  json tab = NewState("me", At(1));
  RecordVisit(&tab, LessonRef{"c/m/read", {}}, At(10));
  RecordAttempt(&tab, kQuizLesson, "c/m/quiz:b/q1", {{"choice", 1}}, Right(), At(20));
  bool changed = false;
  RecordCourse(&tab, "c", {{"passed", true}, {"percent", 90}}, At(30), &changed);
  const int64_t alone = XpTotal(tab, XpConfig{});
  CHECK(alone == 10 + 5 + 50);

  const json copy = tab;
  MergeStates(&tab, copy);
  MergeStates(&tab, copy);
  CHECK(XpTotal(tab, XpConfig{}) == alone);

  // Another tab did the same lesson and course and answered q1 wrong first, earlier: q1
  // was not right at its first attempt after all. Its own new lesson counts.
  json other = NewState("me", At(1));
  RecordVisit(&other, LessonRef{"c/m/read", {}}, At(11));
  RecordVisit(&other, LessonRef{"c/m/more", {}}, At(12));
  RecordAttempt(&other, kQuizLesson, "c/m/quiz:b/q1", {{"choice", 0}}, Wrong(), At(15));
  RecordCourse(&other, "c", {{"passed", true}, {"percent", 90}}, At(31), &changed);
  MergeStates(&tab, other);
  MergeStates(&tab, other);
  const XpBreakdown xp = XpOf(tab, XpConfig{});
  CHECK(xp.lessons == 2);
  CHECK(xp.questions == 0);
  CHECK(xp.courses == 1);
}

TEST_CASE("compaction never raises XP", "[gamification]") {
  json state = NewState("me", At(1));
  // Wrong, wrong, right: compaction keeps the right one (the best) and the last.
  const std::vector<std::pair<int, Grade>> q1 = {{10, Wrong()}, {20, Wrong()}, {30, Right()}, {40, Wrong()}};
  for (const auto& [at, grade] : q1)
    RecordAttempt(&state, kQuizLesson, "c/m/quiz:b/q1", {{"choice", at}}, grade, At(at));
  // Right first, then twice more: its first attempt stays, but so may a later right one.
  const std::vector<std::pair<int, Grade>> q2 = {{50, Right()}, {60, Wrong()}, {70, Right()}, {80, Wrong()}};
  for (const auto& [at, grade] : q2)
    RecordAttempt(&state, kQuizLesson, "c/m/quiz:b/q2", {{"choice", at}}, grade, At(at));
  CHECK(XpOf(state, XpConfig{}).questions == 1);
  CompactState(&state, 1);
  REQUIRE(state["questions"]["c/m/quiz:b/q1"]["dropped"] == 2);
  REQUIRE(state["questions"]["c/m/quiz:b/q1"]["attempts"][0]["correct"] == true);
  // The kept attempts of q1 now start with a right one; had that counted, compaction would
  // have paid for a wrong first answer. A compacted question does not count, so q2's XP
  // goes (docs/runtime.md, Gamification).
  CHECK(XpOf(state, XpConfig{}).questions == 0);
}

TEST_CASE("reviews are counted from the state's reviews member", "[gamification]") {
  json state = NewState("me", At(1));
  CHECK(ReviewsDone(state) == 0);
  state["reviews"] = {{"a", {{"reps", 3}}},
                      {"b", {{"reps", 1}, {"log", {{{"at", 100}}, {{"at", 200}}}}}},
                      {"c", {{"reps", -5}}},
                      {"d", "damaged"},
                      {"e", {{"reps", 2.5}}}};
  CHECK(ReviewsDone(state) == 3 + 2);
  CHECK(XpOf(state, XpConfig{}).reviews == 5);
  CHECK(XpTotal(state, XpConfig{}) == 5 * 2);
  // A damaged count cannot make the total overflow.
  state["reviews"]["e"]["reps"] = int64_t{1} << 62;
  CHECK(ReviewsDone(state) == 3 + 2 + 1000000);
  state["reviews"] = "damaged";
  CHECK(ReviewsDone(state) == 0);
}

TEST_CASE("a damaged state gives no XP rather than failing", "[gamification]") {
  json state = NewState("me", At(1));
  state["lessons"] = {{"a", "x"}, {"b", {{"status", 3}}}, {"c", {{"completed_at", 5}}}};
  state["questions"] = {{"q", {{"attempts", "none"}}}, {"r", 7}, {"s", {{"attempts", {1, {{"correct", true}}}}}}};
  state["courses"] = {{"c", {{"passed_at", "yesterday"}}}};
  const XpBreakdown xp = XpOf(state, XpConfig{});
  CHECK(xp.lessons == 1);
  CHECK(xp.questions == 1);
  CHECK(xp.courses == 0);
  CHECK(XpTotal(json::object(), XpConfig{}) == 0);
}

// ---------------------------------------------------------------------------------------
// Levels

TEST_CASE("levels start at their threshold", "[gamification]") {
  const std::vector<int64_t> levels = {0, 100, 250, 500};
  Level level = LevelOf(0, levels);
  CHECK(level.number == 1);
  CHECK(level.floor == 0);
  CHECK(level.next == 100);
  CHECK(level.into == 0);
  CHECK(level.to_next == 100);

  level = LevelOf(99, levels);
  CHECK(level.number == 1);
  CHECK(level.to_next == 1);

  level = LevelOf(100, levels);
  CHECK(level.number == 2);
  CHECK(level.floor == 100);
  CHECK(level.into == 0);
  CHECK(level.to_next == 150);

  level = LevelOf(499, levels);
  CHECK(level.number == 3);
  CHECK(level.into == 249);
  CHECK(level.to_next == 1);

  // The top level has no next.
  level = LevelOf(500, levels);
  CHECK(level.number == 4);
  CHECK_FALSE(level.next.has_value());
  CHECK_FALSE(level.to_next.has_value());
  CHECK(LevelOf(123456, levels).into == 123456 - 500);

  CHECK(LevelOf(100, {0}).number == 1);
  CHECK(LevelOf(100, GamificationConfig{}.levels).number == 2);
}

// ---------------------------------------------------------------------------------------
// Settings

TEST_CASE("settings default when absent and read as given", "[gamification]") {
  Diagnostics d;
  GamificationConfig config = ReadGamification(nullptr, &d);
  CHECK(d.empty());
  CHECK(config.xp.lesson_completed == 10);
  CHECK(config.xp.question_right_first_time == 5);
  CHECK(config.xp.review_done == 2);
  CHECK(config.xp.course_passed == 50);
  CHECK(config.levels == std::vector<int64_t>{0, 100, 250, 500, 1000, 2000, 4000, 8000});
  CHECK(config.streak.freezes == 0);
  CHECK(config.streak.per_days == 7);
  CHECK(config.badges.empty());
  CHECK(config.rewards.empty());

  config = ReadGamification(json::parse(R"({
    "xp": {"lesson_completed": 20, "question_right_first_time": 0, "review_done": 1, "course_passed": 100.0},
    "levels": [0, 50, 150],
    "streak": {"freezes": 2, "per_days": 14},
    "badges": [
      {"id": "intro", "name": "Introduced", "description": "Finished the intro", "image": "badges/intro.svg",
       "rule": {"complete_course": "intro"}},
      {"id": "basics", "name": "Basics", "rule": {"complete_module": "intro/basics"}},
      {"id": "ace", "name": "Ace", "rule": {"pass_course": {"course": "intro", "min_percent": 90}}},
      {"id": "passed", "name": "Passed", "rule": {"pass_course": "intro"}},
      {"id": "week", "name": "A week", "rule": {"streak_days": 7}},
      {"id": "reviewer", "name": "Reviewer", "rule": {"reviews_done": 50}},
      {"id": "all", "name": "Everything", "rule": "all_courses_done"},
      {"id": "all-too", "name": "Everything", "rule": {"all_courses_done": null}}],
    "rewards": [
      {"id": "mug", "when": {"level": 3}, "message": "Claim a mug"},
      {"id": "lunch", "when": {"badge": "all"}, "message": "Lunch is on us"}]})"),
                            &d);
  INFO(Lines(d));
  CHECK(d.empty());
  CHECK(config.xp.lesson_completed == 20);
  CHECK(config.xp.question_right_first_time == 0);
  CHECK(config.xp.review_done == 1);
  CHECK(config.xp.course_passed == 100);
  CHECK(config.levels == std::vector<int64_t>{0, 50, 150});
  CHECK(config.streak.freezes == 2);
  CHECK(config.streak.per_days == 14);
  REQUIRE(config.badges.size() == 8);
  CHECK(config.badges[0].description == "Finished the intro");
  CHECK(config.badges[0].image == "badges/intro.svg");
  CHECK(config.badges[0].rule.kind == BadgeRuleKind::kCompleteCourse);
  CHECK(config.badges[0].rule.target == "intro");
  CHECK(config.badges[1].rule.kind == BadgeRuleKind::kCompleteModule);
  CHECK(config.badges[1].rule.target == "intro/basics");
  CHECK(config.badges[2].rule.kind == BadgeRuleKind::kPassCourse);
  CHECK(config.badges[2].rule.number == 90);
  CHECK(config.badges[3].rule.target == "intro");
  CHECK(config.badges[3].rule.number == 0);
  CHECK(config.badges[4].rule.kind == BadgeRuleKind::kStreakDays);
  CHECK(config.badges[4].rule.number == 7);
  CHECK(config.badges[5].rule.kind == BadgeRuleKind::kReviewsDone);
  CHECK(config.badges[5].rule.number == 50);
  CHECK(config.badges[6].rule.kind == BadgeRuleKind::kAllCoursesDone);
  CHECK(config.badges[7].rule.kind == BadgeRuleKind::kAllCoursesDone);
  REQUIRE(config.rewards.size() == 2);
  CHECK(config.rewards[0].level == 3);
  CHECK(config.rewards[0].message == "Claim a mug");
  CHECK(config.rewards[1].level == 0);
  CHECK(config.rewards[1].badge == "all");
  // Without diagnostics the same settings are read.
  CHECK(ReadGamification(json{{"xp", {{"review_done", 9}}}}, nullptr).xp.review_done == 9);
}

TEST_CASE("bad XP, level and streak settings are clamped or ignored, and reported", "[gamification]") {
  Diagnostics d;
  const GamificationConfig config = ReadGamification(json::parse(R"({
    "xp": {"lesson_completed": -10, "question_right_first_time": 1e30, "review_done": "two",
           "course_passed": 2.5, "lesson_complete": 3, "bonus": 1},
    "levels": [0, 100, 100, 50, "x", 200, -1],
    "streak": {"freezes": 9, "per_days": 3},
    "leaderboard": true})"),
                                                     &d);
  CHECK(config.xp.lesson_completed == 0);
  CHECK(config.xp.question_right_first_time == kMaxXpPerAction);
  CHECK(config.xp.review_done == 2);
  CHECK(config.xp.course_passed == 50);
  CHECK(config.levels == std::vector<int64_t>{0, 100, 200});
  CHECK(config.streak.freezes == 2);
  CHECK(config.streak.per_days == 3);
  CHECK(Lines(d) ==
        "/leaderboard unknown-key: unknown key 'leaderboard' in 'gamification' (allowed keys: xp, levels, streak, "
        "badges, rewards)\n"
        "/xp/bonus unknown-key: unknown key 'bonus' in 'xp' (allowed keys: lesson_completed, "
        "question_right_first_time, review_done, course_passed)\n"
        "/xp/lesson_complete unknown-key: unknown key 'lesson_complete' in 'xp' (did you mean 'lesson_completed'?)\n"
        "/xp/lesson_completed out-of-range: 'lesson_completed' must be from 0 to 100000 (found -10): 0 is used\n"
        "/xp/question_right_first_time out-of-range: 'question_right_first_time' must be from 0 to 100000 (found "
        "1e+30): 100000 is used\n"
        "/xp/review_done wrong-type: 'review_done' must be a whole number, not a string\n"
        "/xp/course_passed wrong-type: 'course_passed' must be a whole number, not 2.5\n"
        "/levels/2 invalid-value: levels must rise: 100 XP is not above the level before (100 XP) (list the XP at "
        "which each level starts, from 0 up)\n"
        "/levels/3 invalid-value: levels must rise: 50 XP is not above the level before (100 XP) (list the XP at "
        "which each level starts, from 0 up)\n"
        "/levels/4 wrong-type: level 5 must be a whole number, not a string\n"
        "/levels/6 out-of-range: level 7 must be from 0 to 1000000000 (found -1): 0 is used\n"
        "/levels/6 invalid-value: levels must rise: 0 XP is not above the level before (200 XP) (list the XP at "
        "which each level starts, from 0 up)\n"
        "/streak/freezes out-of-range: 'freezes' must be fewer than 'per_days', or a streak could last without any "
        "activity (found freezes: 9, per_days: 3): 2 is used\n");
}

TEST_CASE("more streak and level problems", "[gamification]") {
  Diagnostics d;
  GamificationConfig config =
      ReadGamification(json::parse(R"({"levels": [50, 100], "streak": {"freezes": 7, "per_days": 7}})"), &d);
  CHECK(config.levels == std::vector<int64_t>{0, 50, 100});
  CHECK(config.streak.freezes == 6);
  CHECK(Lines(d) ==
        "/levels/0 invalid-value: the first level must start at 0 XP (begin the list with 0)\n"
        "/streak/freezes out-of-range: 'freezes' must be fewer than 'per_days', or a streak could last without any "
        "activity (found freezes: 7, per_days: 7): 6 is used\n");

  d.clear();
  config = ReadGamification(json::parse(R"({"levels": [], "streak": [1, 7], "xp": 10})"), &d);
  CHECK(config.levels == GamificationConfig{}.levels);
  CHECK(config.streak.freezes == 0);
  CHECK(config.xp.lesson_completed == 10);
  CHECK(Lines(d) ==
        "/xp wrong-type: 'xp' must be a mapping of keys to values, not a number\n"
        "/levels invalid-value: 'levels' lists no thresholds (the first level starts at 0 XP: [0, 100, …])\n"
        "/streak wrong-type: 'streak' must be a mapping of keys to values, not a list\n");

  d.clear();
  ReadGamification(json::parse(R"({"streak": {"freezes": 11, "per_days": 0}})"), &d);
  CHECK(Lines(d) ==
        "/streak/freezes out-of-range: 'freezes' must be from 0 to 10 (found 11): 10 is used\n"
        "/streak/per_days out-of-range: 'per_days' must be from 1 to 365 (found 0): 1 is used\n"
        "/streak/freezes out-of-range: 'freezes' must be fewer than 'per_days', or a streak could last without any "
        "activity (found freezes: 10, per_days: 1): 0 is used\n");

  d.clear();
  json many = json::array();
  for (int64_t xp = 0; xp < 1002; ++xp) many.push_back(xp * 10);
  config = ReadGamification(json{{"levels", many}}, &d);
  CHECK(config.levels.size() == kMaxLevels);
  CHECK(config.levels.back() == 9990);
  CHECK(Lines(d) == "/levels/1000 out-of-range: 'levels' lists more than 1000 levels: the rest are ignored\n");

  d.clear();
  ReadGamification(true, &d);
  CHECK(Lines(d) == "/ wrong-type: 'gamification' must be a mapping of keys to values, not a boolean\n");
}

TEST_CASE("badge declarations with errors are reported and left out", "[gamification]") {
  Diagnostics d;
  const GamificationConfig config = ReadGamification(json::parse(R"({"badges": [
    {"id": "a", "name": "A", "rule": {"complete_cours": "intro"}},
    {"id": "b", "name": "B", "rule": "all_course_done"},
    {"id": "c", "name": "C", "rule": "streak_days"},
    {"id": "d", "name": "D", "rule": {"streak_days": 7, "reviews_done": 3}},
    {"id": "e", "name": "E", "rule": {"streak_days": 0}},
    {"id": "f", "name": "F", "rule": {"pass_course": {"min_percent": 150}}},
    {"id": "g", "name": "G", "rule": {"complete_module": ""}},
    {"id": "h", "name": "H", "descripton": "x", "rule": {"reviews_done": 10}},
    {"id": "Bad Id", "name": "I", "rule": {"reviews_done": 10}},
    {"id": "ok", "name": "OK", "rule": {"reviews_done": 10}},
    {"id": "ok", "name": "Again", "rule": {"reviews_done": 20}},
    {"name": "No id"},
    {"id": "k", "name": 3, "rule": {"all_courses_done": false}},
    {"id": "l", "name": "L", "rule": [1]},
    "badge"]})"),
                                                     &d);
  REQUIRE(config.badges.size() == 1);
  CHECK(config.badges[0].id == "ok");
  CHECK(Lines(d) ==
        "/badges/0/rule/complete_cours unknown-key: unknown badge rule 'complete_cours' (did you mean "
        "'complete_course'?)\n"
        "/badges/1/rule invalid-value: unknown badge rule 'all_course_done' (did you mean 'all_courses_done'?)\n"
        "/badges/2/rule invalid-value: the badge rule 'streak_days' needs a value (streak_days: …)\n"
        "/badges/3/rule invalid-value: a badge rule names one rule, not 2 (rules: complete_course, complete_module, "
        "pass_course, streak_days, reviews_done, all_courses_done)\n"
        "/badges/4/rule/streak_days out-of-range: 'streak_days' must be from 1 to 3650 (found 0)\n"
        "/badges/5/rule/pass_course missing-key: 'pass_course' is missing the required key 'course'\n"
        "/badges/5/rule/pass_course/min_percent out-of-range: 'min_percent' must be from 0 to 100 (found 150)\n"
        "/badges/6/rule/complete_module invalid-value: 'complete_module' needs a module id\n"
        "/badges/7/descripton unknown-key: unknown key 'descripton' in a badge (did you mean 'description'?)\n"
        "/badges/8/id invalid-id: id 'Bad Id' may only contain a-z, 0-9, '-' and '_' (badges are told apart by "
        "their ids: choose a short stable slug)\n"
        "/badges/10/id duplicate-id: badge id 'ok' is used twice (each badge needs its own id)\n"
        "/badges/11 missing-key: a badge is missing the required key 'id'\n"
        "/badges/11 missing-key: a badge is missing the required key 'rule'\n"
        "/badges/12/name wrong-type: 'name' must be a string, not a number\n"
        "/badges/12/rule/all_courses_done invalid-value: 'all_courses_done' takes no value (write: rule: "
        "all_courses_done)\n"
        "/badges/13/rule wrong-type: a badge rule must be a mapping of one rule to its value, not a list (rules: "
        "complete_course, complete_module, pass_course, streak_days, reviews_done, all_courses_done)\n"
        "/badges/14 wrong-type: a badge must be a mapping of keys to values, not a string\n");
}

TEST_CASE("reward declarations with errors are reported and left out", "[gamification]") {
  Diagnostics d;
  const GamificationConfig config = ReadGamification(json::parse(R"({
    "levels": [0, 100, 200],
    "badges": [{"id": "champion", "name": "Champion", "rule": {"reviews_done": 10}}],
    "rewards": [
      {"id": "a", "when": {"badge": "champoin"}, "message": "m"},
      {"id": "b", "when": {"level": 4}, "message": "m"},
      {"id": "c", "when": {"level": 2, "badge": "champion"}, "message": "m"},
      {"id": "d", "when": {}, "message": "m"},
      {"id": "e", "when": {"level": 2}, "message": ""},
      {"id": "f", "when": {"level": 2}},
      {"id": "g", "when": {"levl": 2}, "message": "m"},
      {"id": "ok", "when": {"badge": "champion"}, "message": "m", "url": "x"},
      {"id": "top", "when": {"level": 3}, "message": "Top level"}]})"),
                                                     &d);
  REQUIRE(config.rewards.size() == 1);
  CHECK(config.rewards[0].id == "top");
  CHECK(config.rewards[0].level == 3);
  CHECK(Lines(d) ==
        "/rewards/0/when/badge invalid-value: no badge has the id 'champoin' (did you mean 'champion'?)\n"
        "/rewards/1/when/level out-of-range: 'level' must be from 1 to 3 (found 4)\n"
        "/rewards/2/when invalid-value: 'when' names a level or a badge (when: {level: 5} or when: {badge: <id>})\n"
        "/rewards/3/when invalid-value: 'when' names a level or a badge (when: {level: 5} or when: {badge: <id>})\n"
        "/rewards/4/message invalid-value: a reward's message is empty\n"
        "/rewards/5 missing-key: a reward is missing the required key 'message'\n"
        "/rewards/6/when/levl unknown-key: unknown key 'levl' in 'when' (did you mean 'level'?)\n"
        "/rewards/6/when invalid-value: 'when' names a level or a badge (when: {level: 5} or when: {badge: <id>})\n"
        "/rewards/7/url unknown-key: unknown key 'url' in a reward (allowed keys: id, when, message)\n");
}

// ---------------------------------------------------------------------------------------
// The streak

TEST_CASE("the streak runs over consecutive local days up to today or yesterday", "[gamification]") {
  const StreakConfig none;
  Streak streak = StreakOf(NewState("me", At(0)), none, On("2026-01-15"));
  CHECK(streak.current == 0);
  CHECK(streak.longest == 0);
  CHECK_FALSE(streak.today);

  const json five = ActiveOn({"2026-01-10", "2026-01-11", "2026-01-12", "2026-01-13", "2026-01-14"});
  streak = StreakOf(five, none, On("2026-01-14"));
  CHECK(streak.current == 5);
  CHECK(streak.today);
  // The next day, before any activity: still alive, today does not count yet.
  streak = StreakOf(five, none, On("2026-01-15"));
  CHECK(streak.current == 5);
  CHECK_FALSE(streak.today);
  // A whole day missed ends it; the longest stays.
  streak = StreakOf(five, none, On("2026-01-16"));
  CHECK(streak.current == 0);
  CHECK(streak.longest == 5);
  CHECK(Dates(streak.reached) ==
        std::vector<std::string>{"2026-01-10", "2026-01-11", "2026-01-12", "2026-01-13", "2026-01-14"});

  json state = ActiveOn({"2026-01-01", "2026-01-02", "2026-01-03", "2026-01-05", "2026-01-06"});
  streak = StreakOf(state, none, On("2026-01-06"));
  CHECK(streak.current == 2);
  CHECK(streak.longest == 3);
  // Across a month's and a year's end.
  streak = StreakOf(ActiveOn({"2025-12-30", "2025-12-31", "2026-01-01"}), none, On("2026-01-01"));
  CHECK(streak.current == 3);
}

TEST_CASE("what counts as an active day", "[gamification]") {
  json state = ActiveOn({"2026-01-14"});
  state["activity"]["2026-01-13"] = {{"ms", 0}, {"answers", 0}};  // nothing done
  state["activity"]["2026-01-12"] = {{"reviews", 2}};             // any count added later
  state["activity"]["unknown"] = {{"answers", 4}};                // no local date was given
  state["activity"]["2026-01-11"] = "damaged";
  state["activity"]["2026-01-16"] = {{"answers", 1}};  // after today: a flight west, or a wrong clock
  const Streak streak = StreakOf(state, StreakConfig{}, On("2026-01-14"));
  CHECK(streak.current == 1);
  CHECK(streak.longest == 1);
  CHECK(streak.today);
  CHECK(StreakOf(state, StreakConfig{}, On("2026-01-16")).current == 1);
  state["activity"] = "damaged";
  CHECK(StreakOf(state, StreakConfig{}, On("2026-01-14")).longest == 0);
}

TEST_CASE("a freeze covers a single missed day, once per period", "[gamification]") {
  const StreakConfig weekly{1, 7};

  SECTION("one missed day is covered, and does not count") {
    const Streak streak =
        StreakOf(ActiveOn({"2026-01-01", "2026-01-02", "2026-01-03", "2026-01-05"}), weekly, On("2026-01-05"));
    CHECK(streak.current == 4);
    CHECK(streak.longest == 4);
    CHECK(Dates(streak.frozen) == std::vector<std::string>{"2026-01-04"});
    CHECK(streak.freezes_left == 0);
    // Without freezes the same log has a streak of 1.
    CHECK(StreakOf(ActiveOn({"2026-01-01", "2026-01-02", "2026-01-03", "2026-01-05"}), StreakConfig{}, On("2026-01-05"))
              .current == 1);
  }
  SECTION("two missed days in a row are not") {
    const Streak streak =
        StreakOf(ActiveOn({"2026-01-01", "2026-01-02", "2026-01-03", "2026-01-06"}), weekly, On("2026-01-06"));
    CHECK(streak.current == 1);
    CHECK(streak.longest == 3);
    CHECK(streak.frozen.empty());
  }
  SECTION("yesterday missed: covered once the day is over, while today is still open") {
    const json state = ActiveOn({"2026-01-01", "2026-01-02", "2026-01-03"});
    Streak streak = StreakOf(state, weekly, On("2026-01-05"));
    CHECK(streak.current == 3);
    CHECK_FALSE(streak.today);
    CHECK(Dates(streak.frozen) == std::vector<std::string>{"2026-01-04"});
    CHECK(streak.freezes_left == 0);
    streak = StreakOf(state, weekly, On("2026-01-06"));
    CHECK(streak.current == 0);
    CHECK(streak.frozen.empty());
  }
  SECTION("a freeze is available again on the seventh day after the last") {
    std::vector<const char*> dates = {"2026-01-01", "2026-01-02", "2026-01-03",  // 4th missed: frozen
                                      "2026-01-05", "2026-01-06", "2026-01-07",
                                      "2026-01-08", "2026-01-09", "2026-01-10",  // 11th missed: 7 days after the 4th
                                      "2026-01-12"};
    json state = NewState("me", At(0));
    for (const char* date : dates) state["activity"][date] = {{"ms", 1000}};
    Streak streak = StreakOf(state, weekly, On("2026-01-12"));
    CHECK(streak.current == 10);
    CHECK(Dates(streak.frozen) == std::vector<std::string>{"2026-01-04", "2026-01-11"});
    // The 10th missed instead of the 11th: only 6 days after the 4th, so the streak ends.
    state["activity"].erase("2026-01-12");
    state["activity"].erase("2026-01-10");
    state["activity"]["2026-01-11"] = {{"ms", 1000}};
    streak = StreakOf(state, weekly, On("2026-01-11"));
    CHECK(streak.current == 1);
    CHECK(streak.longest == 3 + 5);
    CHECK(streak.frozen.empty());
  }
  SECTION("two freezes a week cover two missed days in a row, not three") {
    const StreakConfig two{2, 7};
    Streak streak = StreakOf(ActiveOn({"2026-01-01", "2026-01-02", "2026-01-03", "2026-01-06"}), two, On("2026-01-06"));
    CHECK(streak.current == 4);
    CHECK(Dates(streak.frozen) == std::vector<std::string>{"2026-01-04", "2026-01-05"});
    streak = StreakOf(ActiveOn({"2026-01-01", "2026-01-02", "2026-01-03", "2026-01-07"}), two, On("2026-01-07"));
    CHECK(streak.current == 1);
  }
  SECTION("a freeze is taken only while a streak runs, and then even if the streak ends after it") {
    // Nothing before the 10th: no freeze was needed.
    Streak streak = StreakOf(ActiveOn({"2026-01-10"}), weekly, On("2026-01-10"));
    CHECK(streak.freezes_left == 1);
    // The 2nd took the freeze and the 3rd ended the streak anyway; the freeze stays taken,
    // so the 7th, five days later, is not covered.
    streak = StreakOf(ActiveOn({"2026-01-01", "2026-01-04", "2026-01-05", "2026-01-06", "2026-01-08"}), weekly,
                      On("2026-01-08"));
    CHECK(streak.current == 1);
    CHECK(streak.longest == 3);
  }
  SECTION("as many freezes as days in the period would never end a streak: one fewer is used") {
    const Streak streak = StreakOf(ActiveOn({"2026-01-01"}), StreakConfig{7, 7}, On("2026-01-09"));
    CHECK(streak.current == 0);
    CHECK(StreakOf(ActiveOn({"2026-01-01"}), StreakConfig{7, 7}, On("2026-01-08")).current == 1);
  }
}

TEST_CASE("the streak across a change of daylight saving time", "[gamification]") {
  SECTION("spring forward: two evenings 23 hours apart are two days") {
    json state = NewState("me", At(0));
    const Now saturday = LocalNow(2026, 3, 7, 23, 30, kNewYorkWinter);
    const Now sunday = LocalNow(2026, 3, 8, 23, 30, kNewYorkSummer);
    REQUIRE(sunday.epoch_ms - saturday.epoch_ms == 23 * 3600000);
    Learn(&state, saturday);
    Learn(&state, sunday);
    const Streak streak = StreakOf(state, StreakConfig{}, sunday);
    CHECK(streak.current == 2);
    CHECK(streak.today);
  }
  SECTION("fall back: 24 hours within one local day of 25 hours are one day") {
    json state = NewState("me", At(0));
    const Now after_midnight = LocalNow(2026, 11, 1, 0, 30, kNewYorkSummer);
    const Now before_midnight = LocalNow(2026, 11, 1, 23, 30, kNewYorkWinter);
    REQUIRE(before_midnight.epoch_ms - after_midnight.epoch_ms == kDayMs);
    REQUIRE(UtcDay(before_midnight.epoch_ms) != UtcDay(after_midnight.epoch_ms));
    Learn(&state, after_midnight);
    Learn(&state, before_midnight);
    CHECK(StreakOf(state, StreakConfig{}, before_midnight).current == 1);
    const Now monday = LocalNow(2026, 11, 2, 8, 0, kNewYorkWinter);
    Learn(&state, monday);
    CHECK(StreakOf(state, StreakConfig{}, monday).current == 2);
  }
  SECTION("today from the clock when the caller gives no local date") {
    Now now = LocalNow(2026, 3, 8, 23, 30, kNewYorkSummer);  // 03:30 UTC on the 9th
    now.local_date.clear();
    CHECK(TodayOf(now) == DaysFromCivil(2026, 3, 8));
    now.local_date = "garbage";
    CHECK(TodayOf(now) == DaysFromCivil(2026, 3, 8));
  }
}

TEST_CASE("the streak across a change of time zone", "[gamification]") {
  SECTION("flying east: 23:30 in Los Angeles, then 08:00 in New York after a red-eye, are two days") {
    json state = NewState("me", At(0));
    const Now before = LocalNow(2026, 1, 10, 23, 30, kLosAngeles);
    const Now after = LocalNow(2026, 1, 11, 8, 0, kNewYorkWinter);
    // Both are on the 11th in UTC: a streak kept in UTC would count one day.
    REQUIRE(UtcDay(before.epoch_ms) == UtcDay(after.epoch_ms));
    Learn(&state, before);
    Learn(&state, after);
    const Streak streak = StreakOf(state, StreakConfig{}, after);
    CHECK(streak.current == 2);
    CHECK(streak.today);
    CHECK(StreakOf(state, StreakConfig{}, LocalNow(2026, 1, 12, 20, 0, kNewYorkWinter)).current == 2);
  }
  SECTION("flying west: 23:30 in New York, then 08:00 in Los Angeles, are two days") {
    json state = NewState("me", At(0));
    const Now before = LocalNow(2026, 1, 10, 23, 30, kNewYorkWinter);
    const Now after = LocalNow(2026, 1, 11, 8, 0, kLosAngeles);
    REQUIRE(UtcDay(before.epoch_ms) == UtcDay(after.epoch_ms));
    Learn(&state, before);
    Learn(&state, after);
    CHECK(StreakOf(state, StreakConfig{}, after).current == 2);
  }
  SECTION("flying west back into yesterday: a date lived twice counts once") {
    json state = NewState("me", At(0));
    Learn(&state, LocalNow(2026, 1, 9, 18, 0, kBerlin));
    Learn(&state, LocalNow(2026, 1, 10, 18, 0, kBerlin));
    Learn(&state, LocalNow(2026, 1, 11, 0, 30, kBerlin));  // after midnight, before the flight
    const Now landed = LocalNow(2026, 1, 10, 22, 0, kNewYorkWinter);
    Learn(&state, landed);
    // The 11th is tomorrow in New York: it counts when it comes.
    Streak streak = StreakOf(state, StreakConfig{}, landed);
    CHECK(streak.current == 2);
    CHECK(streak.today);
    const Now next_morning = LocalNow(2026, 1, 11, 8, 0, kNewYorkWinter);
    Learn(&state, next_morning);
    CHECK(StreakOf(state, StreakConfig{}, next_morning).current == 3);
    const Now day_after = LocalNow(2026, 1, 12, 8, 0, kNewYorkWinter);
    Learn(&state, day_after);
    CHECK(StreakOf(state, StreakConfig{}, day_after).current == 4);
    CHECK(state["activity"].size() == 4);
  }
  SECTION("over the date line westwards: Tokyo's evening and Honolulu's noon of the same date are one day") {
    json state = NewState("me", At(0));
    Learn(&state, LocalNow(2026, 1, 10, 9, 0, kTokyo));
    const Now before = LocalNow(2026, 1, 11, 23, 30, kTokyo);
    const Now after = LocalNow(2026, 1, 11, 12, 0, kHonolulu);  // 7.5 hours later
    REQUIRE(after.epoch_ms - before.epoch_ms == 450 * 60000);
    Learn(&state, before);
    Learn(&state, after);
    CHECK(StreakOf(state, StreakConfig{}, after).current == 2);
  }
  SECTION("over the date line eastwards, a date spent in the air is a missed day; a freeze covers it") {
    json state = NewState("me", At(0));
    Learn(&state, LocalNow(2026, 1, 9, 20, 0, kHonolulu));
    const Now before = LocalNow(2026, 1, 10, 23, 30, kHonolulu);
    const Now after = LocalNow(2026, 1, 12, 8, 0, kTokyo);  // 13.5 hours later
    REQUIRE(after.epoch_ms - before.epoch_ms == 810 * 60000);
    Learn(&state, before);
    Learn(&state, after);
    CHECK(StreakOf(state, StreakConfig{}, after).current == 1);
    const Streak streak = StreakOf(state, StreakConfig{1, 7}, after);
    CHECK(streak.current == 3);
    CHECK(Dates(streak.frozen) == std::vector<std::string>{"2026-01-11"});
  }
  SECTION("London to Tokyo overnight: no day lost") {
    json state = NewState("me", At(0));
    const Now before = LocalNow(2026, 1, 10, 20, 0, kLondon);
    const Now after = LocalNow(2026, 1, 11, 20, 0, kTokyo);
    Learn(&state, before);
    Learn(&state, after);
    CHECK(StreakOf(state, StreakConfig{}, after).current == 2);
  }
}

// ---------------------------------------------------------------------------------------
// Badges

Badge MakeBadge(BadgeRuleKind kind, std::string target = "", int64_t number = 0) {
  Badge badge;
  badge.id = "b";
  badge.name = "B";
  badge.rule.kind = kind;
  badge.rule.target = std::move(target);
  badge.rule.number = number;
  return badge;
}

const json kCourses = json::parse(R"([
  {"id": "intro", "lessons": [{"id": "intro/basics/one", "module": "intro/basics"},
                              {"id": "intro/basics/two", "module": "intro/basics"},
                              {"id": "intro/more/three", "module": "intro/more"}]},
  {"id": "advanced", "lessons": ["advanced/m/one"]}])");

json Completed(std::initializer_list<std::pair<const char*, int64_t>> lessons) {
  json state = NewState("me", At(0));
  for (const auto& [id, at] : lessons) state["lessons"][id] = {{"status", "completed"}, {"completed_at", at}};
  return state;
}

TEST_CASE("badge rule: complete_course", "[gamification]") {
  const std::vector<CourseOutline> courses = ReadCourseOutlines(kCourses);
  const Badge badge = MakeBadge(BadgeRuleKind::kCompleteCourse, "intro");
  json state = Completed({{"intro/basics/one", 100}, {"intro/basics/two", 300}});
  BadgeStatus status = EvaluateBadge(badge, state, courses, Streak{});
  CHECK_FALSE(status.earned);
  CHECK(status.have == 2);
  CHECK(status.need == 3);

  // Every lesson done but no course record yet: dated by the last lesson.
  state["lessons"]["intro/more/three"] = {{"status", "completed"}, {"completed_at", 200}};
  status = EvaluateBadge(badge, state, courses, Streak{});
  CHECK(status.earned);
  CHECK(status.earned_at == 300);
  CHECK(status.have == 3);

  // The course record is the first moment it held.
  state["courses"]["intro"] = {{"completed_at", 250}};
  CHECK(EvaluateBadge(badge, state, courses, Streak{}).earned_at == 250);
  // A record is enough when the site no longer lists the course's lessons.
  CHECK(EvaluateBadge(badge, state, {}, Streak{}).earned);
  CHECK_FALSE(EvaluateBadge(MakeBadge(BadgeRuleKind::kCompleteCourse, "advanced"), state, courses, Streak{}).earned);
}

TEST_CASE("badge rule: complete_module", "[gamification]") {
  const std::vector<CourseOutline> courses = ReadCourseOutlines(kCourses);
  const Badge badge = MakeBadge(BadgeRuleKind::kCompleteModule, "intro/basics");
  json state = Completed({{"intro/basics/one", 100}, {"intro/more/three", 500}});
  BadgeStatus status = EvaluateBadge(badge, state, courses, Streak{});
  CHECK_FALSE(status.earned);
  CHECK(status.have == 1);
  CHECK(status.need == 2);
  state["lessons"]["intro/basics/two"] = {{"status", "completed"}, {"completed_at", 300}};
  status = EvaluateBadge(badge, state, courses, Streak{});
  CHECK(status.earned);
  CHECK(status.earned_at == 300);
  // A lesson reopened by a changed statement keeps what it earned.
  state["lessons"]["intro/basics/two"]["status"] = "in_progress";
  state["lessons"]["intro/basics/two"]["reopened_at"] = 400;
  CHECK(EvaluateBadge(badge, state, courses, Streak{}).earned);
  // Lessons given without their module say nothing of modules.
  const Badge other = MakeBadge(BadgeRuleKind::kCompleteModule, "advanced/m");
  status = EvaluateBadge(other, Completed({{"advanced/m/one", 1}}), courses, Streak{});
  CHECK_FALSE(status.earned);
  CHECK(status.need == 0);
}

TEST_CASE("badge rule: pass_course, with and without a minimum percent", "[gamification]") {
  json state = NewState("me", At(0));
  const Badge passed = MakeBadge(BadgeRuleKind::kPassCourse, "intro");
  const Badge ace = MakeBadge(BadgeRuleKind::kPassCourse, "intro", 90);
  CHECK_FALSE(EvaluateBadge(passed, state, {}, Streak{}).earned);
  // Completed and failed: neither.
  state["courses"]["intro"] = {{"completed_at", 100}, {"failed_at", 100}, {"percent", 95}};
  CHECK_FALSE(EvaluateBadge(passed, state, {}, Streak{}).earned);
  state["courses"]["intro"] = {{"completed_at", 100}, {"passed_at", 150}, {"percent", 89.5}};
  BadgeStatus status = EvaluateBadge(passed, state, {}, Streak{});
  CHECK(status.earned);
  CHECK(status.earned_at == 150);
  CHECK_FALSE(EvaluateBadge(ace, state, {}, Streak{}).earned);
  state["courses"]["intro"]["percent"] = 90;
  status = EvaluateBadge(ace, state, {}, Streak{});
  CHECK(status.earned);
  CHECK(status.earned_at == 150);
  CHECK(BadgeRuleJson(ace.rule) == json{{"pass_course", {{"course", "intro"}, {"min_percent", 90}}}});
}

TEST_CASE("badge rule: streak_days, dated by the day the streak reached it", "[gamification]") {
  const Badge badge = MakeBadge(BadgeRuleKind::kStreakDays, "", 3);
  const json state = ActiveOn({"2026-01-01", "2026-01-02", "2026-01-04", "2026-01-05", "2026-01-06"});
  Streak streak = StreakOf(state, StreakConfig{}, On("2026-01-05"));
  BadgeStatus status = EvaluateBadge(badge, state, {}, streak);
  CHECK_FALSE(status.earned);
  CHECK(status.have == 2);
  CHECK(status.need == 3);
  streak = StreakOf(state, StreakConfig{}, On("2026-01-06"));
  status = EvaluateBadge(badge, state, {}, streak);
  CHECK(status.earned);
  CHECK(status.earned_day == DaysFromCivil(2026, 1, 6));
  CHECK_FALSE(status.earned_at.has_value());
  // The streak ended since: the badge stays.
  streak = StreakOf(state, StreakConfig{}, On("2026-02-01"));
  CHECK(streak.current == 0);
  CHECK(EvaluateBadge(badge, state, {}, streak).earned_day == DaysFromCivil(2026, 1, 6));
}

TEST_CASE("badge rule: reviews_done, dated by the N-th logged review", "[gamification]") {
  const Badge badge = MakeBadge(BadgeRuleKind::kReviewsDone, "", 3);
  json state = NewState("me", At(0));
  state["reviews"] = {{"a", {{"reps", 1}, {"log", {{{"at", 500}}}}}}, {"b", {{"reps", 1}, {"log", {{{"at", 100}}}}}}};
  BadgeStatus status = EvaluateBadge(badge, state, {}, Streak{});
  CHECK_FALSE(status.earned);
  CHECK(status.have == 2);
  state["reviews"]["b"]["log"].push_back({{"at", 300}});
  state["reviews"]["b"]["reps"] = 2;
  status = EvaluateBadge(badge, state, {}, Streak{});
  CHECK(status.earned);
  CHECK(status.earned_at == 500);
  // Counted but not logged: earned, date unknown.
  state["reviews"] = {{"a", {{"reps", 7}}}};
  status = EvaluateBadge(badge, state, {}, Streak{});
  CHECK(status.earned);
  CHECK_FALSE(status.earned_at.has_value());
  CHECK(status.have == 3);
}

TEST_CASE("badge rule: all_courses_done", "[gamification]") {
  const std::vector<CourseOutline> courses = ReadCourseOutlines(kCourses);
  const Badge badge = MakeBadge(BadgeRuleKind::kAllCoursesDone);
  json state = NewState("me", At(0));
  state["courses"]["intro"] = {{"completed_at", 100}};
  BadgeStatus status = EvaluateBadge(badge, state, courses, Streak{});
  CHECK_FALSE(status.earned);
  CHECK(status.have == 1);
  CHECK(status.need == 2);
  state["lessons"]["advanced/m/one"] = {{"status", "completed"}, {"completed_at", 400}};
  status = EvaluateBadge(badge, state, courses, Streak{});
  CHECK(status.earned);
  CHECK(status.earned_at == 400);
  // A site without courses offers nothing to finish.
  CHECK_FALSE(EvaluateBadge(badge, state, {}, Streak{}).earned);
}

// ---------------------------------------------------------------------------------------
// Rewards and the view

TEST_CASE("rewards fall due at their level or badge, once", "[gamification]") {
  Reward level3;
  level3.id = "mug";
  level3.level = 3;
  Reward champion;
  champion.id = "lunch";
  champion.badge = "champion";
  const std::vector<Reward> rewards = {level3, champion};
  const Milestones start{1, {}};
  const Milestones level_up{3, {}};
  const Milestones both{4, {"other", "champion"}};
  CHECK_FALSE(RewardDue(level3, start));
  CHECK(RewardDue(level3, level_up));
  CHECK(NewlyDueRewards(rewards, start, level_up) == std::vector<std::string>{"mug"});
  CHECK(NewlyDueRewards(rewards, level_up, both) == std::vector<std::string>{"lunch"});
  CHECK(NewlyDueRewards(rewards, start, both) == std::vector<std::string>{"mug", "lunch"});
  CHECK(NewlyDueRewards(rewards, both, both).empty());
}

TEST_CASE("the gamification view", "[gamification]") {
  const GamificationConfig config = ReadGamification(json::parse(R"({
    "levels": [0, 20, 100],
    "streak": {"freezes": 1, "per_days": 7},
    "badges": [
      {"id": "basics", "name": "Basics", "description": "The basics", "image": "basics.svg",
       "rule": {"complete_module": "intro/basics"}},
      {"id": "three", "name": "Three days", "rule": {"streak_days": 3}},
      {"id": "all", "name": "All", "rule": "all_courses_done"}],
    "rewards": [
      {"id": "level-2", "when": {"level": 2}, "message": "Level 2!"},
      {"id": "all-done", "when": {"badge": "all"}, "message": "Claim your prize"}]})"),
                                                     nullptr);
  json state = NewState("me", At(0));
  for (const char* date : {"2026-01-01", "2026-01-02", "2026-01-04"}) state["activity"][date] = {{"ms", 60000}};
  state["lessons"]["intro/basics/one"] = {{"status", "completed"}, {"completed_at", 1000}};
  const json before = GamificationView(state, config, kCourses, On("2026-01-04"));
  state["lessons"]["intro/basics/two"] = {{"status", "completed"}, {"completed_at", 2000}};
  const json view = GamificationView(state, config, kCourses, On("2026-01-04"));

  CHECK(view["xp"] == json::parse(R"({"total": 20, "lessons": {"count": 2, "xp": 20},
    "questions": {"count": 0, "xp": 0}, "reviews": {"count": 0, "xp": 0}, "courses": {"count": 0, "xp": 0}})"));
  CHECK(view["level"] == json::parse(R"({"level": 2, "floor": 20, "next": 100, "into": 0, "to_next": 80})"));
  CHECK(view["streak"] == json::parse(R"({"current": 3, "longest": 3, "today": true, "freezes_left": 0,
    "frozen": ["2026-01-03"]})"));
  CHECK(view["badges"] == json::parse(R"([
    {"id": "basics", "name": "Basics", "description": "The basics", "image": "basics.svg",
     "rule": {"complete_module": "intro/basics"}, "earned": true, "earned_at": 2000, "earned_on": null,
     "progress": {"have": 2, "need": 2}},
    {"id": "three", "name": "Three days", "description": "", "image": "", "rule": {"streak_days": 3},
     "earned": true, "earned_at": null, "earned_on": "2026-01-04", "progress": {"have": 3, "need": 3}},
    {"id": "all", "name": "All", "description": "", "image": "", "rule": {"all_courses_done": true},
     "earned": false, "earned_at": null, "earned_on": null, "progress": {"have": 0, "need": 2}}])"));
  CHECK(view["rewards"] == json::parse(R"([
    {"id": "level-2", "message": "Level 2!", "when": {"level": 2}, "due": true},
    {"id": "all-done", "message": "Claim your prize", "when": {"badge": "all"}, "due": false}])"));

  CHECK(before["level"]["level"] == 1);
  const Milestones then = MilestonesOf(before);
  const Milestones now = MilestonesOf(view);
  CHECK(then.level == 1);
  CHECK(then.badges == std::vector<std::string>{"three"});
  CHECK(now.level == 2);
  CHECK(now.badges == std::vector<std::string>{"basics", "three"});
  CHECK(NewlyDueRewards(config.rewards, then, now) == std::vector<std::string>{"level-2"});
  // The top level has no next.
  state["courses"]["intro"] = {{"passed_at", 3000}, {"completed_at", 3000}};
  state["courses"]["advanced"] = {{"passed_at", 3000}, {"completed_at", 3000}};
  const json top = GamificationView(state, config, kCourses, On("2026-01-04"));
  CHECK(top["level"]["next"] == nullptr);
  CHECK(top["level"]["to_next"] == nullptr);
  CHECK(top["rewards"][1]["due"] == true);
}

}  // namespace
}  // namespace morsel::core
