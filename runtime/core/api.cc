#include "runtime/core/api.h"
#include "runtime/core/api_io.h"
#include "runtime/core/json_parse.h"
#include "runtime/core/number_text.h"

#include <algorithm>
#include <exception>

#include <nlohmann/json.hpp>

#include "runtime/core/gamification.h"
#include "runtime/core/grade.h"
#include "runtime/core/json_read.h"
#include "runtime/core/lms_state.h"
#include "runtime/core/progress.h"
#include "runtime/core/quiz.h"
#include "runtime/core/quiz_runtime.h"
#include "runtime/core/scenario.h"
#include "runtime/core/state.h"
#include "runtime/core/view.h"

namespace morsel::core {
namespace {

using nlohmann::json;

using api_io::BadInput;
using api_io::Error;
using api_io::Guard;
using api_io::Member;
using api_io::Ok;
using api_io::ReadNow;
using api_io::StateIn;
using api_io::StringMember;

LessonRef ReadLessonRef(const json& lesson) {
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
      ref.assessment = MemberOf(q, "mode") == "assessment";
      const json& mark = MemberOf(q, "pass_mark");
      if (!mark.is_null() && !mark.is_number_integer()) throw BadInput{"a quiz's pass_mark must be a whole number"};
      ref.pass_mark = mark.is_null() ? 0 : mark.get<int>();
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

LessonRef ReadLesson(const json& doc) {
  return ReadLessonRef(Member(doc, "lesson", json::value_t::object, "an object"));
}

/// The input's state, checked in place (every call passes the whole state: no
/// dump-and-reparse). Calls that only read it use it where it is; those that change it copy.
json ReadState(const json& doc) { return StateIn(doc); }

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
  graded.reveal = RevealOf(question);
  return graded;
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
    json out;
    out["diagnostics"] = std::move(list);
    return Ok(std::move(out));
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
    json out;
    out["state"] = std::move(state);
    out["status"] = LoadStatusName(status);
    out["problem"] = problem;
    return Ok(std::move(out));
  });
}

namespace {

/// The page's blocks: quizzes and case studies in their runtime form. A block that cannot
/// be read is skipped (the page shows it as it was rendered).
struct PageBlocks {
  std::vector<Quiz> quizzes;
  std::vector<Scenario> scenarios;
};

PageBlocks ReadBlocks(const json& doc) {
  PageBlocks out;
  std::string error;
  const auto blocks = doc.find("blocks");
  if (blocks != doc.end() && blocks->is_array()) {
    for (const json& block : *blocks) {
      Quiz quiz;
      if (QuizFromRuntime(block, &quiz, &error)) out.quizzes.push_back(std::move(quiz));
    }
  }
  const auto scenarios = doc.find("scenarios");
  if (scenarios != doc.end() && scenarios->is_array()) {
    for (const json& block : *scenarios) {
      Scenario scenario;
      if (ScenarioFromRuntime(block, &scenario, &error)) out.scenarios.push_back(std::move(scenario));
    }
  }
  return out;
}

/// Every block's view, and `*lesson` (the page's lesson) with the questions not shown left
/// out. `fresh` names the assessments the learner asked to try again.
json PageViews(const json& state, const PageBlocks& page, const json& fresh, json* lesson) {
  json views = json::object();
  for (const Quiz& quiz : page.quizzes) {
    const bool again = fresh.is_array() && std::find(fresh.begin(), fresh.end(), json(quiz.id)) != fresh.end();
    json view = QuizView(state, quiz, again);
    KeepShownQuestions(lesson, quiz, view);
    views[quiz.id] = std::move(view);
  }
  for (const Scenario& scenario : page.scenarios) views[scenario.id] = ScenarioView(state, scenario);
  return views;
}

}  // namespace

std::string ApiVisit(std::string_view input) {
  return Guard(input, [](const json& doc) {
    json state = ReadState(doc);
    json page_lesson = Member(doc, "lesson", json::value_t::object, "an object");
    const PageBlocks page = ReadBlocks(doc);
    // The visit reads the lesson's questions only for whether it has any, which a draw (of
    // at least one) never changes: the lesson left with the drawn ones comes with the views.
    LessonRef lesson = ReadLessonRef(page_lesson);
    // The page's quiz blocks carry each answer's fingerprint, sealed: attempts under
    // another one are stale (RecordVisit).
    for (const Quiz& quiz : page.quizzes) {
      for (const Question& q : quiz.questions) {
        const std::string key = quiz.id + "/" + q.id;
        lesson.fingerprints.emplace_back(key, q.fingerprint);
        if (q.type == QuestionType::kAttestation) lesson.attestations.push_back(key);
      }
    }
    RecordVisit(&state, lesson, ReadNow(doc), MemberOf(doc, "stale") != "keep");
    std::string status = LessonStatus(state, lesson.id);
    json views = PageViews(state, page, nullptr, &page_lesson);
    json out;
    out["state"] = std::move(state);
    out["lesson_status"] = status;
    out["lesson"] = std::move(page_lesson);
    out["views"] = std::move(views);
    return Ok(std::move(out));
  });
}

std::string ApiView(std::string_view input) {
  return Guard(input, [](const json& doc) {
    const json& state = StateIn(doc);
    json lesson = Member(doc, "lesson", json::value_t::object, "an object");
    json views = PageViews(state, ReadBlocks(doc), MemberOf(doc, "fresh"), &lesson);
    const std::string status = LessonStatus(state, StringMember(lesson, "id"));
    json out;
    out["lesson"] = std::move(lesson);
    out["views"] = std::move(views);
    out["lesson_status"] = status;
    return Ok(std::move(out));
  });
}

std::string ApiStatus(std::string_view input) {
  return Guard(input, [](const json& doc) {
    const json& state = StateIn(doc);
    std::vector<std::string> ids;
    for (const json& id : Member(doc, "lessons", json::value_t::array, "a list")) {
      if (!id.is_string()) throw BadInput{"lesson ids must be strings"};
      ids.push_back(id.get<std::string>());
    }
    return Ok(StatusView(state, ids));
  });
}

std::string ApiSiteView(std::string_view input) {
  return Guard(input, [](const json& doc) {
    const json& state = StateIn(doc);
    const json& courses = Member(doc, "courses", json::value_t::array, "a list");
    const json& days = MemberOf(doc, "days");
    if (!days.is_null() && (!days.is_number_integer() || days.get<int64_t>() < 1 || days.get<int64_t>() > 366)) {
      throw BadInput{"'days' must be a whole number from 1 to 366"};
    }
    return Ok(SiteView(state, courses, ReadNow(doc), days.is_null() ? 30 : days.get<int>()));
  });
}

namespace {

/// Whether the quiz's show_answers policy lets the learner see the answer now; `left` is
/// the attempts left after this one (-1 = no limit). A learner who got it right may
/// always see it, unless the policy is `never`.
bool MayReveal(const Graded& graded, int left, bool passed) { return MayReveal(graded.show_answers, left, passed); }

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
      if (!lesson.is_object() || !MemberOf(lesson, "id").is_string() || !MemberOf(lesson, "points").is_object()) {
        throw BadInput{"each lesson needs an id and points"};
      }
      for (const auto& points : lesson.at("points")) {
        if (!points.is_number()) throw BadInput{"points must be numbers"};
      }
    }
    if (course.contains("pass_mark") && !course.at("pass_mark").is_number())
      throw BadInput{"pass_mark must be a number"};
    json progress = CourseProgress(state, course);
    json out;
    out["locks"] = CourseLocks(state, course);
    if (!doc.contains("now")) {
      out["progress"] = std::move(progress);
      return Ok(std::move(out));
    }
    // With `now`, a finished course is recorded (first completion and first pass), and
    // the answer says what became true with this call, for the page's events.
    bool changed = false;
    json newly = RecordCourse(&state, StringOr(course, "id", "course"), progress, ReadNow(doc), &changed);
    out["progress"] = std::move(progress);
    out["state"] = std::move(state);
    out["newly"] = std::move(newly);
    out["changed"] = changed;
    return Ok(std::move(out));
  });
}

std::string ApiAnswer(std::string_view input) {
  return Guard(input, [](const json& doc) {
    json state = ReadState(doc);
    LessonRef lesson = ReadLesson(doc);
    const Quiz quiz = ReadQuiz(doc);
    if (quiz.mode == QuizMode::kAssessment) throw BadInput{"an assessment is submitted whole (submit)"};
    const std::string question_id = StringMember(doc, "question");
    const Question* question = FindQuestion(quiz, question_id);
    if (question == nullptr) throw BadInput{"no question '" + question_id + "' in the block"};
    json response = MemberOf(doc, "response");
    // A blank answer is never graded nor counted: the learner is told what is missing.
    const std::string missing = MissingAnswer(*question, &response);
    if (!missing.empty()) return Error("incomplete", "the answer is not complete", missing);
    const Graded graded = GradeOne(quiz, *question, response, ReadHint(doc, "hint_used"));
    // The attempt limit of a check-mode quiz applies per question and is enforced here,
    // so that a reload or a second tab cannot grant more.
    // Stale attempts (the answer changed since) do not use up the limit.
    const int used = LiveAttemptCount(state, graded.key);
    if (graded.attempts > 0 && used >= graded.attempts) {
      return Error("no-attempts-left", "all " + NumberText(graded.attempts) + " attempts are used");
    }
    std::string status = RecordAttempt(&state, lesson, graded.key, response, graded.grade, ReadNow(doc),
                                       graded.hint_used, graded.fingerprint);
    json result = GradeJson(graded.grade);
    const int left = graded.attempts > 0 ? graded.attempts - used - 1 : -1;
    result["attempts_left"] = left;
    if (MayReveal(graded, left)) result["reveal"] = graded.reveal;
    json view = QuizView(state, quiz, false);
    json out;
    out["state"] = std::move(state);
    out["result"] = std::move(result);
    out["lesson_status"] = status;
    out["view"] = std::move(view);
    return Ok(std::move(out));
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
    // The core draws the questions itself (the same draw QuizView showed): the attempt's
    // questions are the ones graded, whatever else the page sends.
    std::vector<std::pair<const Question*, json>> drawn;
    json missing = json::object();
    for (int index : PlanQuestions(quiz, PlanSeed(state.at("learner").get<std::string>(), quiz.id, used))) {
      const Question& question = quiz.questions[static_cast<size_t>(index)];
      json response = MemberOf(responses, question.id.c_str());
      // A blank answer is never graded: nothing is recorded and no attempt is used.
      const std::string why = MissingAnswer(question, &response);
      if (!why.empty()) missing[question.id] = why;
      drawn.emplace_back(&question, std::move(response));
    }
    if (!missing.empty()) return Error("incomplete", "not every question is answered", missing);
    QuizRef ref;
    ref.id = quiz.id;
    ref.assessment = true;
    ref.pass_mark = quiz.pass_mark;
    std::vector<SubmittedAnswer> answers;
    std::vector<Graded> graded;
    for (const auto& [question, response] : drawn) {
      graded.push_back(GradeOne(quiz, *question, response, have_hints && ReadHint(*hints, question->id.c_str())));
      answers.push_back(
          {graded.back().key, response, graded.back().grade, graded.back().hint_used, graded.back().fingerprint});
      ref.points.emplace_back(graded.back().key, question->Graded() ? question->points : 0);
    }
    for (const QuizRef& known : lesson.quizzes) {
      if (known.id == quiz.id) ref.points = known.points.empty() ? ref.points : known.points;
    }
    json outcome;
    const std::string status = RecordSubmission(&state, lesson, ref, answers, ReadNow(doc), &outcome);
    const int left = quiz.attempts > 0 ? quiz.attempts - used - 1 : -1;
    const bool passed = IsTrue(outcome, "passed");
    json results = json::object();
    for (const Graded& g : graded) {
      json result = GradeJson(g.grade);
      if (MayReveal(g, left, passed)) result["reveal"] = g.reveal;
      results[g.key.substr(quiz.id.size() + 1)] = std::move(result);
    }
    outcome["attempt"] = used + 1;
    outcome["attempts_left"] = left;
    outcome["pass_mark"] = quiz.pass_mark;
    json view = QuizView(state, quiz, false);
    json out;
    out["state"] = std::move(state);
    out["results"] = std::move(results);
    out["quiz"] = std::move(outcome);
    out["lesson_status"] = status;
    out["view"] = std::move(view);
    return Ok(std::move(out));
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
    json out;
    out["state"] = std::move(state);
    return Ok(std::move(out));
  });
}

namespace {

/// The optional byte budget of a call (`budget`), or 0 for none.
size_t BudgetOf(const json& doc) {
  const json& budget = MemberOf(doc, "budget");
  if (budget.is_null()) return 0;
  if (!budget.is_number_integer() || budget.get<int64_t>() < 0) throw BadInput{"'budget' must be a number of bytes"};
  return budget.get<size_t>();
}

/// A state from outside (an export file, a progress code, another tab), checked and
/// brought to the current schema; `site` must match when the file names one. With a
/// `budget`, a text over four times that is refused before it is read.
json ReadForeignState(const json& doc) {
  const auto text = doc.find("incoming");
  if (text == doc.end() || !text->is_string()) throw BadInput{"'incoming' must be text"};
  const size_t budget = BudgetOf(doc);
  if (budget > 0 && text->get_ref<const std::string&>().size() > 4 * budget) {
    throw BadInput{"this file is too large to be a progress file of this site"};
  }
  json incoming = ParseJson(text->get<std::string>());
  if (incoming.is_discarded() || !incoming.is_object()) throw BadInput{"this is not a Morsel progress file"};
  // An export file wraps the state: {"morsel_progress": 1, "site": id, "state": {...}}.
  if (incoming.contains("morsel_progress")) {
    const auto site = doc.find("site");
    if (site != doc.end() && MemberOf(incoming, "site") != *site) {
      throw BadInput{"this progress belongs to another site (" + StringOr(incoming, "site", "?") + ")"};
    }
    incoming = json(MemberOf(incoming, "state"));
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
    // With a budget (an import), what does not fit after compaction is refused: the storage
    // it would fill is shared with the learner's other courses and sites.
    const size_t budget = BudgetOf(doc);
    if (budget > 0 && CompactState(&state, budget) > budget) {
      throw BadInput{"the progress in this file is too large to keep in this browser"};
    }
    json out;
    out["state"] = std::move(state);
    out["summary"] = {{"lessons_added", summary.lessons_added},
                      {"lessons_completed", summary.lessons_completed},
                      {"attempts_added", summary.attempts_added},
                      {"quiz_attempts_added", summary.quiz_attempts_added}};
    return Ok(std::move(out));
  });
}

std::string ApiCompact(std::string_view input) {
  return Guard(input, [](const json& doc) {
    json state = ReadState(doc);
    if (MemberOf(doc, "budget").is_null()) throw BadInput{"'budget' must be a number of bytes"};
    const size_t budget = BudgetOf(doc);
    const size_t size = CompactState(&state, budget);
    json out;
    out["state"] = std::move(state);
    out["bytes"] = size;
    out["fits"] = size <= budget;
    return Ok(std::move(out));
  });
}

std::string ApiLmsSuspend(std::string_view input) {
  return Guard(input, [](const json& doc) {
    const json& state = StateIn(doc);
    const LmsCourse course = LmsCourseFromJson(Member(doc, "course", json::value_t::object, "an object"));
    const json& budget = MemberOf(doc, "budget");
    if (!budget.is_null() && (!budget.is_number_integer() || budget.get<int64_t>() < 0)) {
      throw BadInput{"'budget' must be a number of characters"};
    }
    LmsEncoding encoding = EncodeLmsState(state, course, budget.is_null() ? 4096 : budget.get<size_t>());
    json out;
    out["chars"] = encoding.text.size();
    out["data"] = std::move(encoding.text);
    out["fits"] = encoding.fits;
    out["degraded"] = encoding.dropped;
    return Ok(std::move(out));
  });
}

std::string ApiLmsResume(std::string_view input) {
  return Guard(input, [](const json& doc) {
    const std::string learner = StringMember(doc, "learner");
    if (learner.empty()) throw BadInput{"'learner' must not be empty"};
    const LmsCourse course = LmsCourseFromJson(Member(doc, "course", json::value_t::object, "an object"));
    json state;
    std::string problem;
    const LoadStatus status =
        DecodeLmsState(StringMember(doc, "data"), course, learner, ReadNow(doc), &state, &problem);
    json out;
    out["state"] = std::move(state);
    out["status"] = LoadStatusName(status);
    out["problem"] = problem;
    return Ok(std::move(out));
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
    json out;
    out["state"] = std::move(state);
    return Ok(std::move(out));
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

}  // namespace

std::string ApiScenarioStart(std::string_view input) {
  return Guard(input, [](const json& doc) {
    Scenario scenario = ReadScenario(doc);
    json path;
    ScenarioStep step;
    std::string error;
    if (!ScenarioStart(scenario, &path, &step, &error)) throw BadInput{error};
    json out;
    out["path"] = std::move(path);
    out["step"] = StepJson(step);
    return Ok(std::move(out));
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
    const std::string status = RecordScenarioStep(&state, lesson, scenario.id, next, step, ReadNow(doc));
    json out;
    out["state"] = std::move(state);
    out["path"] = std::move(next);
    out["step"] = StepJson(step);
    out["lesson_status"] = status;
    return Ok(std::move(out));
  });
}

std::string ApiGamification(std::string_view input) {
  return Guard(input, [](const json& doc) {
    const json& state = StateIn(doc);
    const json& courses = Member(doc, "courses", json::value_t::array, "a list");
    const GamificationConfig config = ReadGamification(MemberOf(doc, "settings"), nullptr);
    json out;
    out["view"] = GamificationView(state, config, courses, ReadNow(doc));
    const json& before = MemberOf(doc, "before");
    if (!before.is_null()) out["news"] = GamificationNews(before, out["view"], config);
    return Ok(std::move(out));
  });
}

}  // namespace morsel::core
