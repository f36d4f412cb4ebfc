#include "runtime/core/schema.h"
#include "runtime/core/state.h"

#include <algorithm>

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
    if (!lesson.is_object() || !lesson.value("status", nlohmann::json()).is_string()) {
      *problem = "a lesson entry is malformed";
      return false;
    }
  }
  for (const auto& question : doc.at("questions")) {
    if (!question.is_object() || !question.contains("attempts") ||
        !question.at("attempts").is_array()) {
      *problem = "a question entry is malformed";
      return false;
    }
  }
  return true;
}

nlohmann::json& LessonEntry(nlohmann::json* state, const std::string& id, const Now& now) {
  nlohmann::json& lessons = (*state)["lessons"];
  if (!lessons.contains(id)) {
    lessons[id] = {{"status", "in_progress"}, {"first_visit", now.epoch_ms},
                   {"last_visit", now.epoch_ms}};
  }
  return lessons[id];
}

void Complete(nlohmann::json& lesson, const Now& now) {
  if (lesson.value("status", "") == "completed") return;
  lesson["status"] = "completed";
  lesson["completed_at"] = now.epoch_ms;
}

bool HasAttempt(const nlohmann::json& state, const std::string& key, bool must_be_correct) {
  const nlohmann::json& questions = state.at("questions");
  const auto it = questions.find(key);
  if (it == questions.end()) return false;
  for (const auto& attempt : it->at("attempts")) {
    if (!attempt.is_object()) continue;
    if (!must_be_correct) return true;
    const auto correct = attempt.find("correct");
    if (correct != attempt.end() && correct->is_boolean() && correct->get<bool>()) return true;
    // Reflections, polls and ratings have no right answer: answering them is enough.
    const auto graded = attempt.find("graded");
    if (graded != attempt.end() && graded->is_boolean() && !graded->get<bool>()) return true;
  }
  return false;
}

}  // namespace

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
    case LoadStatus::kOk: return "ok";
    case LoadStatus::kNew: return "new";
    case LoadStatus::kCorrupt: return "corrupt";
    case LoadStatus::kNewerSchema: return "newer-schema";
  }
  return "corrupt";
}

nlohmann::json NewState(const std::string& learner_id, const Now& now) {
  return {{"schema", kStateSchema},
          {"learner", learner_id},
          {"created", now.epoch_ms},
          {"lessons", nlohmann::json::object()},
          {"questions", nlohmann::json::object()}};
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
    *problem = "stored progress was written by a newer version (schema " +
               NumberText(schema->get<int64_t>()) + ")";
    return LoadStatus::kNewerSchema;
  }
  if (schema->get<int64_t>() < 1 || !WellFormed(doc, problem)) {
    if (problem->empty()) *problem = "unknown schema version";
    return LoadStatus::kCorrupt;
  }
  return LoadStatus::kOk;
}

LoadStatus LoadState(const std::string* stored, const std::string& new_learner_id,
                     const Now& now, nlohmann::json* state, std::string* problem) {
  *state = NewState(new_learner_id, now);
  if (stored == nullptr) return LoadStatus::kNew;
  nlohmann::json doc = ParseJson(*stored);
  if (doc.is_discarded()) {
    *problem = "stored progress is not a JSON object";
    return LoadStatus::kCorrupt;
  }
  LoadStatus status = CheckState(doc, problem);
  if (status == LoadStatus::kOk) *state = std::move(doc);
  return status;
}

void RecordVisit(nlohmann::json* state, const LessonRef& lesson, const Now& now) {
  nlohmann::json& entry = LessonEntry(state, lesson.id, now);
  entry["last_visit"] = now.epoch_ms;
  if (lesson.questions.empty() || lesson.completion == CompletionRule::kView) Complete(entry, now);
}

std::string RecordAttempt(nlohmann::json* state, const LessonRef& lesson,
                          const std::string& question_key, const nlohmann::json& response,
                          const Grade& grade, const Now& now, bool hint_used) {
  nlohmann::json& question = (*state)["questions"][question_key];
  if (!question.is_object()) question = {{"attempts", nlohmann::json::array()}};
  nlohmann::json attempt = {{"response", response},
                            {"correct", grade.correct},
                            {"score", grade.score},
                            {"max_score", grade.max_score},
                            {"at", now.epoch_ms}};
  if (!grade.graded) attempt["graded"] = false;
  if (hint_used) attempt["hint_used"] = true;
  question["attempts"].push_back(std::move(attempt));
  nlohmann::json& entry = LessonEntry(state, lesson.id, now);
  entry["last_visit"] = now.epoch_ms;
  bool met = true;
  for (const std::string& key : lesson.questions) {
    if (!HasAttempt(*state, key, lesson.completion == CompletionRule::kPass)) {
      met = false;
      break;
    }
  }
  if (met) Complete(entry, now);
  return entry.value("status", "in_progress");
}

nlohmann::json CourseProgress(const nlohmann::json& state, const nlohmann::json& course) {
  int completed = 0, total = 0;
  double score = 0, max = 0;
  const nlohmann::json& questions = state.at("questions");
  for (const nlohmann::json& lesson : course.at("lessons")) {
    ++total;
    if (LessonStatus(state, lesson.at("id").get<std::string>()) == "completed") ++completed;
    for (auto it = lesson.at("points").begin(); it != lesson.at("points").end(); ++it) {
      const double points = it.value().get<double>();
      if (points <= 0) continue;
      max += points;
      const auto record = questions.find(it.key());
      if (record == questions.end()) continue;
      double best = 0;
      for (const nlohmann::json& attempt : record->at("attempts")) {
        if (!attempt.is_object()) continue;
        const auto s = attempt.find("score");
        const auto m = attempt.find("max_score");
        if (s == attempt.end() || !s->is_number() || m == attempt.end() || !m->is_number() ||
            m->get<double>() <= 0) {
          continue;
        }
        // Stored scores are in the question's own points; rescale in case points changed.
        best = std::max(best, std::min(1.0, s->get<double>() / m->get<double>()) * points);
      }
      score += best;
    }
  }
  const double percent = max > 0 ? 100 * score / max : 0;
  nlohmann::json out = {{"completed", completed}, {"total", total}, {"score", score},
                        {"max", max}, {"percent", percent}, {"passed", nullptr}};
  if (total > 0 && completed == total) {
    out["passed"] = percent + 1e-9 >= course.value("pass_mark", 0.0);
  }
  return out;
}

std::string LessonStatus(const nlohmann::json& state, const std::string& lesson_id) {
  const auto lessons = state.find("lessons");
  if (lessons == state.end() || !lessons->is_object()) return "not_started";
  const auto it = lessons->find(lesson_id);
  if (it == lessons->end() || !it->is_object()) return "not_started";
  return it->value("status", "not_started");
}

}  // namespace morsel::core
