// The review module: spaced-repetition review (what is due, a question answered in review,
// a flashcard rated) as plain C exports over runtime/core/api.h. Built apart from the main
// and the progress module because it carries the FSRS scheduler and, for questions answered
// on the Review page, the grading code: only the Review page, a lesson with flashcards to
// rate and My learning's due count load it (runtime/web/review.js, dashboard.js). Same
// contract as bindings.cc: JSON text in, JSON text out, valid until the next call; nothing
// throws across this boundary.
#include <emscripten.h>

#include "runtime/core/api.h"
#include "runtime/wasm/keep_result.h"

using morsel::wasm::CallApi;

extern "C" {

EMSCRIPTEN_KEEPALIVE const char* morsel_review_queue(const char* input) {
  return CallApi<morsel::core::ApiReviewQueue>(input);
}

EMSCRIPTEN_KEEPALIVE const char* morsel_review_answer(const char* input) {
  return CallApi<morsel::core::ApiReviewAnswer>(input);
}

EMSCRIPTEN_KEEPALIVE const char* morsel_review_rate(const char* input) {
  return CallApi<morsel::core::ApiReviewRate>(input);
}

}  // extern "C"
