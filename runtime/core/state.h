#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "runtime/core/grade.h"
#include "runtime/core/scenario.h"

namespace morsel::core {

/// The schema version of the learner state document this core writes. Older versions
/// are migrated on load (progress.h, MigrateState).
inline constexpr int kStateSchema = 2;

/// The time as the caller sees it: the core never reads a clock.
struct Now {
  int64_t epoch_ms = 0;
  std::string local_date;  // YYYY-MM-DD in the learner's calendar
  int utc_offset_min = 0;
};

/// How a lesson counts as completed: opened, every question answered, or every
/// question answered correctly.
enum class CompletionRule { kView, kAnswer, kPass };

/// Reads "view", "answer" or "pass"; false for anything else.
bool ParseCompletionRule(const std::string& text, CompletionRule* rule);

/// A quiz whose result the state keeps.
struct QuizRef {
  std::string id;
  bool assessment = false;
  /// Percent of the points needed to pass; 0 = every question right.
  int pass_mark = 0;
  /// Key and points of each question this learner is shown (after any draw).
  std::vector<std::pair<std::string, double>> points;
};

/// What the runtime knows about the lesson on screen.
struct LessonRef {
  std::string id;
  /// Keys ("block/question") of every question the lesson holds (after any draw).
  std::vector<std::string> questions;
  CompletionRule completion = CompletionRule::kPass;
  /// The answer fingerprint of each question on the page (key → fp), and the keys of its
  /// attestations: attempts under another fingerprint are stale.
  std::vector<std::pair<std::string, std::string>> fingerprints = {};
  std::vector<std::string> attestations = {};
  /// Quizzes whose results are kept (assessments, quizzes with a pass mark, pools). The
  /// questions of assessments and of quizzes with a pass mark count for completion only
  /// through the quiz's result.
  std::vector<QuizRef> quizzes = {};
};

/// One answer of an assessment submission, graded.
struct SubmittedAnswer {
  std::string key;
  nlohmann::json response;
  Grade grade;
  bool hint_used = false;
  std::string fingerprint;
};

/// Why a stored state could not be used as is.
/// kMigrated: read from an older schema and brought up to date (the caller saves it and
/// keeps the old text as a backup).
enum class LoadStatus { kOk, kNew, kCorrupt, kNewerSchema, kMigrated };

const char* LoadStatusName(LoadStatus status);

/// A fresh state for a learner.
nlohmann::json NewState(const std::string& learner_id, const Now& now);

/// Reads a stored state document. On anything but kOk, *state is a fresh state and the
/// caller keeps the stored text as a backup: the learner's only record is never dropped.
LoadStatus LoadState(const std::string* stored, const std::string& new_learner_id, const Now& now,
                     nlohmann::json* state, std::string* problem);

/// Checks the shape of a state document (schema version, learner, lessons, questions).
LoadStatus CheckState(const nlohmann::json& doc, std::string* problem);

/// Records a visit to a lesson; a lesson completes on its first visit when its rule is
/// `view` or it holds no questions. With `ask_again`, attempts recorded under another
/// answer fingerprint than the page's are marked stale ("stale": true). A stale
/// attestation no longer counts until confirmed again (its record gets "reconfirm"), and
/// a completed lesson that needs it reopens ("reopened_at"); other stale answers are asked
/// again by the page but still count, so the lesson stays completed.
void RecordVisit(nlohmann::json* state, const LessonRef& lesson, const Now& now, bool ask_again = true);

/// Adds `ms` of active time (capped per call) to the lesson and to the day's activity,
/// and records where the learner is (lesson and heading anchor) for "continue".
void RecordTime(nlohmann::json* state, const std::string& lesson_id, int64_t ms, const std::string& anchor,
                const Now& now);

/// Records a graded attempt and completes the lesson once its rule is met (every question
/// answered, or answered correctly). Returns the lesson's status afterwards.
std::string RecordAttempt(nlohmann::json* state, const LessonRef& lesson, const std::string& question_key,
                          const nlohmann::json& response, const Grade& grade, const Now& now, bool hint_used = false,
                          const std::string& fingerprint = "");

/// The parts of a question key, "<lesson id>:<block id>/<question id>" (a quiz's or review
/// item's key has the same form; a block's is "<lesson id>:<block id>"): the lesson (""
/// without a ':'), the block (all before the last '/', the whole key without one) and the
/// question (after the last '/', "" without one).
std::string KeyLesson(const std::string& key);
std::string KeyBlock(const std::string& key);
std::string KeyQuestion(const std::string& key);

/// Attempts recorded for a question key that still count: not stale, and those compacted
/// away ("dropped").
int LiveAttemptCount(const nlohmann::json& state, const std::string& key);

/// Records an assessment submission: every answer as an attempt at its question, and the
/// quiz's result {"score", "max_score", "percent", "passed", "at"} as an attempt at the
/// quiz (kept under state "quizzes" with the best and last results). Returns the
/// lesson's status afterwards; `*result` is the quiz's result.
std::string RecordSubmission(nlohmann::json* state, const LessonRef& lesson, const QuizRef& quiz,
                             const std::vector<SubmittedAnswer>& answers, const Now& now, nlohmann::json* result);

/// score / max_score of a stored result or attempt (1 when max_score is 0), or -1 when it
/// is not one: best results compare by this.
double ResultFraction(const nlohmann::json& result);

/// Attempts recorded at a whole quiz (assessment submissions).
int QuizAttemptCount(const nlohmann::json& state, const std::string& quiz_id);

/// A course's totals from the learner's best attempts: `course` is {"pass_mark",
/// "lessons": [{"id", "points": {question key: points}}]}. Returns {"completed", "total",
/// "score", "max", "percent", "passed", "modules"} (passed: every lesson completed and
/// percent at least the pass mark; null while not every lesson is completed). A lesson
/// may also list "quizzes": {quiz id: points}, counted by the quiz's best result (pools
/// and assessments, whose questions differ per learner), and a "module" id: "modules"
/// then holds the same totals per module, {id: {"completed", "total", "score", "max",
/// "percent"}}; "lessons" holds them per lesson that has points.
nlohmann::json CourseProgress(const nlohmann::json& state, const nlohmann::json& course);

/// Which of `course`'s lessons are locked for the learner, and by what: {"courses": [ids
/// of the courses it requires (`course["requires"]`) not yet completed], "lessons": {lesson
/// id: [ids of the lessons it requires (`lesson["requires"]`: the lesson before it in a
/// sequential module, its prerequisites) not yet completed]}}. A lesson is listed when
/// something it requires is missing (a required course counts for every lesson), unless
/// the learner has completed it already: a lock never takes back what was done.
nlohmann::json CourseLocks(const nlohmann::json& state, const nlohmann::json& course);

/// Records a finished course from its `progress` (CourseProgress): the first completion,
/// the first pass, the first fail for good (`failed`: the pass mark out of reach, never
/// after a pass) and the latest percent, under state "courses". Returns {"completed",
/// "passed", "failed"}, each true when this call recorded it (for the page's events); `*changed`
/// says whether the state changed at all (so the page saves only then).
nlohmann::json RecordCourse(nlohmann::json* state, const std::string& course_id, const nlohmann::json& progress,
                            const Now& now, bool* changed);

/// Records a step through a case study: the path in progress, or at an ending an attempt at
/// "<id>/scenario" (correct when the outcome is "good", score = the final score out of
/// kScenarioMaxScore) and no path in progress. Returns the lesson's status afterwards.
std::string RecordScenarioStep(nlohmann::json* state, const LessonRef& lesson, const std::string& scenario_id,
                               const nlohmann::json& path, const ScenarioStep& step, const Now& now);

/// The lesson's status: "not_started", "in_progress" or "completed".
std::string LessonStatus(const nlohmann::json& state, const std::string& lesson_id);

}  // namespace morsel::core
