#include "runtime/core/state.h"

#include <catch2/catch.hpp>

namespace morsel::core {
namespace {

using nlohmann::json;

Now At(int64_t ms) { return Now{ms, "2026-11-28", 60}; }

TEST_CASE("a missing state starts fresh for the given learner") {
  json state;
  std::string problem;
  CHECK(LoadState(nullptr, "learner-1", At(5), &state, &problem) == LoadStatus::kNew);
  CHECK(state["learner"] == "learner-1");
  CHECK(state["schema"] == kStateSchema);
  CHECK(state["created"] == 5);
}

TEST_CASE("corrupt or foreign stored state is reported, never used") {
  json state;
  std::string problem;
  for (const char* stored : {"{not json", "[]", "42", "\"text\"", "{}", R"({"schema":"1"})",
                             R"({"schema":1,"learner":"x","lessons":[],"questions":{}})",
                             R"({"schema":1,"learner":"","lessons":{},"questions":{}})",
                             R"({"schema":1,"learner":"x","lessons":{"a":{"status":3}},"questions":{}})",
                             R"({"schema":1,"learner":"x","lessons":{},"questions":{"q":{"attempts":{}}}})",
                             R"({"schema":0,"learner":"x","lessons":{},"questions":{}})"}) {
    std::string text = stored;
    INFO(text);
    problem.clear();
    CHECK(LoadState(&text, "fresh", At(1), &state, &problem) == LoadStatus::kCorrupt);
    CHECK(state["learner"] == "fresh");
    CHECK_FALSE(problem.empty());
  }
  std::string newer = R"({"schema":99,"learner":"x","lessons":{},"questions":{}})";
  CHECK(LoadState(&newer, "fresh", At(1), &state, &problem) == LoadStatus::kNewerSchema);
  CHECK(problem == "stored progress was written by a newer version (schema 99)");
}

TEST_CASE("a well-formed state loads as stored") {
  std::string text = R"({"schema":2,"learner":"me","lessons":{"c/m/l":{"status":"completed"}},"questions":{}})";
  json state;
  std::string problem;
  CHECK(LoadState(&text, "fresh", At(1), &state, &problem) == LoadStatus::kOk);
  CHECK(state["learner"] == "me");
  CHECK(LessonStatus(state, "c/m/l") == "completed");
  CHECK(LessonStatus(state, "c/m/other") == "not_started");
}

TEST_CASE("a lesson without questions completes on its first visit") {
  json state = NewState("me", At(1));
  RecordVisit(&state, LessonRef{"c/m/read", {}}, At(10));
  CHECK(LessonStatus(state, "c/m/read") == "completed");
  CHECK(state["lessons"]["c/m/read"]["completed_at"] == 10);
}

TEST_CASE("a lesson completes once every question has a correct attempt") {
  json state = NewState("me", At(1));
  LessonRef lesson{"c/m/l", {"b/q1", "b/q2"}};
  RecordVisit(&state, lesson, At(10));
  CHECK(LessonStatus(state, "c/m/l") == "in_progress");

  Grade wrong;
  Grade right;
  right.correct = true;
  right.score = 1;
  CHECK(RecordAttempt(&state, lesson, "b/q1", json{{"choice", 0}}, wrong, At(20)) == "in_progress");
  CHECK(RecordAttempt(&state, lesson, "b/q1", json{{"choice", 1}}, right, At(30)) == "in_progress");
  CHECK(RecordAttempt(&state, lesson, "b/q2", json{{"choice", 2}}, right, At(40)) == "completed");
  CHECK(state["questions"]["b/q1"]["attempts"].size() == 2);
  CHECK(state["questions"]["b/q1"]["attempts"][0]["correct"] == false);
  CHECK(state["lessons"]["c/m/l"]["completed_at"] == 40);

  // Completion never regresses: a later wrong answer keeps the lesson completed.
  CHECK(RecordAttempt(&state, lesson, "b/q1", json{{"choice", 0}}, wrong, At(50)) == "completed");
  CHECK(state["lessons"]["c/m/l"]["completed_at"] == 40);
  CHECK(state["lessons"]["c/m/l"]["first_visit"] == 10);
  CHECK(state["lessons"]["c/m/l"]["last_visit"] == 50);
}

TEST_CASE("completion rules: view, answer and pass") {
  Grade wrong;
  Grade right;
  right.correct = true;

  json state = NewState("me", At(1));
  LessonRef view{"c/m/view", {"b/q1"}, CompletionRule::kView};
  RecordVisit(&state, view, At(5));
  CHECK(LessonStatus(state, "c/m/view") == "completed");

  LessonRef answer{"c/m/answer", {"a/q1", "a/q2"}, CompletionRule::kAnswer};
  RecordVisit(&state, answer, At(5));
  CHECK(RecordAttempt(&state, answer, "a/q1", json{{"choice", 0}}, wrong, At(6)) == "in_progress");
  CHECK(RecordAttempt(&state, answer, "a/q2", json{{"choice", 0}}, wrong, At(7)) == "completed");

  LessonRef pass{"c/m/pass", {"p/q1"}, CompletionRule::kPass};
  CHECK(RecordAttempt(&state, pass, "p/q1", json{{"choice", 0}}, wrong, At(8)) == "in_progress");
  CHECK(RecordAttempt(&state, pass, "p/q1", json{{"choice", 1}}, right, At(9)) == "completed");

  // An ungraded answer (reflection, poll, likert) counts as done under "pass".
  LessonRef mixed{"c/m/mixed", {"x/graded", "x/reflection"}, CompletionRule::kPass};
  Grade ungraded;
  ungraded.graded = false;
  CHECK(RecordAttempt(&state, mixed, "x/graded", json{{"choice", 1}}, right, At(10)) == "in_progress");
  CHECK(RecordAttempt(&state, mixed, "x/reflection", json{{"text", "t"}}, ungraded, At(11)) == "completed");

  // A hand-edited record whose "reconfirm" is not a boolean reads as not set: the answer
  // still counts (nlohmann's value() threw here, and the learner's answers all failed).
  LessonRef edited{"c/m/edited", {"e/q1"}, CompletionRule::kPass};
  RecordVisit(&state, edited, At(12));
  state["questions"]["e/q1"] = {{"attempts", json::array()}, {"reconfirm", "yes"}};
  CHECK(RecordAttempt(&state, edited, "e/q1", json{{"choice", 1}}, right, At(13)) == "completed");

  CompletionRule rule;
  CHECK(ParseCompletionRule("answer", &rule));
  CHECK(rule == CompletionRule::kAnswer);
  CHECK_FALSE(ParseCompletionRule("Pass", &rule));
}

TEST_CASE("a course failed for good is recorded once, and never after a pass") {
  json state = NewState("me", At(1));
  bool changed = false;
  json newly = RecordCourse(&state, "c", {{"passed", nullptr}, {"failed", true}, {"percent", 40}}, At(2), &changed);
  CHECK(newly == json{{"completed", false}, {"passed", false}, {"failed", true}});
  CHECK(changed);
  CHECK(state["courses"]["c"]["failed_at"] == 2);
  newly = RecordCourse(&state, "c", {{"passed", false}, {"failed", true}, {"percent", 40}}, At(3), &changed);
  CHECK(newly == json{{"completed", true}, {"passed", false}, {"failed", false}});
  CHECK(state["courses"]["c"]["failed_at"] == 2);
  RecordCourse(&state, "c", {{"passed", false}, {"failed", true}, {"percent", 40}}, At(4), &changed);
  CHECK_FALSE(changed);

  json passed = NewState("me", At(1));
  RecordCourse(&passed, "c", {{"passed", true}, {"failed", false}, {"percent", 90}}, At(2), &changed);
  newly = RecordCourse(&passed, "c", {{"passed", false}, {"failed", true}, {"percent", 40}}, At(3), &changed);
  CHECK(newly["failed"] == false);
  CHECK_FALSE(passed["courses"]["c"].contains("failed_at"));
}

TEST_CASE("locks: a sequential module, lesson prerequisites and required courses, never a lesson done") {
  json state = NewState("me", At(1));
  const json course = json::parse(R"({"id": "c", "requires": ["intro"], "lessons": [
      {"id": "c/m/a", "points": {}},
      {"id": "c/m/b", "points": {}, "requires": ["c/m/a"]},
      {"id": "c/m/c", "points": {}, "requires": ["c/m/b", "c/m/a"]}]})");
  // The required course is not completed: every lesson is locked by it.
  json locks = CourseLocks(state, course);
  CHECK(locks["courses"] == json{"intro"});
  CHECK(locks["lessons"] == json::parse(R"({"c/m/a": [], "c/m/b": ["c/m/a"], "c/m/c": ["c/m/b", "c/m/a"]})"));
  bool changed = false;
  RecordCourse(&state, "intro", {{"passed", true}, {"percent", 100}}, At(2), &changed);
  locks = CourseLocks(state, course);
  CHECK(locks["courses"] == json::array());
  CHECK(locks["lessons"] == json::parse(R"({"c/m/b": ["c/m/a"], "c/m/c": ["c/m/b", "c/m/a"]})"));
  const LessonRef a{"c/m/a", {}, CompletionRule::kView};
  RecordVisit(&state, a, At(3));
  CHECK(CourseLocks(state, course)["lessons"] == json::parse(R"({"c/m/c": ["c/m/b"]})"));
  // A lesson completed stays open whatever it requires (a prerequisite added later).
  const LessonRef c{"c/m/c", {}, CompletionRule::kView};
  RecordVisit(&state, c, At(4));
  CHECK(CourseLocks(state, course)["lessons"] == json::object());
  // Hostile shapes read as nothing required.
  const json odd =
      json::parse(R"({"requires": 5, "lessons": [{"id": "x", "requires": {"a": 1}}, {"requires": ["x"]}]})");
  CHECK(CourseLocks(state, odd) == json::parse(R"({"courses": [], "lessons": {}})"));
}

}  // namespace
}  // namespace morsel::core

namespace morsel::core {
namespace {

TEST_CASE("course totals: best attempts weighted by points, pass mark once complete") {
  json state = NewState("me", At(1));
  json course = json::parse(R"({"pass_mark": 70, "lessons": [
      {"id": "c/m/a", "points": {"a/q1": 1, "a/q2": 3, "a/poll": 0}},
      {"id": "c/m/b", "points": {}}]})");
  json empty = CourseProgress(state, course);
  CHECK(empty["max"] == 4);
  CHECK(empty["score"] == 0);
  CHECK(empty["passed"].is_null());

  LessonRef a{"c/m/a", {"a/q1", "a/q2"}, CompletionRule::kAnswer};
  Grade q1;
  q1.correct = true;
  q1.score = 1;
  q1.max_score = 1;
  Grade q2_wrong;
  q2_wrong.max_score = 3;
  Grade q2_half;
  q2_half.score = 1.5;
  q2_half.max_score = 3;
  RecordAttempt(&state, a, "a/q1", json{{"choice", 0}}, q1, At(2));
  RecordAttempt(&state, a, "a/q2", json{{"choices", json::array()}}, q2_half, At(3));
  RecordAttempt(&state, a, "a/q2", json{{"choices", json::array()}}, q2_wrong, At(4));  // best counts
  RecordVisit(&state, LessonRef{"c/m/b", {}}, At(5));
  json done = CourseProgress(state, course);
  CHECK(done["completed"] == 2);
  CHECK(done["score"] == Approx(2.5));
  CHECK(done["percent"] == Approx(62.5));
  CHECK(done["passed"] == false);
  course["pass_mark"] = 60;
  CHECK(CourseProgress(state, course)["passed"] == true);
}

TEST_CASE("the score a page shows: none before an answer, of what was answered, of everything once complete") {
  json state = NewState("me", At(1));
  json course = json::parse(R"({"pass_mark": 70, "lessons": [
      {"id": "c/m/a", "module": "c/m", "points": {"a/q1": 1}},
      {"id": "c/m/b", "module": "c/m", "points": {"b/q1": 1}},
      {"id": "c/n/c", "module": "c/n", "points": {"c/q1": 2}}]})");
  json fresh = CourseProgress(state, course);
  CHECK(fresh["shown"].is_null());  // not "Score: 0 %" before anything is answered
  CHECK(fresh["verdict"].is_null());
  CHECK(fresh["modules"]["c/m"]["shown"].is_null());

  Grade right;
  right.correct = true;
  right.score = 1;
  right.max_score = 1;
  RecordAttempt(&state, LessonRef{"c/m/a", {"a/q1"}, CompletionRule::kAnswer}, "a/q1", json{{"choice", 0}}, right,
                At(2));
  json one = CourseProgress(state, course);
  CHECK(one["percent"] == Approx(25));  // of everything: reads as failing
  CHECK(one["shown"] == json{{"key", "score_so_far"}, {"percent", 100}});
  CHECK(one["verdict"] == json{{"key", "course_pass_mark"}, {"mark", 70}});
  CHECK(one["modules"]["c/m"]["shown"] == json{{"key", "score_so_far"}, {"percent", 100}});
  CHECK(one["modules"]["c/n"]["shown"].is_null());
  CHECK(one["lessons"]["c/m/a"]["shown"] == json{{"key", "score"}, {"percent", 100}});  // completed

  Grade wrong;
  wrong.max_score = 1;
  RecordAttempt(&state, LessonRef{"c/m/b", {"b/q1"}, CompletionRule::kAnswer}, "b/q1", json{{"choice", 1}}, wrong,
                At(3));
  Grade c_right = right;
  c_right.score = 2;
  c_right.max_score = 2;
  RecordAttempt(&state, LessonRef{"c/n/c", {"c/q1"}, CompletionRule::kAnswer}, "c/q1", json{{"choice", 0}}, c_right,
                At(4));
  json done = CourseProgress(state, course);
  CHECK(done["shown"] == json{{"key", "score"}, {"percent", 75}});
  CHECK(done["verdict"] == json{{"key", "course_passed"}, {"mark", 70}});
  course["pass_mark"] = 80;
  CHECK(CourseProgress(state, course)["verdict"] == json{{"key", "course_not_passed"}, {"mark", 80}});
  course["pass_mark"] = 0;
  CHECK(CourseProgress(state, course)["verdict"].is_null());
}

TEST_CASE("a course is failed only once its pass mark is out of reach: no attempts left") {
  json state = NewState("me", At(1));
  // Two questions, two attempts each; a lesson completed by answering right (the default).
  json course = json::parse(R"({"pass_mark": 50, "lessons": [
      {"id": "c/m/a", "points": {"a/q1": 1, "a/q2": 1}, "limits": {"a/q1": 2, "a/q2": 2}}]})");
  LessonRef a{"c/m/a", {"a/q1", "a/q2"}, CompletionRule::kPass};
  Grade wrong;
  wrong.max_score = 1;
  RecordAttempt(&state, a, "a/q1", json{{"choice", 1}}, wrong, At(2));
  json one = CourseProgress(state, course);
  CHECK(one["passed"].is_null());
  CHECK(one["failed"] == false);  // one attempt left at q1
  RecordAttempt(&state, a, "a/q1", json{{"choice", 1}}, wrong, At(3));
  // q1 is spent and wrong: the lesson can never complete, so the course can never pass.
  CHECK(CourseProgress(state, course)["failed"] == true);
  // Without limits nothing is ever out of reach.
  course["lessons"][0].erase("limits");
  CHECK(CourseProgress(state, course)["failed"] == false);
  // Completed by answering: failed when what is left cannot reach the mark (q1 spent at 0,
  // q2 still worth 1 of 2: 50% reachable, 60% needed).
  course["lessons"][0]["limits"] = {{"a/q1", 2}};
  course["lessons"][0]["completion"] = "answer";
  course["pass_mark"] = 60;
  CHECK(CourseProgress(state, course)["failed"] == true);
  course["pass_mark"] = 50;
  CHECK(CourseProgress(state, course)["failed"] == false);
}

}  // namespace
}  // namespace morsel::core
