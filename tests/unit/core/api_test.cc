#include "runtime/core/api.h"

#include "runtime/core/quiz.h"
#include "runtime/core/quiz_runtime.h"
#include "runtime/core/scenario.h"
#include "runtime/core/view.h"

#include <set>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

namespace morsel::core {
namespace {

using nlohmann::json;

/// The page form of a one-question quiz, as the generator builds it.
std::string Block() {
  Quiz quiz;
  Diagnostics diagnostics;
  ParseQuiz(nlohmann::json::parse(R"({"questions": [{"prompt": "?", "options": [
      {"text": "a", "feedback": "no"}, {"text": "b", "correct": true, "feedback": "yes"}]}]})"),
            &quiz, &diagnostics);
  quiz.id = "c/m/l:quiz-1";
  return QuizToRuntime(quiz).dump();
}
const std::string kBlock = Block();

json Call(std::string (*api)(std::string_view), const json& input) { return json::parse(api(input.dump())); }

json Now() { return {{"epoch_ms", 1000}, {"local_date", "2026-11-28"}, {"utc_offset_min", 0}}; }

/// ApiAnswer's answer to choosing option `choice` at `question` of `block`.
json AnswerChoice(const json& state, const json& lesson, const json& block, const json& question, int choice,
                  const json& now = Now()) {
  return Call(ApiAnswer, {{"state", state},
                          {"lesson", lesson},
                          {"block", block},
                          {"question", question},
                          {"response", {{"choice", choice}}},
                          {"now", now}});
}

TEST_CASE("load, visit and answer through the JSON api") {
  json loaded = Call(ApiLoadState, {{"stored", nullptr}, {"learner", "abc"}, {"now", Now()}});
  REQUIRE(loaded["ok"] == true);
  CHECK(loaded["status"] == "new");
  json lesson = {{"id", "c/m/l"}, {"questions", {"c/m/l:quiz-1/q1"}}};

  json visited = Call(ApiVisit, {{"state", loaded["state"]}, {"lesson", lesson}, {"now", Now()}});
  REQUIRE(visited["ok"] == true);
  CHECK(visited["lesson_status"] == "in_progress");

  json answer = {{"state", visited["state"]},   {"lesson", lesson}, {"block", json::parse(kBlock)}, {"question", "q1"},
                 {"response", {{"choice", 0}}}, {"now", Now()}};
  json wrong = Call(ApiAnswer, answer);
  REQUIRE(wrong["ok"] == true);
  CHECK(wrong["result"]["correct"] == false);
  CHECK(wrong["result"]["feedback"] == "no");
  CHECK(wrong["lesson_status"] == "in_progress");

  answer["state"] = wrong["state"];
  answer["response"] = {{"choice", 1}};
  json right = Call(ApiAnswer, answer);
  CHECK(right["result"]["correct"] == true);
  CHECK(right["lesson_status"] == "completed");
  CHECK(right["state"]["questions"]["c/m/l:quiz-1/q1"]["attempts"].size() == 2);

  // The page shown again: the latest answer and its result, nothing recorded.
  json shown = Call(ApiView, {{"state", right["state"]}, {"lesson", lesson}, {"blocks", {json::parse(kBlock)}}});
  CHECK(shown["views"]["c/m/l:quiz-1"]["items"]["q1"]["result"]["correct"] == true);
  CHECK(shown["views"]["c/m/l:quiz-1"]["items"]["q1"]["response"] == json{{"choice", 1}});
  CHECK_FALSE(shown.contains("state"));
}

TEST_CASE("corrupt stored state is reported with a fresh state") {
  json loaded = Call(ApiLoadState, {{"stored", "{oops"}, {"learner", "abc"}, {"now", Now()}});
  REQUIRE(loaded["ok"] == true);
  CHECK(loaded["status"] == "corrupt");
  CHECK(loaded["state"]["learner"] == "abc");
}

TEST_CASE("stored state nested 100000 deep is corrupt and overflows no stack") {
  // 200 KB, within the storage budget: copying or printing it recursed once per level
  // (found by tests/fuzz; ParseJson now refuses it, json_parse.h kMaxJsonDepth).
  const std::string deep = R"({"schema": 2, "learner": "x", "lessons": {}, "questions": {}, "x": )" +
                           std::string(100000, '[') + std::string(100000, ']') + "}";
  json loaded = Call(ApiLoadState, {{"stored", deep}, {"learner", "abc"}, {"now", Now()}});
  CHECK(loaded["status"] == "corrupt");
  json merged = Call(ApiMerge, {{"state", loaded["state"]}, {"incoming", deep}});
  CHECK(merged["ok"] == false);
}

TEST_CASE("hostile input gives an error result, never a crash") {
  using Api = std::string (*)(std::string_view);
  for (Api api : {ApiValidateQuiz, ApiLoadState, ApiVisit, ApiView, ApiStatus, ApiSiteView, ApiAnswer}) {
    for (const char* input : {"", "{", "null", "[]", "\"x\"", "1e999999", "{\"state\":[]}",
                              "{\"now\":{\"epoch_ms\":\"x\"}}", "{\"state\":{},\"lesson\":{\"id\":1}}", "\xff\xfe"}) {
      INFO(input);
      json out = json::parse(api(input), nullptr, false);
      REQUIRE_FALSE(out.is_discarded());
      CHECK(out["ok"] == false);
      CHECK(out["error"]["code"] == "bad-input");
    }
  }
  json deep = json::parse(std::string(ApiAnswer(std::string(5000, '[') + std::string(5000, ']'))));
  CHECK(deep["ok"] == false);
}

TEST_CASE("validating an authored quiz reports diagnostics as JSON") {
  json out = Call(ApiValidateQuiz, {{"block", {{"questions", json::array()}}}});
  REQUIRE(out["ok"] == true);
  REQUIRE(out["diagnostics"].size() == 1);
  CHECK(out["diagnostics"][0]["code"] == "quiz-empty");
  CHECK(out["diagnostics"][0]["pointer"] == "/questions");
}

}  // namespace
}  // namespace morsel::core

namespace morsel::core {
namespace {

TEST_CASE("a scenario played through the api: progress kept, ending recorded") {
  using nlohmann::json;
  Scenario scenario;
  Diagnostics diagnostics;
  ParseScenario(json::parse(R"({"id": "s", "nodes": [
      {"id": "start", "text": "?", "choices": [{"text": "good", "goto": "win", "feedback": "Nice"},
                                               {"text": "bad", "goto": "lose"}]},
      {"id": "win", "text": "!", "ending": true, "outcome": "good"},
      {"id": "lose", "text": "!", "ending": true, "outcome": "poor"}]})"),
                &scenario, &diagnostics);
  REQUIRE(diagnostics.empty());
  scenario.id = "c/m/l:scenario-1";
  json block = ScenarioToRuntime(scenario);
  json now = {{"epoch_ms", 5}};
  json lesson = {{"id", "c/m/l"}, {"questions", {"c/m/l:scenario-1/scenario"}}};
  json state = json::parse(ApiLoadState(json{{"stored", nullptr}, {"learner", "x"}, {"now", now}}.dump()))["state"];

  json start = json::parse(ApiScenarioStart(json{{"block", block}}.dump()));
  REQUIRE(start["ok"] == true);
  CHECK(start["step"]["node"] == "start");

  json lost = json::parse(ApiScenarioChoose(
      json{{"state", state}, {"lesson", lesson}, {"block", block}, {"path", start["path"]}, {"choice", 1}, {"now", now}}
          .dump()));
  REQUIRE(lost["ok"] == true);
  CHECK(lost["step"]["ended"] == true);
  CHECK(lost["step"]["outcome"] == "poor");
  CHECK(lost["lesson_status"] == "in_progress");

  json won = json::parse(ApiScenarioChoose(json{
      {"state", lost["state"]},
      {"lesson", lesson},
      {"block", block},
      {"path", start["path"]},
      {"choice", 0},
      {"now", now}}.dump()));
  CHECK(won["step"]["outcome"] == "good");
  CHECK(won["step"]["feedback"] == "Nice");
  CHECK(won["lesson_status"] == "completed");
  CHECK(won["state"]["questions"]["c/m/l:scenario-1/scenario"]["attempts"].size() == 2);

  // A kept path that no longer fits the case study starts it over.
  json stale = lost["state"];
  const json lose_path = {{"nodes", {"start", "lose"}}, {"choices", {0}}};
  stale["scenarios"] = {{"c/m/l:scenario-1", {{"path", lose_path}}}};
  json view = json::parse(ApiView(json{{"state", stale}, {"lesson", lesson}, {"scenarios", {block}}}.dump()));
  CHECK(view["views"]["c/m/l:scenario-1"]["step"]["node"] == "start");
  CHECK(view["views"]["c/m/l:scenario-1"]["path"] == start["path"]);
  json damaged = lost["state"];
  damaged["scenarios"] = 7;
  json again = json::parse(ApiScenarioChoose(json{
      {"state", damaged}, {"lesson", lesson}, {"block", block}, {"path", start["path"]}, {"choice", 0}, {"now", now}}
                                                 .dump()));
  CHECK(again["ok"] == true);
}

}  // namespace
}  // namespace morsel::core

namespace morsel::core {
namespace {

TEST_CASE("a quiz's attempt limit is enforced by the core") {
  using nlohmann::json;
  Quiz quiz;
  Diagnostics diagnostics;
  ParseQuiz(json::parse(R"({"attempts": 2, "questions": [{"prompt": "?", "options": [
      {"text": "a"}, {"text": "b", "correct": true}]}]})"),
            &quiz, &diagnostics);
  REQUIRE(diagnostics.empty());
  quiz.id = "c/m/l:quiz-1";
  json block = QuizToRuntime(quiz);
  json now = {{"epoch_ms", 5}};
  json lesson = {{"id", "c/m/l"}, {"questions", {"c/m/l:quiz-1/q1"}}};
  json state = json::parse(ApiLoadState(json{{"stored", nullptr}, {"learner", "x"}, {"now", now}}.dump()))["state"];
  auto answer = [&](int choice) {
    json out = AnswerChoice(state, lesson, block, "q1", choice, now);
    if (out["ok"] == true) state = out["state"];
    return out;
  };
  CHECK(answer(0)["result"]["attempts_left"] == 1);
  CHECK(answer(0)["result"]["attempts_left"] == 0);
  json refused = answer(1);
  CHECK(refused["ok"] == false);
  CHECK(refused["error"]["code"] == "no-attempts-left");
  CHECK(refused["error"]["message"] == "all 2 attempts are used");
  CHECK(state["questions"]["c/m/l:quiz-1/q1"]["attempts"].size() == 2);
}

}  // namespace
}  // namespace morsel::core

namespace morsel::core {
namespace {

TEST_CASE("answers are revealed only as the quiz's policy allows") {
  using nlohmann::json;
  auto reveal_after = [](const char* policy, int attempts, const std::vector<int>& choices) {
    Quiz quiz;
    Diagnostics diagnostics;
    ParseQuiz(json::parse(std::string(R"({"show_answers": ")") + policy + R"(", "attempts": )" +
                          std::to_string(attempts) + R"(, "questions": [{"prompt": "?", "explanation": "Because.",
                          "options": [{"text": "a"}, {"text": "b", "correct": true}, {"text": "c"}]}]})"),
              &quiz, &diagnostics);
    REQUIRE(diagnostics.empty());
    quiz.id = "l:q";
    json block = QuizToRuntime(quiz);
    json now = {{"epoch_ms", 1}};
    json lesson = {{"id", "l"}, {"questions", {"l:q/q1"}}};
    json state = json::parse(ApiLoadState(json{{"stored", nullptr}, {"learner", "x"}, {"now", now}}.dump()))["state"];
    std::vector<bool> revealed;
    for (int choice : choices) {
      json out = AnswerChoice(state, lesson, block, "q1", choice, now);
      REQUIRE(out["ok"] == true);
      state = out["state"];
      revealed.push_back(out["result"].contains("reveal"));
      if (out["result"].contains("reveal")) {
        CHECK(out["result"]["reveal"]["correct_options"] == json::array({1}));
        CHECK(out["result"]["reveal"]["explanation"] == "Because.");
      }
    }
    return revealed;
  };
  CHECK(reveal_after("never", 0, {0, 1}) == std::vector<bool>{false, false});
  CHECK(reveal_after("always", 0, {0}) == std::vector<bool>{true});
  CHECK(reveal_after("after_pass", 2, {0, 0}) == std::vector<bool>{false, false});
  CHECK(reveal_after("after_pass", 0, {0, 1}) == std::vector<bool>{false, true});
  CHECK(reveal_after("after_last_attempt", 2, {0, 2}) == std::vector<bool>{false, true});
  CHECK(reveal_after("after_last_attempt", 0, {0, 2, 0}) == std::vector<bool>{false, false, false});
}

}  // namespace
}  // namespace morsel::core

namespace morsel::core {
namespace {

TEST_CASE("plans: seeded shuffles and pools, the same on every call") {
  using nlohmann::json;
  Quiz quiz;
  Diagnostics diagnostics;
  std::string questions;
  for (int i = 1; i <= 6; ++i) {
    questions +=
        std::string(i > 1 ? "," : "") + R"({"id": "q)" + std::to_string(i) +
        R"(", "prompt": "?", "options": [{"text": "a", "correct": true}, {"text": "b"}, {"text": "c"}, {"text": "d"}]})";
  }
  ParseQuiz(json::parse(R"({"draw": 3, "shuffle": {"options": true}, "questions": [)" + questions + "]}"), &quiz,
            &diagnostics);
  REQUIRE(diagnostics.empty());
  quiz.id = "l:pool";
  json block = QuizToRuntime(quiz);
  Quiz page;
  std::string error;
  REQUIRE(QuizFromRuntime(block, &page, &error));
  auto plan = [&](const char* learner, int attempt) { return PlanView(page, learner, attempt); };
  json a = plan("alice", 0);
  CHECK(a["questions"].size() == 3);
  CHECK(a == plan("alice", 0));  // a reload shows the same draw
  CHECK(a["questions"] != plan("bob", 0)["questions"]);
  std::vector<std::string> drawn = a["questions"].get<std::vector<std::string>>();
  CHECK(std::is_sorted(drawn.begin(), drawn.end()));  // author's order kept within a pool
  for (const auto& id : drawn) {
    std::vector<int> perm = a["options"][id].get<std::vector<int>>();
    std::sort(perm.begin(), perm.end());
    CHECK(perm == std::vector<int>{0, 1, 2, 3});
  }
}

}  // namespace
}  // namespace morsel::core

namespace morsel::core {
namespace {

/// A quiz block in page form built from authored JSON (questions q1..qN with two options,
/// the second right), with the given top-level keys and per-question tags.
nlohmann::json PageQuiz(const std::string& id, const std::string& keys, const std::vector<std::string>& tags) {
  std::string questions;
  for (size_t i = 0; i < tags.size(); ++i) {
    questions +=
        std::string(i > 0 ? "," : "") + R"({"id": "q)" + std::to_string(i + 1) + R"(", "prompt": "?", "tags": [")" +
        tags[i] +
        R"("], "options": [{"text": "a", "feedback": "no"}, {"text": "b", "correct": true, "feedback": "yes"}]})";
  }
  Quiz quiz;
  Diagnostics diagnostics;
  ParseQuiz(nlohmann::json::parse("{" + keys + (keys.empty() ? "" : ",") + R"("questions": [)" + questions + "]}"),
            &quiz, &diagnostics);
  INFO((diagnostics.empty() ? std::string() : diagnostics[0].message));
  REQUIRE(diagnostics.empty());
  quiz.id = id;
  return QuizToRuntime(quiz);
}

TEST_CASE("pools per tag: that many of each tag, reproducible from the seed") {
  using nlohmann::json;
  json block =
      PageQuiz("l:tags", R"("draw": {"easy": 2, "hard": 1})", {"easy", "easy", "easy", "hard", "hard", "easy"});
  Quiz page;
  std::string error;
  REQUIRE(QuizFromRuntime(block, &page, &error));
  std::set<std::string> seen;
  for (const char* learner : {"a", "b", "c", "d", "e", "f", "g", "h"}) {
    json plan = PlanView(page, learner, 0);
    REQUIRE(plan["questions"].size() == 3);
    int hard = 0;
    for (const auto& id : plan["questions"]) {
      hard += id == "q4" || id == "q5";
      seen.insert(id.get<std::string>());
    }
    CHECK(hard == 1);
    CHECK(plan == PlanView(page, learner, 0));
  }
  CHECK(seen.size() == 6);  // over several learners, every question gets drawn

  Quiz quiz;
  Diagnostics diagnostics;
  ParseQuiz(json::parse(R"({"draw": {"hard": 2}, "questions": [
      {"prompt": "?", "tags": ["hard"], "options": [{"text": "a", "correct": true}, {"text": "b"}]},
      {"prompt": "?", "options": [{"text": "a", "correct": true}, {"text": "b"}]}]})"),
            &quiz, &diagnostics);
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics[0].code == "out-of-range");
  CHECK(diagnostics[0].pointer == "/draw/hard");
}

json NewStateFor(const char* learner) {
  return json::parse(ApiLoadState(json{{"stored", nullptr}, {"learner", learner}, {"now", Now()}}.dump()))["state"];
}

TEST_CASE("an assessment is submitted whole: results, pass mark, attempts, a new draw each time") {
  json block = PageQuiz(
      "c/m/l:exam", R"("mode": "assessment", "pass_mark": 60, "attempts": 2, "draw": 3, "show_answers": "after_pass")",
      {"x", "x", "x", "x", "x"});
  json lesson = {
      {"id", "c/m/l"},
      {"questions", json::array()},
      {"quizzes", {{{"id", "c/m/l:exam"}, {"mode", "assessment"}, {"pass_mark", 60}, {"points", json::object()}}}}};
  json state = NewStateFor("learner-1");
  Quiz page;
  std::string error;
  REQUIRE(QuizFromRuntime(block, &page, &error));
  auto drawn = [&](int attempt) { return PlanView(page, "learner-1", attempt)["questions"]; };
  json first = drawn(0);
  json input = {{"state", state}, {"lesson", lesson}, {"block", block}, {"now", Now()}};

  // Answering one question of an assessment on its own is refused.
  json single = AnswerChoice(state, lesson, block, first[0], 1);
  CHECK(single["ok"] == false);

  // Every drawn question needs an answer.
  input["responses"] = {{first[0].get<std::string>(), {{"choice", 1}}}};
  json incomplete = Call(ApiSubmit, input);
  CHECK(incomplete["ok"] == false);
  CHECK(incomplete["error"]["code"] == "incomplete");

  // One right of three: 33% < 60%, not passed; no answers revealed (after_pass).
  input["responses"] = {{first[0].get<std::string>(), {{"choice", 1}}},
                        {first[1].get<std::string>(), {{"choice", 0}}},
                        {first[2].get<std::string>(), {{"choice", 0}}}};
  json failed = Call(ApiSubmit, input);
  REQUIRE(failed["ok"] == true);
  CHECK(failed["quiz"]["score"] == 1);
  CHECK(failed["quiz"]["max_score"] == 3);
  CHECK(failed["quiz"]["passed"] == false);
  CHECK(failed["quiz"]["attempt"] == 1);
  CHECK(failed["quiz"]["attempts_left"] == 1);
  CHECK(failed["results"].size() == 3);
  CHECK(failed["results"][first[1].get<std::string>()]["feedback"] == "no");
  CHECK_FALSE(failed["results"][first[0].get<std::string>()].contains("reveal"));
  CHECK(failed["lesson_status"] == "in_progress");
  CHECK(failed["state"]["quizzes"]["c/m/l:exam"]["attempts"].size() == 1);

  // The second attempt draws anew; answering all right passes and completes the lesson.
  json second = drawn(1);
  input["state"] = failed["state"];
  input["responses"] = json::object();
  for (const auto& id : second) input["responses"][id.get<std::string>()] = {{"choice", 1}};
  json passed = Call(ApiSubmit, input);
  REQUIRE(passed["ok"] == true);
  CHECK(passed["quiz"]["percent"] == 100);
  CHECK(passed["quiz"]["passed"] == true);
  CHECK(passed["quiz"]["attempts_left"] == 0);
  CHECK(passed["results"][second[0].get<std::string>()].contains("reveal"));
  CHECK(passed["lesson_status"] == "completed");
  CHECK(passed["state"]["quizzes"]["c/m/l:exam"]["best"]["passed"] == true);

  // The responses must be for the second draw: the first draw's answers alone are incomplete
  // unless the draws coincide; and no third attempt.
  input["state"] = passed["state"];
  json third = Call(ApiSubmit, input);
  CHECK(third["error"]["code"] == "no-attempts-left");

  // The course counts the assessment by its best result.
  json course = {
      {"pass_mark", 50},
      {"lessons", {{{"id", "c/m/l"}, {"module", "m"}, {"points", json::object()}, {"quizzes", {{"c/m/l:exam", 3}}}}}}};
  json progress = Call(ApiCourseProgress, {{"state", passed["state"]}, {"course", course}})["progress"];
  CHECK(progress["score"] == 3);
  CHECK(progress["max"] == 3);
  CHECK(progress["passed"] == true);
  CHECK(progress["modules"]["m"]["percent"] == 100);
}

TEST_CASE("a check-mode quiz with a pass mark completes the lesson when its total passes") {
  json block = PageQuiz("c/m/k:quiz", R"("pass_mark": 50)", {"x", "x"});
  json lesson = {{"id", "c/m/k"},
                 {"questions", {"c/m/k:quiz/q1", "c/m/k:quiz/q2"}},
                 {"quizzes",
                  {{{"id", "c/m/k:quiz"},
                    {"mode", "check"},
                    {"pass_mark", 50},
                    {"points", {{"c/m/k:quiz/q1", 1}, {"c/m/k:quiz/q2", 1}}}}}}};
  json input = {{"state", NewStateFor("l")}, {"lesson", lesson},           {"block", block}, {"now", Now()},
                {"question", "q1"},          {"response", {{"choice", 1}}}};
  json one = Call(ApiAnswer, input);
  REQUIRE(one["ok"] == true);
  CHECK(one["lesson_status"] == "in_progress");  // q2 not answered yet
  input["state"] = one["state"];
  input["question"] = "q2";
  input["response"] = {{"choice", 0}};
  json two = Call(ApiAnswer, input);
  CHECK(two["lesson_status"] == "completed");  // 1 of 2 = 50%: passed, though q2 is wrong
  CHECK(two["state"]["quizzes"]["c/m/k:quiz"]["best"]["percent"] == 50);
}

TEST_CASE("module scores total their lessons") {
  json state = NewStateFor("l");
  json lesson = {{"id", "c/a/one"}, {"questions", {"b/q1"}}};
  json block = PageQuiz("b", "", {"x"});
  state = AnswerChoice(state, lesson, block, "q1", 1)["state"];
  json course = {{"lessons",
                  {{{"id", "c/a/one"}, {"module", "a"}, {"points", {{"b/q1", 2}}}},
                   {{"id", "c/b/two"}, {"module", "b"}, {"points", {{"z/q1", 2}}}}}}};
  json progress = Call(ApiCourseProgress, {{"state", state}, {"course", course}})["progress"];
  CHECK(progress["percent"] == 50);
  CHECK(progress["modules"]["a"]["percent"] == 100);
  CHECK(progress["modules"]["a"]["completed"] == 1);
  CHECK(progress["modules"]["b"]["percent"] == 0);
  CHECK(progress["modules"]["b"]["total"] == 1);
  CHECK(progress["lessons"]["c/a/one"]["score"] == 2);
  CHECK(progress["lessons"]["c/b/two"]["percent"] == 0);
}

}  // namespace
}  // namespace morsel::core
