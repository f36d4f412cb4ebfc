// The Review page (generator/review_page.h) and flashcards on the pages: which items the
// catalogue lists, what features.review switches off, and flashcards' diagnostics at their
// place in the lesson.
#include "generator/review_page.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "tests/unit/generator/site_fixture.h"

namespace morsel::gen {
namespace {

const char* const kLesson = R"(Read this.

```quiz
id: check
questions:
  - id: pick
    prompt: "Pick B"
    options: [{ text: "A" }, { text: "B", correct: true }]
  - id: think
    type: reflection
    prompt: "What do you think?"
  - id: agree
    type: attestation
    prompt: "I agree"
```

```quiz
id: exam
mode: assessment
questions:
  - id: q1
    prompt: "Pick A"
    options: [{ text: "A", correct: true }, { text: "B" }]
```

```flashcards
id: cards
cards:
  - id: mfa
    front: What is **MFA**?
    back: "Multi-factor authentication: see [the lesson](#top)."
  - front: Second
    back: Back
```

## Top
)";

std::map<std::string, std::string> Built(const std::string& site_yml) {
  MemoryFileSystem fs = OneLessonSite(kLesson, site_yml);
  DiagnosticSink sink;
  BuildStats stats;
  INFO(sink.Format());
  REQUIRE(BuildSite(&fs, BuildOptions(), &stats, &sink));
  std::map<std::string, std::string> out;
  for (const auto& [path, text] : fs.files()) {
    if (path.compare(0, 5, "site/") == 0) out[path.substr(5)] = text;
  }
  return out;
}

nlohmann::json ReviewJson(const std::string& html) {
  const std::string open = "<script type=\"application/json\" id=\"morsel-review\">";
  const size_t at = html.find(open);
  REQUIRE(at != std::string::npos);
  const size_t start = at + open.size();
  return nlohmann::json::parse(html.substr(start, html.find("</script>", start) - start));
}

TEST_CASE("the Review page lists graded check questions and flashcards, not exams or attestations", "[review]") {
  const auto site = Built("title: T\nid: t\nreview:\n  daily_limit: 7\n");
  REQUIRE(site.count("review.html") == 1);
  const std::string& page = site.at("review.html");
  const nlohmann::json data = ReviewJson(page);
  CHECK(data["settings"] ==
        nlohmann::json::parse(R"({"desired_retention": 0.9, "max_interval_days": 36500, "daily_limit": 7})"));
  CHECK(data["items"] == nlohmann::json::parse(R"([
      {"key": "course/mod/lesson:check/pick", "lesson": "course/mod/lesson"},
      {"key": "course/mod/lesson:cards/mfa", "card": true, "lesson": "course/mod/lesson"},
      {"key": "course/mod/lesson:cards/c2", "card": true, "lesson": "course/mod/lesson"}])"));
  CHECK(data["lessons"]["course/mod/lesson"] ==
        nlohmann::json::parse(R"({"title": "Lesson", "url": "course/mod/lesson.html", "course": "Course"})"));
  // The blocks with items, hidden, rendered by the lesson's templates; not the assessment.
  CHECK(page.find("data-morsel-review-block=\"course/mod/lesson:check\"") != std::string::npos);
  CHECK(page.find("data-morsel-review-block=\"course/mod/lesson:cards\"") != std::string::npos);
  CHECK(page.find("course/mod/lesson:exam") == std::string::npos);
  // A card's link to a place in its lesson goes to the lesson's page from the site's root.
  CHECK(page.find("href=\"course/mod/lesson.html#top\"") != std::string::npos);
  // The header links it; My learning carries the catalogue for its due count.
  CHECK(site.at("index.html").find("href=\"review.html\"") != std::string::npos);
  CHECK(site.at("my-learning.html").find("\"url\":\"review.html\"") != std::string::npos);
  // The lesson's cards turn over and are rated, with the site's settings.
  const std::string& lesson = site.at("course/mod/lesson.html");
  CHECK(lesson.find("data-morsel-card=\"course/mod/lesson:cards/mfa\"") != std::string::npos);
  CHECK(lesson.find("data-morsel-script=\"review\"") != std::string::npos);
  CHECK(lesson.find("data-morsel-rate-template") != std::string::npos);
  CHECK(lesson.find("&quot;daily_limit&quot;:7") != std::string::npos);
  // The single-file edition turns cards over, without rating (it loads no script).
  const std::string& single = site.at("course/course-offline.html");
  CHECK(single.find("data-morsel-card=\"course/mod/lesson:cards/mfa\"") != std::string::npos);
  CHECK(single.find("data-morsel-rate-template") == std::string::npos);
  CHECK(single.find("data-morsel-script=\"review\"") == std::string::npos);
}

TEST_CASE("features.review: false: no Review page, no rating, no due count", "[review]") {
  const auto site = Built("title: T\nid: t\nfeatures:\n  review: false\n");
  CHECK(site.count("review.html") == 0);
  CHECK(site.at("index.html").find("review.html") == std::string::npos);
  CHECK(site.at("my-learning.html").find("\"review\"") == std::string::npos);
  const std::string& lesson = site.at("course/mod/lesson.html");
  CHECK(lesson.find("data-morsel-card=\"course/mod/lesson:cards/mfa\"") != std::string::npos);
  CHECK(lesson.find("data-morsel-rate-template") == std::string::npos);
  CHECK(lesson.find("data-morsel-script=\"review\"") == std::string::npos);
}

TEST_CASE("a flashcards block's problems are reported at their lines, with suggestions", "[review]") {
  MemoryFileSystem fs =
      OneLessonSite("Text.\n\n```flashcards\n- front: A\n  bak: B\n- id: Bad Id\n  front: C\n  back: D\n```\n");
  CHECK(CheckDiagnostics(&fs) ==
        "content/course/01-mod/01-lesson.md:8:3: error: unknown key 'bak' in a card, which is missing the required "
        "key 'back' [unknown-key]\n"
        "      bak: B\n"
        "      ^\n"
        "  hint: did you mean 'back'?\n"
        "content/course/01-mod/01-lesson.md:9:7: error: id 'Bad Id' may only contain a-z, 0-9, '-' and '_' "
        "[invalid-id]\n"
        "    - id: Bad Id\n"
        "          ^\n"
        "  hint: ids are kept in learners' progress: choose a short stable slug\n"
        "morsel: 2 errors, 0 warnings\n");
}

}  // namespace
}  // namespace morsel::gen
