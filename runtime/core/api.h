#pragma once

#include <string>
#include <string_view>

namespace morsel::core {

// The runtime's whole contract with its hosts (the wasm exports and the tests): UTF-8
// JSON text in, UTF-8 JSON text out. Every function returns {"ok":true,...} or
// {"ok":false,"error":{"code":...,"message":...}} and never throws, whatever the input:
// stored state and page data are untrusted. docs/runtime.md documents each shape.

/// The runtime's version string.
std::string ApiVersion();

/// {"block": authored quiz} → {"ok", "diagnostics": [{pointer, code, message, hint}]}.
std::string ApiValidateQuiz(std::string_view input);

/// {"stored": text|null, "learner": new id, "now"} → {"ok", "state", "status", "problem"}.
std::string ApiLoadState(std::string_view input);

/// {"state", "lesson": {"id", "questions", "completion"?}, "now"} →
/// {"ok", "state", "lesson_status"}. `completion` is "view", "answer" or "pass" (default).
std::string ApiVisit(std::string_view input);

/// {"block", "question", "response", "hint_used"?} → {"ok", "result"}: grades without
/// recording, e.g. to show a stored answer's feedback again. A result is
/// {graded, correct, score, max_score, feedback, parts}; response shapes per question
/// type are listed in grade.h.
std::string ApiGrade(std::string_view input);

/// {"state", "lesson", "block", "question", "response", "now"} →
/// {"ok", "state", "result", "lesson_status"}.
std::string ApiAnswer(std::string_view input);

/// {"state", "course": {"pass_mark", "lessons": [{"id", "points": {key: points}}]}} →
/// {"ok", "progress": {"completed", "total", "score", "max", "percent", "passed"}}.
std::string ApiCourseProgress(std::string_view input);

/// {"block", "learner", "attempt"} → {"ok", "questions": [ids shown, in order],
/// "options": {question id: [option indexes in display order]}}. Applies the quiz's
/// `shuffle` and `draw` with a seed made of learner, block and attempt, so a reload shows
/// the same draw and an attempt can be replayed exactly.
std::string ApiPlan(std::string_view input);

/// {"block": scenario runtime form} → {"ok", "path", "step"}: a new play-through.
std::string ApiScenarioStart(std::string_view input);

/// {"state", "lesson", "block", "path", "choice", "now"} → {"ok", "state", "path", "step",
/// "lesson_status"}. The path in progress is kept in the state; reaching an ending
/// records an attempt (correct when the outcome is "good", score = the final score).
std::string ApiScenarioChoose(std::string_view input);

/// {"block", "path"} → {"ok", "step"}: where a stored (untrusted) path leads.
std::string ApiScenarioReplay(std::string_view input);

}  // namespace morsel::core
