#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "runtime/core/diagnostic.h"

namespace morsel::core {

/// One answer option of a choice question. Text fields hold inline Markdown as authored
/// and HTML once the generator has rendered them.
struct Option {
  std::string text;
  std::string feedback;
  bool correct = false;
};

/// One question of a quiz block.
struct Question {
  std::string id;
  std::string type = "single";
  std::string prompt;
  std::vector<Option> options;
};

/// A ```quiz block: one or more questions checked together.
struct Quiz {
  std::string id;
  std::vector<Question> questions;
};

/// Reads an authored quiz block (YAML converted to JSON), reporting every problem.
/// `*quiz` is filled as far as the data allows even when errors are reported.
void ParseQuiz(const nlohmann::json& authored, Quiz* quiz, Diagnostics* diagnostics);

/// The form of a quiz embedded in a page for the runtime: ids, question types and what
/// grading needs, without prompts or option text (those are in the page's HTML).
nlohmann::json QuizToRuntime(const Quiz& quiz);

/// Reads the runtime form back. Returns false (with a message) on malformed data.
bool QuizFromRuntime(const nlohmann::json& data, Quiz* quiz, std::string* error);

/// The outcome of grading one response.
struct Grade {
  bool correct = false;
  double score = 0;
  double max_score = 1;
  std::string feedback;
  int choice = -1;
};

/// Grades `response` ({"choice": index}) against `question`. Returns false (with a
/// message) when the response is not a valid answer to this question.
bool GradeQuestion(const Question& question, const nlohmann::json& response, Grade* grade,
                   std::string* error);

/// Finds a question by id; nullptr when absent.
const Question* FindQuestion(const Quiz& quiz, const std::string& id);

}  // namespace morsel::core
