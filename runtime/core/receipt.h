#pragma once

// Completion receipts: a file a learner downloads from My learning that records what they
// did in one course (every response with its time, the attempt numbers that seeded the
// draws, the lessons' completion, the course's result), and `morsel verify`'s re-grading
// of it against the site's source with the same core. docs/engagement.md ("Completion
// receipts") says what a receipt proves and what it does not; docs/runtime.md has the
// format.
//
// A receipt is a JSON object; its `checksum` is "sha256:" + the SHA-256 of
// kReceiptChecksumPrefix + CanonicalJson(the receipt without `checksum`). The checksum
// deters hand edits; it is no security boundary: anyone with the site can make a receipt.

#include <string>

#include <nlohmann/json.hpp>

#include "runtime/core/state.h"

namespace morsel::core {

/// The receipt's `format` and `version`: a reader refuses other formats and newer versions.
inline constexpr const char* kReceiptFormat = "morsel-receipt";
inline constexpr int kReceiptVersion = 1;
/// What the checksummed text starts with, so a receipt's checksum is never the digest of
/// some other Morsel document.
inline constexpr const char* kReceiptChecksumPrefix = "morsel-receipt-1\n";

/// The canonical text of a JSON value, the one text every equal value has: no whitespace,
/// object members in byte order of their keys (nlohmann's objects are sorted maps), strings
/// in UTF-8 with only '"', '\\' and control characters escaped (as \uXXXX in lowercase hex,
/// or \b \f \n \r \t), invalid UTF-8 replaced by U+FFFD; a number that is a whole number of
/// magnitude below 2^53 written as an integer (so 100, 100.0 and 1e2 are one value), -0 as
/// 0, any other number in the shortest form that reads back as the same double. So a
/// receipt re-indented, re-ordered or re-escaped by another tool keeps its checksum; one
/// whose numbers were rounded does not.
std::string CanonicalJson(const nlohmann::json& value);

/// The checksum a receipt should carry: "sha256:" + 64 hex digits over its canonical text
/// without its `checksum` member.
std::string ReceiptChecksum(const nlohmann::json& receipt);

/// What a receipt is made from (ApiReceipt's input): the learner's state, the site and the
/// course as the page knows them.
struct ReceiptRequest {
  nlohmann::json state;
  /// {"id", "title", "content_version"}.
  nlohmann::json site;
  /// {"id", "title", "pass_mark", "lessons": [as CourseProgress takes them, each lesson
  /// with "fingerprints": {question key: answer fingerprint} of its quiz questions]}.
  nlohmann::json course;
  std::string learner_name;
  /// site.yml's `gamification` settings (null: none, and no badges are listed) and the
  /// site's courses as GamificationView takes them.
  nlohmann::json gamification;
  nlohmann::json courses;
  Now now;
};

/// The receipt of `request.course` for the learner, checksum included (docs/runtime.md,
/// "Completion receipts"). Only records of the course's lessons are copied (question keys
/// and quiz ids start with "<lesson id>:").
nlohmann::json MakeReceipt(const ReceiptRequest& request);

/// The file name to save a receipt under: "<site>-<course>-receipt-<issued local date>.json",
/// with any character but letters, digits, '.', '_' and '-' made '-'.
std::string ReceiptFileName(const nlohmann::json& receipt);

/// Checks a receipt's shape: the format and version, and each member the verifier reads
/// of the right type. "" when it can be read, else what is wrong, in words.
std::string ReceiptShapeProblem(const nlohmann::json& receipt);

/// Re-grades a receipt (whose shape ReceiptShapeProblem accepted) against the course as
/// the site's source has it, by replaying its recorded events in time order through the
/// same api the pages call (ApiVisit, ApiAnswer, ApiSubmit, ApiScenarioChoose,
/// ApiCourseProgress) on a fresh state of the receipt's learner, and totals the course with
/// CourseProgress. `source` is:
///   {"site": {"id", "content_version"},
///    "course": {"id", "title", "pass_mark", "recertify_after"?,
///               "scoring": the course as ApiCourseProgress takes it,
///               "lessons": [{"lesson": the page's lesson {"id", "questions", "quizzes",
///                            "completion"}, "blocks": [quiz runtime forms],
///                            "scenarios": [case-study runtime forms]}],
///               "fingerprints": {question key: answer fingerprint}}}.
/// Returns the verdict:
///   {"checksum_ok", "site_matches", "content": {"receipt", "source", "matches",
///    "changed": [block ids whose answers changed, or questions were added or removed],
///    "removed": [block ids no longer in the course]},
///    "status": "passed" | "failed" | "incomplete", "progress": CourseProgress re-graded,
///    "recorded": {"percent", "passed"}, "pass_mark",
///    "problems": [why the receipt is not valid, in words: re-grading disagrees with a
///                 recorded result, an answer the core refuses, a seed that does not match],
///    "notes": [what differs for a known reason: answers re-graded against an answer
///              changed since, attempts compacted away before the receipt was made],
///    "passed_at", "completed_at": from the replay (epoch ms or null),
///    "valid": checksum ok, site matches, no problem, and passed}.
nlohmann::json VerifyReceipt(const nlohmann::json& receipt, const nlohmann::json& source);

}  // namespace morsel::core
