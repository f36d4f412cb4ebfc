#pragma once

// Gamification: XP, levels, the daily streak, badges and reward messages, from the learner
// state (state.h) and a site's settings (site.yml's `gamification` mapping).
//
// Derived, never accumulated. Nothing here is stored: every figure is computed from what
// the state already records, and each thing a learner does counts once, however often the
// state records it again: a lesson completed, a question's first attempt, a course passed,
// a review. Answering a question again, visiting a lesson again, merging another tab's
// state or importing the same export twice (MergeStates keeps one record of each) cannot
// add XP. The same holds for badges and the streak: they are facts about the state.
//
// Time. The core reads no clock: "today" is the caller's Now (state.h), `local_date`
// first (the date the activity log is keyed by), else the local day of `epoch_ms` at
// `utc_offset_min` (LocalDay, calendar.h).
//
// Settings are read leniently and checked strictly by the same code: ReadGamification
// always gives settings the runtime can use (unknown keys ignored, numbers clamped, a
// broken badge or reward left out) and reports every problem it worked around, so the
// generator can reject in `morsel check` what the runtime would quietly repair.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "runtime/core/diagnostic.h"
#include "runtime/core/state.h"

namespace morsel::core {

/// XP per thing done (site.yml `gamification.xp`); each from 0 to kMaxXpPerAction.
struct XpConfig {
  int64_t lesson_completed = 10;
  int64_t question_right_first_time = 5;
  int64_t review_done = 2;
  int64_t course_passed = 50;
};

inline constexpr int64_t kMaxXpPerAction = 100000;

/// The XP at which each level starts (`gamification.levels`): level 1 at the first, which
/// is 0; strictly rising, each at most kMaxLevelXp, at most kMaxLevels of them.
inline constexpr std::array<int64_t, 8> kDefaultLevels = {0, 100, 250, 500, 1000, 2000, 4000, 8000};
inline constexpr int64_t kMaxLevelXp = 1000000000;
inline constexpr size_t kMaxLevels = 1000;

/// Streak freezes (`gamification.streak`): at most `freezes` missed days covered in any
/// `per_days` consecutive days (StreakOf says how). `freezes` is at most 10 and below
/// `per_days` (1 to 365), so a streak always needs some activity in every period.
struct StreakConfig {
  int freezes = 0;
  int per_days = 7;
};

/// What a badge asks for (site.yml: `rule: {complete_course: intro}` and so on).
enum class BadgeRuleKind {
  kCompleteCourse,  // complete_course: <course id>: every lesson of the course completed
  kCompleteModule,  // complete_module: <module id>: every lesson of the module completed
  kPassCourse,      // pass_course: {course, min_percent}: passed with at least min_percent
  kStreakDays,      // streak_days: N: a streak of N days, at any time
  kReviewsDone,     // reviews_done: N: N reviews done in all
  kAllCoursesDone,  // all_courses_done: every course of the site completed
};

struct BadgeRule {
  BadgeRuleKind kind = BadgeRuleKind::kCompleteCourse;
  /// The course or module id (complete_course, complete_module, pass_course).
  std::string target;
  /// N (streak_days, reviews_done), or min_percent (pass_course; 0: the course's own pass).
  int64_t number = 0;
};

/// A badge as site.yml declares it (`gamification.badges`).
struct Badge {
  std::string id;
  std::string name;
  std::string description;
  /// An SVG or image, as the author wrote its path (the generator resolves it).
  std::string image;
  BadgeRule rule;
};

/// A message the site owner shows at a milestone (`gamification.rewards`), for example how
/// to claim a prize: on reaching `level` (when above 0), or on earning `badge`.
struct Reward {
  std::string id;
  int64_t level = 0;
  std::string badge;
  std::string message;
};

struct GamificationConfig {
  XpConfig xp;
  std::vector<int64_t> levels{kDefaultLevels.begin(), kDefaultLevels.end()};
  StreakConfig streak;
  std::vector<Badge> badges;
  std::vector<Reward> rewards;
};

/// Reads site.yml's `gamification` mapping (null: every default): {"xp": {lesson_completed,
/// question_right_first_time, review_done, course_passed}, "levels": [XP…], "streak":
/// {freezes, per_days}, "badges": [{id, name, description?, image?, rule}], "rewards":
/// [{id, when: {level: N} | {badge: id}, message}]}. A rule is a mapping of one rule name
/// to its value, or the bare name `all_courses_done`. Always returns settings to use:
/// unknown keys are ignored, numbers out of range clamped, a value of the wrong type left at
/// its default, a badge or reward with an error left out. Each of these is reported in
/// `*diagnostics` (when not null) with a JSON pointer below the mapping, an unknown key or
/// rule name with a "did you mean" hint.
GamificationConfig ReadGamification(const nlohmann::json& gamification, Diagnostics* diagnostics);

/// What a learner's XP is made of: how many of each thing done count, and the XP in all.
struct XpBreakdown {
  /// Lessons completed, once each (a lesson reopened by a changed statement still counts:
  /// it keeps its completed_at).
  int64_t lessons = 0;
  /// Questions whose first attempt (the earliest recorded) was right, once each. A question
  /// whose attempts were compacted away ("dropped") does not count: compaction keeps the
  /// first right attempt and the last, so the first attempt may be gone, and counting the
  /// earliest kept one would let a wrong first answer earn XP.
  int64_t questions = 0;
  /// Reviews done (ReviewsDone).
  int64_t reviews = 0;
  /// Courses passed (a `passed_at` in the state's course record), once each.
  int64_t courses = 0;
  int64_t total = 0;
};

XpBreakdown XpOf(const nlohmann::json& state, const XpConfig& xp);

/// A lesson entry of the state counts as completed once it was: a lesson reopened by a
/// changed statement keeps its completed_at, and what was earned is not taken back.
bool EverCompleted(const nlohmann::json& entry);

/// A question record whose earliest attempt was right (and graded): XP's "right first time".
bool RightFirstTime(const nlohmann::json& record);

/// XpOf(state, xp).total.
int64_t XpTotal(const nlohmann::json& state, const XpConfig& xp);

/// Reviews done, from the state's `reviews` member, which the review scheduler writes:
/// {item key: {"reps": reviews done, "log"?: [{"at": epoch ms, …}]}}; an item counts the
/// larger of its `reps` and its log's length. 0 while there is none.
int64_t ReviewsDone(const nlohmann::json& state);

/// Where an amount of XP stands among level thresholds.
struct Level {
  /// 1 for the first level.
  int number = 1;
  /// The XP at which this level started, and at which the next starts (none at the top).
  int64_t floor = 0;
  std::optional<int64_t> next;
  /// XP earned since this level started, and still needed for the next (none at the top).
  int64_t into = 0;
  std::optional<int64_t> to_next;
};

/// The level of `xp` with these thresholds (as ReadGamification gives them: rising, from 0).
Level LevelOf(int64_t xp, const std::vector<int64_t>& thresholds);

/// The learner's local day number today (see Time above).
int64_t TodayOf(const Now& now);

/// The daily streak on the learner's local calendar.
///
/// A day is active when the activity log (the state's `activity`, keyed by the local date
/// the caller gave when the learner was active) has any positive count for it: time spent,
/// answers, or any count added later. Because the log keeps the local date of the moment,
/// a change of daylight saving time or of time zone changes nothing already recorded:
/// every local date with activity counts once, and a date lived twice (flying west over
/// the date line) still counts once. Dates after today (a flight west, a clock that was
/// wrong) are not counted yet: they count on their day.
///
/// The streak is the run of consecutive active days ending today, or yesterday while today
/// is not over. A missed day (a whole day without activity, before today) ends it, unless
/// a freeze covers it: while a streak runs, each missed day takes a freeze automatically
/// when fewer than `freezes` were taken in the `per_days` days up to and including it
/// (that day and the per_days - 1 before it), else the streak ends. A covered day keeps the
/// streak alive but does not add to it. With 1 freeze per 7 days, a single missed day is
/// covered, two in a row are not, and a freeze taken on day d is available again on d + 7.
struct Streak {
  /// Days in the streak alive today: 0 when it ended.
  int64_t current = 0;
  /// The longest streak in the log.
  int64_t longest = 0;
  /// Today is active already.
  bool today = false;
  /// Freezes the next missed day could take: today's while today is not active, else
  /// tomorrow's.
  int freezes_left = 0;
  /// Days of the current streak that a freeze covered.
  std::vector<int64_t> frozen;
  /// reached[n - 1] is the day a streak first reached n days (n up to `longest`).
  std::vector<int64_t> reached;
};

Streak StreakOf(const nlohmann::json& state, const StreakConfig& config, const Now& now);

/// A course of the site as badges see it: its lessons, and each lesson's module when known.
struct CourseOutline {
  std::string id;
  std::vector<std::string> lessons;
  /// The module of each lesson, in the same order ("" when not given).
  std::vector<std::string> modules;
};

/// Reads the site's courses, [{"id", "lessons": [lesson id | {"id", "module"?}]}] (My
/// learning's courses, or morsel_course_progress's with its module ids). A lesson's module
/// is known only from its "module": a lesson id set in front matter says nothing of it.
/// Anything malformed is skipped.
std::vector<CourseOutline> ReadCourseOutlines(const nlohmann::json& courses);

/// Whether a learner has earned a badge, and when.
///
/// The earned date is the first moment the rule held, from the state's timestamps:
/// complete_course: the course record's `completed_at`, else (no record yet) the latest
/// `completed_at` of its lessons; complete_module and all_courses_done: the latest of
/// those; pass_course: the record's `passed_at` (a course passed at 70% whose best later
/// reached a min_percent of 90 is dated by its pass: the state keeps no history of the
/// percent); reviews_done: the N-th review in the items' logs, when logged. streak_days
/// has a day, not a moment: the day the streak first reached N (`earned_day`). A streak
/// badge stays earned when the streak ends, as the log keeps the run.
struct BadgeStatus {
  bool earned = false;
  /// Epoch ms, when the state says.
  std::optional<int64_t> earned_at;
  /// Local day number (streak_days).
  std::optional<int64_t> earned_day;
  /// How far the learner is, for rules that count: lessons done of the course's or module's
  /// lessons, courses completed, days of the longest streak, reviews done. `need` 0: none.
  int64_t have = 0;
  int64_t need = 0;
};

/// Evaluates `badge` against the state (GamificationView passes it WithPastRounds, so a
/// course taken again keeps its badges); `courses` are the site's courses (all_courses_done
/// needs every one; complete_module needs its lessons with their module) and `streak` is
/// StreakOf for the same state.
BadgeStatus EvaluateBadge(const Badge& badge, const nlohmann::json& state, const std::vector<CourseOutline>& courses,
                          const Streak& streak);

/// The badge's rule in the form site.yml declares it ({"streak_days": 7}, {"pass_course":
/// {"course", "min_percent"}}, {"all_courses_done": true}): what a locked badge shows,
/// worded by the page in the learner's language.
nlohmann::json BadgeRuleJson(const BadgeRule& rule);

/// What rewards depend on: the learner's level and the ids of the badges earned.
struct Milestones {
  int level = 1;
  std::vector<std::string> badges;
};

/// Whether a reward's milestone is reached.
bool RewardDue(const Reward& reward, const Milestones& milestones);

/// The ids of the rewards due `after` that were not due `before` (the page's views around
/// an action), in declaration order: the messages to show now.
std::vector<std::string> NewlyDueRewards(const std::vector<Reward>& rewards, const Milestones& before,
                                         const Milestones& after);

/// The milestones a GamificationView shows.
Milestones MilestonesOf(const nlohmann::json& view);

/// Everything a gamification panel or badges page paints (docs/runtime.md, Gamification):
/// {"xp": {"total", "lessons": {"count", "xp"}, "questions", "reviews", "courses"},
///  "level": {"level", "floor", "next", "into", "to_next"} (next, to_next null at the top),
///  "streak": {"current", "longest", "today", "freezes_left", "frozen": [dates]},
///  "badges": [{"id", "name", "description", "image", "rule", "earned", "earned_at",
///              "earned_on", "progress": {"have", "need"} | null}],
///  "rewards": [{"id", "message", "when": {"level"} | {"badge"}, "due"}]}.
/// `courses` as ReadCourseOutlines reads them.
nlohmann::json GamificationView(const nlohmann::json& state, const GamificationConfig& config,
                                const nlohmann::json& courses, const Now& now);

/// What changed from one GamificationView to the next (the page's views around an action),
/// for the page to celebrate: {"xp": XP gained (0 when none or fewer), "level": the new
/// level when it rose, else null, "badges": [ids earned since, in declaration order],
/// "rewards": [ids due since (NewlyDueRewards)]}. A `before` that is not a view (null, a
/// damaged value) counts as level 1 with no XP and no badge: pass a view of the state as the
/// page found it (engage.js does) so that only what happened since is news.
nlohmann::json GamificationNews(const nlohmann::json& before, const nlohmann::json& after,
                                const GamificationConfig& config);

}  // namespace morsel::core
