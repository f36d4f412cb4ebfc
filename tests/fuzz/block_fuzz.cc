// Every interactive block parser, in both of its forms:
// - authored (```quiz and ```scenario fences, generator/compile.cc): YAML → JSON →
//   core::ParseQuiz and core::ParseScenario, and what the generator derives from a valid
//   block (runtime form, answer fingerprints, points, draws); the api's ValidateQuiz.
// - runtime form (the JSON a page embeds, read by the browser): QuizFromRuntime,
//   ScenarioFromRuntime, and the api calls that read a page's blocks (View, ScenarioStart).
// The same input is tried as both: YAML is a superset of JSON. As authored YAML only when
// it is valid UTF-8: the loader refuses other files before any block is parsed.
#include <cstddef>
#include <cstdint>
#include <string>

#include "generator/diagnostics.h"
#include "generator/yaml_json.h"
#include "runtime/core/api.h"
#include "runtime/core/json_parse.h"
#include "runtime/core/points.h"
#include "runtime/core/quiz.h"
#include "runtime/core/quiz_runtime.h"
#include "runtime/core/scenario.h"
#include "tests/fuzz/fuzz_input.h"

namespace {

using nlohmann::json;
namespace core = morsel::core;

void Quiz(const json& authored) {
  core::Quiz quiz;
  core::Diagnostics diagnostics;
  core::ParseQuiz(authored, &quiz, &diagnostics);
  json request;
  request["block"] = authored;
  core::ApiValidateQuiz(morsel::fuzz::Dump(request));
  if (core::HasErrors(diagnostics)) return;
  core::WeighQuiz(quiz);
  for (const core::Question& question : quiz.questions) {
    core::AnswerFingerprint(question);
    core::DisplayOrder(quiz, question);
  }
  core::PlanQuestions(quiz, "learner:block:0");
  for (const bool plain : {false, true}) {
    const json runtime = core::QuizToRuntime(quiz, plain);
    core::Quiz back;
    std::string error;
    core::QuizFromRuntime(core::ParseJson(morsel::fuzz::Dump(runtime)), &back, &error);
  }
}

void Scenario(const json& authored) {
  core::Scenario scenario;
  core::Diagnostics diagnostics;
  core::ParseScenario(authored, &scenario, &diagnostics);
  if (core::HasErrors(diagnostics)) return;
  const json runtime = core::ScenarioToRuntime(scenario);
  core::Scenario back;
  std::string error;
  if (!core::ScenarioFromRuntime(core::ParseJson(morsel::fuzz::Dump(runtime)), &back, &error)) return;
  // Play it through, always taking the last choice (a valid scenario ends).
  json path;
  core::ScenarioStep step;
  if (!core::ScenarioStart(back, &path, &step, &error)) return;
  for (int i = 0; i < 64 && !step.ended; ++i) {
    const core::ScenarioNode* node = core::FindScenarioNode(back, step.node);
    if (node == nullptr || node->choices.empty()) break;
    json next;
    if (!core::ScenarioChoose(back, path, static_cast<int>(node->choices.size()) - 1, &next, &step, &error)) break;
    path = next;
  }
}

/// The page's form of a block, as the browser reads it.
void RuntimeForm(const std::string& text) {
  const json data = core::ParseJson(text);
  if (data.is_discarded()) return;
  core::Quiz quiz;
  core::Scenario scenario;
  std::string error;
  core::QuizFromRuntime(data, &quiz, &error);
  core::ScenarioFromRuntime(data, &scenario, &error);
  json view;
  view["state"] = nullptr;
  view["lesson"] = {{"id", "l"}, {"questions", json::array()}};
  view["blocks"] = json::array({data});
  view["scenarios"] = json::array({data});
  core::ApiView(morsel::fuzz::Dump(view));
  json start;
  start["block"] = data;
  core::ApiScenarioStart(morsel::fuzz::Dump(start));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text = morsel::fuzz::Text(data, size);
  RuntimeForm(text);
  // Authored blocks come from files the loader read, which are valid UTF-8.
  if (!morsel::fuzz::IsUtf8(text)) return 0;
  morsel::gen::DiagnosticSink sink;
  morsel::gen::YamlOrigin origin{"lesson.md", &text, 1, 0};
  json authored;
  morsel::gen::PositionMap positions;
  if (!morsel::gen::YamlToJson(text, origin, &authored, &positions, &sink)) return 0;
  Quiz(authored);
  Scenario(authored);
  return 0;
}
