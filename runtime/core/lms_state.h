#pragma once

// The learner state as an LMS keeps it: under SCORM the whole state lives in
// `cmi.suspend_data`, at most 4,096 characters in SCORM 1.2 (4,000 in 2004 2nd edition,
// 64,000 in 3rd and 4th). EncodeLmsState writes a compact text of the state document
// (state.h) against what the page knows of the course, DecodeLmsState reads it back. The
// text is positional (lesson ids and question keys are indexes into the course, not
// written) and type-aware (each response by its shape, grade.h), and uses only the URL
// "unreserved" characters A–Z a–z 0–9 - . _ ~ , which survive the XML, form encoding and
// SQL quoting that LMSs put suspend_data through. docs/runtime.md gives the format.

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "runtime/core/state.h"

namespace morsel::core {

/// What the page knows of a course, in course order: the index spaces of the encoding.
struct LmsCourse {
  std::string id;
  std::vector<std::string> lessons;
  /// Every question key of every lesson ("block/question", pool and assessment questions
  /// included), in lesson order.
  std::vector<std::string> questions;
  /// The quizzes whose results the state keeps: each lesson's listed quizzes, then the
  /// block of each of its question keys (the part before '/').
  std::vector<std::string> quizzes;
  /// Answer fingerprint per question key, when the page gives them: an attempt whose
  /// fingerprint is the course's costs one bit instead of the text.
  std::map<std::string, std::string> fingerprints;
};

/// Reads {"id"?, "lessons": [{"id", "questions"?: [keys], "points"?: {key: points},
/// "quizzes"?: {id: points} | [id | {"id"}], "fingerprints"?: {key: fp}}]}: a lesson's
/// question keys are its "questions", else the keys of its "points" (ApiCourseProgress's
/// course). Anything malformed is skipped, never an error: the worst is a longer text.
LmsCourse LmsCourseFromJson(const nlohmann::json& course);

/// The steps EncodeLmsState takes, in order, while the text is over its budget. Each
/// drops more; completion, results, attempt counts, best and last quiz results and
/// finished-course records are never dropped.
inline constexpr const char* kLmsDegradeSteps[] = {
    "fingerprints",        // attempts' fingerprints the course does not hold (stale flags stay)
    "scenario-paths",      // case studies' paths in progress
    "unknown-questions",   // question and quiz records whose key is not in the course
    "assessment-history",  // assessment submissions' list (best, last and count stay)
    "attempt-history",     // question attempts but the first best and the last (count stays)
    "time",                // time per lesson, first and last visits
    "best-responses",      // the response of a best attempt that is not the last
    "responses",           // the latest responses (their results stay)
    "resume-anchor",       // the heading within the resume lesson
};

/// What EncodeLmsState made.
struct LmsEncoding {
  std::string text;
  /// The steps of kLmsDegradeSteps that dropped something, in order.
  std::vector<std::string> dropped;
  bool fits = true;
};

/// Encodes a well-formed state (CheckState) in at most `budget_chars` characters when it
/// can, degrading in kLmsDegradeSteps order; when even the last step does not fit, the
/// text is still the smallest one and `fits` is false. Timestamps are kept to the minute,
/// time totals to the second; the activity log and the learner id are not written (the
/// LMS gives the learner id back).
LmsEncoding EncodeLmsState(const nlohmann::json& state, const LmsCourse& course, size_t budget_chars);

/// Reads a text made by EncodeLmsState for the same course. Never throws, whatever the
/// text: on a text that is not one (damaged, truncated, or written for a course whose
/// lessons, questions or quizzes differ: the text holds a digest of them, as its indexes would
/// point elsewhere), `*state` is a fresh state for `learner` and the result is kCorrupt
/// with `*problem` saying why; an empty text is kNew.
LoadStatus DecodeLmsState(const std::string& text, const LmsCourse& course, const std::string& learner, const Now& now,
                          nlohmann::json* state, std::string* problem);

}  // namespace morsel::core
