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

/// {"state", "lesson": {"id", "questions", "quizzes"?, "completion"?}, "blocks"?: [the
/// page's quiz blocks], "stale"?: "ask_again" | "keep", "now"} →
/// {"ok", "state", "lesson_status", "lesson", "views"} (lesson and views as from ApiView,
/// after the visit). `completion` is "view", "answer" or "pass" (default);
/// `quizzes` lists [{"id", "mode", "pass_mark", "points": {key: points}}] for quizzes
/// judged as a whole or drawn from a pool (their results are kept; see QuizRef).
std::string ApiVisit(std::string_view input);

/// {"state", "lesson", "blocks"?: [quiz blocks], "scenarios"?: [case studies], "fresh"?:
/// [assessment ids to try again]} → {"ok", "lesson", "views": {block id: view},
/// "lesson_status"}: the view contract (view.h, docs/runtime.md). "lesson" is the page's
/// lesson with the questions this learner is not shown left out: the page passes it to
/// answer and submit.
std::string ApiView(std::string_view input);

/// {"state", "lessons": [ids]} → {"ok", "lessons": {id: status}, "resume": {"lesson",
/// "anchor", "status"} | null}.
std::string ApiStatus(std::string_view input);

/// {"state", "courses": [{"id", "lessons": [ids]}], "now", "days"?: 30} → {"ok", "courses":
/// {id: {"done", "total", "started", "time_ms", "last_activity", "next", "anchor",
/// "completed_at"}}, "activity": [{"date", "minutes", "answers"}], "totals"}: My learning.
std::string ApiSiteView(std::string_view input);

/// {"state", "lesson", "block", "question", "response", "now"} →
/// {"ok", "state", "result", "lesson_status", "view"}. A result is {graded, correct, score,
/// max_score, feedback, parts}; response shapes per question type are listed in grade.h. An answer that is not complete
/// (MissingAnswer in grade.h) is refused with error "incomplete" and "missing": the message
/// key; nothing is recorded.
std::string ApiAnswer(std::string_view input);

/// {"state", "lesson", "block", "responses": {question id: response}, "hints"?: {question
/// id: bool}, "now"} → {"ok", "state", "results": {question id: result}, "quiz": {"score",
/// "max_score", "percent", "passed", "at", "attempt", "attempts_left", "pass_mark"},
/// "lesson_status"}. Submits an assessment: the core draws the attempt's questions itself
/// (attempt = submissions so far), grades them all and records the attempt. Errors:
/// "no-attempts-left", "incomplete" ("missing": {question id: message key} for every drawn
/// question not answered completely; nothing is recorded). The answer adds "view".
std::string ApiSubmit(std::string_view input);

/// {"state", "course": {"pass_mark", "lessons": [{"id", "module"?, "points": {key: points},
/// "quizzes"?: {quiz id: points}}]}} → {"ok", "progress": {"completed", "total", "score",
/// "max", "percent", "passed", "modules": {id: totals}}} (see CourseProgress in state.h).
/// With "now" (and the course's "id"), a finished course is also recorded in the state
/// (courses: {id: {completed_at, passed_at, percent}}) and the answer adds "state" and
/// "newly": {"completed", "passed"} — true when this call recorded it — and "changed".
std::string ApiCourseProgress(std::string_view input);

/// {"state", "lesson": id, "ms", "anchor"?, "now"} → {"ok", "state"}: adds active time to
/// the lesson and the day, and records the resume position.
std::string ApiTrack(std::string_view input);

/// {"state", "incoming": text, "site"?} → {"ok", "state", "summary": {"lessons_added",
/// "lessons_completed", "attempts_added", "quiz_attempts_added"}}: merges a progress
/// export (or a bare state, e.g. another tab's) into the state; see MergeStates.
std::string ApiMerge(std::string_view input);

/// {"state", "budget": bytes} → {"ok", "state", "bytes", "fits"}: see CompactState.
std::string ApiCompact(std::string_view input);

/// {"state", "course", "budget"?: characters (4096)} → {"ok", "data", "chars", "fits",
/// "degraded": [steps taken, in order]}: the state as an LMS's suspend_data (lms_state.h).
/// `course` is {"id", "lessons": [{"id", "questions": [keys], "quizzes"?, "fingerprints"?:
/// {key: fp}}]} (the pages' lessons in course order; "points" may stand for "questions").
std::string ApiLmsSuspend(std::string_view input);

/// {"data": suspend_data text, "course", "learner": the LMS's learner id, "now"} → {"ok",
/// "state", "status": "ok" | "new" | "corrupt", "problem"}: a text that cannot be read
/// gives a fresh state and the problem to show the learner.
std::string ApiLmsResume(std::string_view input);

/// {"state", "lessons": [ids], "course"?} → {"ok", "state"}: forgets those lessons.
std::string ApiReset(std::string_view input);

/// {"block": scenario runtime form} → {"ok", "path", "step"}: a new play-through.
std::string ApiScenarioStart(std::string_view input);

/// {"state", "lesson", "block", "path", "choice", "now"} → {"ok", "state", "path", "step",
/// "lesson_status"}. The path in progress is kept in the state; reaching an ending
/// records an attempt (correct when the outcome is "good", score = the final score).
std::string ApiScenarioChoose(std::string_view input);

// ---- Gamification (gamification.h, docs/runtime.md "Gamification") ----

/// {"state", "settings"?: site.yml's `gamification` mapping (null or absent: defaults),
/// "courses": [{"id", "lessons": [id | {"id", "module"}]}], "now", "before"?: the view an
/// earlier call gave} → {"ok", "view": GamificationView, "news"?: GamificationNews(before,
/// view), only when "before" is given}. Settings are read leniently (ReadGamification): the
/// generator has already refused what is wrong in them.
std::string ApiGamification(std::string_view input);
// ---- Completion receipts (issue 15; runtime/core/api_receipt.cc, receipt.h) ----

/// {"state", "site": {"id", "title"?, "content_version"?}, "course": {"id", "title"?,
/// "pass_mark", "lessons": [as ApiCourseProgress takes them, each with "fingerprints"?:
/// {question key: answer fingerprint}]}, "learner_name"?, "gamification"?: site.yml's
/// settings, "courses"?: the site's courses as GamificationView takes them, "now"} →
/// {"ok", "receipt": the receipt as text (write it as it is: its checksum is over its
/// values), "filename"}. See MakeReceipt and docs/runtime.md ("Completion receipts").
std::string ApiReceipt(std::string_view input);

// ---- Certificates and recertification (issue 15; api_certificate.cc, certificate.h) ----

/// {"state", "now", "do": what} → {"ok", "name": the learner's name ("" without), …}:
///   "do": "facts", "courses": [{"id", "recertify_after"?}] → "courses": {id:
///     CertificateFacts}, "due": [ids of courses due again today];
///   "do": "recertify", "course": id, "lessons": [its lesson ids] → "state": a new round of
///     a passed course (Recertify); error "not-passed" when it has no current pass;
///   "do": "name", "name" → "state" with the name kept (trimmed, at most 200 characters;
///     "" forgets it).
std::string ApiCertificate(std::string_view input);

}  // namespace morsel::core

// ---- Spaced-repetition review (issue 15; runtime/core/api_review.cc over review.h) ----
// `settings` is site.yml's `review` mapping as the page carries it ({desired_retention,
// max_interval_days, daily_limit}, read leniently: a bad value gives the default); `now` as
// above. Item keys are "<lesson id>:<block id>/<question or card id>".
namespace morsel::core {

/// {"state", "items": [{"key", "card"?: true}], "settings"?, "now", "limit"?} → {"ok",
/// "due": [keys, in order, within the daily limit], "due_count", "new_count", "today_done",
/// "left_today", "next": {"date", "count"} | null} (ReviewQueue; "limit" -1: none).
std::string ApiReviewQueue(std::string_view input);

/// {"state", "item", "block": quiz runtime form, "question", "response", "settings"?,
/// "now"} → {"ok", "state", "result", "counted", "due": date, "interval": days}: the answer
/// graded as on a lesson page (no lesson attempt is recorded) and the review recorded
/// (right: Good, wrong: Again; counted only when the item was due). Errors as ApiAnswer's
/// ("incomplete" with "missing").
std::string ApiReviewAnswer(std::string_view input);

/// {"state", "item", "rating": 1-4, "settings"?, "now"} → {"ok", "state", "counted", "due",
/// "interval"}: a flashcard's self-rating (Again, Hard, Good, Easy).
std::string ApiReviewRate(std::string_view input);

}  // namespace morsel::core
