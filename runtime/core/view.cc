#include "runtime/core/view.h"

#include <algorithm>

#include "runtime/core/calendar.h"
#include "runtime/core/json_read.h"
#include "runtime/core/number_text.h"
#include "runtime/core/quiz_runtime.h"

namespace morsel::core {
namespace {

using nlohmann::json;

/// The last attempt recorded at a question, or nullptr.
const json* LastAttempt(const json& state, const std::string& key) {
  const json& record = ObjectOf(ObjectOf(state, "questions"), key.c_str());
  const auto attempts = record.find("attempts");
  if (attempts == record.end() || !attempts->is_array() || attempts->empty()) return nullptr;
  return attempts->back().is_object() ? &attempts->back() : nullptr;
}

/// The stored response of `attempt` graded again (with what may be revealed), or null when
/// the page's question no longer takes it.
json Regraded(const Question& question, const json& attempt, ShowAnswers policy, int left, bool passed_attempt,
              bool assessment) {
  const auto response = attempt.find("response");
  if (response == attempt.end() || !response->is_object()) return nullptr;
  Grade grade;
  std::string error;
  if (!GradeQuestion(question, *response, IsTrue(attempt, "hint_used"), &grade, &error)) return nullptr;
  json result = GradeJson(grade);
  const bool passed = assessment ? passed_attempt : grade.graded && grade.correct;
  if (MayReveal(policy, left, passed)) result["reveal"] = RevealOf(question);
  return result;
}

/// A question with nothing to restore.
json EmptyItem() {
  json item;
  item["response"] = nullptr;
  item["result"] = nullptr;
  item["locked"] = false;
  return item;
}

/// "1 attempt left" and the like, after a result that is not right.
json AttemptsNote(int left) {
  json note;
  if (left < 0) return note;
  note["key"] = left == 0 ? "no_attempts_left" : left == 1 ? "attempt_left" : "attempts_left";
  note["n"] = left;
  return note;
}

/// One check-mode question: the latest answer and its result, or why it is asked again.
json CheckItem(const json& state, const Quiz& quiz, const Question& question) {
  const std::string key = quiz.id + "/" + question.id;
  const int used = LiveAttemptCount(state, key);
  const int left = quiz.attempts > 0 ? std::max(quiz.attempts - used, 0) : -1;
  json item = EmptyItem();
  item["note"] = nullptr;
  item["message"] = nullptr;
  item["attempts_left"] = left;
  const json* last = LastAttempt(state, key);
  if (last != nullptr && IsTrue(*last, "stale")) {
    // The answer changed since (marked by the core on this visit): ask again.
    item["message"] = question.type == QuestionType::kAttestation ? "statement_changed" : "answer_changed";
    last = nullptr;
  } else if (last != nullptr) {
    item["result"] = Regraded(question, *last, quiz.show_answers, left, false, false);
    if (item["result"].is_object()) item["response"] = last->at("response");
    if (item["result"].is_object() && item["result"]["graded"] == true && item["result"]["correct"] != true) {
      item["note"] = AttemptsNote(left);
    }
  }
  item["locked"] = quiz.attempts > 0 && used >= quiz.attempts && !(last != nullptr && IsTrue(*last, "correct"));
  return item;
}

}  // namespace

std::string PlanSeed(const std::string& learner, const std::string& quiz_id, int64_t attempt) {
  return learner + "/" + quiz_id + "/" + NumberText(attempt);
}

json PlanView(const Quiz& quiz, const std::string& learner, int64_t attempt) {
  const std::string seed = PlanSeed(learner, quiz.id, attempt);
  json questions = json::array();
  json options = json::object();
  for (int index : PlanQuestions(quiz, seed)) {
    const Question& q = quiz.questions[static_cast<size_t>(index)];
    questions.push_back(q.id);
    const bool choice =
        q.type == QuestionType::kSingle || q.type == QuestionType::kMultiple || q.type == QuestionType::kPoll;
    if (quiz.shuffle_options && choice) {
      options[q.id] = Permutation("options:" + seed + "/" + q.id, static_cast<int>(q.options.size()));
    }
  }
  json plan;
  plan["questions"] = std::move(questions);
  plan["options"] = std::move(options);
  return plan;
}

json GradeJson(const Grade& grade) {
  json out;
  out["graded"] = grade.graded;
  out["correct"] = grade.correct;
  out["score"] = grade.score;
  out["max_score"] = grade.max_score;
  out["feedback"] = grade.feedback;
  out["parts"] = grade.parts;
  return out;
}

json RevealOf(const Question& question) {
  json correct = json::array();
  for (size_t i = 0; i < question.options.size(); ++i) {
    if (question.options[i].correct && question.Graded()) correct.push_back(i);
  }
  json out;
  out["correct_options"] = std::move(correct);
  out["explanation"] = question.explanation;
  return out;
}

bool MayReveal(ShowAnswers policy, int left, bool passed) {
  if (policy == ShowAnswers::kNever) return false;
  if (policy == ShowAnswers::kAlways) return true;
  if (passed) return true;
  return policy == ShowAnswers::kAfterLastAttempt && left == 0;
}

json QuizView(const json& state, const Quiz& quiz, bool fresh_attempt) {
  const bool assessment = quiz.mode == QuizMode::kAssessment;
  // An assessment's attempts are numbered from the submissions so far, compacted ones
  // included: the same number seeds the draw shown here and the one `submit` grades.
  const int count = assessment ? QuizAttemptCount(state, quiz.id) : 0;
  const int left = assessment && quiz.attempts > 0 ? std::max(quiz.attempts - count, 0) : -1;
  const bool submitted = assessment && count > 0 && (!fresh_attempt || left == 0);
  const int attempt = submitted ? count - 1 : count;
  const json& learner = MemberOf(state, "learner");
  // The view starts as the draw: {"questions", "options"}.
  json view = PlanView(quiz, learner.is_string() ? learner.get<std::string>() : "", attempt);
  const json& record = ObjectOf(ObjectOf(state, "quizzes"), quiz.id.c_str());
  const json& last = ObjectOf(record, "last");
  const bool passed = IsTrue(last, "passed");

  json items = json::object();
  for (const json& id : view.at("questions")) {
    const Question& q = *FindQuestion(quiz, id.get<std::string>());
    if (!assessment) {
      items[q.id] = CheckItem(state, quiz, q);
      continue;
    }
    json item = EmptyItem();
    item["locked"] = submitted;
    const json* answer = submitted ? LastAttempt(state, quiz.id + "/" + q.id) : nullptr;
    if (answer != nullptr) {
      item["result"] = Regraded(q, *answer, quiz.show_answers, left, passed, true);
      if (item["result"].is_object()) item["response"] = answer->at("response");
    }
    items[q.id] = std::move(item);
  }
  view["id"] = quiz.id;
  view["mode"] = QuizModeName(quiz.mode);
  view["items"] = std::move(items);
  if (assessment) {
    view["attempt"] = attempt;
    view["submitted"] = submitted;
    // A pass is final: "Try again" after it would read as a failure (the best result is kept
    // either way).
    view["can_retry"] = submitted && left != 0 && !passed;
    view["summary"] = nullptr;
    if (submitted) {
      json& summary = view["summary"];
      summary["attempt"] = count;
      for (const char* key : {"score", "max_score", "percent"})
        summary[key] = MemberOf(last, key).is_number() ? MemberOf(last, key) : json(0);
      summary["passed"] = passed;
      summary["pass_mark"] = quiz.pass_mark;
      summary["attempts_left"] = left;
      summary["note"] = AttemptsNote(left);
    }
  }
  return view;
}

void KeepShownQuestions(json* lesson, const Quiz& quiz, const json& view) {
  const json& shown = view.at("questions");
  auto hidden = [&](const std::string& key) {
    if (key.compare(0, quiz.id.size() + 1, quiz.id + "/") != 0) return false;
    return std::find(shown.begin(), shown.end(), json(key.substr(quiz.id.size() + 1))) == shown.end();
  };
  json& questions = (*lesson)["questions"];
  if (questions.is_array()) {
    json kept = json::array();
    for (const json& key : questions) {
      if (!key.is_string() || !hidden(key.get<std::string>())) kept.push_back(key);
    }
    questions = std::move(kept);
  }
  const auto quizzes = lesson->find("quizzes");
  if (quizzes == lesson->end() || !quizzes->is_array()) return;
  for (json& ref : *quizzes) {
    if (!ref.is_object() || MemberOf(ref, "id") != quiz.id || !MemberOf(ref, "points").is_object()) continue;
    json& points = ref["points"];
    for (auto it = points.begin(); it != points.end();) it = hidden(it.key()) ? points.erase(it) : std::next(it);
  }
}

json StepJson(const ScenarioStep& step) {
  json out;
  out["node"] = step.node;
  out["choice"] = step.choice;
  out["feedback"] = step.feedback;
  out["choices_made"] = step.choices_made;
  out["ended"] = step.ended;
  out["outcome"] = step.outcome;
  out["score"] = step.score;
  return out;
}

namespace {

/// {"path", "step"}: where a case study stands.
json PathView(json path, const ScenarioStep& step) {
  json out;
  out["path"] = std::move(path);
  out["step"] = StepJson(step);
  return out;
}

}  // namespace

json ScenarioView(const json& state, const Scenario& scenario) {
  ScenarioStep step;
  std::string error;
  // A path in progress is a convenience: one that no longer fits the case study restarts it.
  const json& saved = ObjectOf(ObjectOf(state, "scenarios"), scenario.id.c_str());
  const auto path = saved.find("path");
  if (path != saved.end() && ScenarioReplay(scenario, *path, &step, &error)) {
    return PathView(*path, step);
  }
  json fresh;
  if (!ScenarioStart(scenario, &fresh, &step, &error)) return nullptr;
  return PathView(std::move(fresh), step);
}

json StatusView(const json& state, const std::vector<std::string>& lesson_ids) {
  json lessons = json::object();
  for (const std::string& id : lesson_ids) lessons[id] = LessonStatus(state, id);
  const json& resume = ObjectOf(state, "resume");
  json where = nullptr;
  if (MemberOf(resume, "lesson").is_string()) {
    const std::string lesson = resume["lesson"].get<std::string>();
    where["lesson"] = lesson;
    where["anchor"] = MemberOf(resume, "anchor").is_string() ? MemberOf(resume, "anchor") : json("");
    where["status"] = LessonStatus(state, lesson);
  }
  json out;
  out["lessons"] = std::move(lessons);
  out["resume"] = std::move(where);
  return out;
}

namespace {

/// My learning's facts about one course ({"id", "lessons": [ids]}).
json CourseFacts(const json& state, const std::vector<std::string>& ids, const json& record) {
  const json& lessons = ObjectOf(state, "lessons");
  const json& resume = ObjectOf(state, "resume");
  int done = 0;
  bool started = false;
  int64_t time_ms = 0, last = 0;
  std::string next;
  for (const std::string& lesson : ids) {
    const std::string status = LessonStatus(state, lesson);
    done += status == "completed";
    started = started || status != "not_started";
    if (next.empty() && status != "completed") next = lesson;
    const json& entry = ObjectOf(lessons, lesson.c_str());
    time_ms += IntOr(entry, "time_ms", 0);
    last = std::max(last, IntOr(entry, "last_visit", 0));
  }
  // Where the learner left off, when it is in this course and not completed.
  json anchor = "";
  const json& where = MemberOf(resume, "lesson");
  if (where.is_string() && std::find(ids.begin(), ids.end(), where.get<std::string>()) != ids.end() &&
      LessonStatus(state, where.get<std::string>()) != "completed") {
    next = where.get<std::string>();
    anchor = MemberOf(resume, "anchor").is_string() ? MemberOf(resume, "anchor") : json("");
    started = true;
  }
  json facts;
  facts["done"] = done;
  facts["total"] = ids.size();
  facts["started"] = started || done > 0;
  facts["time_ms"] = time_ms;
  facts["last_activity"] = last;
  facts["next"] = next.empty() ? json(nullptr) : json(next);
  facts["anchor"] = std::move(anchor);
  facts["completed_at"] = record.contains("completed_at") ? record["completed_at"] : json(last);
  return facts;
}

/// The last `days` days of activity ending on `now`'s local date, and their totals.
void Activity(const json& state, const Now& now, int days, json* view) {
  json activity = json::array();
  int64_t today = 0;
  if (!ParseDate(now.local_date, &today)) today = now.epoch_ms / 86400000;
  const json& log = ObjectOf(state, "activity");
  int64_t total_minutes = 0, total_answers = 0, active_days = 0;
  for (int64_t day = today - days + 1; day <= today; ++day) {
    const std::string date = DateText(day);
    const json& entry = ObjectOf(log, date.c_str());
    const int64_t minutes = (IntOr(entry, "ms", 0) + 30000) / 60000;
    const int64_t answers = IntOr(entry, "answers", 0);
    json& day_view = activity.emplace_back();
    day_view["date"] = date;
    day_view["minutes"] = minutes;
    day_view["answers"] = answers;
    total_minutes += minutes;
    total_answers += answers;
    active_days += minutes > 0 || answers > 0;
  }
  (*view)["activity"] = std::move(activity);
  json& totals = (*view)["totals"];
  totals["minutes"] = total_minutes;
  totals["answers"] = total_answers;
  totals["days"] = active_days;
}

}  // namespace

json SiteView(const json& state, const json& courses, const Now& now, int days) {
  const json& records = ObjectOf(state, "courses");
  json view;
  json& out = view["courses"] = json::object();
  for (const json& course : courses) {
    if (!MemberOf(course, "id").is_string()) continue;
    const std::string id = course["id"].get<std::string>();
    std::vector<std::string> ids;
    const json& lessons = MemberOf(course, "lessons");
    if (lessons.is_array()) {
      for (const json& lesson : lessons) {
        if (lesson.is_string()) ids.push_back(lesson.get<std::string>());
      }
    }
    out[id] = CourseFacts(state, ids, ObjectOf(records, id.c_str()));
  }
  Activity(state, now, days, &view);
  return view;
}

}  // namespace morsel::core
