// Completion receipts (runtime/core/receipt.h): made from a state built by grading real
// answers through the api, their canonical form and checksum, and VerifyReceipt's replay.
#include "runtime/core/receipt.h"

#include <string>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "runtime/core/api.h"
#include "runtime/core/points.h"
#include "runtime/core/quiz.h"
#include "runtime/core/quiz_runtime.h"

namespace morsel::core {
namespace {

using nlohmann::json;

json Call(std::string (*api)(std::string_view), const json& input) {
  json out = json::parse(api(input.dump()));
  INFO(out.dump());
  REQUIRE(out["ok"] == true);
  return out;
}

json NowAt(int64_t ms) { return {{"epoch_ms", ms}, {"local_date", "2026-11-28"}, {"utc_offset_min", 60}}; }

/// A single-choice question whose option `right` (of three) is correct.
json Choice(const std::string& id, int right) {
  json options = json::array();
  for (int i = 0; i < 3; ++i) options.push_back({{"text", "option " + std::to_string(i)}, {"correct", i == right}});
  return {{"id", id}, {"prompt", "?"}, {"options", options}};
}

Quiz Parsed(const json& authored, const std::string& id) {
  Quiz quiz;
  Diagnostics diagnostics;
  ParseQuiz(authored, &quiz, &diagnostics);
  REQUIRE(diagnostics.empty());
  quiz.id = id;
  return quiz;
}

/// One course, "c" (pass mark 70), of one lesson, "c/m/l", completed once every question is
/// answered: a check quiz of three questions and an assessment drawing two of three
/// questions (pass mark 50, two attempts). `answer_of_q2` is the right option of the check
/// quiz's q2 (another version of the content changes it).
/// Returns the source as VerifyReceipt takes it.
json Source(int answer_of_q2 = 1, const std::string& content_version = "v1") {
  const Quiz check =
      Parsed({{"questions", {Choice("q1", 0), Choice("q2", answer_of_q2), Choice("q3", 0)}}}, "c/m/l:check");
  const Quiz exam = Parsed({{"mode", "assessment"},
                            {"pass_mark", 50},
                            {"attempts", 2},
                            {"draw", 2},
                            {"questions", {Choice("e1", 0), Choice("e2", 1), Choice("e3", 2)}}},
                           "c/m/l:exam");
  json points = json::object();
  json quizzes = json::object();
  json refs = json::array();
  json keys = json::array();
  json prints = json::object();
  for (const Quiz* quiz : {&check, &exam}) {
    const QuizPoints weighed = WeighQuiz(*quiz);
    for (const Question& q : quiz->questions) {
      keys.push_back(quiz->id + "/" + q.id);
      prints[quiz->id + "/" + q.id] = AnswerFingerprint(q);
      if (!weighed.counts_whole) points[quiz->id + "/" + q.id] = weighed.questions.at(quiz->id + "/" + q.id);
    }
    if (weighed.counts_whole) {
      quizzes[quiz->id] = weighed.whole;
      refs.push_back({{"id", quiz->id},
                      {"mode", QuizModeName(quiz->mode)},
                      {"pass_mark", quiz->pass_mark},
                      {"points", weighed.questions}});
    }
  }
  json scoring = {
      {"id", "c"},
      {"pass_mark", 70},
      {"lessons",
       {{{"id", "c/m/l"}, {"module", "c/m"}, {"points", points}, {"quizzes", quizzes}, {"completion", "answer"}}}}};
  json lesson = {{"lesson", {{"id", "c/m/l"}, {"questions", keys}, {"quizzes", refs}, {"completion", "answer"}}},
                 {"blocks", {QuizToRuntime(check), QuizToRuntime(exam)}},
                 {"scenarios", json::array()}};
  return {{"site", {{"id", "academy"}, {"content_version", content_version}}},
          {"course",
           {{"id", "c"},
            {"title", "Course"},
            {"pass_mark", 70},
            {"scoring", scoring},
            {"lessons", {lesson}},
            {"fingerprints", prints}}}};
}

/// ApiReceipt's course: the scoring with each lesson's fingerprints.
json ReceiptCourse(const json& source) {
  json course = source["course"]["scoring"];
  course["title"] = "Course";
  course["lessons"][0]["fingerprints"] = source["course"]["fingerprints"];
  return course;
}

/// A learner who visits the lesson, answers the check quiz (q1 wrong then right, q2 right,
/// q3 wrong: 2 of 3) and submits the assessment once, right on both drawn questions (80% in
/// all) unless `fail_exam` (none: 40%); then the page records the course. Returns the state.
json Learn(const json& source, bool fail_exam = false) {
  const json& entry = source["course"]["lessons"][0];
  json state = Call(ApiLoadState, {{"stored", nullptr}, {"learner", "learner-7"}, {"now", NowAt(1000)}})["state"];
  json visited = Call(
      ApiVisit, {{"state", state}, {"lesson", entry["lesson"]}, {"blocks", entry["blocks"]}, {"now", NowAt(2000)}});
  state = visited["state"];
  const json lesson = visited["lesson"];
  int64_t at = 3000;
  for (const auto& [question, choice] :
       std::vector<std::pair<std::string, int>>{{"q1", 2}, {"q1", 0}, {"q2", 1}, {"q3", 1}}) {
    state = Call(ApiAnswer, {{"state", state},
                             {"lesson", lesson},
                             {"block", entry["blocks"][0]},
                             {"question", question},
                             {"response", {{"choice", choice}}},
                             {"now", NowAt(at += 1000)}})["state"];
  }
  json responses = {{"e1", {{"choice", fail_exam ? 1 : 0}}},
                    {"e2", {{"choice", fail_exam ? 0 : 1}}},
                    {"e3", {{"choice", fail_exam ? 0 : 2}}}};
  state = Call(ApiSubmit, {{"state", state},
                           {"lesson", lesson},
                           {"block", entry["blocks"][1]},
                           {"responses", responses},
                           {"now", NowAt(at += 1000)}})["state"];
  return Call(ApiCourseProgress,
              {{"state", state}, {"course", source["course"]["scoring"]}, {"now", NowAt(at + 10)}})["state"];
}

/// The receipt text ApiReceipt gives for `state`, and its file name.
json Receipt(const json& state, const json& source) {
  return Call(ApiReceipt, {{"state", state},
                           {"site", {{"id", "academy"}, {"title", "Academy"}, {"content_version", "v1"}}},
                           {"course", ReceiptCourse(source)},
                           {"learner_name", "Ada Lovelace"},
                           {"now", NowAt(90000)}});
}

TEST_CASE("a receipt holds the course's records and a checksum over its canonical form", "[receipt]") {
  const json source = Source();
  const json made = Receipt(Learn(source), source);
  CHECK(made["filename"] == "academy-c-receipt-2026-11-28.json");
  const json receipt = json::parse(made["receipt"].get<std::string>());
  CHECK(receipt["format"] == "morsel-receipt");
  CHECK(receipt["version"] == 1);
  CHECK(receipt["learner"] == json{{"id", "learner-7"}, {"name", "Ada Lovelace"}});
  CHECK(receipt["site"]["content_version"] == "v1");
  CHECK(receipt["blocks"]["c/m/l:check"]["q1"] == source["course"]["fingerprints"]["c/m/l:check/q1"]);
  CHECK(receipt["questions"]["c/m/l:check/q1"]["attempts"].size() == 2);
  CHECK(receipt["submissions"]["c/m/l:exam"]["attempts"][0]["attempt"] == 0);
  CHECK(receipt["submissions"]["c/m/l:exam"]["attempts"][0]["seed"] == "learner-7/c/m/l:exam/0");
  CHECK(receipt["lessons"]["c/m/l"]["status"] == "completed");
  CHECK(receipt["result"]["passed_at"].is_number());
  CHECK(receipt["progress"]["passed"] == true);
  CHECK(receipt["issued"] == json{{"at", 90000}, {"on", "2026-11-28"}, {"utc_offset_min", 60}});
  CHECK(receipt["badges"] == json::array());
  CHECK(receipt["checksum"] == ReceiptChecksum(receipt));
  CHECK(receipt["checksum"].get<std::string>().rfind("sha256:", 0) == 0);
  CHECK(ReceiptShapeProblem(receipt).empty());
}

TEST_CASE("a receipt keeps its checksum through a round trip and re-formatting", "[receipt]") {
  const json source = Source();
  const json receipt = json::parse(Receipt(Learn(source), source)["receipt"].get<std::string>());
  for (const std::string& text : {receipt.dump(), receipt.dump(4), receipt.dump(-1, ' ', true)}) {
    const json again = json::parse(text);
    CHECK(again["checksum"] == ReceiptChecksum(again));
    CHECK(CanonicalJson(again) == CanonicalJson(receipt));
  }
}

TEST_CASE("changing any value of a receipt breaks its checksum", "[receipt]") {
  const json source = Source();
  const json receipt = json::parse(Receipt(Learn(source), source)["receipt"].get<std::string>());
  const json flat = receipt.flatten();
  int changed = 0;
  for (auto it = flat.begin(); it != flat.end(); ++it) {
    if (it.key() == "/checksum") continue;
    // Edited in place (unflatten would turn empty arrays and objects into nulls).
    json edited = receipt;
    json& value = edited[json::json_pointer(it.key())];
    if (value.is_boolean()) {
      value = !value.get<bool>();
    } else if (value.is_number()) {
      value = value.get<double>() + 1;
    } else if (value.is_string()) {
      value = value.get<std::string>() + "x";
    } else {
      value = 1;
    }
    INFO(it.key());
    CHECK(ReceiptChecksum(edited) != receipt["checksum"]);
    ++changed;
  }
  CHECK(changed > 40);
  // A member added or removed counts too.
  json added = receipt;
  added["course"]["note"] = "";
  CHECK(ReceiptChecksum(added) != receipt["checksum"]);
  json removed = receipt;
  removed["questions"].erase("c/m/l:check/q2");
  CHECK(ReceiptChecksum(removed) != receipt["checksum"]);
}

TEST_CASE("the canonical form: sorted, compact, one spelling per number and string", "[receipt]") {
  CHECK(CanonicalJson(json::parse(R"({"b": 1.0, "a": [100, 1e2, -0.0, 0.5, 2.5e-7], "é": "\u00e9\n\u0001\""})")) ==
        "{\"a\":[100,100,0,0.5,2.5e-07],\"b\":1,\"\xc3\xa9\":\"\xc3\xa9\\n\\u0001\\\"\"}");
  CHECK(CanonicalJson(json::parse(R"({"a": 1, "b": 2})")) == CanonicalJson(json::parse(R"({ "b":2,"a":1.0 })")));
  // Whole numbers stay exact up to 2^53; beyond, the double is what it is.
  CHECK(CanonicalJson(json(9007199254740991.0)) == "9007199254740991");
  CHECK(CanonicalJson(json(1e300)) == "1e+300");
  CHECK(CanonicalJson(json(2.0 / 3)) == "0.6666666666666666");
  CHECK(CanonicalJson(json::parse("0.1")) == "0.1");
  // Invalid UTF-8 is replaced, not thrown over.
  CHECK(CanonicalJson(json("a\xff")) == "\"a\xef\xbf\xbd\"");
}

TEST_CASE("a receipt of a pass verifies against its source", "[receipt]") {
  const json source = Source();
  const json receipt = json::parse(Receipt(Learn(source), source)["receipt"].get<std::string>());
  const json verdict = VerifyReceipt(receipt, source);
  INFO(verdict.dump(2));
  CHECK(verdict["valid"] == true);
  CHECK(verdict["status"] == "passed");
  CHECK(verdict["checksum_ok"] == true);
  CHECK(verdict["site_matches"] == true);
  CHECK(verdict["content"]["matches"] == true);
  CHECK(verdict["content"]["changed"] == json::array());
  CHECK(verdict["problems"] == json::array());
  CHECK(verdict["notes"] == json::array());
  CHECK(verdict["progress"]["percent"] == receipt["progress"]["percent"]);
  CHECK(verdict["passed_at"].is_number());
}

TEST_CASE("a failed attempt verifies as failed, not as a valid pass", "[receipt]") {
  const json source = Source();
  const json receipt = json::parse(Receipt(Learn(source, true), source)["receipt"].get<std::string>());
  CHECK(receipt["progress"]["passed"] == false);
  CHECK(receipt["progress"]["percent"] == 40.0);
  const json verdict = VerifyReceipt(receipt, source);
  INFO(verdict.dump(2));
  CHECK(verdict["valid"] == false);
  CHECK(verdict["checksum_ok"] == true);
  CHECK(verdict["problems"] == json::array());
  CHECK(verdict["status"] == "failed");
  CHECK(verdict["progress"]["percent"] == 40.0);
}

TEST_CASE("a hand-edited receipt fails its checksum and its re-grading", "[receipt]") {
  const json source = Source();
  const json receipt = json::parse(Receipt(Learn(source), source)["receipt"].get<std::string>());
  SECTION("a wrong answer's score raised") {
    json edited = receipt;
    json& first = edited["questions"]["c/m/l:check/q1"]["attempts"][0];
    first["correct"] = true;
    first["score"] = 1;
    const json verdict = VerifyReceipt(edited, source);
    CHECK(verdict["valid"] == false);
    CHECK(verdict["checksum_ok"] == false);
    CHECK(verdict["problems"] ==
          json{"its checksum does not match: the file was changed after it was made",
               "attempt 1 at 'c/m/l:check/q1': recorded right (1/1), re-graded not right (0/1)"});
  }
  SECTION("a response changed") {
    json edited = receipt;
    edited["questions"]["c/m/l:check/q2"]["attempts"][0]["response"]["choice"] = 2;
    edited["checksum"] = ReceiptChecksum(edited);  // even with the checksum made again
    const json verdict = VerifyReceipt(edited, source);
    CHECK(verdict["checksum_ok"] == true);
    CHECK(verdict["valid"] == false);
    REQUIRE(verdict["problems"].size() >= 1);
    CHECK(verdict["problems"][0] == "attempt 1 at 'c/m/l:check/q2': recorded right (1/1), re-graded not right (0/1)");
  }
  SECTION("the course's percent raised") {
    json edited = receipt;
    edited["progress"]["percent"] = 100;
    edited["checksum"] = ReceiptChecksum(edited);
    const json verdict = VerifyReceipt(edited, source);
    CHECK(verdict["valid"] == false);
    CHECK(receipt["progress"]["percent"] == 80.0);
    CHECK(verdict["problems"] == json{"the receipt records 100%, re-grading gives 80%"});
  }
  SECTION("a submission renumbered, so its seed draws other questions") {
    json edited = receipt;
    edited["submissions"]["c/m/l:exam"]["attempts"][0]["attempt"] = 1;
    const json verdict = VerifyReceipt(edited, source);
    CHECK(verdict["valid"] == false);
    CHECK(verdict["problems"][1] == "submission 2 of 'c/m/l:exam' is numbered 2 but is submission 1 in time order");
  }
  SECTION("the receipt of another site") {
    json other = Source();
    other["site"]["id"] = "elsewhere";
    const json verdict = VerifyReceipt(receipt, other);
    CHECK(verdict["valid"] == false);
    CHECK(verdict["problems"] == json{"it is a receipt of site 'academy', not of 'elsewhere'"});
  }
}

TEST_CASE("a receipt for an older content version names the blocks that changed", "[receipt]") {
  const json old_source = Source(1, "v1");
  const json receipt = json::parse(Receipt(Learn(old_source), old_source)["receipt"].get<std::string>());
  // q2's right answer is now option 2: the learner's answer (option 1) no longer is.
  const json verdict = VerifyReceipt(receipt, Source(2, "v2"));
  INFO(verdict.dump(2));
  CHECK(verdict["content"]["matches"] == false);
  CHECK(verdict["content"]["changed"] == json{"c/m/l:check"});
  CHECK(verdict["content"]["removed"] == json::array());
  CHECK(verdict["checksum_ok"] == true);
  // Re-graded against the current answer: said as a note, not as tampering.
  CHECK(verdict["problems"] == json::array());
  CHECK(verdict["notes"][0] ==
        "attempt 1 at 'c/m/l:check/q2': recorded right (1/1), re-graded not right (0/1) (its answer changed since)");
  CHECK(verdict["status"] == "failed");
  CHECK(verdict["valid"] == false);
  // The same content under a new version (another course changed): still a valid pass.
  const json same = VerifyReceipt(receipt, Source(1, "v3"));
  CHECK(same["content"]["matches"] == false);
  CHECK(same["content"]["changed"] == json::array());
  CHECK(same["valid"] == true);
}

TEST_CASE("receipts with a bad shape are described, never thrown over", "[receipt]") {
  CHECK(ReceiptShapeProblem(json::array()) == "it is not a JSON object");
  CHECK(ReceiptShapeProblem(json{{"format", "other"}}) ==
        "it is not a Morsel completion receipt (no \"format\": \"morsel-receipt\")");
  CHECK(ReceiptShapeProblem(json{{"format", "morsel-receipt"}, {"version", 2}}) ==
        "it was written by a newer Morsel (receipt version 2)");
  CHECK(ReceiptShapeProblem(json{{"format", "morsel-receipt"}, {"version", 1}}) ==
        "its \"site\" is missing or not an object");
  const json source = Source();
  json receipt = json::parse(Receipt(Learn(source), source)["receipt"].get<std::string>());
  receipt["questions"]["c/m/l:check/q1"]["attempts"][0].erase("at");
  CHECK(ReceiptShapeProblem(receipt) == "an attempt at question 'c/m/l:check/q1' has no time");
  for (const char* input : {"", "{}", "{\"state\":{}}",
                            "{\"state\":{\"schema\":2,\"learner\":\"x\",\"lessons\":{},"
                            "\"questions\":{}},\"site\":{\"id\":1}}"}) {
    const json out = json::parse(ApiReceipt(input));
    CHECK(out["ok"] == false);
    CHECK(out["error"]["code"] == "bad-input");
  }
}

}  // namespace
}  // namespace morsel::core
