// The view contract (view.h) through the JSON api, as the page uses it: what a learner
// sees after answers, reloads, compaction and content changes, and that a blank answer is
// never graded.
#include "runtime/core/view.h"

#include <string>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "runtime/core/api.h"
#include "runtime/core/progress.h"
#include "runtime/core/quiz_runtime.h"

namespace morsel::core {
namespace {

using nlohmann::json;

json Call(std::string (*api)(std::string_view), const json& input) { return json::parse(api(input.dump())); }

json Today(int64_t ms = 1000, const char* date = "2026-11-28") {
  return {{"epoch_ms", ms}, {"local_date", date}, {"utc_offset_min", 60}};
}

json Fresh(const std::string& learner) {
  return Call(ApiLoadState, {{"stored", nullptr}, {"learner", learner}, {"now", Today()}})["state"];
}

/// The page form of an authored quiz (YAML's JSON), with its block id.
json Block(const std::string& id, const std::string& authored) {
  Quiz quiz;
  Diagnostics diagnostics;
  ParseQuiz(json::parse(authored), &quiz, &diagnostics);
  INFO((diagnostics.empty() ? std::string() : diagnostics[0].pointer + ": " + diagnostics[0].message));
  REQUIRE(diagnostics.empty());
  quiz.id = id;
  return QuizToRuntime(quiz);
}

/// An assessment drawing 2 of 6 two-option questions (the second option right).
json Exam() {
  std::string questions;
  for (int i = 1; i <= 6; ++i) {
    questions += std::string(i > 1 ? "," : "") + R"({"id": "q)" + std::to_string(i) +
                 R"(", "prompt": "?", "options": [{"text": "a"}, {"text": "b", "correct": true}]})";
  }
  return Block("c/m/l:exam", R"({"mode": "assessment", "draw": 2, "questions": [)" + questions + "]}");
}

json ExamLesson() {
  return {{"id", "c/m/l"},
          {"questions", json::array()},
          {"quizzes", {{{"id", "c/m/l:exam"}, {"mode", "assessment"}, {"pass_mark", 0}, {"points", json::object()}}}}};
}

/// Submits every question `view` shows, answered right, and returns the api's answer.
json SubmitShown(const json& state, const json& view) {
  json responses = json::object();
  for (const json& id : view["questions"]) responses[id.get<std::string>()] = {{"choice", 1}};
  return Call(
      ApiSubmit,
      {{"state", state}, {"lesson", ExamLesson()}, {"block", Exam()}, {"responses", responses}, {"now", Today()}});
}

json ViewOf(const json& state, const json& block, const json& lesson, const json& fresh = json::array()) {
  json out = Call(ApiView, {{"state", state}, {"lesson", lesson}, {"blocks", {block}}, {"fresh", fresh}});
  REQUIRE(out["ok"] == true);
  return out;
}

TEST_CASE("after compaction, the draw an assessment shows is the draw its submission grades") {
  // Find a learner whose draw differs between the count the list holds and the count that
  // includes compacted attempts: the page used the former, the core grades the latter.
  for (int n = 0; n < 50; ++n) {
    const std::string learner = "learner-" + std::to_string(n);
    json state = Fresh(learner);
    json view = ViewOf(state, Exam(), ExamLesson())["views"]["c/m/l:exam"];
    for (int attempt = 0; attempt < 4; ++attempt) {
      view = ViewOf(state, Exam(), ExamLesson(), {"c/m/l:exam"})["views"]["c/m/l:exam"];
      json submitted = SubmitShown(state, view);
      REQUIRE(submitted["ok"] == true);
      state = submitted["state"];
    }
    CompactState(&state, 0);
    const size_t listed = state["quizzes"]["c/m/l:exam"]["attempts"].size();
    REQUIRE(listed == 2);  // four submissions: the best (the first of equals) and the last
    Quiz exam;
    std::string error;
    REQUIRE(QuizFromRuntime(Exam(), &exam, &error));
    json by_list = PlanView(exam, learner, static_cast<int64_t>(listed));
    view = ViewOf(state, Exam(), ExamLesson(), {"c/m/l:exam"})["views"]["c/m/l:exam"];
    if (by_list["questions"] == view["questions"]) continue;

    CHECK(view["attempt"] == 4);
    CHECK(view["submitted"] == false);
    json submitted = SubmitShown(state, view);
    REQUIRE(submitted["ok"] == true);  // the answers to the questions shown are the ones graded
    json graded = json::array();
    for (const auto& [id, result] : submitted["results"].items()) graded.push_back(id);
    json shown = view["questions"];
    std::sort(shown.begin(), shown.end());
    CHECK(graded == shown);
    CHECK(submitted["quiz"]["attempt"] == 5);
    // The stored submission is shown again, locked, with its summary.
    json again = submitted["view"];
    CHECK(again["submitted"] == true);
    CHECK(again["questions"] == view["questions"]);
    CHECK(again["summary"]["attempt"] == 5);
    CHECK(again["items"][view["questions"][0].get<std::string>()]["locked"] == true);
    CHECK(again["items"][view["questions"][0].get<std::string>()]["response"] == json{{"choice", 1}});
    return;
  }
  FAIL("no learner's draw differed between the two counts");
}

TEST_CASE("an assessment offers another attempt after a fail, never after a pass") {
  json state = Fresh("learner");
  json view = ViewOf(state, Exam(), ExamLesson())["views"]["c/m/l:exam"];
  json responses = json::object();
  for (const json& id : view["questions"]) responses[id.get<std::string>()] = {{"choice", 0}};
  json lesson = ExamLesson();
  lesson["quizzes"][0]["pass_mark"] = 50;
  json block = Exam();
  block["pass_mark"] = 50;
  json failed = Call(
      ApiSubmit, {{"state", state}, {"lesson", lesson}, {"block", block}, {"responses", responses}, {"now", Today()}});
  REQUIRE(failed["ok"] == true);
  CHECK(failed["view"]["summary"]["passed"] == false);
  CHECK(failed["view"]["can_retry"] == true);

  view = ViewOf(failed["state"], block, lesson, {"c/m/l:exam"})["views"]["c/m/l:exam"];
  responses = json::object();
  for (const json& id : view["questions"]) responses[id.get<std::string>()] = {{"choice", 1}};
  json passed = Call(
      ApiSubmit,
      {{"state", failed["state"]}, {"lesson", lesson}, {"block", block}, {"responses", responses}, {"now", Today()}});
  REQUIRE(passed["ok"] == true);
  CHECK(passed["view"]["summary"]["passed"] == true);
  CHECK(passed["view"]["can_retry"] == false);  // no limit on attempts, but a pass is final
}

TEST_CASE("a blank answer is never graded nor counted") {
  const json block = Block("c/m/l:q", R"({"attempts": 2, "questions": [
      {"id": "multi", "type": "multiple", "prompt": "?", "options": [{"text": "a", "correct": true}, {"text": "b"}]},
      {"id": "pick", "prompt": "?", "options": [{"text": "a"}, {"text": "b", "correct": true}]},
      {"id": "pair", "type": "matching", "prompt": "?", "pairs": [{"left": "x", "right": "1"}, {"left": "y", "right": "2"}]},
      {"id": "steps", "type": "ordering", "prompt": "?", "items": ["one", "two", "three"]},
      {"id": "typed", "type": "fill_blanks", "prompt": "?", "text": "Say [[yes]]."},
      {"id": "count", "type": "numeric", "prompt": "?", "answer": 3},
      {"id": "agree", "type": "attestation", "prompt": "I agree."}]})");
  const json lesson = {{"id", "c/m/l"}, {"questions", json::array()}};
  const json state = Fresh("a");
  auto answer = [&](const char* question, const json& response) {
    return Call(ApiAnswer, {{"state", state},
                            {"lesson", lesson},
                            {"block", block},
                            {"question", question},
                            {"response", response},
                            {"now", Today()}});
  };
  auto missing = [&](const char* question, const json& response) {
    json out = answer(question, response);
    CHECK(out["ok"] == false);
    CHECK_FALSE(out.contains("state"));
    return out["error"]["code"] == "incomplete" ? out["error"]["missing"] : json("not incomplete");
  };
  CHECK(missing("multi", {{"choices", json::array()}}) == "choose_first");
  CHECK(missing("pick", {{"choice", nullptr}}) == "choose_first");
  CHECK(missing("pair", {{"matches", {0, -1}}}) == "answer_every_part");
  CHECK(missing("pair", {{"matches", {1, 1}}}) == "each_match_once");
  CHECK(missing("steps", {{"positions", {0, -1, 2}}}) == "answer_every_part");
  CHECK(missing("steps", {{"positions", {0, 0, 2}}}) == "each_position_once");
  CHECK(missing("typed", {{"blanks", {"  "}}}) == "answer_every_part");
  CHECK(missing("count", {{"text", ""}}) == "answer_every_part");
  CHECK(missing("count", {{"text", "three"}}) == "not_a_number");
  CHECK(missing("agree", {{"agreed", false}}) == "agree_first");

  // Positions as the page reads them are stored as the order they give.
  json ordered = answer("steps", {{"positions", {2, 0, 1}}});
  REQUIRE(ordered["ok"] == true);
  CHECK(ordered["state"]["questions"]["c/m/l:q/steps"]["attempts"][0]["response"] == json{{"order", {1, 2, 0}}});
  CHECK(ordered["view"]["items"]["steps"]["response"] == json{{"order", {1, 2, 0}}});

  // An assessment with one question blank: nothing recorded, every blank one named.
  const json exam = Exam();
  json view = ViewOf(state, exam, ExamLesson())["views"]["c/m/l:exam"];
  const std::string first = view["questions"][0].get<std::string>();
  const std::string second = view["questions"][1].get<std::string>();
  json out = Call(ApiSubmit, {{"state", state},
                              {"lesson", ExamLesson()},
                              {"block", exam},
                              {"responses", {{first, {{"choice", 1}}}, {second, {{"choice", nullptr}}}}},
                              {"now", Today()}});
  CHECK(out["ok"] == false);
  CHECK(out["error"]["code"] == "incomplete");
  CHECK(out["error"]["missing"] == json{{second, "choose_first"}});
  CHECK(ViewOf(state, exam, ExamLesson())["views"]["c/m/l:exam"]["attempt"] == 0);
}

TEST_CASE("a check-mode view: restored answers, attempts left, locks, reveals and stale answers") {
  const std::string authored = R"({"attempts": 2, "show_answers": "after_last_attempt", "questions": [
      {"id": "q1", "prompt": "?", "explanation": "Because.", "options": [
        {"text": "a", "feedback": "no"}, {"text": "b", "correct": true, "feedback": "yes"}]}]})";
  const json block = Block("c/m/l:q", authored);
  const json lesson = {{"id", "c/m/l"}, {"questions", {"c/m/l:q/q1"}}};
  json state = Fresh("a");
  json item = ViewOf(state, block, lesson)["views"]["c/m/l:q"]["items"]["q1"];
  CHECK(item == json{{"response", nullptr},
                     {"result", nullptr},
                     {"message", nullptr},
                     {"note", nullptr},
                     {"locked", false},
                     {"attempts_left", 2}});

  auto wrong = [&] {
    json out = Call(ApiAnswer, {{"state", state},
                                {"lesson", lesson},
                                {"block", block},
                                {"question", "q1"},
                                {"response", {{"choice", 0}}},
                                {"now", Today()}});
    REQUIRE(out["ok"] == true);
    state = out["state"];
    return out["view"]["items"]["q1"];
  };
  item = wrong();
  CHECK(item["response"] == json{{"choice", 0}});
  CHECK(item["result"]["feedback"] == "no");
  CHECK(item["note"] == json{{"key", "attempt_left"}, {"n", 1}});
  CHECK(item["locked"] == false);
  CHECK_FALSE(item["result"].contains("reveal"));
  item = wrong();
  CHECK(item["note"] == json{{"key", "no_attempts_left"}, {"n", 0}});
  CHECK(item["locked"] == true);
  CHECK(item["result"]["reveal"]["correct_options"] == json{1});
  CHECK(item["result"]["reveal"]["explanation"] == "Because.");
  // A reload shows the same.
  CHECK(ViewOf(state, block, lesson)["views"]["c/m/l:q"]["items"]["q1"] == item);

  // The right answer changes: the visit marks the attempts stale, the page asks again, and
  // the limit starts over.
  const std::string changed = R"({"attempts": 2, "show_answers": "after_last_attempt", "questions": [
      {"id": "q1", "prompt": "?", "explanation": "Because.", "options": [
        {"text": "a", "correct": true, "feedback": "no"}, {"text": "b", "feedback": "yes"}]}]})";
  const json edited = Block("c/m/l:q", changed);
  json visited = Call(ApiVisit, {{"state", state}, {"lesson", lesson}, {"blocks", {edited}}, {"now", Today()}});
  REQUIRE(visited["ok"] == true);
  item = visited["views"]["c/m/l:q"]["items"]["q1"];
  CHECK(item["message"] == "answer_changed");
  CHECK(item["response"] == nullptr);
  CHECK(item["locked"] == false);
  CHECK(item["attempts_left"] == 2);
}

TEST_CASE("a pool's view leaves the questions not drawn out of the lesson") {
  const json block = Block("c/m/l:pool", R"({"draw": 1, "questions": [
      {"id": "q1", "prompt": "?", "options": [{"text": "a", "correct": true}, {"text": "b"}]},
      {"id": "q2", "prompt": "?", "options": [{"text": "a", "correct": true}, {"text": "b"}]}]})");
  const json lesson = {{"id", "c/m/l"},
                       {"questions", {"c/m/l:pool/q1", "c/m/l:pool/q2"}},
                       {"quizzes",
                        {{{"id", "c/m/l:pool"},
                          {"mode", "check"},
                          {"pass_mark", 0},
                          {"points", {{"c/m/l:pool/q1", 1}, {"c/m/l:pool/q2", 1}}}}}}};
  json out = Call(ApiVisit, {{"state", Fresh("z")}, {"lesson", lesson}, {"blocks", {block}}, {"now", Today()}});
  REQUIRE(out["ok"] == true);
  const json shown = out["views"]["c/m/l:pool"]["questions"];
  REQUIRE(shown.size() == 1);
  const std::string key = "c/m/l:pool/" + shown[0].get<std::string>();
  CHECK(out["lesson"]["questions"] == json{key});
  CHECK(out["lesson"]["quizzes"][0]["points"] == json{{key, 1}});
  // Answering the one drawn question right completes the lesson.
  json answered = Call(ApiAnswer, {{"state", out["state"]},
                                   {"lesson", out["lesson"]},
                                   {"block", block},
                                   {"question", shown[0]},
                                   {"response", {{"choice", 0}}},
                                   {"now", Today()}});
  CHECK(answered["lesson_status"] == "completed");
}

TEST_CASE("status and My learning views") {
  json state = Fresh("a");
  state = Call(ApiVisit, {{"state", state},
                          {"lesson", {{"id", "c/m/one"}, {"questions", json::array()}}},
                          {"now", Today(1000, "2026-11-28")}})["state"];
  state = Call(ApiVisit, {{"state", state},
                          {"lesson", {{"id", "c/m/two"}, {"questions", {"b/q"}}}},
                          {"now", Today(2000, "2026-11-28")}})["state"];
  state = Call(ApiTrack, {{"state", state},
                          {"lesson", "c/m/two"},
                          {"ms", 150000},
                          {"anchor", "steps"},
                          {"now", Today(3000, "2026-12-01")}})["state"];
  json status = Call(ApiStatus, {{"state", state}, {"lessons", {"c/m/one", "c/m/two", "c/m/three"}}});
  CHECK(status["lessons"] == json{{"c/m/one", "completed"}, {"c/m/two", "in_progress"}, {"c/m/three", "not_started"}});
  CHECK(status["resume"] == json{{"lesson", "c/m/two"}, {"anchor", "steps"}, {"status", "in_progress"}});

  json site =
      Call(ApiSiteView,
           {{"state", state},
            {"courses",
             {{{"id", "c"}, {"lessons", {"c/m/one", "c/m/two", "c/m/three"}}}, {{"id", "d"}, {"lessons", {"d/m/x"}}}}},
            {"now", Today(4000, "2026-12-02")},
            {"days", 5}});
  REQUIRE(site["ok"] == true);
  CHECK(site["courses"]["c"]["done"] == 1);
  CHECK(site["courses"]["c"]["total"] == 3);
  CHECK(site["courses"]["c"]["next"] == "c/m/two");  // where the learner left off
  CHECK(site["courses"]["c"]["anchor"] == "steps");
  CHECK(site["courses"]["c"]["time_ms"] == 150000);
  CHECK(site["courses"]["d"]["started"] == false);
  CHECK(site["courses"]["d"]["next"] == "d/m/x");
  // Five local days ending today, across a month's end.
  json dates = json::array();
  for (const json& day : site["activity"]) dates.push_back(day["date"]);
  CHECK(dates == json{"2026-11-28", "2026-11-29", "2026-11-30", "2026-12-01", "2026-12-02"});
  CHECK(site["activity"][3]["minutes"] == 3);  // 2.5 minutes, rounded
  CHECK(site["totals"]["days"] == 1);
}

}  // namespace
}  // namespace morsel::core
