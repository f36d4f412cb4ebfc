#include "runtime/core/scenario.h"

#include <algorithm>
#include <cstdint>
#include <map>
#include <set>

#include "runtime/core/edit_distance.h"
#include "runtime/core/id_slug.h"
#include "runtime/core/number_text.h"
#include "runtime/core/object_checker.h"

namespace morsel::core {
namespace {

using nlohmann::json;

void CheckId(const std::string& pointer, const std::string& id, Diagnostics* diagnostics) {
  if (!id.empty() && !IsIdSlug(id)) {
    diagnostics->push_back({Severity::kError, pointer, false, "invalid-id",
                            "id '" + id + "' may only contain a-z, 0-9, '-' and '_'",
                            "ids are kept in learners' progress: choose a short stable slug"});
  }
}

/// How messages name a node: by id, or by position when it has none.
std::string NodeName(const ScenarioNode& node, size_t index) {
  if (node.id.empty()) return "node " + NumberText(index + 1);
  return "node '" + node.id + "'";
}

int DefaultEndingScore(const std::string& outcome) {
  if (outcome == "good") return kScenarioMaxScore;
  if (outcome == "mixed") return kScenarioMaxScore / 2;
  return 0;
}

/// The closest node id to a mistyped target, with the same tolerance as key suggestions
/// (Suggest only takes a fixed list), else a list of the ids so the author can pick one.
std::string TargetHint(const std::string& word, const std::vector<ScenarioNode>& nodes) {
  size_t best_distance = std::min<size_t>(3, std::max<size_t>(1, word.size() / 3)) + 1;
  std::string best;
  for (const ScenarioNode& node : nodes) {
    if (node.id.empty()) continue;
    size_t distance = EditDistance(word, node.id);
    if (distance < best_distance) {
      best_distance = distance;
      best = node.id;
    }
  }
  if (!best.empty()) return "did you mean '" + best + "'?";
  std::string list;
  size_t listed = 0;
  std::set<std::string> seen;
  for (const ScenarioNode& node : nodes) {
    if (node.id.empty() || !seen.insert(node.id).second) continue;
    // A long list would bury the message; the first ids show the pattern.
    if (listed == 10) {
      list += ", ...";
      break;
    }
    list += (list.empty() ? "" : ", ") + node.id;
    ++listed;
  }
  return list.empty() ? "" : "node ids: " + list;
}

/// What parsing learnt about one authored node beyond the Scenario fields.
struct NodeFacts {
  std::string pointer;
  /// False when 'ending' has the wrong type: the node's kind is then a guess, and
  /// kind-specific diagnostics would only add noise to the type error.
  bool kind_known = true;
  /// Per choice: whether 'goto' was given as a string (else its error is reported).
  std::vector<bool> goto_given;
};

void ParseChoice(const json& data, const std::string& pointer, ScenarioChoice* choice, bool* goto_given,
                 Diagnostics* diagnostics) {
  ObjectChecker checker(data, pointer, "a choice", diagnostics);
  checker.AllowOnly({"text", "goto", "feedback", "score"});
  *goto_given = false;
  if (!checker.ok()) return;
  if (checker.Require("text")) {
    choice->text = checker.String("text");
    if (choice->text.empty() && data.at("text").is_string()) {
      diagnostics->push_back(
          {Severity::kError, checker.PointerTo("text"), false, "empty-text", "choice text is empty", ""});
    }
  }
  if (checker.Require("goto")) {
    choice->target = checker.String("goto");
    *goto_given = data.at("goto").is_string();
  }
  choice->feedback = checker.String("feedback");
  choice->score = static_cast<int>(checker.Int("score", -kScenarioMaxChoiceScore, kScenarioMaxChoiceScore, 0));
}

void ParseNode(const json& data, size_t index, ScenarioNode* node, NodeFacts* facts, Diagnostics* diagnostics) {
  facts->pointer = "/nodes/" + NumberText(index);
  ObjectChecker checker(data, facts->pointer, "a node", diagnostics);
  checker.AllowOnly({"id", "text", "choices", "ending", "outcome", "score"});
  if (!checker.ok()) {
    facts->kind_known = false;
    return;
  }
  if (checker.Require("id")) {
    node->id = checker.String("id");
    CheckId(checker.PointerTo("id"), node->id, diagnostics);
  }
  if (checker.Require("text")) {
    node->text = checker.String("text");
    if (node->text.empty() && data.at("text").is_string()) {
      diagnostics->push_back(
          {Severity::kError, checker.PointerTo("text"), false, "empty-text", "node text is empty", ""});
    }
  }
  node->ending = checker.Bool("ending");
  facts->kind_known = !data.contains("ending") || data.at("ending").is_boolean();

  const json* choices = checker.Array("choices");
  if (choices != nullptr) {
    for (size_t i = 0; i < choices->size(); ++i) {
      ScenarioChoice choice;
      bool goto_given = false;
      ParseChoice((*choices)[i], checker.PointerTo("choices") + "/" + NumberText(i), &choice, &goto_given, diagnostics);
      node->choices.push_back(std::move(choice));
      facts->goto_given.push_back(goto_given);
    }
  }
  if (!facts->kind_known) {
    // Guess the kind the way play would need it, and still check the values' types.
    node->ending = node->choices.empty();
    node->outcome = checker.Enum("outcome", {"good", "mixed", "poor"}, "");
    node->score = static_cast<int>(checker.Int("score", 0, kScenarioMaxScore, DefaultEndingScore(node->outcome)));
    return;
  }

  const std::string name = NodeName(*node, index);
  if (node->ending) {
    if (!node->choices.empty()) {
      diagnostics->push_back({Severity::kError, checker.PointerTo("choices"), true, "scenario-ending-has-choices",
                              name + " is an ending but has choices",
                              "an ending finishes the scenario: remove its choices, or remove 'ending: true'"});
    }
    if (!data.contains("outcome")) {
      diagnostics->push_back({Severity::kError, facts->pointer, false, "missing-key",
                              "an ending is missing the required key 'outcome'",
                              "add 'outcome: good', 'outcome: mixed' or 'outcome: poor'"});
    }
    node->outcome = checker.Enum("outcome", {"good", "mixed", "poor"}, "");
    node->score = static_cast<int>(checker.Int("score", 0, kScenarioMaxScore, DefaultEndingScore(node->outcome)));
    return;
  }
  // The ending's own keys on a node that is not one: either 'ending: true' was
  // forgotten or points meant for a choice were put on the node.
  if (data.contains("outcome")) {
    diagnostics->push_back({Severity::kError, checker.PointerTo("outcome"), true, "scenario-not-an-ending",
                            "'outcome' only applies to an ending, and " + name + " is not one",
                            "add 'ending: true' to make it an ending, or remove 'outcome'"});
  }
  if (data.contains("score")) {
    diagnostics->push_back({Severity::kError, checker.PointerTo("score"), true, "scenario-not-an-ending",
                            "'score' only applies to an ending, and " + name + " is not one",
                            "add 'ending: true' to make it an ending, or put 'score' on the choices that lead "
                            "here to count points along the way"});
  }
  // A 'choices' value of the wrong type is already reported; an absent or empty list
  // leaves the learner stuck.
  if (choices != nullptr && choices->empty()) {
    diagnostics->push_back({Severity::kError, checker.PointerTo("choices"), false, "scenario-dead-end",
                            name + " is not an ending and has no choices",
                            "add choices, or make it an ending with 'ending: true' and an "
                            "'outcome'"});
  } else if (!data.contains("choices")) {
    diagnostics->push_back({Severity::kError, facts->pointer, false, "scenario-dead-end",
                            name + " is not an ending and has no choices",
                            "add choices, or make it an ending with 'ending: true' and an "
                            "'outcome'"});
  }
}

using Graph = std::vector<std::vector<int>>;

/// Where each node leads. Endings lead nowhere (choices on an ending are an error, and
/// play stops there), and choices naming no node are left out (already reported).
Graph Successors(const Scenario& scenario) {
  Graph out(scenario.nodes.size());
  for (size_t v = 0; v < scenario.nodes.size(); ++v) {
    const ScenarioNode& node = scenario.nodes[v];
    if (node.ending) continue;
    for (const ScenarioChoice& choice : node.choices) {
      if (choice.target_index >= 0) out[v].push_back(choice.target_index);
    }
  }
  return out;
}

/// Marks every node reachable from `roots` along `graph`.
std::vector<bool> Reach(const Graph& graph, std::vector<int> roots) {
  std::vector<bool> seen(graph.size(), false);
  for (int r : roots) seen[static_cast<size_t>(r)] = true;
  while (!roots.empty()) {
    int v = roots.back();
    roots.pop_back();
    for (int w : graph[static_cast<size_t>(v)]) {
      if (!seen[static_cast<size_t>(w)]) {
        seen[static_cast<size_t>(w)] = true;
        roots.push_back(w);
      }
    }
  }
  return seen;
}

/// Strongly connected components of the nodes in `include` (Tarjan's algorithm),
/// iterative so that a long chain of nodes cannot exhaust the (small, in wasm) stack.
std::vector<std::vector<int>> Components(const Graph& graph, const std::vector<bool>& include) {
  const size_t n = graph.size();
  std::vector<int> order(n, -1);
  std::vector<int> low(n, 0);
  std::vector<bool> on_stack(n, false);
  std::vector<int> stack;
  std::vector<std::vector<int>> out;
  int counter = 0;
  struct Frame {
    int v;
    size_t next;
  };
  auto visit = [&](int v, std::vector<Frame>* frames) {
    order[static_cast<size_t>(v)] = low[static_cast<size_t>(v)] = counter++;
    stack.push_back(v);
    on_stack[static_cast<size_t>(v)] = true;
    frames->push_back({v, 0});
  };
  for (size_t root = 0; root < n; ++root) {
    if (!include[root] || order[root] >= 0) continue;
    std::vector<Frame> frames;
    visit(static_cast<int>(root), &frames);
    while (!frames.empty()) {
      const size_t v = static_cast<size_t>(frames.back().v);
      if (frames.back().next < graph[v].size()) {
        const int w = graph[v][frames.back().next++];
        const size_t wu = static_cast<size_t>(w);
        if (!include[wu]) continue;
        if (order[wu] < 0) {
          visit(w, &frames);
        } else if (on_stack[wu]) {
          low[v] = std::min(low[v], order[wu]);
        }
        continue;
      }
      if (low[v] == order[v]) {
        std::vector<int> component;
        int w = -1;
        do {
          w = stack.back();
          stack.pop_back();
          on_stack[static_cast<size_t>(w)] = false;
          component.push_back(w);
        } while (w != static_cast<int>(v));
        std::sort(component.begin(), component.end());
        out.push_back(std::move(component));
      }
      frames.pop_back();
      if (!frames.empty()) {
        const size_t u = static_cast<size_t>(frames.back().v);
        low[u] = std::min(low[u], low[v]);
      }
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

/// The whole-graph checks: endings reachable from the start, loops with no way out,
/// nodes no path reaches. Needs unique ids, resolved targets and a known start.
void CheckGraph(const Scenario& scenario, const std::vector<NodeFacts>& facts, const std::string& start_pointer,
                Diagnostics* diagnostics) {
  const Graph graph = Successors(scenario);
  Graph reverse(graph.size());
  std::vector<int> endings;
  for (size_t v = 0; v < graph.size(); ++v) {
    if (scenario.nodes[v].ending) endings.push_back(static_cast<int>(v));
    for (int w : graph[v]) reverse[static_cast<size_t>(w)].push_back(static_cast<int>(v));
  }
  if (endings.empty()) return;  // reported as scenario-no-ending by the caller
  const std::vector<bool> reached = Reach(graph, {scenario.start});
  const std::vector<bool> can_end = Reach(reverse, endings);
  const ScenarioNode& start = scenario.nodes[static_cast<size_t>(scenario.start)];
  if (!can_end[static_cast<size_t>(scenario.start)]) {
    diagnostics->push_back({Severity::kError, start_pointer, false, "scenario-no-ending",
                            "no ending can be reached from the start node '" + start.id + "'",
                            "every path must lead to a node with 'ending: true'; the other "
                            "errors show where paths stop"});
  }
  // A learner is trapped in a loop that cannot reach an ending only when the loop has no
  // way out at all: a loop whose exits lead to a dead end or another trap is reported
  // there, where the fix belongs. Every stuck node leads to one or the other.
  std::vector<bool> stuck(graph.size(), false);
  for (size_t v = 0; v < graph.size(); ++v) stuck[v] = reached[v] && !can_end[v];
  for (const std::vector<int>& component : Components(graph, stuck)) {
    bool loop = component.size() > 1;
    bool closed = true;
    for (int v : component) {
      for (int w : graph[static_cast<size_t>(v)]) {
        if (w == v) loop = true;
        if (!std::binary_search(component.begin(), component.end(), w)) closed = false;
      }
    }
    if (!loop || !closed) continue;
    std::string names;
    for (size_t k = 0; k < component.size(); ++k) {
      // A huge loop would make an unreadable message; the first ids locate it.
      if (k == 10) {
        names += " and " + NumberText(component.size() - k) + " more";
        break;
      }
      names += (k == 0 ? "'" : ", '") + scenario.nodes[static_cast<size_t>(component[k])].id + "'";
    }
    diagnostics->push_back({Severity::kError, facts[static_cast<size_t>(component.front())].pointer, false,
                            "scenario-trap", "learners who reach the loop " + names + " can never get to an ending",
                            "give one of these nodes a choice that leads towards an ending"});
  }
  // Unreachable text is dead but harmless to play, so it warns (drafts still build).
  for (size_t v = 0; v < graph.size(); ++v) {
    if (reached[v]) continue;
    diagnostics->push_back(
        {Severity::kWarning, facts[v].pointer, false, "scenario-unreachable",
         "node '" + scenario.nodes[v].id + "' cannot be reached from the start node '" + start.id + "'",
         "add a choice that leads to it, or remove it"});
  }
}

/// Reads an integer member within [min, max]; false when absent, not a whole number or
/// out of range.
bool ReadInt(const json& object, const char* key, int64_t min, int64_t max, int* out) {
  const auto it = object.find(key);
  if (it == object.end() || !it->is_number_integer()) return false;
  // Unsigned values above int64's range would wrap; they are out of range anyway.
  if (it->is_number_unsigned() && it->get<uint64_t>() > static_cast<uint64_t>(max)) return false;
  const int64_t value = it->get<int64_t>();
  if (value < min || value > max) return false;
  *out = static_cast<int>(value);
  return true;
}

bool ReadString(const json& object, const char* key, std::string* out) {
  const auto it = object.find(key);
  if (it == object.end() || !it->is_string()) return false;
  *out = it->get<std::string>();
  return true;
}

/// Fills `step` for standing at `node` after `choices_made` choices, the last `choice`.
void FillStep(const ScenarioNode& node, int choice, const std::string& feedback, int choices_made, int path_score,
              ScenarioStep* step) {
  step->node = node.id;
  step->choice = choice;
  step->feedback = feedback;
  step->choices_made = choices_made;
  step->path_score = path_score;
  step->ended = node.ending;
  step->outcome = node.ending ? node.outcome : "";
  step->score = node.ending ? std::clamp(node.score + path_score, 0, kScenarioMaxScore) : 0;
}

bool ValidStart(const Scenario& scenario, std::string* error) {
  if (scenario.start < 0 || static_cast<size_t>(scenario.start) >= scenario.nodes.size()) {
    *error = "this scenario has no start node";
    return false;
  }
  return true;
}

/// The node a choice leads to, or -1 (with a message) when that choice cannot be made.
int Target(const Scenario& scenario, size_t node_index, int64_t choice_index, std::string* error) {
  const ScenarioNode& node = scenario.nodes[node_index];
  const std::string name = NodeName(node, node_index);
  if (node.ending) {
    *error = "the scenario has ended at " + name;
    return -1;
  }
  if (choice_index < 0 || choice_index >= static_cast<int64_t>(node.choices.size())) {
    *error = name + " has no choice " + NumberText(choice_index) + " (it has " + NumberText(node.choices.size()) + ")";
    return -1;
  }
  const int target = node.choices[static_cast<size_t>(choice_index)].target_index;
  if (target < 0 || static_cast<size_t>(target) >= scenario.nodes.size()) {
    *error = "choice " + NumberText(choice_index) + " of " + name + " leads to no node";
    return -1;
  }
  return target;
}

/// Follows a stored path through the scenario, checking every step; on success
/// `*node_index` is the node it ends at and `*choices` the choices it made.
bool Follow(const Scenario& scenario, const json& path, ScenarioStep* step, size_t* node_index,
            std::vector<int>* choices, std::string* error) {
  if (!ValidStart(scenario, error)) return false;
  if (!path.is_object()) {
    *error = "the path must be {\"nodes\": [...], \"choices\": [...]}";
    return false;
  }
  const auto nodes = path.find("nodes");
  const auto made = path.find("choices");
  if (nodes == path.end() || !nodes->is_array() || made == path.end() || !made->is_array()) {
    *error = "the path must be {\"nodes\": [...], \"choices\": [...]}";
    return false;
  }
  if (made->size() > static_cast<size_t>(kScenarioMaxPathChoices)) {
    *error = "the path holds more than " + NumberText(kScenarioMaxPathChoices) + " choices";
    return false;
  }
  if (nodes->size() != made->size() + 1) {
    *error = "the path must list one node more than its choices (found " + NumberText(nodes->size()) + " nodes and " +
             NumberText(made->size()) + " choices)";
    return false;
  }
  size_t at = static_cast<size_t>(scenario.start);
  const auto is_node = [&](const json& id, size_t index) {
    return id.is_string() && id.get<std::string>() == scenario.nodes[index].id;
  };
  if (!is_node((*nodes)[0], at)) {
    *error = "the path does not begin at the start node '" + scenario.nodes[at].id + "'";
    return false;
  }
  choices->clear();
  int path_score = 0;
  int last_choice = -1;
  std::string feedback;
  for (size_t k = 0; k < made->size(); ++k) {
    const json& choice = (*made)[k];
    if (!choice.is_number_integer()) {
      *error = "choice " + NumberText(k + 1) + " of the path is not a whole number";
      return false;
    }
    // Unsigned values too large for int64 are simply out of range.
    const int64_t index = choice.is_number_unsigned() && choice.get<uint64_t>() > static_cast<uint64_t>(INT64_MAX)
                              ? -1
                              : choice.get<int64_t>();
    const int target = Target(scenario, at, index, error);
    if (target < 0) return false;
    if (!is_node((*nodes)[k + 1], static_cast<size_t>(target))) {
      *error = "step " + NumberText(k + 1) + " of the path does not follow choice " + NumberText(index) + " of " +
               NodeName(scenario.nodes[at], at);
      return false;
    }
    const ScenarioChoice& taken = scenario.nodes[at].choices[static_cast<size_t>(index)];
    path_score += taken.score;
    feedback = taken.feedback;
    last_choice = static_cast<int>(index);
    choices->push_back(last_choice);
    at = static_cast<size_t>(target);
  }
  FillStep(scenario.nodes[at], last_choice, feedback, static_cast<int>(made->size()), path_score, step);
  *node_index = at;
  return true;
}

}  // namespace

void ParseScenario(const json& authored, Scenario* scenario, Diagnostics* diagnostics) {
  ObjectChecker checker(authored, "", "a scenario block", diagnostics);
  checker.AllowOnly({"id", "title", "start", "nodes"});
  if (!checker.ok()) return;
  scenario->id = checker.String("id");
  CheckId(checker.PointerTo("id"), scenario->id, diagnostics);
  scenario->title = checker.String("title");
  const std::string start = checker.String("start");
  const bool start_given = authored.contains("start") && authored.at("start").is_string();
  if (!checker.Require("nodes")) return;
  const json* nodes = checker.Array("nodes");
  if (nodes == nullptr) return;
  if (nodes->empty()) {
    diagnostics->push_back(
        {Severity::kError, "/nodes", false, "scenario-empty", "a scenario block needs at least one node", ""});
    return;
  }

  std::vector<NodeFacts> facts(nodes->size());
  std::map<std::string, int> index_of;
  // The graph checks need every node to be a target that can be told apart.
  bool ids_usable = true;
  bool kinds_known = true;
  for (size_t i = 0; i < nodes->size(); ++i) {
    ScenarioNode node;
    ParseNode((*nodes)[i], i, &node, &facts[i], diagnostics);
    kinds_known = kinds_known && facts[i].kind_known;
    if (node.id.empty()) {
      ids_usable = false;
    } else if (!index_of.emplace(node.id, static_cast<int>(i)).second) {
      ids_usable = false;
      diagnostics->push_back({Severity::kError, facts[i].pointer + "/id", false, "duplicate-id",
                              "node id '" + node.id + "' is used twice in this scenario",
                              "each node of a scenario needs its own id"});
    }
    scenario->nodes.push_back(std::move(node));
  }

  scenario->start = 0;
  std::string start_pointer = "/nodes/0";
  if (start_given) {
    start_pointer = "/start";
    const auto found = index_of.find(start);
    if (found == index_of.end()) {
      scenario->start = -1;
      diagnostics->push_back({Severity::kError, "/start", false, "scenario-unknown-target",
                              "'start' names '" + start +
                                  "', which is not a node of this "
                                  "scenario",
                              TargetHint(start, scenario->nodes)});
    } else {
      scenario->start = found->second;
    }
  }
  for (size_t i = 0; i < scenario->nodes.size(); ++i) {
    std::vector<ScenarioChoice>& choices = scenario->nodes[i].choices;
    for (size_t j = 0; j < choices.size(); ++j) {
      const auto found = index_of.find(choices[j].target);
      if (found != index_of.end()) {
        choices[j].target_index = found->second;
      } else if (facts[i].goto_given[j]) {
        diagnostics->push_back({Severity::kError, facts[i].pointer + "/choices/" + NumberText(j) + "/goto", false,
                                "scenario-unknown-target",
                                "choice leads to '" + choices[j].target + "', which is not a node of this scenario",
                                TargetHint(choices[j].target, scenario->nodes)});
      }
    }
  }

  const bool any_ending =
      std::any_of(scenario->nodes.begin(), scenario->nodes.end(), [](const ScenarioNode& n) { return n.ending; });
  if (!any_ending && kinds_known) {
    diagnostics->push_back({Severity::kError, "/nodes", false, "scenario-no-ending", "this scenario has no ending",
                            "mark the last node of each path 'ending: true' and give it an "
                            "'outcome'"});
  }
  // With a target missing the graph is incomplete: what it could reach is unknown, and
  // guesses would bury the real error under unreachable nodes and traps.
  const bool targets_resolved = std::all_of(scenario->nodes.begin(), scenario->nodes.end(), [](const ScenarioNode& n) {
    return n.ending ||
           std::all_of(n.choices.begin(), n.choices.end(), [](const ScenarioChoice& c) { return c.target_index >= 0; });
  });
  if (ids_usable && targets_resolved && scenario->start >= 0) {
    CheckGraph(*scenario, facts, start_pointer, diagnostics);
  }
}

json ScenarioToRuntime(const Scenario& scenario) {
  json nodes = json::array();
  for (const ScenarioNode& node : scenario.nodes) {
    if (node.ending) {
      nodes.push_back({{"id", node.id}, {"outcome", node.outcome}, {"score", node.score}});
      continue;
    }
    json choices = json::array();
    for (const ScenarioChoice& choice : node.choices) {
      json c = {{"to", choice.target_index}};
      // Most choices have neither: leaving them out keeps pages small.
      if (!choice.feedback.empty()) c["feedback"] = choice.feedback;
      if (choice.score != 0) c["score"] = choice.score;
      choices.push_back(std::move(c));
    }
    nodes.push_back({{"id", node.id}, {"choices", std::move(choices)}});
  }
  return {{"kind", "scenario"}, {"id", scenario.id}, {"start", scenario.start}, {"nodes", std::move(nodes)}};
}

bool ScenarioFromRuntime(const json& data, Scenario* scenario, std::string* error) {
  auto fail = [&](std::string message) {
    *error = std::move(message);
    return false;
  };
  std::string kind;
  if (!data.is_object() || !ReadString(data, "kind", &kind) || kind != "scenario") {
    return fail("not a scenario block");
  }
  Scenario out;
  if (!ReadString(data, "id", &out.id)) return fail("scenario block has no id");
  const auto nodes = data.find("nodes");
  if (nodes == data.end() || !nodes->is_array() || nodes->empty()) {
    return fail("scenario block has no nodes");
  }
  const int64_t count = static_cast<int64_t>(nodes->size());
  if (!ReadInt(data, "start", 0, count - 1, &out.start)) {
    return fail("scenario block has no valid start");
  }
  std::map<std::string, int> seen;
  for (const json& n : *nodes) {
    const std::string where = "node " + NumberText(out.nodes.size() + 1);
    if (!n.is_object()) return fail("malformed " + where);
    ScenarioNode node;
    // Stored paths name nodes by id, so ids must tell nodes apart.
    if (!ReadString(n, "id", &node.id) || node.id.empty()) return fail(where + " has no id");
    if (!seen.emplace(node.id, 0).second) return fail("node id '" + node.id + "' is used twice");
    const auto choices = n.find("choices");
    if (n.contains("outcome")) {
      node.ending = true;
      if (!ReadString(n, "outcome", &node.outcome) ||
          (node.outcome != "good" && node.outcome != "mixed" && node.outcome != "poor")) {
        return fail("ending '" + node.id + "' has no valid outcome");
      }
      if (!ReadInt(n, "score", 0, kScenarioMaxScore, &node.score)) {
        return fail("ending '" + node.id + "' has no valid score");
      }
      if (choices != n.end()) return fail("ending '" + node.id + "' has choices");
    } else {
      if (choices == n.end() || !choices->is_array() || choices->empty()) {
        return fail("node '" + node.id + "' has no choices");
      }
      for (const json& c : *choices) {
        if (!c.is_object()) return fail("malformed choice at node '" + node.id + "'");
        ScenarioChoice choice;
        if (!ReadInt(c, "to", 0, count - 1, &choice.target_index)) {
          return fail("a choice at node '" + node.id + "' leads to no node");
        }
        if (c.contains("feedback") && !ReadString(c, "feedback", &choice.feedback)) {
          return fail("a choice at node '" + node.id + "' has malformed feedback");
        }
        if (c.contains("score") &&
            !ReadInt(c, "score", -kScenarioMaxChoiceScore, kScenarioMaxChoiceScore, &choice.score)) {
          return fail("a choice at node '" + node.id + "' has no valid score");
        }
        node.choices.push_back(std::move(choice));
      }
    }
    out.nodes.push_back(std::move(node));
  }
  // Targets were read as indexes; name them too so the struct matches a parsed one.
  for (ScenarioNode& node : out.nodes) {
    for (ScenarioChoice& choice : node.choices) {
      choice.target = out.nodes[static_cast<size_t>(choice.target_index)].id;
    }
  }
  *scenario = std::move(out);
  return true;
}

bool ScenarioStart(const Scenario& scenario, json* path_out, ScenarioStep* step, std::string* error) {
  if (!ValidStart(scenario, error)) return false;
  const ScenarioNode& start = scenario.nodes[static_cast<size_t>(scenario.start)];
  *path_out = {{"nodes", json::array({start.id})}, {"choices", json::array()}};
  FillStep(start, -1, "", 0, 0, step);
  return true;
}

bool ScenarioReplay(const Scenario& scenario, const json& path, ScenarioStep* step, std::string* error) {
  size_t at = 0;
  std::vector<int> choices;
  ScenarioStep result;
  if (!Follow(scenario, path, &result, &at, &choices, error)) return false;
  *step = std::move(result);
  return true;
}

bool ScenarioChoose(const Scenario& scenario, const json& path_in, int choice_index, json* path_out, ScenarioStep* step,
                    std::string* error) {
  size_t at = 0;
  std::vector<int> choices;
  ScenarioStep current;
  if (!Follow(scenario, path_in, &current, &at, &choices, error)) return false;
  if (current.choices_made >= kScenarioMaxPathChoices) {
    *error = "the path has reached the limit of " + NumberText(kScenarioMaxPathChoices) + " choices";
    return false;
  }
  const int target = Target(scenario, at, choice_index, error);
  if (target < 0) return false;
  const ScenarioChoice& taken = scenario.nodes[at].choices[static_cast<size_t>(choice_index)];
  // The new path is rebuilt from the checked steps, so nothing else the stored data held
  // is carried forward.
  json nodes = json::array();
  size_t walk = static_cast<size_t>(scenario.start);
  nodes.push_back(scenario.nodes[walk].id);
  for (int c : choices) {
    walk = static_cast<size_t>(scenario.nodes[walk].choices[static_cast<size_t>(c)].target_index);
    nodes.push_back(scenario.nodes[walk].id);
  }
  nodes.push_back(scenario.nodes[static_cast<size_t>(target)].id);
  choices.push_back(choice_index);
  ScenarioStep next;
  FillStep(scenario.nodes[static_cast<size_t>(target)], choice_index, taken.feedback, current.choices_made + 1,
           current.path_score + taken.score, &next);
  *path_out = {{"nodes", std::move(nodes)}, {"choices", choices}};
  *step = std::move(next);
  return true;
}

const ScenarioNode* FindScenarioNode(const Scenario& scenario, const std::string& id) {
  for (const ScenarioNode& node : scenario.nodes) {
    if (node.id == id) return &node;
  }
  return nullptr;
}

}  // namespace morsel::core
