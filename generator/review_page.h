#pragma once

// The Review page (`review.html`, issue 15): spaced-repetition review across all courses.
// Nothing is listed on the server side: the page holds every block whose items the
// learner may have to review (check-mode quizzes with graded questions, flashcards),
// rendered with the same templates as the lessons and hidden, and the catalogue of items
// with their course and lesson; runtime/web/review.js asks the core what is due
// (review_queue) and shows it one item at a time.

#include <nlohmann/json.hpp>

#include "generator/diagnostics.h"
#include "generator/model.h"
#include "generator/render.h"
#include "generator/site_output.h"
#include "generator/theme.h"

namespace morsel::gen {

/// Where the Review page is written.
inline constexpr const char* kReviewPagePath = "review.html";

/// Whether `question` can be a review item: a graded question (not an attestation) of a
/// check-mode quiz. Assessments' questions are not: reviewing them with feedback would show
/// the answers of an exam a learner may still retake. Case studies are not either: a path
/// of several decisions is not one thing to recall.
bool IsReviewQuestion(const core::Quiz& quiz, const core::Question& question);

/// The site's review catalogue: {"settings": {desired_retention, max_interval_days,
/// daily_limit}, "items": [{"key", "card"?: true, "lesson"}], "lessons": {id: {"title",
/// "url", "course"}}}, URLs relative to `from` (an output path at the site's root). What
/// the core's review_queue reads (items, settings) and what the pages show with it.
nlohmann::json ReviewCatalogue(const Site& site, const std::string& from);

/// Renders `review.html` (template `review`) into `output` when site.yml's
/// `features.review` is on (else writes nothing and returns true). False on a template
/// error (reported) or a failed write.
bool RenderReviewPage(const Site& site, const Theme& theme, const RenderInputs& inputs, SiteOutput* output,
                      DiagnosticSink* sink);

}  // namespace morsel::gen
