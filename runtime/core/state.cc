#include "runtime/core/state.h"
#include "runtime/core/json_parse.h"
#include "runtime/core/number_text.h"

#include "runtime/core/json_read.h"
#include "runtime/core/progress.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace morsel::core {
namespace {

bool IsObjectMember(const nlohmann::json& doc, const char* key) {
  const auto it = doc.find(key);
  return it != doc.end() && it->is_object();
}

// Checks the shape the rest of the core relies on, so that a hand-edited or damaged
// state cannot make a later call misbehave.
bool WellFormed(const nlohmann::json& doc, std::string* problem) {
  const auto learner = doc.find("learner");
  if (learner == doc.end() || !learner->is_string() || learner->get<std::string>().empty()) {
    *problem = "no learner id";
    return false;
  }
  if (!IsObjectMember(doc, "lessons") || !IsObjectMember(doc, "questions")) {
    *problem = "missing lessons or questions";
    return false;
  }
  for (const auto& lesson : doc.at("lessons")) {
    if (!lesson.is_object() || !MemberOf(lesson, "status").is_string()) {
      *problem = "a lesson entry is malformed";
      return false;
    }
  }
  for (const auto& question : doc.at("questions")) {
    if (!question.is_object() || !question.contains("attempts") || !question.at("attempts").is_array()) {
      *problem = "a question entry is malformed";
      return false;
    }
  }
  return true;
}

nlohmann::json& LessonEntry(nlohmann::json* state, const std::string& id, const Now& now) {
  nlohmann::json& lessons = (*state)["lessons"];
  if (!lessons.contains(id)) {
    lessons[id] = {{"status", "in_progress"}, {"first_visit", now.epoch_ms}, {"last_visit", now.epoch_ms}};
  }
  return lessons[id];
}

void Complete(nlohmann::json& lesson, const Now& now) {
  if (MemberOf(lesson, "status") == "completed") return;
  lesson["status"] = "completed";
  lesson["completed_at"] = now.epoch_ms;
}

bool HasAttempt(const nlohmann::json& state, const std::string& key, bool must_be_correct) {
  const nlohmann::json& questions = state.at("questions");
  const auto it = questions.find(key);
  if (it == questions.end()) return false;
  // Stale answers still count (they were right when given), except for a statement that
  // must be confirmed again ("reconfirm", set by RecordVisit).
  const bool reconfirm = IsTrue(*it, "reconfirm");
  for (const auto& attempt : it->at("attempts")) {
    if (!attempt.is_object() || (reconfirm && IsTrue(attempt, "stale"))) continue;
    if (!must_be_correct) return true;
    const auto correct = attempt.find("correct");
    if (correct != attempt.end() && correct->is_boolean() && correct->get<bool>()) return true;
    // Reflections, polls and ratings have no right answer: answering them is enough.
    const auto graded = attempt.find("graded");
    if (graded != attempt.end() && graded->is_boolean() && !graded->get<bool>()) return true;
  }
  return false;
}

/// The best fraction (0–1) of a question's recorded attempts, and whether it has any.
double BestFraction(const nlohmann::json& questions, const std::string& key, bool* answered) {
  *answered = false;
  const auto record = questions.find(key);
  if (record == questions.end()) return 0;
  double best = 0;
  for (const nlohmann::json& attempt : record->at("attempts")) {
    if (!attempt.is_object()) continue;
    *answered = true;
    const auto s = attempt.find("score");
    const auto m = attempt.find("max_score");
    if (s == attempt.end() || !s->is_number() || m == attempt.end() || !m->is_number() || m->get<double>() <= 0) {
      continue;
    }
    best = std::max(best, std::min(1.0, s->get<double>() / m->get<double>()));
  }
  return best;
}

/// A quiz result from totals; `passed` against the pass mark (0 = everything right).
nlohmann::json QuizResult(double score, double max, int pass_mark, const Now& now) {
  const double percent = max > 0 ? 100 * score / max : 100;
  const double needed = pass_mark > 0 ? pass_mark : 100;
  return {{"score", score},
          {"max_score", max},
          {"percent", percent},
          {"passed", percent + 1e-9 >= needed},
          {"at", now.epoch_ms}};
}

/// The state's record of a quiz, repaired if damaged: results are a convenience derived
/// from the question attempts, so a bad entry is replaced rather than trusted.
nlohmann::json& QuizEntry(nlohmann::json* state, const std::string& id) {
  nlohmann::json& quizzes = (*state)["quizzes"];
  if (!quizzes.is_object()) quizzes = nlohmann::json::object();
  nlohmann::json& entry = quizzes[id];
  if (!entry.is_object()) entry = nlohmann::json::object();
  return entry;
}

void KeepResult(nlohmann::json* state, const std::string& id, const nlohmann::json& result) {
  nlohmann::json& entry = QuizEntry(state, id);
  entry["last"] = result;
  if (ResultFraction(result) > ResultFraction(MemberOf(entry, "best")) ||
      (IsTrue(result, "passed") && !IsTrue(MemberOf(entry, "best"), "passed"))) {
    entry["best"] = result;
  }
}

const nlohmann::json* QuizRecord(const nlohmann::json& state, const std::string& id) {
  const auto quizzes = state.find("quizzes");
  if (quizzes == state.end() || !quizzes->is_object()) return nullptr;
  const auto entry = quizzes->find(id);
  return entry == quizzes->end() || !entry->is_object() ? nullptr : &*entry;
}

/// Whether the quiz's result meets the lesson's rule: submitted (assessment) or every
/// question answered, for `answer`; passed, for `pass`.
bool QuizRuleMet(const nlohmann::json& state, const QuizRef& quiz, CompletionRule rule) {
  const nlohmann::json* record = QuizRecord(state, quiz.id);
  if (quiz.assessment) {
    if (record == nullptr) return false;
    if (rule != CompletionRule::kPass) return record->contains("best");
    return IsTrue(MemberOf(*record, "best"), "passed");
  }
  for (const auto& [key, points] : quiz.points) {
    if (!HasAttempt(state, key, false)) return false;
  }
  if (rule != CompletionRule::kPass) return true;
  return record != nullptr && IsTrue(MemberOf(*record, "best"), "passed");
}

bool HasAllAttestations(const nlohmann::json& state, const LessonRef& lesson) {
  return std::all_of(lesson.attestations.begin(), lesson.attestations.end(),
                     [&](const std::string& key) { return HasAttempt(state, key, true); });
}

bool JudgedWhole(const QuizRef& quiz) { return quiz.assessment || quiz.pass_mark > 0; }

/// Completes the lesson once its rule is met; returns its status.
std::string CheckCompletion(nlohmann::json* state, const LessonRef& lesson, const Now& now) {
  nlohmann::json& entry = LessonEntry(state, lesson.id, now);
  entry["last_visit"] = now.epoch_ms;
  const bool pass = lesson.completion == CompletionRule::kPass;
  bool met = true;
  for (const QuizRef& quiz : lesson.quizzes) {
    if (JudgedWhole(quiz) && !QuizRuleMet(*state, quiz, lesson.completion)) met = false;
  }
  for (const std::string& key : lesson.questions) {
    const bool whole = std::any_of(lesson.quizzes.begin(), lesson.quizzes.end(), [&](const QuizRef& q) {
      return JudgedWhole(q) && key.compare(0, q.id.size() + 1, q.id + "/") == 0;
    });
    if (!whole && !HasAttempt(*state, key, pass)) met = false;
  }
  if (met) Complete(entry, now);
  return StringOr(entry, "status", "in_progress");
}

/// Today's entry of the activity log (for the dashboard's chart).
nlohmann::json& Today(nlohmann::json* state, const Now& now) {
  nlohmann::json& activity = (*state)["activity"];
  if (!activity.is_object()) activity = nlohmann::json::object();
  nlohmann::json& day = activity[now.local_date.empty() ? "unknown" : now.local_date];
  if (!day.is_object()) day = nlohmann::json::object();
  return day;
}

void Add(nlohmann::json& object, const char* key, int64_t amount) {
  const auto it = object.find(key);
  const int64_t before = it != object.end() && it->is_number_integer() ? it->get<int64_t>() : 0;
  object[key] = before + amount;
}

void PushAttempt(nlohmann::json* state, const std::string& key, const nlohmann::json& response, const Grade& grade,
                 const Now& now, bool hint_used, const std::string& fingerprint) {
  Add(Today(state, now), "answers", 1);
  (*state)["updated"] = now.epoch_ms;
  nlohmann::json& question = (*state)["questions"][key];
  if (!question.is_object()) question = {{"attempts", nlohmann::json::array()}};
  nlohmann::json attempt = {{"response", response},
                            {"correct", grade.correct},
                            {"score", grade.score},
                            {"max_score", grade.max_score},
                            {"at", now.epoch_ms}};
  if (!grade.graded) attempt["graded"] = false;
  if (hint_used) attempt["hint_used"] = true;
  if (!fingerprint.empty()) attempt["fp"] = fingerprint;
  question["attempts"].push_back(std::move(attempt));
  if (grade.correct) question.erase("reconfirm");
}

}  // namespace

double ResultFraction(const nlohmann::json& result) {
  if (!result.is_object()) return -1;
  const auto s = result.find("score");
  const auto m = result.find("max_score");
  if (s == result.end() || m == result.end() || !s->is_number() || !m->is_number()) return -1;
  return m->get<double>() > 0 ? s->get<double>() / m->get<double>() : 1;
}

bool ParseCompletionRule(const std::string& text, CompletionRule* rule) {
  if (text == "view") {
    *rule = CompletionRule::kView;
  } else if (text == "answer") {
    *rule = CompletionRule::kAnswer;
  } else if (text == "pass") {
    *rule = CompletionRule::kPass;
  } else {
    return false;
  }
  return true;
}

const char* LoadStatusName(LoadStatus status) {
  switch (status) {
    case LoadStatus::kOk:
      return "ok";
    case LoadStatus::kNew:
      return "new";
    case LoadStatus::kCorrupt:
      return "corrupt";
    case LoadStatus::kNewerSchema:
      return "newer-schema";
    case LoadStatus::kMigrated:
      return "migrated";
  }
  return "corrupt";
}

nlohmann::json NewState(const std::string& learner_id, const Now& now) {
  return {{"schema", kStateSchema},
          {"learner", learner_id},
          {"created", now.epoch_ms},
          {"updated", now.epoch_ms},
          {"lessons", nlohmann::json::object()},
          {"questions", nlohmann::json::object()},
          {"activity", nlohmann::json::object()}};
}

LoadStatus CheckState(const nlohmann::json& doc, std::string* problem) {
  if (!doc.is_object()) {
    *problem = "stored progress is not a JSON object";
    return LoadStatus::kCorrupt;
  }
  const auto schema = doc.find("schema");
  if (schema == doc.end() || !schema->is_number_integer()) {
    *problem = "stored progress has no schema version";
    return LoadStatus::kCorrupt;
  }
  if (schema->get<int64_t>() > kStateSchema) {
    *problem = "stored progress was written by a newer version (schema " + NumberText(schema->get<int64_t>()) + ")";
    return LoadStatus::kNewerSchema;
  }
  if (schema->get<int64_t>() < 1 || !WellFormed(doc, problem)) {
    if (problem->empty()) *problem = "unknown schema version";
    return LoadStatus::kCorrupt;
  }
  return LoadStatus::kOk;
}

LoadStatus LoadState(const std::string* stored, const std::string& new_learner_id, const Now& now,
                     nlohmann::json* state, std::string* problem) {
  *state = NewState(new_learner_id, now);
  if (stored == nullptr) return LoadStatus::kNew;
  nlohmann::json doc = ParseJson(*stored);
  if (doc.is_discarded()) {
    *problem = "stored progress is not a JSON object";
    return LoadStatus::kCorrupt;
  }
  LoadStatus status = CheckState(doc, problem);
  if (status != LoadStatus::kOk) return status;
  if (MigrateState(&doc) < kStateSchema) status = LoadStatus::kMigrated;
  *state = std::move(doc);
  return status;
}

void RecordVisit(nlohmann::json* state, const LessonRef& lesson, const Now& now, bool ask_again) {
  (*state)["updated"] = now.epoch_ms;
  bool attestation_stale = false;
  nlohmann::json& questions = (*state)["questions"];
  for (const auto& [key, fingerprint] : lesson.fingerprints) {
    const auto record = questions.find(key);
    if (!ask_again || fingerprint.empty() || record == questions.end()) continue;
    for (nlohmann::json& attempt : record->at("attempts")) {
      if (!attempt.is_object() || IsTrue(attempt, "stale")) continue;
      const auto fp = attempt.find("fp");
      // Attempts from before fingerprints were recorded cannot be judged: they stand.
      if (fp == attempt.end() || !fp->is_string() || *fp == fingerprint) continue;
      attempt["stale"] = true;
      if (std::find(lesson.attestations.begin(), lesson.attestations.end(), key) != lesson.attestations.end()) {
        attestation_stale = true;
        (*record)["reconfirm"] = true;
      }
    }
  }
  nlohmann::json& entry = LessonEntry(state, lesson.id, now);
  entry["last_visit"] = now.epoch_ms;
  if (attestation_stale && MemberOf(entry, "status") == "completed" && !HasAllAttestations(*state, lesson)) {
    // A changed policy must be confirmed again: the lesson (and so its course) reopens.
    entry["status"] = "in_progress";
    entry["reopened_at"] = now.epoch_ms;
  }
  if (lesson.questions.empty() || lesson.completion == CompletionRule::kView) Complete(entry, now);
}

void RecordTime(nlohmann::json* state, const std::string& lesson_id, int64_t ms, const std::string& anchor,
                const Now& now) {
  // One call covers at most a few minutes of activity: a larger value is a bad clock.
  constexpr int64_t kMaxSpan = 5 * 60 * 1000;
  ms = std::clamp<int64_t>(ms, 0, kMaxSpan);
  nlohmann::json& entry = LessonEntry(state, lesson_id, now);
  Add(entry, "time_ms", ms);
  Add(Today(state, now), "ms", ms);
  (*state)["resume"] = {{"lesson", lesson_id}, {"anchor", anchor}, {"at", now.epoch_ms}};
  (*state)["updated"] = now.epoch_ms;
}

int LiveAttemptCount(const nlohmann::json& state, const std::string& key) {
  const nlohmann::json& questions = state.at("questions");
  const auto it = questions.find(key);
  if (it == questions.end()) return 0;
  // Attempts compacted away ("dropped": CompactState, an LMS's suspend_data) still count:
  // an attempt limit must hold after a resume.
  int64_t count = std::clamp<int64_t>(IntOr(*it, "dropped", 0), 0, 1 << 20);
  for (const nlohmann::json& attempt : it->at("attempts")) {
    if (attempt.is_object() && !IsTrue(attempt, "stale")) ++count;
  }
  return static_cast<int>(count);
}

std::string RecordAttempt(nlohmann::json* state, const LessonRef& lesson, const std::string& question_key,
                          const nlohmann::json& response, const Grade& grade, const Now& now, bool hint_used,
                          const std::string& fingerprint) {
  PushAttempt(state, question_key, response, grade, now, hint_used, fingerprint);
  // A check-mode quiz with a result kept: its totals over the questions shown so far.
  for (const QuizRef& quiz : lesson.quizzes) {
    if (quiz.assessment || question_key.compare(0, quiz.id.size() + 1, quiz.id + "/") != 0) continue;
    double score = 0, max = 0;
    const nlohmann::json& questions = state->at("questions");
    for (const auto& [key, points] : quiz.points) {
      bool answered = false;
      score += BestFraction(questions, key, &answered) * points;
      max += points;
    }
    KeepResult(state, quiz.id, QuizResult(score, max, quiz.pass_mark, now));
  }
  return CheckCompletion(state, lesson, now);
}

std::string RecordSubmission(nlohmann::json* state, const LessonRef& lesson, const QuizRef& quiz,
                             const std::vector<SubmittedAnswer>& answers, const Now& now, nlohmann::json* result) {
  double score = 0, max = 0;
  for (const SubmittedAnswer& answer : answers) {
    PushAttempt(state, answer.key, answer.response, answer.grade, now, answer.hint_used, answer.fingerprint);
    if (!answer.grade.graded) continue;
    score += answer.grade.score;
    max += answer.grade.max_score;
  }
  *result = QuizResult(score, max, quiz.pass_mark, now);
  nlohmann::json& entry = QuizEntry(state, quiz.id);
  if (!entry["attempts"].is_array()) entry["attempts"] = nlohmann::json::array();
  entry["attempts"].push_back(*result);
  KeepResult(state, quiz.id, *result);
  return CheckCompletion(state, lesson, now);
}

int QuizAttemptCount(const nlohmann::json& state, const std::string& quiz_id) {
  const nlohmann::json* record = QuizRecord(state, quiz_id);
  if (record == nullptr) return 0;
  const auto attempts = record->find("attempts");
  const auto dropped = record->find("dropped");  // compacted away (progress.h)
  return (attempts != record->end() && attempts->is_array() ? static_cast<int>(attempts->size()) : 0) +
         (dropped != record->end() && dropped->is_number_integer() ? dropped->get<int>() : 0);
}

nlohmann::json CourseProgress(const nlohmann::json& state, const nlohmann::json& course) {
  struct Totals {
    int completed = 0, total = 0;
    double score = 0, max = 0;
    double answered_max = 0;  // the points of what has been answered (unanswered scores 0)
    nlohmann::json Json() const {
      nlohmann::json out = {{"completed", completed},
                            {"total", total},
                            {"score", score},
                            {"max", max},
                            {"percent", max > 0 ? 100 * score / max : 0},
                            {"answered_max", answered_max}};
      // The score a page shows (a message key and its percent): of everything once all is
      // completed; until then of what was answered, "so far", since `percent` of everything
      // reads as failing while most is still to do; none before the first answer.
      // The percent is rounded half up, as the page shows it.
      nlohmann::json& shown = out["shown"];
      if (max > 0 && total > 0 && completed == total) {
        shown["key"] = "score";
        shown["percent"] = std::floor(100 * score / max + 0.5);
      } else if (answered_max > 0) {
        shown["key"] = "score_so_far";
        shown["percent"] = std::floor(100 * score / answered_max + 0.5);
      }
      return out;
    }
  };
  Totals all;
  std::map<std::string, Totals> modules;
  nlohmann::json by_lesson = nlohmann::json::object();
  const nlohmann::json& questions = state.at("questions");
  // The most the learner can still reach: what has no attempts left keeps its best, the
  // rest could still be answered right. A lesson completed only by a pass it can no longer
  // get can never complete (`blocked`).
  double reachable = 0;
  bool blocked = false;
  for (const nlohmann::json& lesson : course.at("lessons")) {
    Totals here;
    ++here.total;
    const bool done = LessonStatus(state, lesson.at("id").get<std::string>()) == "completed";
    if (done) ++here.completed;
    const bool needs_pass = StringOr(lesson, "completion", "pass") == "pass";
    const nlohmann::json& limits = MemberOf(lesson, "limits");
    // Whether `key` has a limit of attempts and `used` reaches it.
    auto spent = [&](const std::string& key, int used) {
      const int64_t limit = IntOr(limits, key.c_str(), 0);
      return limit > 0 && used >= limit;
    };
    auto count = [&](double fraction, double points, bool exhausted, bool right, bool answered) {
      here.score += fraction * points;
      here.max += points;
      if (answered) here.answered_max += points;
      reachable += exhausted ? fraction * points : points;
      if (exhausted && !right && needs_pass && !done) blocked = true;
    };
    for (auto it = lesson.at("points").begin(); it != lesson.at("points").end(); ++it) {
      const double points = it.value().get<double>();
      if (points <= 0) continue;
      bool answered = false;
      // Stored scores are in the question's own points; rescaled in case points changed.
      const double best = BestFraction(questions, it.key(), &answered);
      count(best, points, spent(it.key(), LiveAttemptCount(state, it.key())), best >= 1 - 1e-9, answered);
    }
    const auto quizzes = lesson.find("quizzes");
    if (quizzes != lesson.end()) {
      for (auto it = quizzes->begin(); it != quizzes->end(); ++it) {
        const double points = it.value().get<double>();
        if (points <= 0) continue;
        const nlohmann::json* record = QuizRecord(state, it.key());
        static const nlohmann::json kNone;
        const nlohmann::json& best_result = MemberOf(record == nullptr ? kNone : *record, "best");
        const double best = std::clamp(record == nullptr ? 0 : ResultFraction(best_result), 0.0, 1.0);
        count(best, points, spent(it.key(), QuizAttemptCount(state, it.key())), IsTrue(best_result, "passed"),
              best_result.is_object());
      }
    }
    if (here.max > 0) by_lesson[lesson.at("id").get<std::string>()] = here.Json();
    for (Totals* t : {&all, lesson.contains("module") ? &modules[lesson.at("module").get<std::string>()] : nullptr}) {
      if (t == nullptr) continue;
      t->completed += here.completed;
      t->total += here.total;
      t->score += here.score;
      t->max += here.max;
      t->answered_max += here.answered_max;
    }
  }
  nlohmann::json out = all.Json();
  const double pass_mark = NumberOr(course, "pass_mark", 0.0);
  out["passed"] = nullptr;
  if (all.total > 0 && all.completed == all.total) {
    out["passed"] = out["percent"].get<double>() + 1e-9 >= pass_mark;
  }
  // Failed for good: not passed, and passing is out of reach.
  out["failed"] = out["passed"] != true && (blocked || (all.max > 0 && 100 * reachable / all.max + 1e-9 < pass_mark));
  // What the page says of the pass beside the score (a message key, with the mark): passed,
  // not passed (every lesson completed, below the mark), or the mark while a score shows.
  nlohmann::json& verdict = out["verdict"];
  if (out["passed"] == false) {
    verdict["key"] = "course_not_passed";
  } else if (pass_mark > 0 && out["passed"] == true) {
    verdict["key"] = "course_passed";
  } else if (pass_mark > 0 && !out["shown"].is_null()) {
    verdict["key"] = "course_pass_mark";
  }
  if (!verdict.is_null()) verdict["mark"] = pass_mark;
  nlohmann::json by_module = nlohmann::json::object();
  for (const auto& [id, totals] : modules) by_module[id] = totals.Json();
  out["modules"] = std::move(by_module);
  out["lessons"] = std::move(by_lesson);
  return out;
}

nlohmann::json CourseLocks(const nlohmann::json& state, const nlohmann::json& course) {
  nlohmann::json out;
  nlohmann::json& courses = out["courses"] = nlohmann::json::array();
  nlohmann::json& lessons = out["lessons"] = nlohmann::json::object();
  const nlohmann::json& records = ObjectOf(state, "courses");
  const nlohmann::json& required_courses = MemberOf(course, "requires");
  if (required_courses.is_array()) {
    for (const nlohmann::json& id : required_courses) {
      if (id.is_string() &&
          !MemberOf(MemberOf(records, id.get_ref<const std::string&>().c_str()), "completed_at").is_number()) {
        courses.push_back(id);
      }
    }
  }
  for (const nlohmann::json& lesson : course.at("lessons")) {
    const std::string id = StringOr(lesson, "id", "");
    if (id.empty() || LessonStatus(state, id) == "completed") continue;
    nlohmann::json missing = nlohmann::json::array();
    const nlohmann::json& required = MemberOf(lesson, "requires");
    if (required.is_array()) {
      for (const nlohmann::json& other : required) {
        if (other.is_string() && LessonStatus(state, other.get_ref<const std::string&>()) != "completed") {
          missing.push_back(other);
        }
      }
    }
    if (!missing.empty() || !courses.empty()) lessons[id] = std::move(missing);
  }
  return out;
}

std::string LessonStatus(const nlohmann::json& state, const std::string& lesson_id) {
  const auto lessons = state.find("lessons");
  if (lessons == state.end() || !lessons->is_object()) return "not_started";
  const auto it = lessons->find(lesson_id);
  if (it == lessons->end() || !it->is_object()) return "not_started";
  return StringOr(*it, "status", "not_started");
}

nlohmann::json RecordCourse(nlohmann::json* state, const std::string& course_id, const nlohmann::json& progress,
                            const Now& now, bool* changed) {
  nlohmann::json& courses = (*state)["courses"];
  if (!courses.is_object()) courses = nlohmann::json::object();
  nlohmann::json& entry = courses[course_id];
  if (!entry.is_object()) entry = nlohmann::json::object();
  nlohmann::json newly = {{"completed", false}, {"passed", false}, {"failed", false}};
  const nlohmann::json& passed = MemberOf(progress, "passed");
  // passed is true or false once every lesson is completed, null before.
  if (passed.is_boolean()) {
    if (!entry.contains("completed_at")) {
      entry["completed_at"] = now.epoch_ms;
      newly["completed"] = true;
    }
    if (passed == true && !entry.contains("passed_at")) {
      entry["passed_at"] = now.epoch_ms;
      // The learner's day of the pass: a certificate's date, and when it is due again.
      if (!now.local_date.empty()) entry["passed_on"] = now.local_date;
      newly["passed"] = true;
    }
  }
  // Failed for good (the pass mark out of reach), said once, and never after a pass.
  if (IsTrue(progress, "failed") && !entry.contains("failed_at") && !entry.contains("passed_at")) {
    entry["failed_at"] = now.epoch_ms;
    newly["failed"] = true;
  }
  const nlohmann::json& percent = MemberOf(progress, "percent");
  *changed = newly["completed"] == true || newly["passed"] == true || newly["failed"] == true ||
             MemberOf(entry, "percent") != percent;
  entry["percent"] = percent;
  return newly;
}

std::string RecordScenarioStep(nlohmann::json* state, const LessonRef& lesson, const std::string& scenario_id,
                               const nlohmann::json& path, const ScenarioStep& step, const Now& now) {
  nlohmann::json& scenarios = (*state)["scenarios"];
  // Paths in progress are a convenience: a damaged entry is replaced, never trusted.
  if (!scenarios.is_object()) scenarios = nlohmann::json::object();
  if (!step.ended) {
    scenarios[scenario_id] = {{"path", path}};
    return LessonStatus(*state, lesson.id);
  }
  scenarios.erase(scenario_id);
  Grade grade;
  grade.correct = step.outcome == "good";
  grade.score = static_cast<double>(step.score) / kScenarioMaxScore;
  grade.max_score = 1;
  grade.feedback = step.feedback;
  return RecordAttempt(state, lesson, scenario_id + "/scenario", nlohmann::json{{"path", path}}, grade, now);
}

std::string KeyLesson(const std::string& key) {
  const size_t colon = key.find(':');
  return colon == std::string::npos ? std::string() : key.substr(0, colon);
}

std::string KeyBlock(const std::string& key) { return key.substr(0, key.rfind('/')); }

std::string KeyQuestion(const std::string& key) {
  const size_t slash = key.rfind('/');
  return slash == std::string::npos ? std::string() : key.substr(slash + 1);
}

}  // namespace morsel::core
