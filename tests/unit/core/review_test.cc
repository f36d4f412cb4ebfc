#include "runtime/core/review.h"

#include <string>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "runtime/core/api.h"
#include "runtime/core/calendar.h"
#include "runtime/core/gamification.h"
#include "runtime/core/progress.h"
#include "runtime/core/quiz.h"
#include "runtime/core/quiz_runtime.h"
#include "runtime/core/state.h"

namespace morsel::core {
namespace {

using nlohmann::json;

constexpr int64_t kDayMs = 86400000;
constexpr int kNewYork = -300;  // EST
constexpr int kTokyo = 540;

const char* const kLesson = "c/m/l";
const char* const kItem = "c/m/l:quiz-1/q1";

// The caller's now at a local date and time `offset_min` minutes east of UTC.
json NowAt(int64_t y, int64_t m, int64_t d, int64_t hour, int64_t minute, int offset_min) {
  const int64_t day = DaysFromCivil(y, m, d);
  return {{"epoch_ms", day * kDayMs + (hour * 60 + minute) * 60000 - int64_t{offset_min} * 60000},
          {"local_date", DateText(day)},
          {"utc_offset_min", offset_min}};
}

json Call(std::string (*api)(std::string_view), const json& input) { return json::parse(api(input.dump())); }

/// The page form of a one-question check quiz (option 1 is right).
json Block(const std::string& keys = "") {
  Quiz quiz;
  Diagnostics diagnostics;
  ParseQuiz(json::parse("{" + keys + R"("questions": [{"prompt": "?", "options": [
      {"text": "a", "feedback": "no"}, {"text": "b", "correct": true, "feedback": "yes"}]}]})"),
            &quiz, &diagnostics);
  REQUIRE(diagnostics.empty());
  quiz.id = "c/m/l:quiz-1";
  return QuizToRuntime(quiz);
}

json Lesson() { return {{"id", kLesson}, {"questions", {kItem}}}; }

json Fresh() { return NewState("me", Now{0, "1970-01-01", 0}); }

/// The state after answering the lesson's question on a lesson page at `now`.
json AnsweredOnLesson(json state, int choice, const json& now) {
  json out = Call(ApiAnswer, {{"state", state},
                              {"lesson", Lesson()},
                              {"block", Block()},
                              {"question", "q1"},
                              {"response", {{"choice", choice}}},
                              {"now", now}});
  REQUIRE(out["ok"] == true);
  return out["state"];
}

json Items() { return json::array({{{"key", kItem}}}); }

json Queue(const json& state, const json& now, const json& items = Items(), json settings = json::object()) {
  json out = Call(ApiReviewQueue, {{"state", state}, {"items", items}, {"settings", settings}, {"now", now}});
  REQUIRE(out["ok"] == true);
  return out;
}

json ReviewAnswer(const json& state, int choice, const json& now) {
  json out = Call(ApiReviewAnswer, {{"state", state},
                                    {"item", kItem},
                                    {"block", Block()},
                                    {"question", "q1"},
                                    {"response", {{"choice", choice}}},
                                    {"now", now}});
  REQUIRE(out["ok"] == true);
  return out;
}

TEST_CASE("a question becomes an item with its first graded attempt, due on a later local day", "[review]") {
  const json day1 = NowAt(2026, 11, 28, 10, 0, 0);
  SECTION("not answered: not an item") {
    const json queue = Queue(Fresh(), day1);
    CHECK(queue["due"].empty());
    CHECK(queue["due_count"] == 0);
    CHECK(queue["next"].is_null());
  }
  SECTION("right at first: Good, due three days later; nothing due before") {
    // Good's interval on a new card is 2 days (its first stability, 2.31), raised to 3
    // because Hard's is 2: ts-fsrs keeps Again < Hard < Good < Easy.
    const json state = AnsweredOnLesson(Fresh(), 1, day1);
    json queue = Queue(state, day1);
    CHECK(queue["due"].empty());
    CHECK(queue["next"] == json{{"date", "2026-12-01"}, {"count", 1}});
    CHECK(Queue(state, NowAt(2026, 11, 30, 23, 59, 0))["due"].empty());
    queue = Queue(state, NowAt(2026, 12, 1, 8, 0, 0));
    CHECK(queue["due"] == json::array({kItem}));
    CHECK(queue["due_count"] == 1);
    // The lesson's later answers change nothing: the first attempt is the first review.
    CHECK(Queue(AnsweredOnLesson(state, 0, day1), NowAt(2026, 12, 1, 8, 0, 0))["due"] == json::array({kItem}));
  }
  SECTION("wrong at first: Again, due the next day") {
    const json state = AnsweredOnLesson(Fresh(), 0, day1);
    CHECK(Queue(state, day1)["next"] == json{{"date", "2026-11-29"}, {"count", 1}});
  }
  SECTION("an ungraded or stale attempt does not make an item") {
    json state = AnsweredOnLesson(Fresh(), 1, day1);
    state["questions"][kItem]["attempts"][0]["stale"] = true;
    CHECK(Queue(state, day1)["next"].is_null());
  }
}

TEST_CASE("reviewing grades as a lesson does, records no lesson attempt, and moves the item later", "[review]") {
  const json state = AnsweredOnLesson(Fresh(), 1, NowAt(2026, 11, 28, 10, 0, 0));
  const json day3 = NowAt(2026, 12, 1, 9, 0, 0);
  const json reviewed = ReviewAnswer(state, 1, day3);
  CHECK(reviewed["result"]["correct"] == true);
  CHECK(reviewed["result"]["feedback"] == "yes");
  REQUIRE(reviewed["counted"] == true);
  CHECK(reviewed["due"].get<std::string>() > "2026-12-04");
  CHECK(reviewed["interval"].get<int>() > 3);
  // Lesson progress unchanged: the same attempts, the same lesson entry.
  CHECK(reviewed["state"]["questions"] == state["questions"]);
  CHECK(reviewed["state"]["lessons"] == state["lessons"]);
  const json& record = reviewed["state"]["reviews"][kItem];
  CHECK(record["reps"] == 1);
  CHECK(record["first"]["day"] == "2026-11-28");
  CHECK(record["first"]["rating"] == 3);
  CHECK(record["log"] == json::array({{{"at", day3["epoch_ms"]}, {"day", "2026-12-01"}, {"rating", 3}}}));
  CHECK(record["card"]["last"] == "2026-12-01");
  CHECK(record["card"]["reps"] == 2);
  const json queue = Queue(reviewed["state"], day3);
  CHECK(queue["due"].empty());
  CHECK(queue["today_done"] == 1);
  CHECK(queue["next"]["date"] == reviewed["due"]);

  SECTION("answered again the same day, before it is due: graded, not counted") {
    const json again = ReviewAnswer(reviewed["state"], 0, NowAt(2026, 12, 1, 9, 5, 0));
    CHECK(again["result"]["correct"] == false);
    CHECK(again["counted"] == false);
    CHECK(again["state"]["reviews"] == reviewed["state"]["reviews"]);
    CHECK(ReviewsDone(again["state"]) == 1);
    CHECK(XpOf(again["state"], XpConfig{}).reviews == 1);
  }
  SECTION("a wrong answer when due: Again, a lapse, due again within days") {
    const json due = NowAt(2027, 3, 1, 9, 0, 0);
    const json lapse = ReviewAnswer(reviewed["state"], 0, due);
    CHECK(lapse["counted"] == true);
    CHECK(lapse["interval"].get<int>() <= 2);
    CHECK(lapse["due"].get<std::string>() > "2027-03-01");
    CHECK(lapse["state"]["reviews"][kItem]["card"]["lapses"] == 1);
    CHECK(lapse["state"]["reviews"][kItem]["reps"] == 2);
  }
}

TEST_CASE("due is the learner's local day: near midnight and across a time-zone change", "[review]") {
  // Answered wrong at 23:30 on 28 November in New York: 04:30 UTC on the 29th.
  const json late = NowAt(2026, 11, 28, 23, 30, kNewYork);
  const json state = AnsweredOnLesson(Fresh(), 0, late);
  CHECK(Queue(state, late)["next"] == json{{"date", "2026-11-29"}, {"count", 1}});
  // 23:50 the same evening is still the 28th locally, though the 29th in UTC.
  CHECK(Queue(state, NowAt(2026, 11, 28, 23, 50, kNewYork))["due"].empty());
  // Ten minutes past local midnight it is due.
  CHECK(Queue(state, NowAt(2026, 11, 29, 0, 10, kNewYork))["due"] == json::array({kItem}));

  // Reviewed on the 29th in New York: due again on a date D. Flying to Tokyo, the learner
  // reaches D there while it is still the day before in New York.
  const json reviewed = ReviewAnswer(state, 1, NowAt(2026, 11, 29, 9, 0, kNewYork));
  int64_t due_day = 0;
  REQUIRE(ParseDate(reviewed["due"].get<std::string>(), &due_day));
  const std::string due = DateText(due_day);
  // 20:00 in New York on the day before D is 10:00 on D in Tokyo.
  const int64_t instant = (due_day - 1) * kDayMs + 20 * 3600000 - int64_t{kNewYork} * 60000;
  const json in_new_york = {{"epoch_ms", instant}, {"local_date", DateText(due_day - 1)}, {"utc_offset_min", kNewYork}};
  const json in_tokyo = {{"epoch_ms", instant}, {"local_date", due}, {"utc_offset_min", kTokyo}};
  CHECK(Queue(reviewed["state"], in_new_york)["due"].empty());
  CHECK(Queue(reviewed["state"], in_tokyo)["due"] == json::array({kItem}));
  // Reviewed there, the review is dated by Tokyo's calendar.
  const json in_japan = ReviewAnswer(reviewed["state"], 1, in_tokyo);
  CHECK(in_japan["counted"] == true);
  CHECK(in_japan["state"]["reviews"][kItem]["log"][1]["day"] == due);

  SECTION("once reviewed, the first attempt's day is kept: a new offset does not move it") {
    const json& record = reviewed["state"]["reviews"][kItem];
    FsrsCard card;
    REQUIRE(ItemCard(reviewed["state"], kItem, kTokyo, FsrsParams{}, &card));
    CHECK(DateText(card.due_day) == due);
    CHECK(record["first"]["day"] == "2026-11-28");
  }
}

json CardItems(int n) {
  json items = json::array();
  for (int i = 1; i <= n; ++i)
    items.push_back({{"key", std::string("c/m/l:flashcards-1/c") + std::to_string(i)}, {"card", true}});
  return items;
}

TEST_CASE("flashcards are items once their lesson is visited; the daily limit holds", "[review]") {
  const json day1 = NowAt(2026, 11, 28, 10, 0, 60);
  json state = Fresh();
  CHECK(Queue(state, day1, CardItems(5))["new_count"] == 0);
  state["lessons"][kLesson] = {{"status", "in_progress"}, {"first_visit", 1}, {"last_visit", 1}};
  const json settings = {{"daily_limit", 3}};
  json queue = Queue(state, day1, CardItems(5), settings);
  CHECK(queue["new_count"] == 5);
  CHECK(queue["due"] == json::array({"c/m/l:flashcards-1/c1", "c/m/l:flashcards-1/c2", "c/m/l:flashcards-1/c3"}));
  CHECK(queue["left_today"] == 3);
  for (int i = 1; i <= 3; ++i) {
    json rated = Call(ApiReviewRate, {{"state", state},
                                      {"item", std::string("c/m/l:flashcards-1/c") + std::to_string(i)},
                                      {"rating", i == 1 ? 1 : 3},
                                      {"settings", settings},
                                      {"now", day1}});
    REQUIRE(rated["ok"] == true);
    CHECK(rated["counted"] == true);
    state = rated["state"];
  }
  queue = Queue(state, day1, CardItems(5), settings);
  CHECK(queue["today_done"] == 3);
  CHECK(queue["left_today"] == 0);
  CHECK(queue["due"].empty());
  CHECK(queue["new_count"] == 2);
  // Again: due tomorrow, with the two new cards, within tomorrow's limit.
  CHECK(queue["next"] == json{{"date", "2026-11-29"}, {"count", 1}});
  queue = Queue(state, NowAt(2026, 11, 29, 10, 0, 60), CardItems(5), settings);
  CHECK(queue["due"] == json::array({"c/m/l:flashcards-1/c1", "c/m/l:flashcards-1/c4", "c/m/l:flashcards-1/c5"}));
  // Without a limit (My learning's count), every due item.
  CHECK(Call(ApiReviewQueue, {{"state", state}, {"items", CardItems(5)}, {"limit", -1}, {"now", day1}})["left_today"] ==
        -1);
  CHECK(ReviewsDone(state) == 3);
}

TEST_CASE("desired retention and the maximum interval act", "[review]") {
  json state = Fresh();
  auto interval = [&](const json& settings) {
    json rated = Call(ApiReviewRate, {{"state", state},
                                      {"item", "c/m/l:flashcards-1/c1"},
                                      {"rating", 4},
                                      {"settings", settings},
                                      {"now", NowAt(2026, 11, 28, 10, 0, 0)}});
    REQUIRE(rated["ok"] == true);
    return rated["interval"].get<int>();
  };
  CHECK(interval(json::object()) == 8);
  CHECK(interval({{"desired_retention", 0.8}}) > 8);
  CHECK(interval({{"desired_retention", 0.97}}) < 8);
  // Easy's interval is cut to 3, then raised past Good's (3) as ts-fsrs orders them.
  CHECK(interval({{"max_interval_days", 3}}) == 4);
  CHECK(interval({{"max_interval_days", 30}}) == 8);
  // A bad value is the default: the runtime never refuses a page's settings.
  CHECK(interval({{"desired_retention", "high"}}) == 8);
}

json Reviewed(const json& state, const char* item, int rating, const json& now) {
  json rated = Call(ApiReviewRate, {{"state", state}, {"item", item}, {"rating", rating}, {"now", now}});
  REQUIRE(rated["ok"] == true);
  return rated["state"];
}

TEST_CASE("merging reviews: per item, monotonic, twice the same as once", "[review]") {
  json base = Reviewed(Fresh(), "c/m/l:flashcards-1/c1", 3, NowAt(2026, 11, 28, 10, 0, 0));
  // Two tabs (or an export and this browser) go on from the same state.
  const json tab_a = Reviewed(base, "c/m/l:flashcards-1/c1", 3, NowAt(2026, 12, 2, 10, 0, 0));
  json tab_b = Reviewed(base, "c/m/l:flashcards-1/c2", 1, NowAt(2026, 11, 30, 10, 0, 0));

  json merged = tab_b;
  MergeStates(&merged, tab_a);
  const json& c1 = merged["reviews"]["c/m/l:flashcards-1/c1"];
  CHECK(c1 == tab_a["reviews"]["c/m/l:flashcards-1/c1"]);
  CHECK(merged["reviews"]["c/m/l:flashcards-1/c2"] == tab_b["reviews"]["c/m/l:flashcards-1/c2"]);
  CHECK(ReviewsDone(merged) == 3);

  json twice = merged;
  MergeStates(&twice, tab_a);
  CHECK(twice == merged);
  MergeStates(&twice, merged);
  CHECK(twice == merged);

  SECTION("the card of the later review wins, whichever side it is on") {
    json other = tab_a;
    MergeStates(&other, tab_b);
    CHECK(other["reviews"] == merged["reviews"]);
    json older = base;
    MergeStates(&older, tab_a);
    CHECK(older["reviews"]["c/m/l:flashcards-1/c1"]["card"] == tab_a["reviews"]["c/m/l:flashcards-1/c1"]["card"]);
    json newer = tab_a;
    MergeStates(&newer, base);
    CHECK(newer["reviews"] == tab_a["reviews"]);
  }
  SECTION("the larger count, never the sum; logs joined once") {
    json compacted = tab_a;
    CompactState(&compacted, 10);
    CHECK(compacted["reviews"]["c/m/l:flashcards-1/c1"]["log"].size() == 1);
    json joined = tab_a;
    MergeStates(&joined, compacted);
    CHECK(joined["reviews"] == tab_a["reviews"]);
    CHECK(ReviewsDone(joined) == 2);
  }
  SECTION("through an export file, twice") {
    const std::string file = json{{"morsel_progress", 1}, {"site", "demo"}, {"state", tab_a}}.dump();
    json once = Call(ApiMerge, {{"state", tab_b}, {"incoming", file}, {"site", "demo"}});
    REQUIRE(once["ok"] == true);
    json again = Call(ApiMerge, {{"state", once["state"]}, {"incoming", file}, {"site", "demo"}});
    CHECK(again["state"]["reviews"] == once["state"]["reviews"]);
    CHECK(ReviewsDone(again["state"]) == 3);
  }
}

TEST_CASE("compaction trims review logs and keeps every card and count", "[review]") {
  json state = Fresh();
  json now = NowAt(2026, 1, 1, 10, 0, 0);
  for (int i = 0; i < 8; ++i) {
    state = Reviewed(state, "c/m/l:flashcards-1/c1", 3, now);
    FsrsCard card;
    REQUIRE(ItemCard(state, "c/m/l:flashcards-1/c1", 0, FsrsParams{}, &card));
    now = NowAt(1970, 1, 1, 10, 0, 0);
    now["epoch_ms"] = card.due_day * kDayMs + 36000000;
    now["local_date"] = DateText(card.due_day);
  }
  const json card = state["reviews"]["c/m/l:flashcards-1/c1"]["card"];
  REQUIRE(state["reviews"]["c/m/l:flashcards-1/c1"]["log"].size() == 8);
  CHECK(CompactState(&state, 100) > 100);
  CHECK(state["reviews"]["c/m/l:flashcards-1/c1"]["card"] == card);
  CHECK(state["reviews"]["c/m/l:flashcards-1/c1"]["log"].size() == 1);
  CHECK(state["reviews"]["c/m/l:flashcards-1/c1"]["reps"] == 8);
  CHECK(ReviewsDone(state) == 8);
  // Not when the state fits: nothing is trimmed.
  json small = Reviewed(Reviewed(Fresh(), "c/m/l:flashcards-1/c1", 1, NowAt(2026, 1, 1, 10, 0, 0)),
                        "c/m/l:flashcards-1/c1", 1, NowAt(2026, 1, 2, 10, 0, 0));
  CompactState(&small, 1 << 20);
  CHECK(small["reviews"]["c/m/l:flashcards-1/c1"]["log"].size() == 2);
}

TEST_CASE("bad stored review shapes are ignored or repaired, never a crash", "[review]") {
  const json now = NowAt(2026, 11, 28, 10, 0, 0);
  const json bad_values[] = {
      5,
      "reviews",
      json::array({1, 2}),
      {{kItem, "x"}},
      {{kItem, {{"card", "x"}, {"reps", "many"}, {"log", 7}}}},
      {{kItem, {{"card", {{"stability", "abc"}, {"difficulty", 99}, {"due", 3}}}, {"log", {1, "two", {{"at", "x"}}}}}}},
      {{kItem, {{"card", {{"stability", 2}, {"difficulty", 5}, {"due", "2026-13-45"}, {"last", "x"}}}}}},
      {{kItem, {{"first", {{"day", 12}}}, {"log", json::array({{{"at", 5}, {"rating", 99}}})}}}},
  };
  for (const json& bad : bad_values) {
    CAPTURE(bad.dump());
    json state = AnsweredOnLesson(Fresh(), 1, now);
    state["reviews"] = bad;
    json loaded = Call(ApiLoadState, {{"stored", state.dump()}, {"learner", "x"}, {"now", now}});
    REQUIRE(loaded["ok"] == true);
    CHECK(loaded["status"] == "ok");
    const json queue = Queue(state, NowAt(2026, 12, 30, 10, 0, 0));
    CHECK(queue["due"] == json::array({kItem}));
    const json answered = ReviewAnswer(state, 1, NowAt(2026, 12, 30, 10, 0, 0));
    CHECK(answered["counted"] == true);
    CHECK(answered["state"]["reviews"][kItem]["card"]["last"] == "2026-12-30");
    json merged = AnsweredOnLesson(Fresh(), 1, now);
    MergeStates(&merged, state);
    MergeStates(&state, answered["state"]);
    CHECK(state["reviews"][kItem]["card"] == answered["state"]["reviews"][kItem]["card"]);
    CompactState(&merged, 10);
    CompactState(&state, 10);
    (void)ReviewsDone(state);
  }
}

TEST_CASE("resetting lessons forgets their review items only", "[review]") {
  json state = Reviewed(Fresh(), "c/m/l:flashcards-1/c1", 3, NowAt(2026, 11, 28, 10, 0, 0));
  state = Reviewed(state, "c/m/other:flashcards-1/c1", 3, NowAt(2026, 11, 28, 10, 0, 0));
  const json reset = Call(ApiReset, {{"state", state}, {"lessons", {kLesson}}, {"course", "c"}});
  REQUIRE(reset["ok"] == true);
  CHECK_FALSE(reset["state"]["reviews"].contains("c/m/l:flashcards-1/c1"));
  CHECK(reset["state"]["reviews"].contains("c/m/other:flashcards-1/c1"));
  // A state without reviews gets none from a reset.
  const json plain = Call(ApiReset, {{"state", Fresh()}, {"lessons", {kLesson}}});
  CHECK_FALSE(plain["state"].contains("reviews"));
}

TEST_CASE("the review api refuses what it cannot review", "[review]") {
  const json now = NowAt(2026, 11, 28, 10, 0, 0);
  json input = {{"state", Fresh()},
                {"item", kItem},
                {"block", Block(R"("mode": "assessment",)")},
                {"question", "q1"},
                {"response", {{"choice", 1}}},
                {"now", now}};
  CHECK(Call(ApiReviewAnswer, input)["error"]["code"] == "bad-input");
  input["block"] = Block();
  input["item"] = "c/m/l:quiz-1/q9";
  CHECK(Call(ApiReviewAnswer, input)["error"]["code"] == "bad-input");
  input["item"] = kItem;
  input["response"] = {{"choice", nullptr}};
  const json blank = Call(ApiReviewAnswer, input);
  CHECK(blank["error"]["code"] == "incomplete");
  CHECK(blank["error"]["missing"] == "choose_first");
  for (const json& rating : {json(0), json(5), json("good"), json(nullptr)}) {
    CHECK(Call(ApiReviewRate, {{"state", Fresh()}, {"item", kItem}, {"rating", rating}, {"now", now}})["ok"] == false);
  }
  CHECK(Call(ApiReviewQueue, {{"state", Fresh()}, {"now", now}})["ok"] == false);
  CHECK(Call(ApiReviewQueue, {{"state", 3}, {"items", json::array()}, {"now", now}})["ok"] == false);
  CHECK(json::parse(ApiReviewRate("{oops"))["ok"] == false);
}

TEST_CASE("a wrong review answer reveals only what the lesson page would", "[review]") {
  const json now = NowAt(2026, 11, 28, 10, 0, 0);
  auto revealed = [&](const std::string& keys, int choice) {
    json out = Call(ApiReviewAnswer, {{"state", Fresh()},
                                      {"item", kItem},
                                      {"block", Block(keys)},
                                      {"question", "q1"},
                                      {"response", {{"choice", choice}}},
                                      {"now", now}});
    REQUIRE(out["ok"] == true);
    return out["result"].contains("reveal");
  };
  CHECK(revealed("", 1));
  CHECK_FALSE(revealed("", 0));
  CHECK(revealed(R"("show_answers": "always",)", 0));
  CHECK_FALSE(revealed(R"("show_answers": "never",)", 1));
  // Attempts limited on the lesson page and left there: a wrong answer reveals nothing.
  CHECK_FALSE(revealed(R"("attempts": 2,)", 0));
}

TEST_CASE("site.yml's review settings: defaults, and every problem reported", "[review]") {
  Diagnostics d;
  ReviewSettings settings = ReadReviewSettings(json::parse(R"({"desired_retention": 0.85, "max_interval_days": 365,
      "daily_limit": 50})"),
                                               &d);
  CHECK(d.empty());
  CHECK(settings.fsrs.desired_retention == 0.85);
  CHECK(settings.fsrs.max_interval_days == 365);
  CHECK(settings.daily_limit == 50);
  CHECK(ReviewSettingsJson(settings) == json::parse(R"({"desired_retention": 0.85, "max_interval_days": 365,
      "daily_limit": 50})"));

  settings =
      ReadReviewSettings(json::parse(R"({"desired_retention": 1.5, "max_interval": 10, "daily_limit": "lots"})"), &d);
  REQUIRE(d.size() == 3);
  CHECK(d[0].code == "unknown-key");
  CHECK(d[0].pointer == "/max_interval");
  CHECK(d[0].hint.find("max_interval_days") != std::string::npos);
  CHECK(d[1].code == "out-of-range");
  CHECK(d[1].pointer == "/desired_retention");
  CHECK(d[1].message == "'desired_retention' must be from 0.7 to 0.99 (found 1.5)");
  CHECK(d[2].code == "wrong-type");
  CHECK(d[2].pointer == "/daily_limit");
  CHECK(settings.fsrs.desired_retention == 0.9);
  CHECK(settings.daily_limit == 20);

  d.clear();
  ReadReviewSettings(json::parse(R"({"desired_retention": "high", "max_interval_days": 0})"), &d);
  REQUIRE(d.size() == 2);
  CHECK(d[0].code == "wrong-type");
  CHECK(d[1].code == "out-of-range");
  d.clear();
  ReadReviewSettings(json::array(), &d);
  REQUIRE(d.size() == 1);
  CHECK(d[0].code == "wrong-type");
}

}  // namespace
}  // namespace morsel::core
