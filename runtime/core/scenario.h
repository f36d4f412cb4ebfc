#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "runtime/core/diagnostic.h"

namespace morsel::core {

// A ```scenario block: a case study the learner plays by picking choices that lead
// from node to node until an ending. Scoring:
//
//   final score = clamp(ending.score + sum of the scores of the choices made, 0, 100)
//
// An ending's score (0..100) defaults from its outcome: good 100, mixed 50, poor 0. A
// choice's score (-100..100, default 0) rewards or penalises a step on the way; a choice
// made twice (learners may go round a loop) counts twice. Play is pure: the path is the
// only state, so every path through one scenario gets its own outcome.

/// Highest score of an ending (scores are percentages).
inline constexpr int kScenarioMaxScore = 100;
/// Bound of a choice's score in either direction.
inline constexpr int kScenarioMaxChoiceScore = 100;
/// Most choices one path may hold, so stored state stays bounded even round a loop.
inline constexpr int kScenarioMaxPathChoices = 1000;

/// One choice at a node. Text fields hold inline Markdown as authored and HTML once the
/// generator has rendered them.
struct ScenarioChoice {
  std::string text;
  /// Id of the node the choice leads to, as authored.
  std::string target;
  /// Index of that node in Scenario::nodes; -1 when `target` names no node.
  int target_index = -1;
  std::string feedback;
  /// Points added to the final score each time this choice is made.
  int score = 0;
};

/// One node: a situation with choices, or an ending.
struct ScenarioNode {
  std::string id;
  std::string text;
  bool ending = false;
  /// An ending's outcome: "good", "mixed" or "poor".
  std::string outcome;
  /// An ending's score, 0..100.
  int score = 0;
  std::vector<ScenarioChoice> choices;
};

/// A ```scenario block.
struct Scenario {
  std::string id;
  std::string title;
  /// Index of the first node in `nodes`; -1 when `start` names no node.
  int start = 0;
  std::vector<ScenarioNode> nodes;
};

/// Reads an authored scenario block (YAML converted to JSON), reporting every problem.
/// `*scenario` is filled as far as the data allows even when errors are reported.
void ParseScenario(const nlohmann::json& authored, Scenario* scenario, Diagnostics* diagnostics);

/// The form of a scenario embedded in a page for the runtime: ids, node kinds, choice
/// targets (as node indexes), feedback and endings' outcomes and scores, without the
/// title or any node or choice text (those are in the page's HTML).
nlohmann::json ScenarioToRuntime(const Scenario& scenario);

/// Reads the runtime form back. Returns false (with a message) on malformed data.
bool ScenarioFromRuntime(const nlohmann::json& data, Scenario* scenario, std::string* error);

/// Where a learner stands after a path: the node on screen and, once it is an ending,
/// the outcome and final score.
struct ScenarioStep {
  /// Id of the node now on screen.
  std::string node;
  /// Index of the choice that led here; -1 at the start.
  int choice = -1;
  /// That choice's feedback ("" at the start).
  std::string feedback;
  /// Number of choices made so far.
  int choices_made = 0;
  /// Sum of the scores of the choices made so far.
  int path_score = 0;
  bool ended = false;
  /// The ending's outcome; "" until ended.
  std::string outcome;
  /// clamp(ending score + path_score, 0, 100); 0 until ended.
  int score = 0;
};

/// The learner's path, as stored: {"nodes": [ids of the nodes visited, the start first],
/// "choices": [index of the choice made at each node but the last]}.
/// Writes the path of a new play-through and its first step; false when the scenario
/// has no usable start.
bool ScenarioStart(const Scenario& scenario, nlohmann::json* path_out, ScenarioStep* step, std::string* error);

/// Checks a stored (untrusted) path against the scenario and returns the step it leads
/// to; false (with a message) when it does not follow the scenario's graph.
bool ScenarioReplay(const Scenario& scenario, const nlohmann::json& path, ScenarioStep* step, std::string* error);

/// Applies one choice at the current node; returns false (with a message) for a choice
/// that does not exist, a finished scenario or a path that does not follow the graph.
bool ScenarioChoose(const Scenario& scenario, const nlohmann::json& path_in, int choice_index, nlohmann::json* path_out,
                    ScenarioStep* step, std::string* error);

/// Finds a node by id; nullptr when absent.
const ScenarioNode* FindScenarioNode(const Scenario& scenario, const std::string& id);

}  // namespace morsel::core
