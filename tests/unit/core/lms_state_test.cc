#include "runtime/core/lms_state.h"

#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "runtime/core/api.h"
#include "runtime/core/json_parse.h"
#include "runtime/core/progress.h"

namespace morsel::core {
namespace {

using nlohmann::json;

constexpr int64_t kStart = 1767225600123;  // not on a whole minute: times are coarsened

Now At(int64_t ms) { return Now{ms, "2026-01-01", 60}; }

Grade Graded(bool correct, double score, double max) {
  Grade grade;
  grade.correct = correct;
  grade.score = score;
  grade.max_score = max;
  return grade;
}

/// The issue's test course: 50 lessons of 4 questions (120 single or multiple choice, 40
/// fill-in, 20 numeric, 20 ordering of 5 items), each lesson's quiz with a pass mark.
struct TestCourse {
  json course = {{"id", "compliance"}, {"lessons", json::array()}};
  std::vector<LessonRef> lessons;
};

TestCourse MakeCourse() {
  TestCourse out;
  for (int l = 0; l < 50; ++l) {
    LessonRef lesson;
    lesson.id = "compliance:module-" + std::to_string(l / 10) + ":lesson-" + std::to_string(l);
    QuizRef quiz{lesson.id + ":check", false, 80, {}};
    for (int q = 0; q < 4; ++q) {
      const std::string key = quiz.id + "/question-" + std::to_string(q);
      lesson.questions.push_back(key);
      quiz.points.emplace_back(key, 1.0);
    }
    lesson.quizzes.push_back(quiz);
    out.course["lessons"].push_back({{"id", lesson.id}, {"questions", lesson.questions}});
    out.lessons.push_back(std::move(lesson));
  }
  return out;
}

/// Question n of the course (0–199): its response and whether it is right. 0–79 single,
/// 80–119 multiple, 120–159 fill-in, 160–179 numeric, 180–199 ordering.
json ResponseOf(int n, bool right) {
  if (n < 80) return {{"choice", right ? n % 4 : (n + 1) % 4}};
  if (n < 120) return {{"choices", right ? json{0, 2, 3} : json{1}}};
  if (n < 160) return {{"blanks", {right ? "Data Protection Act" : "gdpr; \"maybe\" ~ 50%"}}};
  if (n < 180) return {{"text", right ? "3,75" : "-12.5e3"}};
  return {{"order", right ? json{4, 0, 3, 1, 2} : json{0, 1, 2, 3, 4}}};
}

/// A learner who went through the whole course: every lesson visited and completed,
/// every question answered (one in four wrong first), time tracked, a resume position,
/// and the course recorded as finished.
json LearnerState(const TestCourse& course, int64_t* now) {
  *now = kStart;
  json state = NewState("lms-learner-42", At(*now));
  for (size_t l = 0; l < course.lessons.size(); ++l) {
    const LessonRef& lesson = course.lessons[l];
    *now += 3600 * 1000 + 17;
    RecordVisit(&state, lesson, At(*now));
    for (size_t q = 0; q < lesson.questions.size(); ++q) {
      const int n = static_cast<int>(l * 4 + q);
      if (n % 4 == 1) {
        *now += 45 * 1000 + 3;
        RecordAttempt(&state, lesson, lesson.questions[q], ResponseOf(n, false), Graded(false, 0, 1), At(*now));
      }
      *now += 70 * 1000 + 11;
      RecordAttempt(&state, lesson, lesson.questions[q], ResponseOf(n, true), Graded(true, 1, 1), At(*now));
    }
    RecordTime(&state, lesson.id, 4 * 60 * 1000 + 499, "summary", At(*now));
  }
  RecordTime(&state, course.lessons[17].id, 1000, "key-terms", At(*now));
  bool changed = false;
  RecordCourse(&state, "compliance", {{"passed", true}, {"percent", 100}}, At(*now), &changed);
  // Another course of the site, failed for good.
  RecordCourse(&state, "induction", {{"passed", nullptr}, {"failed", true}, {"percent", 30}}, At(*now), &changed);
  return state;
}

int64_t Minute(const json& ms) { return ms.get<int64_t>() / 60000 * 60000; }

void CoarsenTimes(json* object, std::initializer_list<const char*> keys) {
  for (const char* key : keys) {
    if (object->contains(key)) (*object)[key] = Minute((*object)[key]);
  }
}

/// The state as the LMS keeps it: times to the minute, time totals to the second, no
/// activity log, and empty objects left out.
json Coarsened(json state) {
  CoarsenTimes(&state, {"created", "updated"});
  state["activity"] = json::object();
  for (auto& [id, lesson] : state["lessons"].items()) {
    CoarsenTimes(&lesson, {"first_visit", "last_visit", "completed_at", "reopened_at"});
    if (lesson.contains("time_ms")) lesson["time_ms"] = (lesson["time_ms"].get<int64_t>() + 500) / 1000 * 1000;
  }
  for (auto& [key, record] : state["questions"].items()) {
    for (json& attempt : record["attempts"]) CoarsenTimes(&attempt, {"at"});
  }
  if (state.contains("quizzes")) {
    for (auto& [id, quiz] : state["quizzes"].items()) {
      for (const char* which : {"best", "last"}) {
        if (quiz.contains(which)) CoarsenTimes(&quiz[which], {"at"});
      }
      if (quiz.contains("attempts")) {
        for (json& result : quiz["attempts"]) CoarsenTimes(&result, {"at"});
      }
    }
  }
  if (state.contains("resume")) CoarsenTimes(&state["resume"], {"at"});
  if (state.contains("courses")) {
    for (auto& [id, entry] : state["courses"].items()) {
      CoarsenTimes(&entry, {"completed_at", "passed_at", "failed_at"});
      // The LMS keeps the date of a pass itself: suspend_data does not carry the learner's day.
      entry.erase("passed_on");
    }
  }
  for (const char* member : {"quizzes", "scenarios", "courses"}) {
    if (state.contains(member) && state[member].empty()) state.erase(member);
  }
  return state;
}

json Decoded(const std::string& text, const LmsCourse& course, LoadStatus expected = LoadStatus::kOk) {
  json state;
  std::string problem;
  const LoadStatus status = DecodeLmsState(text, course, "lms-learner-42", At(kStart), &state, &problem);
  INFO(problem);
  CHECK(status == expected);
  return state;
}

TEST_CASE("lms state: the issue's test course (50 lessons, 200 answers) fits in 4,096 characters and round-trips") {
  const TestCourse test = MakeCourse();
  const LmsCourse course = LmsCourseFromJson(test.course);
  REQUIRE(course.lessons.size() == 50);
  REQUIRE(course.questions.size() == 200);
  int64_t now = 0;
  const json state = LearnerState(test, &now);
  REQUIRE(state["questions"].size() == 200);
  const LmsEncoding encoding = EncodeLmsState(state, course, 4096);
  INFO(encoding.text.size());
  INFO(EncodeLmsState(state, course, SIZE_MAX).text.size());
  INFO(json(encoding.dropped).dump());
  CHECK(encoding.fits);
  CHECK(encoding.text.size() <= 4096);
  CHECK(encoding.dropped.empty());
  // Only URL-unreserved characters.
  CHECK(std::all_of(encoding.text.begin(), encoding.text.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '.' || c == '_' || c == '~';
  }));
  const json decoded = Decoded(encoding.text, course);
  CHECK(decoded == Coarsened(state));
  // What the learner and the LMS see is the same.
  for (const LessonRef& lesson : test.lessons) CHECK(LessonStatus(decoded, lesson.id) == "completed");
  CHECK(LiveAttemptCount(decoded, test.lessons[0].questions[1]) == 2);
  CHECK(decoded["resume"]["lesson"] == test.lessons[17].id);
  CHECK(decoded["resume"]["anchor"] == "key-terms");
  // Writing the decoded state again gives the same text.
  CHECK(EncodeLmsState(decoded, course, 4096).text == encoding.text);
}

TEST_CASE("lms state: over the budget, attempt history goes before results, and never completion") {
  const TestCourse test = MakeCourse();
  const LmsCourse course = LmsCourseFromJson(test.course);
  int64_t now = 0;
  json state = LearnerState(test, &now);
  // Six more wrong answers at each of the first 100 questions.
  for (int n = 0; n < 100; ++n) {
    const LessonRef& lesson = test.lessons[static_cast<size_t>(n / 4)];
    for (int i = 0; i < 6; ++i) {
      now += 61000;
      RecordAttempt(&state, lesson, lesson.questions[static_cast<size_t>(n % 4)], ResponseOf(n, false),
                    Graded(false, 0, 1), At(now));
    }
  }
  const std::string full = EncodeLmsState(state, course, 1000000).text;
  REQUIRE(full.size() > 4096);
  const LmsEncoding encoding = EncodeLmsState(state, course, 4096);
  CHECK(encoding.fits);
  // The history goes first; then time and the best attempts' responses, but not the
  // latest answers.
  CHECK(encoding.dropped == std::vector<std::string>{"attempt-history", "time", "best-responses"});
  const json decoded = Decoded(encoding.text, course);
  const json scoring = {{"pass_mark", 80}, {"lessons", test.course["lessons"]}};
  for (size_t l = 0; l < test.lessons.size(); ++l) {
    const LessonRef& lesson = test.lessons[l];
    CHECK(LessonStatus(decoded, lesson.id) == "completed");
    for (const std::string& key : lesson.questions) {
      INFO(key);
      // The count of attempts survives (attempt limits and draws depend on it), and so
      // does the latest answer.
      CHECK(LiveAttemptCount(decoded, key) == LiveAttemptCount(state, key));
      CHECK(decoded["questions"][key]["attempts"].back()["response"] ==
            state["questions"][key]["attempts"].back()["response"]);
    }
    const std::string quiz = lesson.quizzes[0].id;
    CHECK(decoded["quizzes"][quiz]["best"]["percent"] == state["quizzes"][quiz]["best"]["percent"]);
  }
  CHECK(decoded["questions"][test.lessons[0].questions[0]]["attempts"].size() == 2);  // the first best and the last

  // A budget nothing fits: every step is taken, completion still stands.
  const LmsEncoding tiny = EncodeLmsState(state, course, 100);
  CHECK_FALSE(tiny.fits);
  CHECK(tiny.dropped ==
        std::vector<std::string>{"attempt-history", "time", "best-responses", "responses", "resume-anchor"});
  const json minimal = Decoded(tiny.text, course);
  for (const LessonRef& lesson : test.lessons) CHECK(LessonStatus(minimal, lesson.id) == "completed");
  CHECK(LiveAttemptCount(minimal, test.lessons[3].questions[1]) ==
        LiveAttemptCount(state, test.lessons[3].questions[1]));
  CHECK(minimal["courses"]["compliance"].contains("passed_at"));
}

TEST_CASE("lms state: assessments keep best, last and their count of submissions") {
  const TestCourse test = MakeCourse();
  const LmsCourse course = LmsCourseFromJson(test.course);
  json state = NewState("lms-learner-42", At(kStart));
  LessonRef lesson = test.lessons[2];
  QuizRef quiz{lesson.quizzes[0].id, true, 75, lesson.quizzes[0].points};
  lesson.quizzes = {quiz};
  json result;
  for (int attempt = 0; attempt < 5; ++attempt) {
    std::vector<SubmittedAnswer> answers;
    for (int q = 0; q < 4; ++q) {
      const bool right = q <= attempt;
      answers.push_back({lesson.questions[static_cast<size_t>(q)], ResponseOf(8 + q, right),
                         Graded(right, right ? 1 : 0, 1), false, "fp-" + std::to_string(q)});
    }
    RecordSubmission(&state, lesson, quiz, answers, At(kStart + attempt * 600000), &result);
  }
  REQUIRE(QuizAttemptCount(state, quiz.id) == 5);
  // Fingerprints: written out, or one bit when the course holds the same one.
  const LmsEncoding plain = EncodeLmsState(state, course, 4096);
  CHECK(Decoded(plain.text, course) == Coarsened(state));
  json with_fps = test.course;
  with_fps["lessons"][2]["fingerprints"] = {{lesson.questions[0], "fp-0"}, {lesson.questions[1], "fp-1"}};
  const LmsCourse fp_course = LmsCourseFromJson(with_fps);
  const LmsEncoding short_fps = EncodeLmsState(state, fp_course, 4096);
  CHECK(short_fps.text.size() < plain.text.size());
  CHECK(Decoded(short_fps.text, fp_course) == Coarsened(state));

  const LmsEncoding small = EncodeLmsState(state, course, plain.text.size() - 30);
  CHECK(small.dropped == std::vector<std::string>{"fingerprints"});
  const LmsEncoding smaller = EncodeLmsState(state, course, small.text.size() - 1);
  CHECK(smaller.dropped == std::vector<std::string>{"fingerprints", "assessment-history"});
  const json decoded = Decoded(smaller.text, course);
  CHECK(QuizAttemptCount(decoded, quiz.id) == 5);
  CHECK(decoded["quizzes"][quiz.id]["best"] == Coarsened(state)["quizzes"][quiz.id]["best"]);
  CHECK(decoded["quizzes"][quiz.id]["last"] == Coarsened(state)["quizzes"][quiz.id]["last"]);
  CHECK(LessonStatus(decoded, lesson.id) == LessonStatus(state, lesson.id));
}

TEST_CASE("lms state: entries the course does not know are written by key, and dropped first when short") {
  const TestCourse test = MakeCourse();
  const LmsCourse course = LmsCourseFromJson(test.course);
  json state = NewState("lms-learner-42", At(kStart));
  LessonRef gone{"compliance:old:removed-lesson", {"compliance:old:removed-lesson:quiz/q"}};
  RecordVisit(&state, gone, At(kStart + 1000));
  RecordAttempt(&state, gone, gone.questions[0], {{"choice", 1}, {"extra", "kept as JSON"}}, Graded(true, 1, 1),
                At(kStart + 2000));
  state["scenarios"] = {{"compliance:lesson-x:case", {{"path", {0, 2, 1}}}}};
  RecordTime(&state, gone.id, 5000, "intro", At(kStart + 3000));
  const LmsEncoding all = EncodeLmsState(state, course, 4096);
  CHECK(Decoded(all.text, course) == Coarsened(state));
  const LmsEncoding some = EncodeLmsState(state, course, all.text.size() - 1);
  CHECK(some.dropped == std::vector<std::string>{"scenario-paths"});
  const LmsEncoding less = EncodeLmsState(state, course, 60);
  REQUIRE(less.dropped.size() >= 2);
  CHECK(less.dropped[1] == "unknown-questions");
  const json decoded = Decoded(less.text, course);
  CHECK(LessonStatus(decoded, gone.id) == "completed");  // completion is never dropped
  CHECK_FALSE(decoded["questions"].contains(gone.questions[0]));
}

TEST_CASE("lms state: garbage, damaged and foreign texts give a fresh state and a problem") {
  const TestCourse test = MakeCourse();
  const LmsCourse course = LmsCourseFromJson(test.course);
  int64_t now = 0;
  const std::string good = EncodeLmsState(LearnerState(test, &now), course, 4096).text;
  std::vector<std::string> bad = {"x",
                                  "ML1.",
                                  "ML1.AAAA",
                                  "{\"schema\":2}",
                                  std::string(5000, 'A'),
                                  good.substr(0, good.size() - 1),
                                  good.substr(0, 4096 / 2),
                                  good + "A",
                                  std::string("ML1.\0\0\0\0", 8)};
  std::string flipped = good;
  flipped[good.size() / 2] = flipped[good.size() / 2] == 'B' ? 'C' : 'B';
  bad.push_back(flipped);
  for (const std::string& text : bad) {
    INFO(text.substr(0, 40));
    json state;
    std::string problem;
    CHECK(DecodeLmsState(text, course, "me", At(5), &state, &problem) == LoadStatus::kCorrupt);
    CHECK_FALSE(problem.empty());
    CHECK(state == NewState("me", At(5)));
  }
  // Another course (a lesson added): the positions would point elsewhere.
  json edited = test.course;
  edited["lessons"].push_back({{"id", "compliance:extra"}, {"questions", json::array()}});
  json state;
  std::string problem;
  CHECK(DecodeLmsState(good, LmsCourseFromJson(edited), "me", At(5), &state, &problem) == LoadStatus::kCorrupt);
  CHECK(problem == "the saved progress was written for another version of this course");
  // A quiz now listed first (a pass mark added): the quizzes' indexes would move.
  json relisted = test.course;
  relisted["lessons"][0]["quizzes"] = {"compliance:module-0:lesson-0:intro"};
  CHECK(DecodeLmsState(good, LmsCourseFromJson(relisted), "me", At(5), &state, &problem) == LoadStatus::kCorrupt);
  CHECK(DecodeLmsState("", course, "me", At(5), &state, &problem) == LoadStatus::kNew);
}

TEST_CASE("lms state: every prefix and every one-character change of a text decodes without fault") {
  const TestCourse test = MakeCourse();
  const LmsCourse course = LmsCourseFromJson(test.course);
  int64_t now = 0;
  const std::string good = EncodeLmsState(LearnerState(test, &now), course, 4096).text;
  json state;
  std::string problem;
  for (size_t cut = 0; cut < good.size(); cut += 7) {
    CHECK(DecodeLmsState(good.substr(0, cut), course, "me", At(5), &state, &problem) != LoadStatus::kOk);
  }
  int ok = 0;
  for (size_t at = 0; at < good.size(); at += 3) {
    for (const char c : {'A', 'f', '_', '~', '9', '.'}) {
      if (good[at] == c) continue;
      std::string text = good;
      text[at] = c;
      if (DecodeLmsState(text, course, "me", At(5), &state, &problem) == LoadStatus::kOk) ++ok;
      CHECK(CheckState(state, &problem) == LoadStatus::kOk);
    }
  }
  CHECK(ok < 20);  // the checksum turns away nearly every change
}

TEST_CASE("lms state: the api suspends and resumes through JSON text") {
  const TestCourse test = MakeCourse();
  int64_t now = 0;
  const json state = LearnerState(test, &now);
  const json suspended = ParseJson(ApiLmsSuspend(json({{"state", state}, {"course", test.course}}).dump()));
  REQUIRE(suspended["ok"] == true);
  CHECK(suspended["chars"] == suspended["data"].get<std::string>().size());
  CHECK(suspended["fits"] == true);
  CHECK(suspended["degraded"] == json::array());
  const json now_json = {{"epoch_ms", now}, {"local_date", "2026-01-03"}};
  const json resumed = ParseJson(ApiLmsResume(
      json({{"data", suspended["data"]}, {"course", test.course}, {"learner", "lms-learner-42"}, {"now", now_json}})
          .dump()));
  REQUIRE(resumed["ok"] == true);
  CHECK(resumed["status"] == "ok");
  CHECK(resumed["state"] == Coarsened(state));
  const json bad = ParseJson(ApiLmsResume(
      json({{"data", "ML1.nonsense"}, {"course", test.course}, {"learner", "lms-9"}, {"now", now_json}}).dump()));
  CHECK(bad["ok"] == true);
  CHECK(bad["status"] == "corrupt");
  CHECK(bad["state"]["learner"] == "lms-9");
  CHECK_FALSE(bad["problem"].get<std::string>().empty());
  for (const char* input :
       {"", "{}", "[]", R"({"state":{},"course":{}})", R"({"data":5,"course":{},"learner":"x"})",
        R"({"state":{"schema":2,"learner":"x","lessons":{},"questions":{}},"course":[]})",
        R"({"state":{"schema":2,"learner":"x","lessons":{},"questions":{}},"course":{},"budget":-1})"}) {
    INFO(input);
    CHECK(ParseJson(ApiLmsSuspend(input))["ok"] == false);
    CHECK(ParseJson(ApiLmsResume(input))["ok"] == false);
  }
}

TEST_CASE("attempts compacted away still count against an attempt limit") {
  json state = NewState("me", At(1));
  state["questions"]["q/a"] = {{"attempts", {{{"correct", false}, {"score", 0}, {"max_score", 1}, {"at", 5}}}},
                               {"dropped", 3}};
  CHECK(LiveAttemptCount(state, "q/a") == 4);
}

}  // namespace
}  // namespace morsel::core
