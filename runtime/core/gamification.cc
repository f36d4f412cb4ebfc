#include "runtime/core/gamification.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>
#include <utility>

#include "runtime/core/calendar.h"
#include "runtime/core/certificate.h"
#include "runtime/core/edit_distance.h"
#include "runtime/core/id_slug.h"
#include "runtime/core/json_read.h"
#include "runtime/core/number_text.h"
#include "runtime/core/object_checker.h"

namespace morsel::core {
namespace {

using nlohmann::json;

constexpr const char* kRuleNames[] = {"complete_course", "complete_module", "pass_course",
                                      "streak_days",     "reviews_done",    "all_courses_done"};

/// Counts read from the state are clamped to this, so that a damaged state cannot overflow
/// a total.
constexpr int64_t kMaxCount = 1000000;
constexpr int64_t kMaxStreakBadgeDays = 3650;

void Report(Diagnostics* d, const std::string& pointer, const char* code, std::string message, std::string hint = "") {
  d->push_back({Severity::kError, pointer, false, code, std::move(message), std::move(hint)});
}

std::string RuleList() {
  std::string list;
  for (const char* name : kRuleNames) list += (list.empty() ? "" : ", ") + std::string(name);
  return list;
}

std::string RuleHint(const std::string& name) {
  const std::string suggestion = Suggest(name, std::vector<std::string>(std::begin(kRuleNames), std::end(kRuleNames)));
  return suggestion.empty() ? "rules: " + RuleList() : "did you mean '" + suggestion + "'?";
}

/// A whole number clamped to [min, max], or `fallback` when `value` is not a whole number;
/// `what` names it in the report of a value out of range or of the wrong type.
int64_t ClampedValue(const json& value, const std::string& what, const std::string& pointer, int64_t min, int64_t max,
                     int64_t fallback, Diagnostics* d) {
  int64_t out = 0;
  bool outside = false;
  if (value.is_number_unsigned()) {
    const uint64_t u = value.get<uint64_t>();
    outside = u > static_cast<uint64_t>(max);
    out = outside ? max : static_cast<int64_t>(u);
  } else if (value.is_number_integer()) {
    out = value.get<int64_t>();
  } else if (value.is_number_float() && std::floor(value.get<double>()) == value.get<double>()) {
    const double x = value.get<double>();
    outside = x < static_cast<double>(min) || x > static_cast<double>(max);
    out = x < static_cast<double>(min) ? min : x > static_cast<double>(max) ? max : static_cast<int64_t>(x);
  } else {
    Report(d, pointer, "wrong-type",
           what + " must be a whole number, " +
               (value.is_number() ? "not " + value.dump() : "not a " + std::string(TypeName(value))));
    return fallback;
  }
  if (outside || out < min || out > max) {
    out = std::clamp(out, min, max);
    Report(d, pointer, "out-of-range",
           what + " must be from " + NumberText(min) + " to " + NumberText(max) + " (found " + value.dump() +
               "): " + NumberText(out) + " is used");
  }
  return out;
}

/// ClampedValue of the member `key` of `object`; `fallback` when it is absent.
int64_t ClampedInt(const json& object, const char* key, const std::string& pointer, int64_t min, int64_t max,
                   int64_t fallback, Diagnostics* d) {
  const json& value = MemberOf(object, key);
  if (value.is_null()) return fallback;
  return ClampedValue(value, "'" + std::string(key) + "'", pointer + "/" + PointerToken(key), min, max, fallback, d);
}

XpConfig ReadXp(const json& doc, Diagnostics* d) {
  XpConfig xp;
  ObjectChecker checker(doc, "/xp", "'xp'", d);
  checker.AllowOnly({"lesson_completed", "question_right_first_time", "review_done", "course_passed"});
  if (!checker.ok()) return xp;
  auto read = [&](const char* key, int64_t* amount) {
    *amount = ClampedInt(doc, key, "/xp", 0, kMaxXpPerAction, *amount, d);
  };
  read("lesson_completed", &xp.lesson_completed);
  read("question_right_first_time", &xp.question_right_first_time);
  read("review_done", &xp.review_done);
  read("course_passed", &xp.course_passed);
  return xp;
}

std::vector<int64_t> ReadLevels(const json& doc, Diagnostics* d) {
  if (!doc.is_array()) {
    Report(d, "/levels", "wrong-type", "'levels' must be a list of XP thresholds, not a " + std::string(TypeName(doc)));
    return {kDefaultLevels.begin(), kDefaultLevels.end()};
  }
  if (doc.empty()) {
    Report(d, "/levels", "invalid-value", "'levels' lists no thresholds",
           "the first level starts at 0 XP: [0, 100, …]");
    return {kDefaultLevels.begin(), kDefaultLevels.end()};
  }
  std::vector<int64_t> levels;
  for (size_t i = 0; i < doc.size(); ++i) {
    const std::string at = "/levels/" + NumberText(static_cast<long long>(i));
    if (levels.size() == kMaxLevels) {
      Report(d, at, "out-of-range",
             "'levels' lists more than " + NumberText(kMaxLevels) + " levels: the rest are ignored");
      break;
    }
    const int64_t xp =
        ClampedValue(doc[i], "level " + NumberText(static_cast<long long>(i) + 1), at, 0, kMaxLevelXp, -1, d);
    if (xp < 0) continue;
    if (!levels.empty() && xp <= levels.back()) {
      Report(d, at, "invalid-value",
             "levels must rise: " + NumberText(xp) + " XP is not above the level before (" + NumberText(levels.back()) +
                 " XP)",
             "list the XP at which each level starts, from 0 up");
      continue;
    }
    levels.push_back(xp);
  }
  if (levels.empty() || levels.front() != 0) {
    Report(d, "/levels/0", "invalid-value", "the first level must start at 0 XP", "begin the list with 0");
    if (levels.size() == kMaxLevels) levels.pop_back();
    levels.insert(levels.begin(), 0);
  }
  return levels;
}

StreakConfig ReadStreak(const json& doc, Diagnostics* d) {
  StreakConfig streak;
  ObjectChecker checker(doc, "/streak", "'streak'", d);
  checker.AllowOnly({"freezes", "per_days"});
  if (!checker.ok()) return streak;
  streak.freezes = static_cast<int>(ClampedInt(doc, "freezes", "/streak", 0, 10, streak.freezes, d));
  streak.per_days = static_cast<int>(ClampedInt(doc, "per_days", "/streak", 1, 365, streak.per_days, d));
  if (streak.freezes >= streak.per_days) {
    Report(d, "/streak/freezes", "out-of-range",
           "'freezes' must be fewer than 'per_days', or a streak could last without any activity (found freezes: " +
               NumberText(streak.freezes) + ", per_days: " + NumberText(streak.per_days) +
               "): " + NumberText(streak.per_days - 1) + " is used");
    streak.freezes = streak.per_days - 1;
  }
  return streak;
}

/// Reads one badge rule at `pointer`, reporting what makes it not one.
void ReadRule(const json& doc, const std::string& pointer, BadgeRule* rule, Diagnostics* d) {
  if (doc.is_string()) {
    const std::string name = doc.get<std::string>();
    if (name == "all_courses_done") {
      rule->kind = BadgeRuleKind::kAllCoursesDone;
      return;
    }
    const bool known = std::any_of(std::begin(kRuleNames), std::end(kRuleNames),
                                   [&](const char* rule_name) { return name == rule_name; });
    if (known) {
      Report(d, pointer, "invalid-value", "the badge rule '" + name + "' needs a value", name + ": …");
    } else {
      Report(d, pointer, "invalid-value", "unknown badge rule '" + name + "'", RuleHint(name));
    }
    return;
  }
  if (!doc.is_object() || doc.size() != 1) {
    Report(d, pointer, doc.is_object() ? "invalid-value" : "wrong-type",
           doc.is_object()
               ? "a badge rule names one rule, not " + NumberText(static_cast<long long>(doc.size()))
               : "a badge rule must be a mapping of one rule to its value, not a " + std::string(TypeName(doc)),
           "rules: " + RuleList());
    return;
  }
  const std::string name = doc.begin().key();
  const json& value = doc.begin().value();
  const std::string at = pointer + "/" + PointerToken(name);
  ObjectChecker checker(doc, pointer, "a badge rule", d);
  const size_t before = d->size();
  if (name == "complete_course" || name == "complete_module") {
    rule->kind = name == "complete_course" ? BadgeRuleKind::kCompleteCourse : BadgeRuleKind::kCompleteModule;
    rule->target = checker.String(name.c_str());
    if (rule->target.empty() && d->size() == before) {
      Report(d, at, "invalid-value",
             "'" + name + "' needs a " + (name == "complete_course" ? "course" : "module") + " id");
    }
  } else if (name == "pass_course") {
    rule->kind = BadgeRuleKind::kPassCourse;
    if (value.is_string()) {
      rule->target = value.get<std::string>();
    } else {
      ObjectChecker pass(value, at, "'pass_course'", d);
      pass.AllowOnly({"course", "min_percent"});
      if (pass.Require("course")) rule->target = pass.String("course");
      rule->number = pass.Int("min_percent", 0, 100, 0);
    }
    if (rule->target.empty() && d->size() == before) {
      Report(d, at, "invalid-value", "'pass_course' needs a course id");
    }
  } else if (name == "streak_days" || name == "reviews_done") {
    const bool streak = name == "streak_days";
    rule->kind = streak ? BadgeRuleKind::kStreakDays : BadgeRuleKind::kReviewsDone;
    rule->number = checker.Int(name.c_str(), 1, streak ? kMaxStreakBadgeDays : kMaxCount, 0);
  } else if (name == "all_courses_done") {
    rule->kind = BadgeRuleKind::kAllCoursesDone;
    // YAML's `all_courses_done:` with nothing after it is null.
    if (!value.is_null() && value != true) {
      Report(d, at, "invalid-value", "'all_courses_done' takes no value", "write: rule: all_courses_done");
    }
  } else {
    d->push_back({Severity::kError, at, true, "unknown-key", "unknown badge rule '" + name + "'", RuleHint(name)});
  }
}

/// A badge's or reward's id (`kind`): a slug, and not one `ids` has already.
void CheckId(const char* kind, const std::string& id, const std::string& pointer, std::set<std::string>* ids,
             Diagnostics* d) {
  if (id.empty()) return;
  if (!IsIdSlug(id)) {
    Report(d, pointer, "invalid-id", "id '" + id + "' may only contain a-z, 0-9, '-' and '_'",
           std::string(kind) + "s are told apart by their ids: choose a short stable slug");
  } else if (!ids->insert(id).second) {
    Report(d, pointer, "duplicate-id", std::string(kind) + " id '" + id + "' is used twice",
           "each " + std::string(kind) + " needs its own id");
  }
}

void ReadBadges(const json& doc, std::vector<Badge>* badges, Diagnostics* d) {
  if (!doc.is_array()) {
    Report(d, "/badges", "wrong-type", "'badges' must be a list of badges, not a " + std::string(TypeName(doc)));
    return;
  }
  std::set<std::string> ids;
  for (size_t i = 0; i < doc.size(); ++i) {
    const std::string pointer = "/badges/" + NumberText(static_cast<long long>(i));
    const size_t before = d->size();
    ObjectChecker checker(doc[i], pointer, "a badge", d);
    checker.AllowOnly({"id", "name", "description", "image", "rule"});
    if (!checker.ok()) continue;
    Badge badge;
    if (checker.Require("id")) badge.id = checker.String("id");
    if (checker.Require("name")) badge.name = checker.String("name");
    badge.description = checker.String("description");
    badge.image = checker.String("image");
    if (checker.Require("rule")) ReadRule(doc[i].at("rule"), checker.PointerTo("rule"), &badge.rule, d);
    CheckId("badge", badge.id, checker.PointerTo("id"), &ids, d);
    if (d->size() == before) badges->push_back(std::move(badge));
  }
}

void ReadRewards(const json& doc, const GamificationConfig& config, std::vector<Reward>* rewards, Diagnostics* d) {
  if (!doc.is_array()) {
    Report(d, "/rewards", "wrong-type", "'rewards' must be a list of rewards, not a " + std::string(TypeName(doc)));
    return;
  }
  std::vector<std::string> badge_ids;
  for (const Badge& badge : config.badges) badge_ids.push_back(badge.id);
  std::set<std::string> ids;
  for (size_t i = 0; i < doc.size(); ++i) {
    const std::string pointer = "/rewards/" + NumberText(static_cast<long long>(i));
    const size_t before = d->size();
    ObjectChecker checker(doc[i], pointer, "a reward", d);
    checker.AllowOnly({"id", "when", "message"});
    if (!checker.ok()) continue;
    Reward reward;
    if (checker.Require("id")) reward.id = checker.String("id");
    if (checker.Require("message")) reward.message = checker.String("message");
    if (doc[i].contains("message") && doc[i].at("message").is_string() && reward.message.empty()) {
      Report(d, checker.PointerTo("message"), "invalid-value", "a reward's message is empty");
    }
    CheckId("reward", reward.id, checker.PointerTo("id"), &ids, d);
    if (checker.Require("when")) {
      const json& when = doc[i].at("when");
      const std::string at = checker.PointerTo("when");
      ObjectChecker milestone(when, at, "'when'", d);
      milestone.AllowOnly({"level", "badge"});
      if (milestone.ok() && when.contains("level") == when.contains("badge")) {
        Report(d, at, "invalid-value", "'when' names a level or a badge", "when: {level: 5} or when: {badge: <id>}");
      } else if (milestone.ok() && when.contains("level")) {
        reward.level = milestone.Int("level", 1, static_cast<int64_t>(config.levels.size()), 0);
      } else if (milestone.ok()) {
        reward.badge = milestone.String("badge");
        if (!reward.badge.empty() && std::find(badge_ids.begin(), badge_ids.end(), reward.badge) == badge_ids.end()) {
          const std::string suggestion = Suggest(reward.badge, badge_ids);
          Report(d, milestone.PointerTo("badge"), "invalid-value", "no badge has the id '" + reward.badge + "'",
                 suggestion.empty() ? "" : "did you mean '" + suggestion + "'?");
        }
      }
    }
    if (d->size() == before) rewards->push_back(std::move(reward));
  }
}

/// Whether something was done, and when (the moment is unknown when a record lacks it).
struct Done {
  bool done = false;
  std::optional<int64_t> at;
};

/// Every lesson in `ids` completed: done at the latest completion.
Done LessonsDone(const json& state, const std::vector<std::string>& ids, int64_t* count) {
  const json& lessons = ObjectOf(state, "lessons");
  Done out;
  out.done = !ids.empty();
  int64_t latest = std::numeric_limits<int64_t>::min();
  bool dated = true;
  *count = 0;
  for (const std::string& id : ids) {
    const json& entry = ObjectOf(lessons, id.c_str());
    if (!EverCompleted(entry)) {
      out.done = false;
      continue;
    }
    ++*count;
    const json& at = MemberOf(entry, "completed_at");
    if (at.is_number_integer()) {
      latest = std::max(latest, at.get<int64_t>());
    } else {
      dated = false;
    }
  }
  if (out.done && dated) out.at = latest;
  return out;
}

/// A course completed: its record says so (RecordCourse), else every lesson the outline
/// lists is (a course finished before its record was written).
Done CourseDone(const json& state, const std::string& id, const std::vector<CourseOutline>& courses,
                int64_t* lessons_done, int64_t* lessons_total) {
  *lessons_done = 0;
  *lessons_total = 0;
  Done from_lessons;
  for (const CourseOutline& course : courses) {
    if (course.id != id) continue;
    *lessons_total = static_cast<int64_t>(course.lessons.size());
    from_lessons = LessonsDone(state, course.lessons, lessons_done);
  }
  const json& record = ObjectOf(ObjectOf(state, "courses"), id.c_str());
  const json& completed_at = MemberOf(record, "completed_at");
  if (completed_at.is_number_integer()) {
    *lessons_done = *lessons_total;
    return {true, completed_at.get<int64_t>()};
  }
  return from_lessons;
}

/// Epoch times of the logged reviews, earliest first.
std::vector<int64_t> ReviewTimes(const json& state) {
  std::vector<int64_t> times;
  for (const json& item : ObjectOf(state, "reviews")) {
    for (const json& entry : MemberOf(item, "log")) {
      const json& at = MemberOf(entry, "at");
      if (at.is_number_integer()) times.push_back(at.get<int64_t>());
    }
  }
  std::sort(times.begin(), times.end());
  return times;
}

/// Day numbers with activity, up to `today`, in order.
std::vector<int64_t> ActiveDays(const json& state, int64_t today) {
  std::vector<int64_t> days;
  for (const auto& [date, entry] : ObjectOf(state, "activity").items()) {
    int64_t day = 0;
    if (!ParseDate(date, &day) || day > today || !entry.is_object()) continue;
    const bool active = std::any_of(entry.begin(), entry.end(),
                                    [](const json& count) { return count.is_number() && count.get<double>() > 0; });
    if (active) days.push_back(day);
  }
  std::sort(days.begin(), days.end());
  return days;
}

json OptionalJson(const std::optional<int64_t>& value) { return value ? json(*value) : json(nullptr); }

}  // namespace

bool EverCompleted(const json& entry) {
  return MemberOf(entry, "status") == "completed" || MemberOf(entry, "completed_at").is_number();
}

bool RightFirstTime(const json& record) {
  if (IntOr(record, "dropped", 0) > 0) return false;
  const json* first = nullptr;
  for (const json& attempt : MemberOf(record, "attempts")) {
    if (!attempt.is_object()) continue;
    // The earliest by time: a merge sorts attempts, but a hand-edited state may not.
    if (first == nullptr || IntOr(attempt, "at", 0) < IntOr(*first, "at", 0)) first = &attempt;
  }
  return first != nullptr && IsTrue(*first, "correct") && MemberOf(*first, "graded") != false;
}

GamificationConfig ReadGamification(const json& gamification, Diagnostics* diagnostics) {
  GamificationConfig config;
  Diagnostics ignored;
  Diagnostics* d = diagnostics != nullptr ? diagnostics : &ignored;
  if (gamification.is_null()) return config;
  ObjectChecker checker(gamification, "", "'gamification'", d);
  checker.AllowOnly({"xp", "levels", "streak", "badges", "rewards"});
  if (!checker.ok()) return config;
  if (gamification.contains("xp")) config.xp = ReadXp(gamification.at("xp"), d);
  if (gamification.contains("levels")) config.levels = ReadLevels(gamification.at("levels"), d);
  if (gamification.contains("streak")) config.streak = ReadStreak(gamification.at("streak"), d);
  if (gamification.contains("badges")) ReadBadges(gamification.at("badges"), &config.badges, d);
  if (gamification.contains("rewards")) ReadRewards(gamification.at("rewards"), config, &config.rewards, d);
  return config;
}

int64_t ReviewsDone(const json& state) {
  int64_t total = 0;
  for (const json& item : ObjectOf(state, "reviews")) {
    const json& log = MemberOf(item, "log");
    const int64_t logged = log.is_array() ? static_cast<int64_t>(log.size()) : 0;
    total += std::clamp<int64_t>(std::max(IntOr(item, "reps", 0), logged), 0, kMaxCount);
  }
  return total;
}

XpBreakdown XpOf(const json& state, const XpConfig& xp) {
  XpBreakdown out;
  for (const json& entry : ObjectOf(state, "lessons")) out.lessons += EverCompleted(entry) ? 1 : 0;
  for (const json& record : ObjectOf(state, "questions")) out.questions += RightFirstTime(record) ? 1 : 0;
  for (const json& record : ObjectOf(state, "courses")) out.courses += MemberOf(record, "passed_at").is_number();
  // A course taken again (recertification) keeps what its earlier rounds earned.
  const PastRounds past = PastRoundsOf(state);
  out.lessons += past.lessons;
  out.questions += past.questions;
  out.courses += past.passes;
  out.reviews = ReviewsDone(state);
  out.total = out.lessons * xp.lesson_completed + out.questions * xp.question_right_first_time +
              out.reviews * xp.review_done + out.courses * xp.course_passed;
  return out;
}

int64_t XpTotal(const json& state, const XpConfig& xp) { return XpOf(state, xp).total; }

Level LevelOf(int64_t xp, const std::vector<int64_t>& thresholds) {
  Level level;
  size_t reached = 0;
  while (reached < thresholds.size() && thresholds[reached] <= xp) ++reached;
  if (reached == 0) return level;
  level.number = static_cast<int>(reached);
  level.floor = thresholds[reached - 1];
  level.into = xp - level.floor;
  if (reached < thresholds.size()) {
    level.next = thresholds[reached];
    level.to_next = thresholds[reached] - xp;
  }
  return level;
}

int64_t TodayOf(const Now& now) {
  int64_t day = 0;
  return ParseDate(now.local_date, &day) ? day : LocalDay(now.epoch_ms, now.utc_offset_min);
}

Streak StreakOf(const json& state, const StreakConfig& config, const Now& now) {
  Streak out;
  const int64_t today = TodayOf(now);
  const int per_days = std::max(1, config.per_days);
  const int freezes = std::clamp(config.freezes, 0, per_days - 1);
  std::vector<int64_t> used;  // every day a freeze covered, in order
  auto left_on = [&](int64_t day) {
    int taken = 0;
    for (auto it = used.rbegin(); it != used.rend() && day - *it < per_days; ++it) ++taken;
    return freezes - taken;
  };
  int64_t run = 0;
  // Whole days without activity from `first` to `last`: each takes a freeze while the
  // streak runs. The loop ends within per_days days, as freezes < per_days.
  auto miss = [&](int64_t first, int64_t last) {
    for (int64_t day = first; day <= last && run > 0; ++day) {
      if (left_on(day) > 0) {
        used.push_back(day);
        out.frozen.push_back(day);
      } else {
        run = 0;
        out.frozen.clear();
      }
    }
  };
  const std::vector<int64_t> days = ActiveDays(state, today);
  for (size_t i = 0; i < days.size(); ++i) {
    if (i > 0) miss(days[i - 1] + 1, days[i] - 1);
    ++run;
    if (run > out.longest) {
      out.longest = run;
      out.reached.push_back(days[i]);
    }
  }
  // Today is not over: it is not missed yet.
  if (!days.empty()) miss(days.back() + 1, today - 1);
  out.current = run;
  out.today = !days.empty() && days.back() == today;
  out.freezes_left = left_on(out.today ? today + 1 : today);
  return out;
}

std::vector<CourseOutline> ReadCourseOutlines(const json& courses) {
  std::vector<CourseOutline> out;
  if (!courses.is_array()) return out;
  for (const json& course : courses) {
    const json& id = MemberOf(course, "id");
    if (!id.is_string()) continue;
    CourseOutline outline;
    outline.id = id.get<std::string>();
    for (const json& lesson : MemberOf(course, "lessons")) {
      const json& lesson_id = lesson.is_string() ? lesson : MemberOf(lesson, "id");
      if (!lesson_id.is_string()) continue;
      outline.lessons.push_back(lesson_id.get<std::string>());
      outline.modules.push_back(StringOr(lesson, "module", ""));
    }
    out.push_back(std::move(outline));
  }
  return out;
}

BadgeStatus EvaluateBadge(const Badge& badge, const json& state, const std::vector<CourseOutline>& courses,
                          const Streak& streak) {
  BadgeStatus out;
  const BadgeRule& rule = badge.rule;
  switch (rule.kind) {
    case BadgeRuleKind::kCompleteCourse: {
      const Done done = CourseDone(state, rule.target, courses, &out.have, &out.need);
      out.earned = done.done;
      out.earned_at = done.at;
      break;
    }
    case BadgeRuleKind::kCompleteModule: {
      std::vector<std::string> lessons;
      for (const CourseOutline& course : courses) {
        for (size_t i = 0; i < course.lessons.size(); ++i) {
          if (i < course.modules.size() && course.modules[i] == rule.target) lessons.push_back(course.lessons[i]);
        }
      }
      const Done done = LessonsDone(state, lessons, &out.have);
      out.need = static_cast<int64_t>(lessons.size());
      out.earned = done.done;
      out.earned_at = done.at;
      break;
    }
    case BadgeRuleKind::kPassCourse: {
      // The earliest pass at the mark, in this round or a past one (recertification).
      const json& record = ObjectOf(ObjectOf(state, "courses"), rule.target.c_str());
      std::vector<const json*> passes = {&record};
      for (const json& round : MemberOf(record, "history")) passes.push_back(&round);
      for (const json* pass : passes) {
        const json& passed_at = MemberOf(*pass, "passed_at");
        if (!passed_at.is_number_integer() ||
            (rule.number != 0 && NumberOr(*pass, "percent", 0) + 1e-9 < static_cast<double>(rule.number))) {
          continue;
        }
        if (!out.earned || passed_at.get<int64_t>() < *out.earned_at) out.earned_at = passed_at.get<int64_t>();
        out.earned = true;
      }
      break;
    }
    case BadgeRuleKind::kStreakDays:
      out.have = std::min(streak.longest, rule.number);
      out.need = rule.number;
      out.earned = rule.number > 0 && streak.longest >= rule.number;
      if (out.earned) out.earned_day = streak.reached[rule.number - 1];
      break;
    case BadgeRuleKind::kReviewsDone: {
      out.have = std::min(ReviewsDone(state), rule.number);
      out.need = rule.number;
      out.earned = rule.number > 0 && out.have >= rule.number;
      const std::vector<int64_t> times = ReviewTimes(state);
      if (out.earned && static_cast<int64_t>(times.size()) >= rule.number) out.earned_at = times[rule.number - 1];
      break;
    }
    case BadgeRuleKind::kAllCoursesDone: {
      out.need = static_cast<int64_t>(courses.size());
      out.earned = !courses.empty();
      int64_t latest = std::numeric_limits<int64_t>::min();
      bool dated = true;
      for (const CourseOutline& course : courses) {
        int64_t lessons_done = 0, lessons_total = 0;
        const Done done = CourseDone(state, course.id, courses, &lessons_done, &lessons_total);
        if (!done.done) {
          out.earned = false;
          continue;
        }
        ++out.have;
        if (done.at) {
          latest = std::max(latest, *done.at);
        } else {
          dated = false;
        }
      }
      if (out.earned && dated) out.earned_at = latest;
      break;
    }
  }
  return out;
}

json BadgeRuleJson(const BadgeRule& rule) {
  switch (rule.kind) {
    case BadgeRuleKind::kCompleteCourse:
      return {{"complete_course", rule.target}};
    case BadgeRuleKind::kCompleteModule:
      return {{"complete_module", rule.target}};
    case BadgeRuleKind::kPassCourse:
      return {{"pass_course", {{"course", rule.target}, {"min_percent", rule.number}}}};
    case BadgeRuleKind::kStreakDays:
      return {{"streak_days", rule.number}};
    case BadgeRuleKind::kReviewsDone:
      return {{"reviews_done", rule.number}};
    case BadgeRuleKind::kAllCoursesDone:
      return {{"all_courses_done", true}};
  }
  return nullptr;
}

bool RewardDue(const Reward& reward, const Milestones& milestones) {
  if (reward.level > 0) return milestones.level >= reward.level;
  return std::find(milestones.badges.begin(), milestones.badges.end(), reward.badge) != milestones.badges.end();
}

std::vector<std::string> NewlyDueRewards(const std::vector<Reward>& rewards, const Milestones& before,
                                         const Milestones& after) {
  std::vector<std::string> due;
  for (const Reward& reward : rewards) {
    if (RewardDue(reward, after) && !RewardDue(reward, before)) due.push_back(reward.id);
  }
  return due;
}

Milestones MilestonesOf(const json& view) {
  Milestones out;
  out.level = static_cast<int>(std::clamp<int64_t>(IntOr(MemberOf(view, "level"), "level", 1), 1, kMaxLevels));
  for (const json& badge : MemberOf(view, "badges")) {
    if (IsTrue(badge, "earned") && MemberOf(badge, "id").is_string())
      out.badges.push_back(badge["id"].get<std::string>());
  }
  return out;
}

json GamificationView(const json& state, const GamificationConfig& config, const json& courses, const Now& now) {
  json view;
  const XpBreakdown xp = XpOf(state, config.xp);
  view["xp"] = {{"total", xp.total},
                {"lessons", {{"count", xp.lessons}, {"xp", xp.lessons * config.xp.lesson_completed}}},
                {"questions", {{"count", xp.questions}, {"xp", xp.questions * config.xp.question_right_first_time}}},
                {"reviews", {{"count", xp.reviews}, {"xp", xp.reviews * config.xp.review_done}}},
                {"courses", {{"count", xp.courses}, {"xp", xp.courses * config.xp.course_passed}}}};
  const Level level = LevelOf(xp.total, config.levels);
  view["level"] = {{"level", level.number},
                   {"floor", level.floor},
                   {"next", OptionalJson(level.next)},
                   {"into", level.into},
                   {"to_next", OptionalJson(level.to_next)}};
  const Streak streak = StreakOf(state, config.streak, now);
  json frozen = json::array();
  for (int64_t day : streak.frozen) frozen.push_back(DateText(day));
  view["streak"] = {{"current", streak.current},
                    {"longest", streak.longest},
                    {"today", streak.today},
                    {"freezes_left", streak.freezes_left},
                    {"frozen", std::move(frozen)}};
  const std::vector<CourseOutline> outlines = ReadCourseOutlines(courses);
  Milestones milestones;
  milestones.level = level.number;
  json& badges = view["badges"] = json::array();
  // A badge once earned stays: lessons done in a course's past round (recertification)
  // count. The state is copied for that only when a course has past rounds.
  const json folded = PastRoundsOf(state).passes > 0 ? WithPastRounds(state) : json();
  const json& ever = folded.is_null() ? state : folded;
  for (const Badge& badge : config.badges) {
    const BadgeStatus status = EvaluateBadge(badge, ever, outlines, streak);
    if (status.earned) milestones.badges.push_back(badge.id);
    badges.push_back(
        {{"id", badge.id},
         {"name", badge.name},
         {"description", badge.description},
         {"image", badge.image},
         {"rule", BadgeRuleJson(badge.rule)},
         {"earned", status.earned},
         {"earned_at", OptionalJson(status.earned_at)},
         {"earned_on", status.earned_day ? json(DateText(*status.earned_day)) : json(nullptr)},
         {"progress", status.need > 0 ? json{{"have", status.have}, {"need", status.need}} : json(nullptr)}});
  }
  json& rewards = view["rewards"] = json::array();
  for (const Reward& reward : config.rewards) {
    rewards.push_back({{"id", reward.id},
                       {"message", reward.message},
                       {"when", reward.level > 0 ? json{{"level", reward.level}} : json{{"badge", reward.badge}}},
                       {"due", RewardDue(reward, milestones)}});
  }
  return view;
}

json GamificationNews(const json& before, const json& after, const GamificationConfig& config) {
  const Milestones was = MilestonesOf(before);
  const Milestones now = MilestonesOf(after);
  json news;
  const int64_t gained = IntOr(MemberOf(after, "xp"), "total", 0) - IntOr(MemberOf(before, "xp"), "total", 0);
  news["xp"] = std::max<int64_t>(gained, 0);
  news["level"] = now.level > was.level ? json(now.level) : json(nullptr);
  json& badges = news["badges"] = json::array();
  for (const std::string& id : now.badges) {
    if (std::find(was.badges.begin(), was.badges.end(), id) == was.badges.end()) badges.push_back(id);
  }
  json& rewards = news["rewards"] = json::array();
  for (const std::string& id : NewlyDueRewards(config.rewards, was, now)) rewards.push_back(id);
  return news;
}

}  // namespace morsel::core
