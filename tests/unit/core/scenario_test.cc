#include "runtime/core/scenario.h"

#include <functional>
#include <initializer_list>
#include <string>

#include <catch2/catch.hpp>

namespace morsel::core {
namespace {

using nlohmann::json;

// Three ways to end: paying at once (poor), verifying then reporting (good) or verifying
// then letting it go (mixed). Replying to the email loops back to the inbox, a cycle
// from which an ending can still be reached.
json Authored() {
  return json::parse(R"({
    "id": "late-invoice",
    "title": "The urgent invoice",
    "nodes": [
      {"id": "inbox", "text": "Friday 4:45 pm. Your CEO asks you to pay a new supplier.",
       "choices": [
         {"text": "Pay it now", "goto": "paid", "feedback": "Urgency is the classic pattern.",
          "score": -10},
         {"text": "Call the CEO", "goto": "verify", "feedback": "Good: a known channel."},
         {"text": "Reply to the email", "goto": "reply", "score": -5}
       ]},
      {"id": "reply", "text": "The reply says: just pay it.",
       "choices": [
         {"text": "Think again", "goto": "inbox"},
         {"text": "Pay", "goto": "paid", "score": -10}
       ]},
      {"id": "verify", "text": "The CEO never sent it.",
       "choices": [
         {"text": "Report it", "goto": "reported"},
         {"text": "Delete it and go home", "goto": "ignored", "feedback": "Others may fall for it."}
       ]},
      {"id": "paid", "text": "Monday: the supplier never existed.", "ending": true,
       "outcome": "poor"},
      {"id": "reported", "text": "Security blocks the sender.", "ending": true,
       "outcome": "good"},
      {"id": "ignored", "text": "You are safe; a colleague is not.", "ending": true,
       "outcome": "mixed", "score": 60}
    ]
  })");
}

// Every field of every diagnostic, so each assertion is verbatim.
std::string Dump(const Diagnostics& diagnostics) {
  std::string out;
  for (const Diagnostic& d : diagnostics) {
    out += std::string(d.severity == Severity::kError ? "error " : "warning ") + d.pointer +
           (d.at_key ? " (key)" : "") + " " + d.code + ": " + d.message;
    if (!d.hint.empty()) out += " | hint: " + d.hint;
    out += "\n";
  }
  return out;
}

std::string Check(const json& data) {
  Scenario scenario;
  Diagnostics diagnostics;
  ParseScenario(data, &scenario, &diagnostics);
  return Dump(diagnostics);
}

// A small valid scenario for diagnostics: start leads to one of two endings.
json Small() {
  return json::parse(R"({
    "nodes": [
      {"id": "start", "text": "S", "choices": [{"text": "A", "goto": "safe"},
                                              {"text": "B", "goto": "sorry"}]},
      {"id": "safe", "text": "A", "ending": true, "outcome": "good"},
      {"id": "sorry", "text": "B", "ending": true, "outcome": "poor"}
    ]
  })");
}

Scenario Parsed() {
  Scenario scenario;
  Diagnostics diagnostics;
  ParseScenario(Authored(), &scenario, &diagnostics);
  REQUIRE(diagnostics.empty());
  return scenario;
}

/// Plays `choices` from the start, requiring every step to succeed.
ScenarioStep Play(const Scenario& scenario, std::initializer_list<int> choices, json* path) {
  ScenarioStep step;
  std::string error;
  REQUIRE(ScenarioStart(scenario, path, &step, &error));
  for (int c : choices) {
    INFO("choice " << c << " at " << step.node);
    REQUIRE(ScenarioChoose(scenario, *path, c, path, &step, &error));
    CHECK(error.empty());
  }
  return step;
}

std::string ReplayError(const Scenario& scenario, const json& path) {
  ScenarioStep step;
  std::string error;
  if (ScenarioReplay(scenario, path, &step, &error)) return "accepted";
  return error;
}

TEST_CASE("a valid scenario parses with default start and ending scores") {
  Scenario s = Parsed();
  CHECK(s.id == "late-invoice");
  CHECK(s.title == "The urgent invoice");
  CHECK(s.start == 0);
  REQUIRE(s.nodes.size() == 6);
  CHECK(s.nodes[0].choices[0].target == "paid");
  CHECK(s.nodes[0].choices[0].target_index == 3);
  CHECK(s.nodes[0].choices[0].score == -10);
  CHECK(s.nodes[0].choices[1].feedback == "Good: a known channel.");
  CHECK(s.nodes[0].text == "Friday 4:45 pm. Your CEO asks you to pay a new supplier.");
  CHECK_FALSE(s.nodes[0].ending);
  CHECK(s.nodes[3].ending);
  CHECK(s.nodes[3].outcome == "poor");
  CHECK(s.nodes[3].score == 0);
  CHECK(s.nodes[4].score == 100);
  CHECK(s.nodes[5].score == 60);
  REQUIRE(FindScenarioNode(s, "verify") != nullptr);
  CHECK(FindScenarioNode(s, "verify")->choices.size() == 2);
  CHECK(FindScenarioNode(s, "nope") == nullptr);

  json data = Small();
  data["nodes"][1]["outcome"] = "mixed";
  Scenario mixed;
  Diagnostics diagnostics;
  ParseScenario(data, &mixed, &diagnostics);
  CHECK(diagnostics.empty());
  CHECK(mixed.nodes[1].score == 50);
}

TEST_CASE("an explicit start is used") {
  json data = Authored();
  data["start"] = "verify";
  Scenario s;
  Diagnostics diagnostics;
  ParseScenario(data, &s, &diagnostics);
  // inbox and reply are now unreachable: that warns but still plays.
  CHECK(Dump(diagnostics) ==
        "warning /nodes/0 scenario-unreachable: node 'inbox' cannot be reached from the start "
        "node 'verify' | hint: add a choice that leads to it, or remove it\n"
        "warning /nodes/1 scenario-unreachable: node 'reply' cannot be reached from the start "
        "node 'verify' | hint: add a choice that leads to it, or remove it\n"
        "warning /nodes/3 scenario-unreachable: node 'paid' cannot be reached from the start "
        "node 'verify' | hint: add a choice that leads to it, or remove it\n");
  CHECK_FALSE(HasErrors(diagnostics));
  CHECK(s.start == 2);
  json path;
  ScenarioStep step = Play(s, {0}, &path);
  CHECK(path == json::parse(R"({"nodes": ["verify", "reported"], "choices": [0]})"));
  CHECK(step.outcome == "good");
}

TEST_CASE("two paths through one scenario get their own outcomes and scores") {
  const Scenario s = Parsed();

  json path;
  ScenarioStep step;
  std::string error;
  REQUIRE(ScenarioStart(s, &path, &step, &error));
  CHECK(path == json::parse(R"({"nodes": ["inbox"], "choices": []})"));
  CHECK(step.node == "inbox");
  CHECK(step.choice == -1);
  CHECK(step.feedback.empty());
  CHECK(step.choices_made == 0);
  CHECK_FALSE(step.ended);
  CHECK(step.outcome.empty());
  CHECK(step.score == 0);

  // Path 1: verify, then report: good, full marks.
  REQUIRE(ScenarioChoose(s, path, 1, &path, &step, &error));
  CHECK(step.node == "verify");
  CHECK(step.choice == 1);
  CHECK(step.feedback == "Good: a known channel.");
  CHECK_FALSE(step.ended);
  REQUIRE(ScenarioChoose(s, path, 0, &path, &step, &error));
  CHECK(path == json::parse(R"({"nodes": ["inbox", "verify", "reported"], "choices": [1, 0]})"));
  CHECK(step.node == "reported");
  CHECK(step.ended);
  CHECK(step.outcome == "good");
  CHECK(step.path_score == 0);
  CHECK(step.score == 100);
  CHECK(step.choices_made == 2);

  // Path 2: go round the reply loop twice, then pay: poor, and the penalties clamp at 0.
  json other;
  ScenarioStep end = Play(s, {2, 0, 2, 1}, &other);
  CHECK(other == json::parse(R"({"nodes": ["inbox", "reply", "inbox", "reply", "paid"],
                                 "choices": [2, 0, 2, 1]})"));
  CHECK(end.node == "paid");
  CHECK(end.ended);
  CHECK(end.outcome == "poor");
  CHECK(end.path_score == -20);
  CHECK(end.score == 0);
  CHECK(end.feedback.empty());

  // Path 3: one detour, then verify and let it go: mixed, 60 - 5.
  json third;
  end = Play(s, {2, 0, 1, 1}, &third);
  CHECK(end.outcome == "mixed");
  CHECK(end.path_score == -5);
  CHECK(end.score == 55);
  CHECK(end.feedback == "Others may fall for it.");

  // Path 4: the detour costs a good ending points too.
  json fourth;
  end = Play(s, {2, 0, 1, 0}, &fourth);
  CHECK(end.outcome == "good");
  CHECK(end.score == 95);

  // The first path is untouched by the others: replaying it gives its own result again.
  ScenarioStep again;
  REQUIRE(ScenarioReplay(s, path, &again, &error));
  CHECK(again.outcome == "good");
  CHECK(again.score == 100);
  CHECK(again.choice == 0);
  CHECK(again.feedback.empty());
  REQUIRE(ScenarioReplay(s, other, &again, &error));
  CHECK(again.outcome == "poor");
  CHECK(again.score == 0);
  CHECK(again.path_score == -20);
}

TEST_CASE("a path score can raise an ending, capped at 100") {
  json data = Small();
  data["nodes"][0]["choices"][0]["score"] = 30;
  data["nodes"][0]["choices"][1]["score"] = 30;
  data["nodes"][1]["score"] = 90;
  Scenario s;
  Diagnostics diagnostics;
  ParseScenario(data, &s, &diagnostics);
  REQUIRE(diagnostics.empty());
  json path;
  CHECK(Play(s, {0}, &path).score == 100);
  CHECK(Play(s, {1}, &path).score == 30);
}

TEST_CASE("choices that do not exist or come after the end are refused") {
  const Scenario s = Parsed();
  json path;
  ScenarioStep step;
  std::string error;
  REQUIRE(ScenarioStart(s, &path, &step, &error));
  json out = "untouched";
  CHECK_FALSE(ScenarioChoose(s, path, 3, &out, &step, &error));
  CHECK(error == "node 'inbox' has no choice 3 (it has 3)");
  CHECK_FALSE(ScenarioChoose(s, path, -1, &out, &step, &error));
  CHECK(error == "node 'inbox' has no choice -1 (it has 3)");
  CHECK(out == "untouched");
  CHECK(step.node == "inbox");

  Play(s, {0}, &path);
  CHECK_FALSE(ScenarioChoose(s, path, 0, &out, &step, &error));
  CHECK(error == "the scenario has ended at node 'paid'");
  CHECK(out == "untouched");
}

TEST_CASE("corrupt stored paths are rejected") {
  const Scenario s = Parsed();
  auto reject = [&](const char* text) { return ReplayError(s, json::parse(text)); };
  CHECK(reject(R"({"nodes": ["inbox", "verify"], "choices": [1]})") == "accepted");
  CHECK(reject("null") == "the path must be {\"nodes\": [...], \"choices\": [...]}");
  CHECK(reject("[]") == "the path must be {\"nodes\": [...], \"choices\": [...]}");
  CHECK(reject(R"({"nodes": ["inbox"]})") == "the path must be {\"nodes\": [...], \"choices\": [...]}");
  CHECK(reject(R"({"nodes": "inbox", "choices": []})") == "the path must be {\"nodes\": [...], \"choices\": [...]}");
  CHECK(reject(R"({"nodes": [], "choices": []})") ==
        "the path must list one node more than its choices (found 0 nodes and 0 choices)");
  CHECK(reject(R"({"nodes": ["inbox", "verify"], "choices": []})") ==
        "the path must list one node more than its choices (found 2 nodes and 0 choices)");
  CHECK(reject(R"({"nodes": ["verify"], "choices": []})") == "the path does not begin at the start node 'inbox'");
  CHECK(reject(R"({"nodes": [0], "choices": []})") == "the path does not begin at the start node 'inbox'");
  CHECK(reject(R"({"nodes": ["inbox", "verify"], "choices": [7]})") == "node 'inbox' has no choice 7 (it has 3)");
  CHECK(reject(R"({"nodes": ["inbox", "verify"], "choices": [-2]})") == "node 'inbox' has no choice -2 (it has 3)");
  CHECK(reject(R"({"nodes": ["inbox", "verify"], "choices": [18446744073709551615]})") ==
        "node 'inbox' has no choice -1 (it has 3)");
  CHECK(reject(R"({"nodes": ["inbox", "verify"], "choices": [1.0]})") == "choice 1 of the path is not a whole number");
  CHECK(reject(R"({"nodes": ["inbox", "verify"], "choices": ["1"]})") == "choice 1 of the path is not a whole number");
  // A node the choice does not lead to: e.g. the scenario changed since it was stored.
  CHECK(reject(R"({"nodes": ["inbox", "reported"], "choices": [1]})") ==
        "step 1 of the path does not follow choice 1 of node 'inbox'");
  CHECK(reject(R"({"nodes": ["inbox", "verify", "reported", "inbox"], "choices": [1, 0, 0]})") ==
        "the scenario has ended at node 'reported'");

  // Stored paths are bounded even round a loop.
  json long_path = {{"nodes", json::array({"inbox"})}, {"choices", json::array()}};
  for (int i = 0; i < kScenarioMaxPathChoices; ++i) {
    long_path["choices"].push_back(i % 2 == 0 ? 2 : 0);
    long_path["nodes"].push_back(i % 2 == 0 ? "reply" : "inbox");
  }
  ScenarioStep step;
  std::string error;
  REQUIRE(ScenarioReplay(s, long_path, &step, &error));
  CHECK(step.node == "inbox");
  CHECK(step.choices_made == 1000);
  json out;
  CHECK_FALSE(ScenarioChoose(s, long_path, 1, &out, &step, &error));
  CHECK(error == "the path has reached the limit of 1000 choices");
  long_path["choices"].push_back(2);
  long_path["nodes"].push_back("reply");
  CHECK(ReplayError(s, long_path) == "the path holds more than 1000 choices");

  // A choice on a corrupt path is refused with the path's problem, not applied.
  CHECK_FALSE(ScenarioChoose(s, json::parse(R"({"nodes": ["verify"], "choices": []})"), 0, &out, &step, &error));
  CHECK(error == "the path does not begin at the start node 'inbox'");

  // Extra members of a stored path are not carried forward.
  json extra = json::parse(R"({"nodes": ["inbox"], "choices": [], "junk": 1})");
  REQUIRE(ScenarioChoose(s, extra, 1, &out, &step, &error));
  CHECK(out == json::parse(R"({"nodes": ["inbox", "verify"], "choices": [1]})"));
}

TEST_CASE("playing a scenario with parse errors never crashes") {
  json data = Small();
  data["nodes"][0]["choices"][0]["goto"] = "nowhere";
  data["start"] = "missing";
  Scenario s;
  Diagnostics diagnostics;
  ParseScenario(data, &s, &diagnostics);
  REQUIRE(HasErrors(diagnostics));
  json path;
  ScenarioStep step;
  std::string error;
  CHECK_FALSE(ScenarioStart(s, &path, &step, &error));
  CHECK(error == "this scenario has no start node");
  CHECK(ReplayError(s, json::parse(R"({"nodes": ["start"], "choices": []})")) == "this scenario has no start node");
  s.start = 0;
  REQUIRE(ScenarioStart(s, &path, &step, &error));
  CHECK_FALSE(ScenarioChoose(s, path, 0, &path, &step, &error));
  CHECK(error == "choice 0 of node 'start' leads to no node");
  CHECK(ScenarioChoose(s, path, 1, &path, &step, &error));
  CHECK(step.outcome == "poor");

  Scenario empty;
  CHECK_FALSE(ScenarioStart(empty, &path, &step, &error));
  CHECK(error == "this scenario has no start node");
}

TEST_CASE("the runtime form is compact and round-trips") {
  const Scenario s = Parsed();
  const json runtime = ScenarioToRuntime(s);
  CHECK(runtime == json::parse(R"({
    "kind": "scenario", "id": "late-invoice", "start": 0,
    "nodes": [
      {"id": "inbox", "choices": [
        {"to": 3, "feedback": "Urgency is the classic pattern.", "score": -10},
        {"to": 2, "feedback": "Good: a known channel."},
        {"to": 1, "score": -5}]},
      {"id": "reply", "choices": [{"to": 0}, {"to": 3, "score": -10}]},
      {"id": "verify", "choices": [{"to": 4}, {"to": 5, "feedback": "Others may fall for it."}]},
      {"id": "paid", "outcome": "poor", "score": 0},
      {"id": "reported", "outcome": "good", "score": 100},
      {"id": "ignored", "outcome": "mixed", "score": 60}
    ]})"));
  // No title or text: those are in the page's HTML.
  CHECK(runtime.dump().find("Friday") == std::string::npos);
  CHECK(runtime.dump().find("urgent") == std::string::npos);

  Scenario back;
  std::string error;
  REQUIRE(ScenarioFromRuntime(runtime, &back, &error));
  CHECK(ScenarioToRuntime(back) == runtime);
  CHECK(back.nodes[0].choices[0].target == "paid");
  CHECK(back.nodes[5].ending);

  // The restored scenario plays exactly like the parsed one.
  json a;
  json b;
  ScenarioStep from_parsed = Play(s, {2, 0, 1, 1}, &a);
  ScenarioStep from_runtime = Play(back, {2, 0, 1, 1}, &b);
  CHECK(a == b);
  CHECK(from_runtime.outcome == from_parsed.outcome);
  CHECK(from_runtime.score == from_parsed.score);
  CHECK(from_runtime.feedback == from_parsed.feedback);
}

TEST_CASE("malformed runtime data is rejected") {
  const json good = ScenarioToRuntime(Parsed());
  auto reject = [&](const std::function<void(json&)>& edit) {
    json data = good;
    edit(data);
    Scenario s;
    std::string error;
    if (ScenarioFromRuntime(data, &s, &error)) return std::string("accepted");
    return error;
  };
  CHECK(reject([](json&) {}) == "accepted");
  CHECK(reject([](json& d) { d = json::array(); }) == "not a scenario block");
  CHECK(reject([](json& d) { d["kind"] = "quiz"; }) == "not a scenario block");
  CHECK(reject([](json& d) { d["kind"] = 5; }) == "not a scenario block");
  CHECK(reject([](json& d) { d.erase("id"); }) == "scenario block has no id");
  CHECK(reject([](json& d) { d["nodes"] = json::array(); }) == "scenario block has no nodes");
  CHECK(reject([](json& d) { d["nodes"] = "x"; }) == "scenario block has no nodes");
  CHECK(reject([](json& d) { d["start"] = 6; }) == "scenario block has no valid start");
  CHECK(reject([](json& d) { d["start"] = -1; }) == "scenario block has no valid start");
  CHECK(reject([](json& d) { d["start"] = "inbox"; }) == "scenario block has no valid start");
  CHECK(reject([](json& d) { d["nodes"][1] = 3; }) == "malformed node 2");
  CHECK(reject([](json& d) { d["nodes"][1].erase("id"); }) == "node 2 has no id");
  CHECK(reject([](json& d) { d["nodes"][1]["id"] = ""; }) == "node 2 has no id");
  CHECK(reject([](json& d) { d["nodes"][1]["id"] = "inbox"; }) == "node id 'inbox' is used twice");
  CHECK(reject([](json& d) { d["nodes"][3]["outcome"] = "great"; }) == "ending 'paid' has no valid outcome");
  CHECK(reject([](json& d) { d["nodes"][3]["score"] = 101; }) == "ending 'paid' has no valid score");
  CHECK(reject([](json& d) { d["nodes"][3].erase("score"); }) == "ending 'paid' has no valid score");
  CHECK(reject([](json& d) { d["nodes"][3]["choices"] = json::array(); }) == "ending 'paid' has choices");
  CHECK(reject([](json& d) { d["nodes"][1]["choices"] = json::array(); }) == "node 'reply' has no choices");
  CHECK(reject([](json& d) { d["nodes"][1].erase("choices"); }) == "node 'reply' has no choices");
  CHECK(reject([](json& d) { d["nodes"][1]["choices"][0] = "x"; }) == "malformed choice at node 'reply'");
  CHECK(reject([](json& d) { d["nodes"][1]["choices"][0]["to"] = 6; }) == "a choice at node 'reply' leads to no node");
  CHECK(reject([](json& d) { d["nodes"][1]["choices"][0]["to"] = 18446744073709551615u; }) ==
        "a choice at node 'reply' leads to no node");
  CHECK(reject([](json& d) { d["nodes"][1]["choices"][0]["to"] = 1.5; }) ==
        "a choice at node 'reply' leads to no node");
  CHECK(reject([](json& d) { d["nodes"][1]["choices"][0]["feedback"] = 1; }) ==
        "a choice at node 'reply' has malformed feedback");
  CHECK(reject([](json& d) { d["nodes"][1]["choices"][0]["score"] = -101; }) ==
        "a choice at node 'reply' has no valid score");
}

/// Every copy of `data` with one value (at any depth) replaced by an odd one.
std::vector<json> Mutations(const json& data) {
  const json odd[] = {nullptr, -1, 7, 1.5, 18446744073709551615u, "x", json::array(), json::object(), true};
  std::vector<json> out;
  const json flat = data.flatten();
  for (auto it = flat.begin(); it != flat.end(); ++it) {
    // Replace each leaf, and each of its parents, with every odd value.
    json::json_pointer pointer(it.key());
    while (true) {
      for (const json& value : odd) {
        json copy = data;
        if (pointer.empty()) {
          copy = value;
        } else {
          copy[pointer] = value;
        }
        out.push_back(std::move(copy));
      }
      if (pointer.empty()) break;
      pointer = pointer.parent_pointer();
    }
  }
  return out;
}

TEST_CASE("no mutation of stored paths or runtime data throws") {
  const Scenario s = Parsed();
  json path;
  Play(s, {2, 0, 1, 1}, &path);
  size_t accepted = 0;
  for (const json& bad : Mutations(path)) {
    ScenarioStep step;
    std::string error;
    json out;
    CHECK_NOTHROW(accepted += ScenarioReplay(s, bad, &step, &error) ? 1 : 0);
    CHECK_NOTHROW(ScenarioChoose(s, bad, 0, &out, &step, &error));
  }
  // Each odd value breaks the path (a wrong type, a missing node, a choice out of range).
  CHECK(accepted == 0);
  for (const json& bad : Mutations(ScenarioToRuntime(s))) {
    Scenario back;
    std::string error;
    bool ok = false;
    CHECK_NOTHROW(ok = ScenarioFromRuntime(bad, &back, &error));
    if (!ok) continue;
    // Whatever is accepted must be playable without throwing.
    json p;
    ScenarioStep step;
    CHECK_NOTHROW(ScenarioStart(back, &p, &step, &error));
    for (int c = -1; c < 4; ++c) CHECK_NOTHROW(ScenarioChoose(back, p, c, &p, &step, &error));
  }
  for (const json& bad : Mutations(Authored())) {
    Scenario parsed;
    Diagnostics diagnostics;
    CHECK_NOTHROW(ParseScenario(bad, &parsed, &diagnostics));
  }
}

TEST_CASE("unknown keys at every level get a suggestion or the allowed keys") {
  json data = Small();
  data["titl"] = "T";
  data["nodes"][0]["choice"] = json::array();
  data["nodes"][0]["choices"][0]["go_to"] = "safe";
  data["nodes"][0]["choices"][1]["target"] = "sorry";
  CHECK(Check(data) ==
        "error /titl (key) unknown-key: unknown key 'titl' in a scenario block | hint: did you "
        "mean 'title'?\n"
        "error /nodes/0/choice (key) unknown-key: unknown key 'choice' in a node | hint: did you "
        "mean 'choices'?\n"
        "error /nodes/0/choices/0/go_to (key) unknown-key: unknown key 'go_to' in a choice | "
        "hint: did you mean 'goto'?\n"
        "error /nodes/0/choices/1/target (key) unknown-key: unknown key 'target' in a choice | "
        "hint: allowed keys: text, goto, feedback, score\n");
}

TEST_CASE("missing keys are reported at the mapping that lacks them") {
  CHECK(Check(json::parse(R"({"title": "T"})")) ==
        "error  missing-key: a scenario block is missing the required key 'nodes'\n");

  json data = Small();
  data["nodes"][0]["choices"][0].erase("goto");
  data["nodes"][0]["choices"][1].erase("text");
  data["nodes"][2].erase("outcome");
  CHECK(Check(data) ==
        "error /nodes/0/choices/0 missing-key: a choice is missing the required key 'goto'\n"
        "error /nodes/0/choices/1 missing-key: a choice is missing the required key 'text'\n"
        "error /nodes/2 missing-key: an ending is missing the required key 'outcome' | hint: add "
        "'outcome: good', 'outcome: mixed' or 'outcome: poor'\n");

  // Without ids the graph cannot be checked; only the missing keys are reported.
  data = Small();
  data["nodes"][1].erase("id");
  data["nodes"][2].erase("text");
  CHECK(Check(data) ==
        "error /nodes/1 missing-key: a node is missing the required key 'id'\n"
        "error /nodes/2 missing-key: a node is missing the required key 'text'\n"
        "error /nodes/0/choices/0/goto scenario-unknown-target: choice leads to 'safe', which "
        "is not a node of this scenario | hint: node ids: start, sorry\n");
}

TEST_CASE("wrong types are reported without follow-on noise") {
  CHECK(Check(json::parse("[1, 2]")) ==
        "error  wrong-type: a scenario block must be a mapping of keys to values, not a list\n");
  CHECK(Check(json::parse(R"({"nodes": {"id": "a"}})")) ==
        "error /nodes wrong-type: 'nodes' must be a list, not a mapping\n");

  json data = Small();
  data["id"] = 7;
  data["start"] = true;
  data["nodes"][0]["choices"][0]["goto"] = 3;
  data["nodes"][0]["choices"][1]["score"] = 1.5;
  data["nodes"][1]["ending"] = "yes";
  data["nodes"][2]["text"] = 12;
  CHECK(Check(data) ==
        "error /id wrong-type: 'id' must be a string, not a number\n"
        "error /start wrong-type: 'start' must be a string, not a boolean\n"
        "error /nodes/0/choices/0/goto wrong-type: 'goto' must be a string, not a number\n"
        "error /nodes/0/choices/1/score wrong-type: 'score' must be a whole number, not a "
        "number\n"
        "error /nodes/1/ending wrong-type: 'ending' must be a boolean (true or false), not a "
        "string\n"
        "error /nodes/2/text wrong-type: 'text' must be a string, not a number\n");

  data = Small();
  data["nodes"][2] = "b";
  data["nodes"][0]["choices"] = "a";
  CHECK(Check(data) ==
        "error /nodes/0/choices wrong-type: 'choices' must be a list, not a string\n"
        "error /nodes/2 wrong-type: a node must be a mapping of keys to values, not a string\n");
}

TEST_CASE("empty scenarios, empty text and bad ids are reported") {
  CHECK(Check(json::parse(R"({"nodes": []})")) ==
        "error /nodes scenario-empty: a scenario block needs at least one node\n");

  json data = Small();
  data["id"] = "Late Invoice";
  data["nodes"][0]["text"] = "";
  data["nodes"][0]["choices"][0]["text"] = "";
  data["nodes"][1]["id"] = "Safe";
  data["nodes"][0]["choices"][0]["goto"] = "Safe";
  CHECK(Check(data) ==
        "error /id invalid-id: id 'Late Invoice' may only contain a-z, 0-9, '-' and '_' | hint: "
        "ids are kept in learners' progress: choose a short stable slug\n"
        "error /nodes/0/text empty-text: node text is empty\n"
        "error /nodes/0/choices/0/text empty-text: choice text is empty\n"
        "error /nodes/1/id invalid-id: id 'Safe' may only contain a-z, 0-9, '-' and '_' | hint: ids "
        "are kept in learners' progress: choose a short stable slug\n");
}

TEST_CASE("duplicate node ids are reported at the second") {
  json data = Small();
  data["nodes"][2]["id"] = "safe";
  CHECK(Check(data) ==
        "error /nodes/2/id duplicate-id: node id 'safe' is used twice in this scenario | hint: "
        "each node of a scenario needs its own id\n"
        "error /nodes/0/choices/1/goto scenario-unknown-target: choice leads to 'sorry', which "
        "is not a node of this scenario | hint: node ids: start, safe\n");
}

TEST_CASE("targets naming no node suggest the closest id") {
  json data = Small();
  data["nodes"][0]["choices"][0]["goto"] = "saf";
  data["start"] = "strt";
  data["nodes"][0]["choices"].push_back({{"text", "C"}, {"goto", "somewhere-else"}});
  Scenario s;
  Diagnostics diagnostics;
  ParseScenario(data, &s, &diagnostics);
  CHECK(Dump(diagnostics) ==
        "error /start scenario-unknown-target: 'start' names 'strt', which is not a node of "
        "this scenario | hint: did you mean 'start'?\n"
        "error /nodes/0/choices/0/goto scenario-unknown-target: choice leads to 'saf', which is "
        "not a node of this scenario | hint: did you mean 'safe'?\n"
        "error /nodes/0/choices/2/goto scenario-unknown-target: choice leads to "
        "'somewhere-else', which is not a node of this scenario | hint: node ids: start, safe, "
        "sorry\n");
  CHECK(s.start == -1);
  CHECK(s.nodes[0].choices[0].target_index == -1);
  CHECK(s.nodes[0].choices[1].target_index == 2);

  // Long id lists are cut short.
  json many = json::parse(R"({"nodes": [{"id": "n0", "text": "x", "choices": [{"text": "t", "goto": "zzzzzzzz"}]}]})");
  for (int i = 1; i <= 11; ++i) {
    many["nodes"].push_back({{"id", "n" + std::to_string(i)}, {"text", "x"}, {"ending", true}, {"outcome", "good"}});
    many["nodes"][0]["choices"].push_back({{"text", "t"}, {"goto", "n" + std::to_string(i)}});
  }
  CHECK(Check(many) ==
        "error /nodes/0/choices/0/goto scenario-unknown-target: choice leads to 'zzzzzzzz', "
        "which is not a node of this scenario | hint: node ids: n0, n1, n2, n3, n4, n5, n6, n7, "
        "n8, n9, ...\n");
}

TEST_CASE("dead ends, endings with choices and ending keys on other nodes") {
  json data = Small();
  data["nodes"].push_back({{"id", "c"}, {"text", "C"}});
  data["nodes"].push_back({{"id", "d"}, {"text", "D"}, {"choices", json::array()}});
  data["nodes"][0]["choices"].push_back({{"text", "C"}, {"goto", "c"}});
  data["nodes"][0]["choices"].push_back({{"text", "D"}, {"goto", "d"}});
  data["nodes"][1]["choices"] = json::array({{{"text", "again"}, {"goto", "start"}}});
  data["nodes"][0]["outcome"] = "good";
  data["nodes"][0]["score"] = 10;
  CHECK(Check(data) ==
        "error /nodes/0/outcome (key) scenario-not-an-ending: 'outcome' only applies to an "
        "ending, and node 'start' is not one | hint: add 'ending: true' to make it an ending, or "
        "remove 'outcome'\n"
        "error /nodes/0/score (key) scenario-not-an-ending: 'score' only applies to an ending, "
        "and node 'start' is not one | hint: add 'ending: true' to make it an ending, or put "
        "'score' on the choices that lead here to count points along the way\n"
        "error /nodes/1/choices (key) scenario-ending-has-choices: node 'safe' is an ending but has "
        "choices | hint: an ending finishes the scenario: remove its choices, or remove 'ending: "
        "true'\n"
        "error /nodes/3 scenario-dead-end: node 'c' is not an ending and has no choices | hint: "
        "add choices, or make it an ending with 'ending: true' and an 'outcome'\n"
        "error /nodes/4/choices scenario-dead-end: node 'd' is not an ending and has no choices "
        "| hint: add choices, or make it an ending with 'ending: true' and an 'outcome'\n");
}

TEST_CASE("out-of-range scores and unknown outcomes are reported") {
  json data = Small();
  data["nodes"][0]["choices"][0]["score"] = -101;
  data["nodes"][1]["score"] = 101;
  data["nodes"][2]["outcome"] = "god";
  Scenario s;
  Diagnostics diagnostics;
  ParseScenario(data, &s, &diagnostics);
  CHECK(Dump(diagnostics) ==
        "error /nodes/0/choices/0/score out-of-range: 'score' must be from -100 to 100 (found "
        "-101)\n"
        "error /nodes/1/score out-of-range: 'score' must be from 0 to 100 (found 101)\n"
        "error /nodes/2/outcome invalid-value: 'outcome' must be one of: good, mixed, poor "
        "(found 'god') | hint: did you mean 'good'?\n");
}

TEST_CASE("a scenario without endings is reported once") {
  json data = json::parse(R"({"nodes": [
    {"id": "a", "text": "A", "choices": [{"text": "on", "goto": "b"}]},
    {"id": "b", "text": "B", "choices": [{"text": "back", "goto": "a"}]}
  ]})");
  CHECK(Check(data) ==
        "error /nodes scenario-no-ending: this scenario has no ending | hint: mark the last node "
        "of each path 'ending: true' and give it an 'outcome'\n");
}

TEST_CASE("loops that can still reach an ending are accepted") {
  json data = json::parse(R"({"nodes": [
    {"id": "a", "text": "A", "choices": [{"text": "on", "goto": "b"}, {"text": "stay", "goto": "a"}]},
    {"id": "b", "text": "B", "choices": [{"text": "back", "goto": "a"}, {"text": "out", "goto": "end"}]},
    {"id": "end", "text": "E", "ending": true, "outcome": "good"}
  ]})");
  CHECK(Check(data).empty());
}

TEST_CASE("loops with no way to an ending are traps") {
  // b <-> c is closed; d only loops on itself; the start can still reach an ending.
  json data = json::parse(R"({"nodes": [
    {"id": "a", "text": "A", "choices": [
      {"text": "1", "goto": "b"}, {"text": "2", "goto": "end"}, {"text": "3", "goto": "d"}]},
    {"id": "b", "text": "B", "choices": [{"text": "on", "goto": "c"}]},
    {"id": "c", "text": "C", "choices": [{"text": "back", "goto": "b"}]},
    {"id": "d", "text": "D", "choices": [{"text": "again", "goto": "d"}]},
    {"id": "end", "text": "E", "ending": true, "outcome": "good"}
  ]})");
  CHECK(Check(data) ==
        "error /nodes/1 scenario-trap: learners who reach the loop 'b', 'c' can never get to an "
        "ending | hint: give one of these nodes a choice that leads towards an ending\n"
        "error /nodes/3 scenario-trap: learners who reach the loop 'd' can never get to an ending "
        "| hint: give one of these nodes a choice that leads towards an ending\n");
}

TEST_CASE("no ending reachable from the start is reported with its cause") {
  // The start's loop is closed, so the ending is unreachable.
  json data = json::parse(R"({"start": "a", "nodes": [
    {"id": "end", "text": "E", "ending": true, "outcome": "good"},
    {"id": "a", "text": "A", "choices": [{"text": "on", "goto": "b"}]},
    {"id": "b", "text": "B", "choices": [{"text": "back", "goto": "a"}]}
  ]})");
  CHECK(Check(data) ==
        "error /start scenario-no-ending: no ending can be reached from the start node 'a' | "
        "hint: every path must lead to a node with 'ending: true'; the other errors show where "
        "paths stop\n"
        "error /nodes/1 scenario-trap: learners who reach the loop 'a', 'b' can never get to an "
        "ending | hint: give one of these nodes a choice that leads towards an ending\n"
        "warning /nodes/0 scenario-unreachable: node 'end' cannot be reached from the start node "
        "'a' | hint: add a choice that leads to it, or remove it\n");

  // A loop whose only way out is a dead end is reported at the dead end, where the fix is.
  data = json::parse(R"({"nodes": [
    {"id": "a", "text": "A", "choices": [{"text": "on", "goto": "b"}]},
    {"id": "b", "text": "B", "choices": [{"text": "back", "goto": "a"}, {"text": "out", "goto": "c"}]},
    {"id": "c", "text": "C"},
    {"id": "end", "text": "E", "ending": true, "outcome": "good"}
  ]})");
  CHECK(Check(data) ==
        "error /nodes/2 scenario-dead-end: node 'c' is not an ending and has no choices | hint: "
        "add choices, or make it an ending with 'ending: true' and an 'outcome'\n"
        "error /nodes/0 scenario-no-ending: no ending can be reached from the start node 'a' | "
        "hint: every path must lead to a node with 'ending: true'; the other errors show where "
        "paths stop\n"
        "warning /nodes/3 scenario-unreachable: node 'end' cannot be reached from the start node "
        "'a' | hint: add a choice that leads to it, or remove it\n");
}

TEST_CASE("a long chain of nodes is checked without deep recursion") {
  json data = {{"nodes", json::array()}};
  const int n = 20000;
  for (int i = 0; i < n; ++i) {
    data["nodes"].push_back(
        {{"id", "n" + std::to_string(i)},
         {"text", "x"},
         {"choices", json::array({{{"text", "on"}, {"goto", "n" + std::to_string((i + 1) % n)}}})}});
  }
  data["nodes"].push_back({{"id", "end"}, {"text", "E"}, {"ending", true}, {"outcome", "good"}});
  Scenario s;
  Diagnostics diagnostics;
  ParseScenario(data, &s, &diagnostics);
  REQUIRE(diagnostics.size() == 3);
  CHECK(diagnostics[0].code == "scenario-no-ending");
  CHECK(diagnostics[1].code == "scenario-trap");
  CHECK(diagnostics[1].pointer == "/nodes/0");
  CHECK(diagnostics[1].message ==
        "learners who reach the loop 'n0', 'n1', 'n2', 'n3', 'n4', 'n5', 'n6', 'n7', 'n8', 'n9' "
        "and 19990 more can never get to an ending");
  CHECK(diagnostics[2].code == "scenario-unreachable");
}

}  // namespace
}  // namespace morsel::core
