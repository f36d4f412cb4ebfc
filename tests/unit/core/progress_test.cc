#include "runtime/core/progress.h"

#include <string>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "runtime/core/api.h"
#include "runtime/core/state.h"

namespace morsel::core {
namespace {

using nlohmann::json;

Now At(int64_t ms, const char* day = "2026-11-28") { return Now{ms, day, 0}; }

// A state as schema 1 wrote it (Morsel 0.1, before this change): the fixture of that
// schema. Every later schema adds its own fixture here with its migration.
const char* const kSchema1 = R"({"schema": 1, "learner": "old-learner", "created": 1000,
  "lessons": {"c/m/a": {"status": "completed", "first_visit": 1000, "last_visit": 2000, "completed_at": 2000},
              "c/m/b": {"status": "in_progress", "first_visit": 3000, "last_visit": 3000}},
  "questions": {"c/m/a:quiz-1/q1": {"attempts": [{"response": {"choice": 1}, "correct": true, "score": 1, "max_score": 1, "at": 1500}]}},
  "scenarios": {"c/m/b:case": {"path": {"nodes": ["start"], "choices": []}}}})";

TEST_CASE("a schema 1 state migrates to the current schema and keeps everything") {
  std::string text = kSchema1;
  json state;
  std::string problem;
  REQUIRE(LoadState(&text, "fresh", At(9000), &state, &problem) == LoadStatus::kMigrated);
  CHECK(state["schema"] == kStateSchema);
  CHECK(state["learner"] == "old-learner");
  CHECK(state["updated"] == 1000);
  CHECK(state["activity"].is_object());
  CHECK(LessonStatus(state, "c/m/a") == "completed");
  CHECK(state["questions"]["c/m/a:quiz-1/q1"]["attempts"].size() == 1);
  CHECK(state["scenarios"]["c/m/b:case"]["path"]["nodes"][0] == "start");
  // Loading the migrated document again is plain "ok".
  std::string again = state.dump();
  CHECK(LoadState(&again, "fresh", At(9001), &state, &problem) == LoadStatus::kOk);
}

/// The state of a tab that answered question `i` of a lesson at time `at`.
json Answer(json state, int i, int64_t at) {
  LessonRef lesson{"c/m/l", {}};
  Grade grade;
  grade.correct = i % 3 != 0;
  grade.score = grade.correct ? 1 : 0;
  grade.max_score = 1;
  RecordAttempt(&state, lesson, "c/m/l:quiz-1/q" + std::to_string(i), json{{"choice", i % 4}}, grade, At(at));
  return state;
}

int TotalAttempts(const json& state) {
  int total = 0;
  for (const auto& record : state["questions"]) total += static_cast<int>(record["attempts"].size());
  return total;
}

TEST_CASE("two tabs answering in turn merge to all forty answers, whichever writes last") {
  const json base = NewState("me", At(1));
  json stored = base;  // what localStorage holds
  json a = base, b = base;
  for (int round = 0; round < 20; ++round) {
    // Each tab answers from its own copy, then merges the stored value before writing.
    a = Answer(a, round, 100 + 2 * round);
    MergeStates(&a, stored);
    stored = a;
    b = Answer(b, 100 + round, 101 + 2 * round);
    MergeStates(&b, stored);
    stored = b;
  }
  CHECK(TotalAttempts(stored) == 40);
  json fresh = NewState("me", At(1));
  MergeStates(&fresh, stored);
  CHECK(TotalAttempts(fresh) == 40);
  // Merging is idempotent and order does not matter for the attempts.
  json twice = stored;
  const MergeSummary summary = MergeStates(&twice, stored);
  CHECK(summary.attempts_added == 0);
  CHECK(twice == stored);
}

TEST_CASE("merging never regresses completion and keeps the best results") {
  json ours = NewState("me", At(1));
  json theirs = NewState("other", At(0));
  ours["lessons"]["x"] = {{"status", "in_progress"}, {"first_visit", 50}, {"last_visit", 60}, {"time_ms", 1000}};
  theirs["lessons"]["x"] = {
      {"status", "completed"}, {"first_visit", 40}, {"last_visit", 55}, {"completed_at", 55}, {"time_ms", 700}};
  theirs["lessons"]["y"] = {{"status", "completed"}, {"first_visit", 1}, {"last_visit", 2}, {"completed_at", 2}};
  ours["quizzes"]["q"] = {{"best", {{"score", 1}, {"max_score", 4}, {"passed", false}, {"at", 5}}}};
  theirs["quizzes"]["q"] = {{"best", {{"score", 3}, {"max_score", 4}, {"passed", true}, {"at", 4}}}};
  const MergeSummary summary = MergeStates(&ours, theirs);
  CHECK(ours["learner"] == "me");
  CHECK(ours["lessons"]["x"]["status"] == "completed");
  CHECK(ours["lessons"]["x"]["first_visit"] == 40);
  CHECK(ours["lessons"]["x"]["last_visit"] == 60);
  CHECK(ours["lessons"]["x"]["time_ms"] == 1000);
  CHECK(ours["quizzes"]["q"]["best"]["score"] == 3);
  CHECK(summary.lessons_added == 1);
  CHECK(summary.lessons_completed == 2);

  // Merging an older copy back does not undo anything.
  json older = NewState("me", At(1));
  MergeStates(&ours, older);
  CHECK(ours["lessons"]["x"]["status"] == "completed");
}

TEST_CASE("compaction keeps best and last attempts, counts the rest, and fits the budget") {
  json state = NewState("me", At(1));
  for (int i = 0; i < 400; ++i) {
    LessonRef lesson{"c/m/l", {}};
    Grade grade;
    grade.correct = i == 7;
    grade.score = i == 7 ? 1 : 0;
    grade.max_score = 1;
    const std::string day = "2026-" + std::string(i % 12 < 9 ? "0" : "") + std::to_string(i % 12 + 1) + "-" +
                            std::string(i % 28 < 9 ? "0" : "") + std::to_string(i % 28 + 1);
    RecordAttempt(&state, lesson, "c/m/l:quiz-1/q" + std::to_string(i % 5), json{{"text", std::string(200, 'x')}},
                  grade, At(1000 + i, day.c_str()));
  }
  const size_t before = state.dump().size();
  CHECK(CompactState(&state, before) == before);  // within budget: untouched
  const size_t budget = 16 * 1024;
  const size_t after = CompactState(&state, budget);
  CHECK(after <= budget);
  CHECK(state["activity"].size() <= 90);
  const json& q2 = state["questions"]["c/m/l:quiz-1/q2"];
  REQUIRE(q2["attempts"].size() == 2);
  CHECK(q2["attempts"][0]["correct"] == true);   // the best (i = 7)
  CHECK(q2["attempts"][1]["at"] == 1000 + 397);  // the last
  CHECK(q2["dropped"] == 78);
  CHECK(LessonStatus(state, "c/m/l") == "completed");
}

TEST_CASE("heavy use of the demo site stays within the documented 256 KB") {
  // The demo's 113 questions, each answered 25 times with a long reflection-sized answer,
  // over 200 days: more than twice the budget before compaction.
  json state = NewState("me", At(1));
  for (int day = 0; day < 200; ++day) {
    const std::string date = "2026-" + std::to_string(1 + day / 28 % 12) + "-" + std::to_string(1 + day % 28);
    RecordTime(&state, "c/m/l" + std::to_string(day % 39), 60000, "h", At(day * 1000, date.c_str()));
  }
  for (int round = 0; round < 25; ++round) {
    for (int q = 0; q < 113; ++q) {
      Grade grade;
      grade.correct = round == 3;
      grade.score = grade.correct ? 1 : 0;
      grade.max_score = 1;
      RecordAttempt(&state, LessonRef{"c/m/l" + std::to_string(q % 39), {}}, "c/m/l:quiz-1/q" + std::to_string(q),
                    json{{"text", std::string(120, 'r')}}, grade, At(1000000 + round * 1000 + q), false, "fp");
    }
  }
  const size_t before = state.dump().size();
  REQUIRE(before > 2 * 256 * 1024);
  CHECK(CompactState(&state, 256 * 1024) <= 256 * 1024);
  CHECK(state["questions"]["c/m/l:quiz-1/q0"]["attempts"][0]["correct"] == true);
  CHECK(state["questions"]["c/m/l:quiz-1/q0"]["dropped"] == 23);
}

TEST_CASE("hostile documents to merge: huge arrays and wrong types neither crash nor change the state") {
  json state = NewState("me", At(1));
  state["lessons"]["a"] = {{"status", "completed"}, {"completed_at", 5}};
  json huge = NewState("x", At(1));
  json attempts = json::array();
  for (int i = 0; i < 100000; ++i)
    attempts.push_back({{"at", i}, {"response", {{"choice", i % 3}}}, {"score", 1}, {"max_score", 1}});
  huge["questions"]["k/q"] = {{"attempts", std::move(attempts)}};
  json merged = json::parse(ApiMerge(json{{"state", state}, {"incoming", huge.dump()}}.dump()));
  REQUIRE(merged["ok"] == true);
  CHECK(merged["summary"]["attempts_added"] == 100000);
  for (const char* wrong :
       {R"({"schema": 2, "learner": "x", "lessons": {"a": 5}, "questions": {}})",
        R"({"schema": 2, "learner": "x", "lessons": {}, "questions": {"q": {"attempts": 7}}})",
        R"({"schema": 2, "learner": "x", "lessons": {}, "questions": {}, "quizzes": [1], "activity": "x"})"}) {
    INFO(wrong);
    json out = json::parse(ApiMerge(json{{"state", state}, {"incoming", wrong}}.dump()));
    if (out["ok"] == true) CHECK(out["state"]["lessons"]["a"]["status"] == "completed");
  }
}

TEST_CASE("resetting a course forgets its lessons only") {
  json state = NewState("me", At(1));
  state["lessons"]["c/m/a"] = {{"status", "completed"}};
  state["lessons"]["d/m/a"] = {{"status", "completed"}};
  state["questions"]["c/m/a:quiz-1/q"] = {{"attempts", json::array()}};
  state["questions"]["c/m/ab:quiz-1/q"] = {{"attempts", json::array()}};
  state["quizzes"] = {{"c/m/a:quiz-1", json::object()}};
  ResetLessons(&state, {"c/m/a"});
  CHECK_FALSE(state["lessons"].contains("c/m/a"));
  CHECK(state["lessons"].contains("d/m/a"));
  CHECK_FALSE(state["questions"].contains("c/m/a:quiz-1/q"));
  CHECK(state["questions"].contains("c/m/ab:quiz-1/q"));  // a prefix is not a match
  CHECK(state["quizzes"].empty());
}

TEST_CASE("a changed answer makes old attempts stale; a changed attestation reopens the lesson") {
  json state = NewState("me", At(1));
  LessonRef lesson{"c/m/p", {"b/agree", "b/q"}};
  Grade right;
  right.correct = true;
  right.score = right.max_score = 1;
  RecordAttempt(&state, lesson, "b/agree", json{{"agreed", true}}, right, At(10), false, "fp-policy-1");
  RecordAttempt(&state, lesson, "b/q", json{{"choice", 1}}, right, At(11), false, "fp-q-1");
  REQUIRE(LessonStatus(state, "c/m/p") == "completed");

  lesson.fingerprints = {{"b/agree", "fp-policy-1"}, {"b/q", "fp-q-2"}};
  lesson.attestations = {"b/agree"};
  RecordVisit(&state, lesson, At(20));
  CHECK(state["questions"]["b/q"]["attempts"][0]["stale"] == true);
  CHECK(LiveAttemptCount(state, "b/q") == 0);
  CHECK(LessonStatus(state, "c/m/p") == "completed");  // a changed quiz answer: asked again only
  CHECK_FALSE(state["questions"]["b/q"].contains("reconfirm"));

  lesson.fingerprints = {{"b/agree", "fp-policy-2"}, {"b/q", "fp-q-2"}};
  RecordVisit(&state, lesson, At(30));
  CHECK(LessonStatus(state, "c/m/p") == "in_progress");
  CHECK(state["lessons"]["c/m/p"]["reopened_at"] == 30);
  // Answering something else does not complete it while the statement is unconfirmed.
  RecordAttempt(&state, lesson, "b/q", json{{"choice", 1}}, right, At(35), false, "fp-q-2");
  CHECK(LessonStatus(state, "c/m/p") == "in_progress");
  RecordAttempt(&state, lesson, "b/agree", json{{"agreed", true}}, right, At(40), false, "fp-policy-2");
  CHECK(LessonStatus(state, "c/m/p") == "completed");

  // With `keep`, nothing is marked.
  json kept = NewState("me", At(1));
  RecordAttempt(&kept, lesson, "b/q", json{{"choice", 1}}, right, At(11), false, "fp-q-1");
  RecordVisit(&kept, lesson, At(20), false);
  CHECK_FALSE(kept["questions"]["b/q"]["attempts"][0].contains("stale"));
}

TEST_CASE("active time, the day's activity and the resume position are recorded") {
  json state = NewState("me", At(1));
  RecordTime(&state, "c/m/l", 15000, "step-2", At(100));
  RecordTime(&state, "c/m/l", 999999999, "", At(200));  // a bad clock: capped
  CHECK(state["lessons"]["c/m/l"]["time_ms"] == 15000 + 5 * 60 * 1000);
  CHECK(state["activity"]["2026-11-28"]["ms"] == 15000 + 5 * 60 * 1000);
  CHECK(state["resume"]["lesson"] == "c/m/l");
  CHECK(state["resume"]["at"] == 200);
}

TEST_CASE("importing a progress file: validated, merged, summarised") {
  json state = NewState("me", At(1));
  json exported = {{"morsel_progress", 1}, {"site", "demo"}, {"state", json::parse(kSchema1)}};
  json merged = json::parse(ApiMerge(json{{"state", state}, {"incoming", exported.dump()}, {"site", "demo"}}.dump()));
  REQUIRE(merged["ok"] == true);
  CHECK(merged["summary"]["lessons_added"] == 2);
  CHECK(merged["summary"]["lessons_completed"] == 1);
  CHECK(merged["summary"]["attempts_added"] == 1);
  CHECK(merged["state"]["learner"] == "me");
  CHECK(merged["state"]["schema"] == kStateSchema);

  json other_site =
      json::parse(ApiMerge(json{{"state", state}, {"incoming", exported.dump()}, {"site", "other"}}.dump()));
  CHECK(other_site["ok"] == false);
  for (const char* bad : {"", "{", "[]", R"({"morsel_progress": 1, "state": 5})",
                          R"({"schema": 99, "learner": "x", "lessons": {}, "questions": {}})"}) {
    INFO(bad);
    CHECK(json::parse(ApiMerge(json{{"state", state}, {"incoming", bad}}.dump()))["ok"] == false);
  }
}

TEST_CASE("an import is bounded by the state budget: 50,000 made-up lessons are refused, not stored") {
  const size_t budget = 256 * 1024;
  json state = NewState("me", At(1));
  json made_up = NewState("them", At(1));
  for (int i = 0; i < 50000; ++i) {
    made_up["lessons"]["c/m/made-up-" + std::to_string(i)] = {
        {"status", "completed"}, {"first_visit", 1}, {"last_visit", 2}, {"completed_at", 2}};
  }
  const std::string file = json{{"morsel_progress", 1}, {"site", "demo"}, {"state", made_up}}.dump();
  REQUIRE(file.size() > 4 * budget);  // about 4.8 MB, as found
  json refused =
      json::parse(ApiMerge(json{{"state", state}, {"incoming", file}, {"site", "demo"}, {"budget", budget}}.dump()));
  CHECK(refused["ok"] == false);
  CHECK_THAT(refused["error"]["message"].get<std::string>(), Catch::Contains("too large"));

  // Under four times the budget it is read, and refused if it still does not fit once compacted.
  made_up["lessons"].clear();
  for (int i = 0; i < 5000; ++i) {
    made_up["lessons"]["c/m/made-up-" + std::to_string(i)] = {
        {"status", "completed"}, {"first_visit", 1}, {"last_visit", 2}, {"completed_at", 2}};
  }
  const std::string smaller = made_up.dump();
  REQUIRE(smaller.size() > budget);
  REQUIRE(smaller.size() < 4 * budget);
  json too_big = json::parse(ApiMerge(json{{"state", state}, {"incoming", smaller}, {"budget", budget}}.dump()));
  CHECK(too_big["ok"] == false);
  CHECK_THAT(too_big["error"]["message"].get<std::string>(), Catch::Contains("too large to keep"));

  // A real export fits, and without a budget (another tab's state) nothing changes.
  json fits = json::parse(
      ApiMerge(json{{"state", state}, {"incoming", json::parse(kSchema1).dump()}, {"budget", budget}}.dump()));
  CHECK(fits["ok"] == true);
  CHECK(json::parse(ApiMerge(json{{"state", state}, {"incoming", smaller}}.dump()))["ok"] == true);
  CHECK(json::parse(ApiMerge(json{{"state", state}, {"incoming", smaller}, {"budget", "x"}}.dump()))["ok"] == false);
}

}  // namespace
}  // namespace morsel::core
