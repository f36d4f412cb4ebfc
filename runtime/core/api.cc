#include "runtime/core/json_parse.h"
#include "runtime/core/number_text.h"
#include "runtime/core/api.h"

#include <algorithm>
#include <exception>

#include <nlohmann/json.hpp>

#include "runtime/core/grade.h"
#include "runtime/core/progress.h"
#include "runtime/core/quiz.h"
#include "runtime/core/quiz_runtime.h"
#include "runtime/core/scenario.h"
#include "runtime/core/state.h"

namespace morsel::core {
namespace {

using nlohmann::json;

/// A problem with the caller's input, reported as {"ok":false}.
struct BadInput {
  std::string message;
};

std::string Error(const std::string& code, const std::string& message) {
  json out = {{"ok", false}, {"error", {{"code", code}, {"message", message}}}};
  return out.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string Ok(json out) {
  out["ok"] = true;
  // Replace invalid UTF-8 rather than throw: the input may carry it into the output.
  return out.dump(-1, ' ', false, json::error_handler_t::replace);
}

json ParseInput(std::string_view input) {
  json doc = ParseJson(input);
  if (doc.is_discarded()) throw BadInput{"input is not valid JSON"};
  if (!doc.is_object()) throw BadInput{"input must be a JSON object"};
  return doc;
}

const json& Member(const json& doc, const char* key, json::value_t type, const char* what) {
  const auto it = doc.find(key);
  if (it == doc.end()) throw BadInput{std::string("missing '") + key + "'"};
  bool ok = it->type() == type ||
            (type == json::value_t::number_integer && it->is_number_integer());
  if (!ok) throw BadInput{std::string("'") + key + "' must be " + what};
  return *it;
}

std::string StringMember(const json& doc, const char* key) {
  return Member(doc, key, json::value_t::string, "a string").get<std::string>();
}

Now ReadNow(const json& doc) {
  const json& now = Member(doc, "now", json::value_t::object, "an object");
  Now out;
  out.epoch_ms = Member(now, "epoch_ms", json::value_t::number_integer, "an integer").get<int64_t>();
  const auto date = now.find("local_date");
  if (date != now.end() && date->is_string()) out.local_date = date->get<std::string>();
  const auto offset = now.find("utc_offset_min");
  if (offset != now.end() && offset->is_number_integer()) {
    out.utc_offset_min = static_cast<int>(offset->get<int64_t>());
  }
  return out;
}

LessonRef ReadLesson(const json& doc) {
  const json& lesson = Member(doc, "lesson", json::value_t::object, "an object");
  LessonRef out;
  out.id = StringMember(lesson, "id");
  const json& questions = Member(lesson, "questions", json::value_t::array, "a list");
  for (const json& q : questions) {
    if (!q.is_string()) throw BadInput{"lesson questions must be strings"};
    out.questions.push_back(q.get<std::string>());
  }
  const auto quizzes = lesson.find("quizzes");
  if (quizzes != lesson.end()) {
    if (!quizzes->is_array()) throw BadInput{"lesson quizzes must be a list"};
    for (const json& q : *quizzes) {
      if (!q.is_object()) throw BadInput{"lesson quizzes must be objects"};
      QuizRef ref;
      ref.id = StringMember(q, "id");
      ref.assessment = q.value("mode", json()) == "assessment";
      const json& mark = q.value("pass_mark", json(0));
      if (!mark.is_number_integer()) throw BadInput{"a quiz's pass_mark must be a whole number"};
      ref.pass_mark = mark.get<int>();
      const json& points = Member(q, "points", json::value_t::object, "an object");
      for (auto it = points.begin(); it != points.end(); ++it) {
        if (!it.value().is_number()) throw BadInput{"points must be numbers"};
        ref.points.emplace_back(it.key(), it.value().get<double>());
      }
      out.quizzes.push_back(std::move(ref));
    }
  }
  const auto completion = lesson.find("completion");
  if (completion != lesson.end() &&
      (!completion->is_string() || !ParseCompletionRule(completion->get<std::string>(), &out.completion))) {
    throw BadInput{"'completion' must be \"view\", \"answer\" or \"pass\""};
  }
  return out;
}

json ReadState(const json& doc) {
  // Checked in place: every answer passes the whole state, so no dump-and-reparse.
  const json& state = Member(doc, "state", json::value_t::object, "an object");
  std::string problem;
  if (CheckState(state, &problem) != LoadStatus::kOk) throw BadInput{"state is not usable: " + problem};
  return state;
}

/// A response graded against the block and question named in the input.
struct Graded {
  std::string key;
  Grade grade;
  bool hint_used = false;
  /// The quiz's attempt limit (0 = none).
  int attempts = 0;
  ShowAnswers show_answers = ShowAnswers::kAfterLastAttempt;
  bool assessment = false;
  std::string fingerprint;
  /// What may be revealed once the policy allows: the question's right options and
  /// explanation (typed answers are only hashes in a page, so they are never revealed).
  json reveal;
};

Quiz ReadQuiz(const json& doc) {
  Quiz quiz;
  std::string error;
  if (!QuizFromRuntime(Member(doc, "block", json::value_t::object, "an object"), &quiz, &error)) {
    throw BadInput{error};
  }
  return quiz;
}

bool ReadHint(const json& doc, const char* key) {
  const auto hint = doc.find(key);
  if (hint != doc.end() && !hint->is_boolean()) throw BadInput{std::string("'") + key + "' must be true or false"};
  return hint != doc.end() && hint->get<bool>();
}

Graded GradeOne(const Quiz& quiz, const Question& question, const json& response, bool hint_used) {
  Graded graded;
  std::string error;
  if (!GradeQuestion(question, response, hint_used, &graded.grade, &error)) throw BadInput{error};
  graded.key = quiz.id + "/" + question.id;
  graded.hint_used = hint_used;
  graded.attempts = quiz.attempts;
  graded.show_answers = quiz.show_answers;
  graded.assessment = quiz.mode == QuizMode::kAssessment;
  graded.fingerprint = question.fingerprint;
  json correct = json::array();
  for (size_t i = 0; i < question.options.size(); ++i) {
    if (question.options[i].correct && question.Graded()) correct.push_back(i);
  }
  graded.reveal = {{"correct_options", std::move(correct)}, {"explanation", question.explanation}};
  return graded;
}

Graded GradeInput(const json& doc) {
  const Quiz quiz = ReadQuiz(doc);
  const std::string question_id = StringMember(doc, "question");
  const Question* question = FindQuestion(quiz, question_id);
  if (question == nullptr) throw BadInput{"no question '" + question_id + "' in the block"};
  const auto response = doc.find("response");
  if (response == doc.end()) throw BadInput{"missing 'response'"};
  return GradeOne(quiz, *question, *response, ReadHint(doc, "hint_used"));
}

/// The seed of a learner's draw and shuffles for one attempt at a quiz.
std::string PlanSeed(const std::string& learner, const std::string& quiz_id, int64_t attempt) {
  return learner + "/" + quiz_id + "/" + NumberText(attempt);
}

json GradeJson(const Grade& grade) {
  return {{"graded", grade.graded},
          {"correct", grade.correct},
          {"score", grade.score},
          {"max_score", grade.max_score},
          {"feedback", grade.feedback},
          {"parts", grade.parts}};
}

template <typename Body>
std::string Guard(std::string_view input, Body body) {
  try {
    return body(ParseInput(input));
  } catch (const BadInput& e) {
    return Error("bad-input", e.message);
  } catch (const std::exception& e) {
    return Error("internal", e.what());
  } catch (...) {
    return Error("internal", "unexpected failure");
  }
}

}  // namespace

std::string ApiVersion() { return MORSEL_VERSION; }

std::string ApiValidateQuiz(std::string_view input) {
  return Guard(input, [](const json& doc) {
    const auto block = doc.find("block");
    if (block == doc.end()) throw BadInput{"missing 'block'"};
    Quiz quiz;
    Diagnostics diagnostics;
    ParseQuiz(*block, &quiz, &diagnostics);
    json list = json::array();
    for (const Diagnostic& d : diagnostics) {
      list.push_back({{"severity", d.severity == Severity::kError ? "error" : "warning"},
                      {"pointer", d.pointer},
                      {"at_key", d.at_key},
                      {"code", d.code},
                      {"message", d.message},
                      {"hint", d.hint}});
    }
    return Ok({{"diagnostics", std::move(list)}});
  });
}

std::string ApiLoadState(std::string_view input) {
  return Guard(input, [](const json& doc) {
    const auto stored = doc.find("stored");
    std::string text;
    const std::string* stored_text = nullptr;
    if (stored != doc.end() && stored->is_string()) {
      text = stored->get<std::string>();
      stored_text = &text;
    } else if (stored != doc.end() && !stored->is_null()) {
      throw BadInput{"'stored' must be a string or null"};
    }
    const std::string learner = StringMember(doc, "learner");
    if (learner.empty()) throw BadInput{"'learner' must not be empty"};
    json state;
    std::string problem;
    LoadStatus status = LoadState(stored_text, learner, ReadNow(doc), &state, &problem);
    return Ok({{"state", std::move(state)},
               {"status", LoadStatusName(status)},
               {"problem", problem}});
  });
}

std::string ApiVisit(std::string_view input) {
  return Guard(input, [](const json& doc) {
    json state = ReadState(doc);
    LessonRef lesson = ReadLesson(doc);
    // The page's quiz blocks carry each answer's fingerprint, sealed: attempts under
    // another one are stale (RecordVisit). A block that cannot be read is skipped.
    const auto blocks = doc.find("blocks");
    if (blocks != doc.end() && blocks->is_array()) {
      for (const json& block : *blocks) {
        Quiz quiz;
        std::string error;
        if (!QuizFromRuntime(block, &quiz, &error)) continue;
        for (const Question& q : quiz.questions) {
          const std::string key = quiz.id + "/" + q.id;
          lesson.fingerprints.emplace_back(key, q.fingerprint);
          if (q.type == QuestionType::kAttestation) lesson.attestations.push_back(key);
        }
      }
    }
    RecordVisit(&state, lesson, ReadNow(doc), doc.value("stale", json("ask_again")) != "keep");
    std::string status = LessonStatus(state, lesson.id);
    return Ok({{"state", std::move(state)}, {"lesson_status", status}});
  });
}

namespace {

/// Whether the quiz's show_answers policy lets the learner see the answer now; `left` is
/// the attempts left after this one (-1 = no limit). A learner who got it right may
/// always see it, unless the policy is `never`.
bool MayReveal(const Graded& graded, int left, bool passed) {
  if (graded.show_answers == ShowAnswers::kNever) return false;
  if (graded.show_answers == ShowAnswers::kAlways) return true;
  if (passed) return true;
  return graded.show_answers == ShowAnswers::kAfterLastAttempt && left == 0;
}

bool MayReveal(const Graded& graded, int left) {
  return MayReveal(graded, left, graded.grade.graded && graded.grade.correct);
}

}  // namespace

std::string ApiCourseProgress(std::string_view input) {
  return Guard(input, [](const json& doc) {
    json state = ReadState(doc);
    const json& course = Member(doc, "course", json::value_t::object, "an object");
    const json& lessons = Member(course, "lessons", json::value_t::array, "a list");
    for (const json& lesson : lessons) {
      if (!lesson.is_object() || !lesson.value("id", json()).is_string() ||
          !lesson.value("points", json()).is_object()) {
        throw BadInput{"each lesson needs an id and points"};
      }
      for (const auto& points : lesson.at("points")) {
        if (!points.is_number()) throw BadInput{"points must be numbers"};
      }
    }
    if (course.contains("pass_mark") && !course.at("pass_mark").is_number()) throw BadInput{"pass_mark must be a number"};
    json progress = CourseProgress(state, course);
    const auto record = doc.find("now");
    if (record == doc.end()) return Ok({{"progress", std::move(progress)}});
    // With `now`, a finished course is recorded (first completion and first pass), and
    // the answer says what became true with this call, for the page's events.
    const Now now = ReadNow(doc);
    json& entry = state["courses"][course.value("id", std::string("course"))];
    if (!entry.is_object()) entry = json::object();
    json newly = {{"completed", false}, {"passed", false}};
    if (progress["passed"].is_boolean()) {
      if (!entry.contains("completed_at")) {
        entry["completed_at"] = now.epoch_ms;
        newly["completed"] = true;
      }
      if (progress["passed"] == true && !entry.contains("passed_at")) {
        entry["passed_at"] = now.epoch_ms;
        newly["passed"] = true;
      }
    }
    entry["percent"] = progress["percent"];
    return Ok({{"progress", std::move(progress)}, {"state", std::move(state)}, {"newly", std::move(newly)}});
  });
}

std::string ApiPlan(std::string_view input) {
  return Guard(input, [](const json& doc) {
    const Quiz quiz = ReadQuiz(doc);
    const std::string learner = StringMember(doc, "learner");
    const auto attempt = doc.find("attempt");
    const int64_t number = attempt != doc.end() && attempt->is_number_integer() ? attempt->get<int64_t>() : 0;
    const std::string seed = PlanSeed(learner, quiz.id, number);
    const std::vector<int> order = PlanQuestions(quiz, seed);
    json questions = json::array();
    json options = json::object();
    for (int index : order) {
      const Question& q = quiz.questions[static_cast<size_t>(index)];
      questions.push_back(q.id);
      const bool choice = q.type == QuestionType::kSingle || q.type == QuestionType::kMultiple ||
                          q.type == QuestionType::kPoll;
      if (quiz.shuffle_options && choice) {
        options[q.id] = Permutation("options:" + seed + "/" + q.id, static_cast<int>(q.options.size()));
      }
    }
    return Ok({{"questions", std::move(questions)}, {"options", std::move(options)}});
  });
}

std::string ApiGrade(std::string_view input) {
  return Guard(input, [](const json& doc) {
    Graded graded = GradeInput(doc);
    json result = GradeJson(graded.grade);
    // Re-showing a stored answer: the caller says how many attempts are left.
    const auto left = doc.find("attempts_left");
    const int remaining = left != doc.end() && left->is_number_integer() ? left->get<int>() : -1;
    // An assessment reveals by the result of the whole attempt, which the caller read
    // from the state.
    const bool passed = graded.assessment ? doc.value("quiz_passed", json(false)) == true
                                          : graded.grade.graded && graded.grade.correct;
    if (MayReveal(graded, remaining, passed)) result["reveal"] = graded.reveal;
    return Ok({{"result", std::move(result)}});
  });
}

std::string ApiAnswer(std::string_view input) {
  return Guard(input, [](const json& doc) {
    json state = ReadState(doc);
    LessonRef lesson = ReadLesson(doc);
    Graded graded = GradeInput(doc);
    if (graded.assessment) throw BadInput{"an assessment is submitted whole (submit)"};
    // The attempt limit of a check-mode quiz applies per question and is enforced here,
    // so that a reload or a second tab cannot grant more.
    // Stale attempts (the answer changed since) do not use up the limit.
    const int used = LiveAttemptCount(state, graded.key);
    if (graded.attempts > 0 && used >= graded.attempts) {
      return Error("no-attempts-left", "all " + NumberText(graded.attempts) + " attempts are used");
    }
    std::string status = RecordAttempt(&state, lesson, graded.key, doc.at("response"),
                                       graded.grade, ReadNow(doc), graded.hint_used, graded.fingerprint);
    json result = GradeJson(graded.grade);
    const int left = graded.attempts > 0 ? graded.attempts - used - 1 : -1;
    result["attempts_left"] = left;
    if (MayReveal(graded, left)) result["reveal"] = graded.reveal;
    return Ok({{"state", std::move(state)}, {"result", std::move(result)}, {"lesson_status", status}});
  });
}

std::string ApiSubmit(std::string_view input) {
  return Guard(input, [](const json& doc) {
    json state = ReadState(doc);
    LessonRef lesson = ReadLesson(doc);
    const Quiz quiz = ReadQuiz(doc);
    if (quiz.mode != QuizMode::kAssessment) throw BadInput{"only an assessment is submitted whole"};
    const int used = QuizAttemptCount(state, quiz.id);
    if (quiz.attempts > 0 && used >= quiz.attempts) {
      return Error("no-attempts-left", "all " + NumberText(quiz.attempts) + " attempts are used");
    }
    const json& responses = Member(doc, "responses", json::value_t::object, "an object");
    const auto hints = doc.find("hints");
    const bool have_hints = hints != doc.end() && hints->is_object();
    // The core draws the questions itself: the attempt's questions are the ones graded,
    // whatever else the page sends.
    QuizRef ref;
    ref.id = quiz.id;
    ref.assessment = true;
    ref.pass_mark = quiz.pass_mark;
    std::vector<SubmittedAnswer> answers;
    std::vector<Graded> graded;
    for (int index : PlanQuestions(quiz, PlanSeed(state.at("learner").get<std::string>(), quiz.id, used))) {
      const Question& question = quiz.questions[static_cast<size_t>(index)];
      const auto response = responses.find(question.id);
      if (response == responses.end()) {
        return Error("incomplete", "question '" + question.id + "' has no answer");
      }
      graded.push_back(GradeOne(quiz, question, *response, have_hints && ReadHint(*hints, question.id.c_str())));
      answers.push_back({graded.back().key, *response, graded.back().grade, graded.back().hint_used,
                         graded.back().fingerprint});
      ref.points.emplace_back(graded.back().key, question.Graded() ? question.points : 0);
    }
    for (const QuizRef& known : lesson.quizzes) {
      if (known.id == quiz.id) ref.points = known.points.empty() ? ref.points : known.points;
    }
    json outcome;
    const std::string status = RecordSubmission(&state, lesson, ref, answers, ReadNow(doc), &outcome);
    const int left = quiz.attempts > 0 ? quiz.attempts - used - 1 : -1;
    const bool passed = outcome.value("passed", false);
    json results = json::object();
    for (const Graded& g : graded) {
      json result = GradeJson(g.grade);
      if (MayReveal(g, left, passed)) result["reveal"] = g.reveal;
      results[g.key.substr(quiz.id.size() + 1)] = std::move(result);
    }
    outcome["attempt"] = used + 1;
    outcome["attempts_left"] = left;
    outcome["pass_mark"] = quiz.pass_mark;
    return Ok({{"state", std::move(state)}, {"results", std::move(results)}, {"quiz", std::move(outcome)},
               {"lesson_status", status}});
  });
}

std::string ApiTrack(std::string_view input) {
  return Guard(input, [](const json& doc) {
    json state = ReadState(doc);
    const auto ms = doc.find("ms");
    if (ms == doc.end() || !ms->is_number_integer()) throw BadInput{"'ms' must be a whole number"};
    const auto anchor = doc.find("anchor");
    RecordTime(&state, StringMember(doc, "lesson"), ms->get<int64_t>(),
               anchor != doc.end() && anchor->is_string() ? anchor->get<std::string>() : "", ReadNow(doc));
    return Ok({{"state", std::move(state)}});
  });
}

namespace {

/// A state from outside (an export file, a progress code, another tab), checked and
/// brought to the current schema; `site` must match when the file names one.
json ReadForeignState(const json& doc) {
  const auto text = doc.find("incoming");
  if (text == doc.end() || !text->is_string()) throw BadInput{"'incoming' must be text"};
  json incoming = ParseJson(text->get<std::string>());
  if (incoming.is_discarded() || !incoming.is_object()) throw BadInput{"this is not a Morsel progress file"};
  // An export file wraps the state: {"morsel_progress": 1, "site": id, "state": {...}}.
  if (incoming.contains("morsel_progress")) {
    const auto site = doc.find("site");
    if (site != doc.end() && incoming.value("site", json()) != *site) {
      throw BadInput{"this progress belongs to another site (" + incoming.value("site", std::string("?")) + ")"};
    }
    incoming = incoming.value("state", json());
  }
  std::string problem;
  const LoadStatus status = CheckState(incoming, &problem);
  if (status == LoadStatus::kNewerSchema) throw BadInput{problem};
  if (status != LoadStatus::kOk) throw BadInput{"the progress in this file cannot be read: " + problem};
  MigrateState(&incoming);
  return incoming;
}

}  // namespace

std::string ApiMerge(std::string_view input) {
  return Guard(input, [](const json& doc) {
    json state = ReadState(doc);
    const MergeSummary summary = MergeStates(&state, ReadForeignState(doc));
    return Ok({{"state", std::move(state)},
               {"summary", {{"lessons_added", summary.lessons_added},
                            {"lessons_completed", summary.lessons_completed},
                            {"attempts_added", summary.attempts_added},
                            {"quiz_attempts_added", summary.quiz_attempts_added}}}});
  });
}

std::string ApiCompact(std::string_view input) {
  return Guard(input, [](const json& doc) {
    json state = ReadState(doc);
    const auto budget = doc.find("budget");
    if (budget == doc.end() || !budget->is_number_integer() || budget->get<int64_t>() < 0) {
      throw BadInput{"'budget' must be a number of bytes"};
    }
    const size_t size = CompactState(&state, budget->get<size_t>());
    return Ok({{"state", std::move(state)}, {"bytes", size}, {"fits", size <= budget->get<size_t>()}});
  });
}

std::string ApiReset(std::string_view input) {
  return Guard(input, [](const json& doc) {
    json state = ReadState(doc);
    const json& lessons = Member(doc, "lessons", json::value_t::array, "a list");
    std::vector<std::string> ids;
    for (const json& id : lessons) {
      if (!id.is_string()) throw BadInput{"lesson ids must be strings"};
      ids.push_back(id.get<std::string>());
    }
    ResetLessons(&state, ids);
    const auto course = doc.find("course");
    if (course != doc.end() && course->is_string() && state.contains("courses") && state["courses"].is_object()) {
      state["courses"].erase(course->get<std::string>());
    }
    return Ok({{"state", std::move(state)}});
  });
}

namespace {

Scenario ReadScenario(const json& doc) {
  Scenario scenario;
  std::string error;
  if (!ScenarioFromRuntime(Member(doc, "block", json::value_t::object, "an object"), &scenario, &error)) {
    throw BadInput{error};
  }
  return scenario;
}

json StepJson(const ScenarioStep& step) {
  return {{"node", step.node},         {"choice", step.choice},
          {"feedback", step.feedback}, {"choices_made", step.choices_made},
          {"ended", step.ended},       {"outcome", step.outcome},
          {"score", step.score}};
}

}  // namespace

std::string ApiScenarioStart(std::string_view input) {
  return Guard(input, [](const json& doc) {
    Scenario scenario = ReadScenario(doc);
    json path;
    ScenarioStep step;
    std::string error;
    if (!ScenarioStart(scenario, &path, &step, &error)) throw BadInput{error};
    return Ok({{"path", std::move(path)}, {"step", StepJson(step)}});
  });
}

std::string ApiScenarioReplay(std::string_view input) {
  return Guard(input, [](const json& doc) {
    Scenario scenario = ReadScenario(doc);
    const auto path = doc.find("path");
    if (path == doc.end()) throw BadInput{"missing 'path'"};
    ScenarioStep step;
    std::string error;
    if (!ScenarioReplay(scenario, *path, &step, &error)) throw BadInput{error};
    return Ok({{"step", StepJson(step)}});
  });
}

std::string ApiScenarioChoose(std::string_view input) {
  return Guard(input, [](const json& doc) {
    json state = ReadState(doc);
    LessonRef lesson = ReadLesson(doc);
    Scenario scenario = ReadScenario(doc);
    const auto path = doc.find("path");
    const auto choice = doc.find("choice");
    if (path == doc.end()) throw BadInput{"missing 'path'"};
    if (choice == doc.end() || !choice->is_number_integer()) throw BadInput{"'choice' must be an index"};
    json next;
    ScenarioStep step;
    std::string error;
    if (!ScenarioChoose(scenario, *path, static_cast<int>(choice->get<int64_t>()), &next, &step, &error)) {
      throw BadInput{error};
    }
    const std::string key = scenario.id + "/scenario";
    std::string status = LessonStatus(state, lesson.id);
    // Paths in progress are a convenience: a damaged entry is replaced, never trusted.
    if (!state["scenarios"].is_object()) state["scenarios"] = json::object();
    if (step.ended) {
      Grade grade;
      grade.correct = step.outcome == "good";
      grade.score = static_cast<double>(step.score) / kScenarioMaxScore;
      grade.max_score = 1;
      grade.feedback = step.feedback;
      status = RecordAttempt(&state, lesson, key, json{{"path", next}}, grade, ReadNow(doc));
      state["scenarios"].erase(scenario.id);
    } else {
      state["scenarios"][scenario.id] = {{"path", next}};
    }
    return Ok({{"state", std::move(state)}, {"path", std::move(next)}, {"step", StepJson(step)},
               {"lesson_status", status}});
  });
}

}  // namespace morsel::core
