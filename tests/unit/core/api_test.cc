#include "runtime/core/api.h"

#include "runtime/core/quiz.h"
#include "runtime/core/scenario.h"

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

json Call(std::string (*api)(std::string_view), const json& input) {
  return json::parse(api(input.dump()));
}

json Now() { return {{"epoch_ms", 1000}, {"local_date", "2026-11-28"}, {"utc_offset_min", 0}}; }

TEST_CASE("load, visit and answer through the JSON api") {
  json loaded = Call(ApiLoadState, {{"stored", nullptr}, {"learner", "abc"}, {"now", Now()}});
  REQUIRE(loaded["ok"] == true);
  CHECK(loaded["status"] == "new");
  json lesson = {{"id", "c/m/l"}, {"questions", {"c/m/l:quiz-1/q1"}}};

  json visited = Call(ApiVisit, {{"state", loaded["state"]}, {"lesson", lesson}, {"now", Now()}});
  REQUIRE(visited["ok"] == true);
  CHECK(visited["lesson_status"] == "in_progress");

  json answer = {{"state", visited["state"]}, {"lesson", lesson}, {"block", json::parse(kBlock)},
                 {"question", "q1"}, {"response", {{"choice", 0}}}, {"now", Now()}};
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

  json graded = Call(ApiGrade, {{"block", json::parse(kBlock)}, {"question", "q1"},
                                {"response", {{"choice", 1}}}});
  CHECK(graded["result"]["correct"] == true);
  CHECK_FALSE(graded.contains("state"));
}

TEST_CASE("corrupt stored state is reported with a fresh state") {
  json loaded = Call(ApiLoadState, {{"stored", "{oops"}, {"learner", "abc"}, {"now", Now()}});
  REQUIRE(loaded["ok"] == true);
  CHECK(loaded["status"] == "corrupt");
  CHECK(loaded["state"]["learner"] == "abc");
}

TEST_CASE("hostile input gives an error result, never a crash") {
  using Api = std::string (*)(std::string_view);
  for (Api api : {ApiValidateQuiz, ApiLoadState, ApiVisit, ApiGrade, ApiAnswer}) {
    for (const char* input :
         {"", "{", "null", "[]", "\"x\"", "1e999999", "{\"state\":[]}", "{\"now\":{\"epoch_ms\":\"x\"}}",
          "{\"state\":{},\"lesson\":{\"id\":1}}", "\xff\xfe"}) {
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

  json lost = json::parse(ApiScenarioChoose(json{{"state", state}, {"lesson", lesson}, {"block", block},
                                                 {"path", start["path"]}, {"choice", 1}, {"now", now}}.dump()));
  REQUIRE(lost["ok"] == true);
  CHECK(lost["step"]["ended"] == true);
  CHECK(lost["step"]["outcome"] == "poor");
  CHECK(lost["lesson_status"] == "in_progress");

  json won = json::parse(ApiScenarioChoose(json{{"state", lost["state"]}, {"lesson", lesson}, {"block", block},
                                                {"path", start["path"]}, {"choice", 0}, {"now", now}}.dump()));
  CHECK(won["step"]["outcome"] == "good");
  CHECK(won["step"]["feedback"] == "Nice");
  CHECK(won["lesson_status"] == "completed");
  CHECK(won["state"]["questions"]["c/m/l:scenario-1/scenario"]["attempts"].size() == 2);

  json replay = json::parse(ApiScenarioReplay(json{{"block", block}, {"path", {{"nodes", {"start", "lose"}}, {"choices", {0}}}}}.dump()));
  CHECK(replay["ok"] == false);
  json damaged = lost["state"];
  damaged["scenarios"] = 7;
  json again = json::parse(ApiScenarioChoose(json{{"state", damaged}, {"lesson", lesson}, {"block", block},
                                                  {"path", start["path"]}, {"choice", 0}, {"now", now}}.dump()));
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
      {"text": "a"}, {"text": "b", "correct": true}]}]})"), &quiz, &diagnostics);
  REQUIRE(diagnostics.empty());
  quiz.id = "c/m/l:quiz-1";
  json block = QuizToRuntime(quiz);
  json now = {{"epoch_ms", 5}};
  json lesson = {{"id", "c/m/l"}, {"questions", {"c/m/l:quiz-1/q1"}}};
  json state = json::parse(ApiLoadState(json{{"stored", nullptr}, {"learner", "x"}, {"now", now}}.dump()))["state"];
  auto answer = [&](int choice) {
    json out = json::parse(ApiAnswer(json{{"state", state}, {"lesson", lesson}, {"block", block},
                                          {"question", "q1"}, {"response", {{"choice", choice}}},
                                          {"now", now}}.dump()));
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
      json out = json::parse(ApiAnswer(json{{"state", state}, {"lesson", lesson}, {"block", block},
                                            {"question", "q1"}, {"response", {{"choice", choice}}}, {"now", now}}.dump()));
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
    questions += std::string(i > 1 ? "," : "") + R"({"id": "q)" + std::to_string(i) +
                 R"(", "prompt": "?", "options": [{"text": "a", "correct": true}, {"text": "b"}, {"text": "c"}, {"text": "d"}]})";
  }
  ParseQuiz(json::parse(R"({"draw": 3, "shuffle": {"options": true}, "questions": [)" + questions + "]}"),
            &quiz, &diagnostics);
  REQUIRE(diagnostics.empty());
  quiz.id = "l:pool";
  json block = QuizToRuntime(quiz);
  auto plan = [&](const char* learner, int attempt) {
    return json::parse(ApiPlan(json{{"block", block}, {"learner", learner}, {"attempt", attempt}}.dump()));
  };
  json a = plan("alice", 0);
  REQUIRE(a["ok"] == true);
  CHECK(a["questions"].size() == 3);
  CHECK(a == plan("alice", 0));                 // a reload shows the same draw
  CHECK(a["questions"] != plan("bob", 0)["questions"]);
  std::vector<std::string> drawn = a["questions"].get<std::vector<std::string>>();
  CHECK(std::is_sorted(drawn.begin(), drawn.end()));  // author's order kept within a pool
  for (const auto& id : drawn) {
    std::vector<int> perm = a["options"][id].get<std::vector<int>>();
    std::sort(perm.begin(), perm.end());
    CHECK(perm == std::vector<int>{0, 1, 2, 3});
  }
  CHECK(json::parse(ApiPlan(R"({"block": {"kind": "quiz"}, "learner": "x"})"))["ok"] == false);
}

}  // namespace
}  // namespace morsel::core
