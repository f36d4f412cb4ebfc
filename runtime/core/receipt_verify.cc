// VerifyReceipt (receipt.h): a receipt replayed through the api against its course's
// source. Its own file, so that the browser's progress module, which links MakeReceipt,
// does not carry the api's grading with it.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "runtime/core/api.h"
#include "runtime/core/calendar.h"
#include "runtime/core/json_parse.h"
#include "runtime/core/json_read.h"
#include "runtime/core/number_text.h"
#include "runtime/core/quiz.h"
#include "runtime/core/quiz_runtime.h"
#include "runtime/core/receipt.h"
#include "runtime/core/scenario.h"
#include "runtime/core/state.h"
#include "runtime/core/view.h"

namespace morsel::core {
namespace {

using nlohmann::json;

/// A number for a message: at most two decimals, no trailing zeros.
std::string Amount(double value) {
  std::string text = json(std::round(value * 100) / 100).dump();
  if (text.size() > 2 && text.compare(text.size() - 2, 2, ".0") == 0) text.resize(text.size() - 2);
  return text;
}

}  // namespace

namespace {

/// A recorded event of a receipt, replayed in time order.
struct Event {
  enum Kind { kVisit, kAnswer, kScenario, kSubmit };
  int64_t at = 0;
  Kind kind = kVisit;
  size_t sequence = 0;
  std::string lesson;
  std::string block;
  /// kAnswer, kScenario: the question key and the index of the recorded attempt.
  std::string key;
  size_t index = 0;
  /// kSubmit: the recorded submission and its answers (question id → recorded attempt).
  const json* submission = nullptr;
  std::map<std::string, const json*> answers;
};

/// A block of the source course, by its site id.
struct SourceBlock {
  std::string lesson;
  const json* runtime = nullptr;
  bool scenario = false;
  bool assessment = false;
};

/// What a recorded result says, in words: "right (1/1)", "not right (0/2)", "ungraded".
std::string Described(const json& attempt) {
  if (MemberOf(attempt, "graded") == false) return "ungraded";
  return std::string(IsTrue(attempt, "correct") ? "right" : "not right") + " (" +
         Amount(NumberOr(attempt, "score", 0)) + "/" + Amount(NumberOr(attempt, "max_score", 0)) + ")";
}

bool SameResult(const json& a, const json& b) {
  return IsTrue(a, "correct") == IsTrue(b, "correct") &&
         (MemberOf(a, "graded") == false) == (MemberOf(b, "graded") == false) &&
         std::fabs(NumberOr(a, "score", 0) - NumberOr(b, "score", 0)) < 1e-9 &&
         std::fabs(NumberOr(a, "max_score", 0) - NumberOr(b, "max_score", 0)) < 1e-9;
}

/// The replay of one receipt against the source course (VerifyReceipt).
class Replay {
 public:
  Replay(const json& receipt, const json& course, json* verdict)
      : receipt_(receipt), course_(course), verdict_(*verdict) {}

  void Run() {
    IndexSource();
    CompareContent();
    CollectEvents();
    learner_ = receipt_.at("learner").at("id").get<std::string>();
    offset_ = static_cast<int>(IntOr(receipt_.at("issued"), "utc_offset_min", 0));
    state_ = NewState(learner_, NowAt(events_.empty() ? IntOr(receipt_.at("issued"), "at", 0) : events_.front().at));
    SeedCompacted();
    for (const Event& event : events_) Play(event);
    Total();
  }

 private:
  void Problem(const std::string& text) { verdict_["problems"].push_back(text); }
  void Note(const std::string& text) { verdict_["notes"].push_back(text); }

  Now NowAt(int64_t at) const {
    Now now;
    now.epoch_ms = at;
    now.utc_offset_min = offset_;
    now.local_date = DateText(LocalDay(at, offset_));
    return now;
  }

  json NowJson(int64_t at) const {
    const Now now = NowAt(at);
    return {{"epoch_ms", now.epoch_ms}, {"local_date", now.local_date}, {"utc_offset_min", now.utc_offset_min}};
  }

  void IndexSource() {
    for (const json& entry : MemberOf(course_, "lessons")) {
      const json& lesson = MemberOf(entry, "lesson");
      const std::string id = StringOr(lesson, "id", "");
      lessons_[id] = &entry;
      for (const json& block : MemberOf(entry, "blocks")) {
        Quiz quiz;
        std::string error;
        if (!QuizFromRuntime(block, &quiz, &error)) continue;
        blocks_[quiz.id] = {id, &block, false, quiz.mode == QuizMode::kAssessment};
      }
      for (const json& block : MemberOf(entry, "scenarios")) {
        Scenario scenario;
        std::string error;
        if (ScenarioFromRuntime(block, &scenario, &error)) blocks_[scenario.id] = {id, &block, true, false};
      }
    }
    const json& prints = ObjectOf(course_, "fingerprints");
    for (auto it = prints.begin(); it != prints.end(); ++it) {
      if (it.value().is_string()) source_prints_[KeyBlock(it.key())][KeyQuestion(it.key())] = it.value();
    }
  }

  /// Which of the course's blocks changed since the receipt, by their answer fingerprints.
  void CompareContent() {
    json& content = verdict_["content"];
    json& changed = content["changed"] = json::array();
    json& removed = content["removed"] = json::array();
    const json& recorded = receipt_.at("blocks");
    std::set<std::string> ids;
    for (auto it = recorded.begin(); it != recorded.end(); ++it) ids.insert(it.key());
    for (const auto& entry : source_prints_) ids.insert(entry.first);
    for (const std::string& id : ids) {
      const auto source = source_prints_.find(id);
      if (source == source_prints_.end()) {
        if (blocks_.count(id) == 0) {
          removed.push_back(id);
          removed_.insert(id);
        }
        continue;
      }
      if (MemberOf(recorded, id.c_str()) != source->second) {
        changed.push_back(id);
        changed_.insert(id);
      }
    }
  }

  /// Whether the answer to `key` changed since `attempt` was graded: the fingerprint it
  /// was graded under (else the receipt's) differs from the source's, or its block is gone.
  bool AnswerChanged(const std::string& key, const json& attempt) const {
    const std::string block = KeyBlock(key);
    if (removed_.count(block) > 0) return true;
    const auto source = source_prints_.find(block);
    const std::string now =
        source == source_prints_.end() ? "" : StringOr(source->second, KeyQuestion(key).c_str(), "");
    std::string then = StringOr(attempt, "fp", "");
    if (then.empty()) then = StringOr(MemberOf(receipt_.at("blocks"), block.c_str()), KeyQuestion(key).c_str(), "");
    return (!now.empty() || !then.empty()) && now != then;
  }

  void CollectEvents() {
    const json& questions = receipt_.at("questions");
    std::map<std::string, int64_t> first_event;
    auto add = [&](Event event) {
      event.sequence = events_.size();
      auto [it, added] = first_event.try_emplace(event.lesson, event.at);
      if (!added) it->second = std::min(it->second, event.at);
      events_.push_back(std::move(event));
    };
    std::set<std::pair<std::string, size_t>> in_submission;
    const json& submissions = receipt_.at("submissions");
    for (auto it = submissions.begin(); it != submissions.end(); ++it) {
      const auto block = blocks_.find(it.key());
      if (block == blocks_.end() || !block->second.assessment) {
        if (block == blocks_.end() && removed_.insert(it.key()).second)
          verdict_["content"]["removed"].push_back(it.key());
        Note("the submissions of '" + it.key() + "' are not re-graded: the course no longer has that assessment");
        continue;
      }
      for (const json& submission : it.value().at("attempts")) {
        Event event;
        event.kind = Event::kSubmit;
        event.at = submission.at("at").get<int64_t>();
        event.lesson = block->second.lesson;
        event.block = it.key();
        event.submission = &submission;
        for (auto q = questions.begin(); q != questions.end(); ++q) {
          if (KeyBlock(q.key()) != it.key()) continue;
          const json& attempts = q.value().at("attempts");
          for (size_t i = 0; i < attempts.size(); ++i) {
            if (MemberOf(attempts[i], "at") == event.at && in_submission.emplace(q.key(), i).second) {
              event.answers[KeyQuestion(q.key())] = &attempts[i];
            }
          }
        }
        add(std::move(event));
      }
    }
    for (auto it = questions.begin(); it != questions.end(); ++it) {
      const std::string block_id = KeyBlock(it.key());
      const auto block = blocks_.find(block_id);
      if (block == blocks_.end()) {
        if (removed_.insert(block_id).second) verdict_["content"]["removed"].push_back(block_id);
        Note("the answers to '" + it.key() + "' are not re-graded: the course no longer has that block");
        continue;
      }
      if (IntOr(it.value(), "dropped", 0) > 0) {
        Note(NumberText(IntOr(it.value(), "dropped", 0)) + " earlier attempts at '" + it.key() +
             "' were compacted away before the receipt was made: they are not re-graded");
      }
      const json& attempts = it.value().at("attempts");
      for (size_t i = 0; i < attempts.size(); ++i) {
        if (block->second.assessment) {
          if (in_submission.count({it.key(), i}) == 0) {
            Problem("an answer to '" + it.key() + "' belongs to no recorded submission of its assessment");
          }
          continue;
        }
        Event event;
        event.kind = block->second.scenario ? Event::kScenario : Event::kAnswer;
        event.at = attempts[i].at("at").get<int64_t>();
        event.lesson = block->second.lesson;
        event.block = block_id;
        event.key = it.key();
        event.index = i;
        add(std::move(event));
      }
    }
    // Each lesson is opened before anything is done in it, as a page does: at its first
    // recorded visit, or its first answer if that is earlier.
    const json& visits = receipt_.at("lessons");
    for (const auto& [id, entry] : lessons_) {
      const json& first = MemberOf(MemberOf(visits, id.c_str()), "first_visit");
      const auto answered = first_event.find(id);
      if (!first.is_number_integer() && answered == first_event.end()) continue;
      Event event;
      event.kind = Event::kVisit;
      event.lesson = id;
      event.at = first.is_number_integer() ? first.get<int64_t>() : answered->second;
      if (answered != first_event.end()) event.at = std::min(event.at, answered->second);
      event.sequence = events_.size();
      events_.push_back(std::move(event));
    }
    std::stable_sort(events_.begin(), events_.end(), [](const Event& a, const Event& b) {
      if (a.at != b.at) return a.at < b.at;
      if ((a.kind == Event::kVisit) != (b.kind == Event::kVisit)) return a.kind == Event::kVisit;
      return a.sequence < b.sequence;
    });
  }

  /// Attempts compacted away before the receipt still count against limits and number the
  /// draws: the replay starts with them.
  void SeedCompacted() {
    for (const auto& [key, record] : receipt_.at("questions").items()) {
      const int64_t dropped = IntOr(record, "dropped", 0);
      if (dropped > 0) state_["questions"][key] = {{"attempts", json::array()}, {"dropped", dropped}};
    }
    for (const auto& [key, record] : receipt_.at("submissions").items()) {
      const int64_t dropped = IntOr(record, "dropped", 0);
      if (dropped > 0) state_["quizzes"][key] = {{"attempts", json::array()}, {"dropped", dropped}};
    }
  }

  /// Calls an api function with `input` plus the state; the answer, or null after
  /// reporting why the core refused it (as `what`).
  template <typename Api>
  json Call(Api api, json input, const std::string& what) {
    input["state"] = state_;
    json out = ParseJson(api(input.dump(-1, ' ', false, json::error_handler_t::replace)));
    if (!IsTrue(out, "ok")) {
      const json& error = MemberOf(out, "error");
      std::string why = StringOr(error, "message", "refused");
      if (MemberOf(error, "missing").is_object()) {
        std::string missing;
        for (auto it = error.at("missing").begin(); it != error.at("missing").end(); ++it) {
          missing += (missing.empty() ? "" : ", ") + it.key();
        }
        why += " (not answered: " + missing + ")";
      }
      failure_ = what + " is refused by the core: " + why;
      return nullptr;
    }
    failure_.clear();
    if (out.contains("state")) state_ = std::move(out["state"]);
    return out;
  }

  void Play(const Event& event) {
    const auto lesson = lessons_.find(event.lesson);
    if (lesson == lessons_.end()) return;
    if (event.kind == Event::kVisit) {
      json input;
      input["lesson"] = lesson->second->at("lesson");
      input["blocks"] = MemberOf(*lesson->second, "blocks");
      input["scenarios"] = MemberOf(*lesson->second, "scenarios");
      input["stale"] = "keep";
      input["now"] = NowJson(event.at);
      json out = Call(ApiVisit, std::move(input), "the visit to '" + event.lesson + "'");
      if (out.is_null()) return Problem(failure_);
      page_lessons_[event.lesson] = std::move(out["lesson"]);
      return;
    }
    const auto page = page_lessons_.find(event.lesson);
    if (page == page_lessons_.end()) return;
    if (event.kind == Event::kSubmit) {
      PlaySubmission(event, page->second);
    } else {
      PlayAnswer(event, page->second);
    }
    // As a page does after each answer: a finished course is recorded.
    json input;
    input["course"] = MemberOf(course_, "scoring");
    input["now"] = NowJson(event.at);
    Call(ApiCourseProgress, std::move(input), "the course's totals");
  }

  /// The attempt the replay recorded last at `key`.
  const json& Replayed(const std::string& key) const {
    const json& attempts = MemberOf(MemberOf(MemberOf(state_, "questions"), key.c_str()), "attempts");
    static const json kNone = json::object();
    return attempts.is_array() && !attempts.empty() ? attempts.back() : kNone;
  }

  /// Compares a recorded result with the replay's: a difference is a problem, unless the
  /// answer changed since it was graded (a note).
  void Compare(const std::string& what, const std::string& key, const json& recorded, const json& replayed) {
    if (SameResult(recorded, replayed)) return;
    const std::string text = what + ": recorded " + Described(recorded) + ", re-graded " + Described(replayed);
    if (AnswerChanged(key, recorded)) {
      Note(text + " (its answer changed since)");
    } else {
      Problem(text);
    }
  }

  void PlayAnswer(const Event& event, const json& page) {
    const json& recorded = receipt_.at("questions").at(event.key).at("attempts").at(event.index);
    const std::string what =
        "attempt " + NumberText(static_cast<long long>(event.index) + 1) + " at '" + event.key + "'";
    const json& runtime = *blocks_.at(event.block).runtime;
    json input;
    input["lesson"] = page;
    input["block"] = runtime;
    input["now"] = NowJson(event.at);
    json out;
    if (event.kind == Event::kScenario) {
      const json& path = MemberOf(MemberOf(recorded, "response"), "path");
      const json& nodes = MemberOf(path, "nodes");
      const json& choices = MemberOf(path, "choices");
      if (!nodes.is_array() || !choices.is_array() || nodes.empty() || choices.empty()) {
        return Problem(what + " has no path through the case study");
      }
      json before = {{"nodes", json(nodes.begin(), nodes.end() - 1)},
                     {"choices", json(choices.begin(), choices.end() - 1)}};
      input["path"] = std::move(before);
      input["choice"] = choices.back();
      out = Call(ApiScenarioChoose, std::move(input), what);
    } else {
      input["question"] = KeyQuestion(event.key);
      input["response"] = MemberOf(recorded, "response");
      input["hint_used"] = IsTrue(recorded, "hint_used");
      out = Call(ApiAnswer, std::move(input), what);
    }
    if (out.is_null()) {
      // An attempt graded under an older answer went stale in the learner's browser and no
      // longer counted against the limit: the replay, graded under today's, counts it.
      bool changed = false;
      for (const json& attempt : receipt_.at("questions").at(event.key).at("attempts")) {
        changed = changed || AnswerChanged(event.key, attempt);
      }
      if (changed) return Note(failure_ + " (its answer changed since)");
      return Problem(failure_);
    }
    Compare(what, event.key, recorded, Replayed(event.key));
  }

  void PlaySubmission(const Event& event, const json& page) {
    const json& recorded = *event.submission;
    const int64_t number = recorded.at("attempt").get<int64_t>();
    const std::string what = "submission " + NumberText(number + 1) + " of '" + event.block + "'";
    const int used = QuizAttemptCount(state_, event.block);
    if (number != used) {
      Problem(what + " is numbered " + NumberText(number + 1) + " but is submission " + NumberText(used + 1) +
              " in time order");
    }
    if (MemberOf(recorded, "seed") != PlanSeed(learner_, event.block, number)) {
      Problem(what + "'s seed is not the one its learner and number give");
    }
    json responses = json::object();
    json hints = json::object();
    for (const auto& [id, attempt] : event.answers) {
      responses[id] = MemberOf(*attempt, "response");
      if (IsTrue(*attempt, "hint_used")) hints[id] = true;
    }
    json input;
    input["lesson"] = page;
    input["block"] = *blocks_.at(event.block).runtime;
    input["responses"] = std::move(responses);
    input["hints"] = std::move(hints);
    input["now"] = NowJson(event.at);
    const json out = Call(ApiSubmit, std::move(input), what);
    bool changed = false;
    for (const auto& [id, attempt] : event.answers)
      changed = changed || AnswerChanged(event.block + "/" + id, *attempt);
    if (out.is_null()) {
      if (changed) return Note(failure_ + " (an answer changed since)");
      return Problem(failure_);
    }
    const json& results = MemberOf(out, "results");
    for (const auto& [id, attempt] : event.answers) {
      const std::string key = event.block + "/" + id;
      if (!results.contains(id)) {
        Problem(what + " answers '" + key + "', which that attempt's draw did not show");
        continue;
      }
      Compare(what + ", '" + key + "'", key, *attempt, Replayed(key));
    }
    const json& quiz = MemberOf(out, "quiz");
    if (!SameResult(json{{"correct", IsTrue(recorded, "passed")},
                         {"score", NumberOr(recorded, "score", 0)},
                         {"max_score", NumberOr(recorded, "max_score", 0)}},
                    json{{"correct", IsTrue(quiz, "passed")},
                         {"score", NumberOr(quiz, "score", 0)},
                         {"max_score", NumberOr(quiz, "max_score", 0)}})) {
      const std::string text = what + ": recorded " + Amount(NumberOr(recorded, "score", 0)) + "/" +
                               Amount(NumberOr(recorded, "max_score", 0)) +
                               (IsTrue(recorded, "passed") ? " passed" : " not passed") + ", re-graded " +
                               Amount(NumberOr(quiz, "score", 0)) + "/" + Amount(NumberOr(quiz, "max_score", 0)) +
                               (IsTrue(quiz, "passed") ? " passed" : " not passed");
      if (changed) {
        Note(text + " (an answer changed since)");
      } else {
        Problem(text);
      }
    }
  }

  /// The course re-graded, against what the receipt records.
  void Total() {
    const json progress = CourseProgress(state_, MemberOf(course_, "scoring"));
    const json& passed = MemberOf(progress, "passed");
    verdict_["progress"] = progress;
    verdict_["status"] = passed == true                                    ? "passed"
                         : (passed == false || IsTrue(progress, "failed")) ? "failed"
                                                                           : "incomplete";
    const json& record = ObjectOf(ObjectOf(state_, "courses"), StringOr(course_, "id", "").c_str());
    verdict_["passed_at"] = MemberOf(record, "passed_at");
    verdict_["completed_at"] = MemberOf(record, "completed_at");
    const json& claimed = receipt_.at("progress");
    verdict_["recorded"] = {{"percent", MemberOf(claimed, "percent")}, {"passed", MemberOf(claimed, "passed")}};
    const bool content_changed = !changed_.empty() || !removed_.empty();
    auto differs = [&](const std::string& text) {
      if (content_changed) {
        Note(text + " (the course changed since)");
      } else {
        Problem(text);
      }
    };
    const double percent = NumberOr(progress, "percent", 0);
    for (const json* claim : {&MemberOf(claimed, "percent"), &MemberOf(receipt_.at("result"), "percent")}) {
      if (claim->is_number() && std::fabs(claim->get<double>() - percent) > 1e-6) {
        differs("the receipt records " + Amount(claim->get<double>()) + "%, re-grading gives " + Amount(percent) + "%");
        break;
      }
    }
    const bool recorded_pass =
        MemberOf(claimed, "passed") == true || MemberOf(receipt_.at("result"), "passed_at").is_number();
    if (recorded_pass != (passed == true)) {
      differs(std::string("the receipt records the course ") + (recorded_pass ? "passed" : "not passed") +
              ", re-grading " + (passed == true ? "passes" : "does not pass") + " it");
    }
    for (const auto& [id, entry] : receipt_.at("lessons").items()) {
      if (lessons_.count(id) > 0 && MemberOf(entry, "status") == "completed" &&
          LessonStatus(state_, id) != "completed") {
        differs("lesson '" + id + "' is recorded completed; re-grading does not complete it");
      }
    }
  }

  const json& receipt_;
  const json& course_;
  json& verdict_;
  std::string learner_;
  int offset_ = 0;
  json state_;
  std::string failure_;
  std::map<std::string, const json*> lessons_;
  std::map<std::string, SourceBlock> blocks_;
  std::map<std::string, json> source_prints_;
  std::set<std::string> changed_;
  std::set<std::string> removed_;
  std::vector<Event> events_;
  std::map<std::string, json> page_lessons_;
};

}  // namespace

json VerifyReceipt(const json& receipt, const json& source) {
  json verdict;
  verdict["problems"] = json::array();
  verdict["notes"] = json::array();
  verdict["checksum_ok"] = MemberOf(receipt, "checksum") == ReceiptChecksum(receipt);
  const json& site = MemberOf(source, "site");
  const json& course = MemberOf(source, "course");
  verdict["site_matches"] = MemberOf(receipt.at("site"), "id") == MemberOf(site, "id");
  json& content = verdict["content"];
  content["receipt"] = MemberOf(receipt.at("site"), "content_version");
  content["source"] = MemberOf(site, "content_version");
  content["matches"] = content["receipt"] == content["source"];
  verdict["pass_mark"] = MemberOf(course, "pass_mark");
  const json& recorded_mark = MemberOf(receipt.at("course"), "pass_mark");
  if (recorded_mark.is_number() && recorded_mark != verdict["pass_mark"]) {
    verdict["notes"].push_back("the pass mark was " + Amount(recorded_mark.get<double>()) + "% and is now " +
                               Amount(NumberOr(course, "pass_mark", 0)) + "%");
  }
  Replay(receipt, course, &verdict).Run();
  if (verdict["checksum_ok"] != true) {
    verdict["problems"].insert(verdict["problems"].begin(),
                               "its checksum does not match: the file was changed after it was made");
  }
  if (verdict["site_matches"] != true) {
    verdict["problems"].insert(verdict["problems"].begin(), "it is a receipt of site '" +
                                                                StringOr(receipt.at("site"), "id", "") + "', not of '" +
                                                                StringOr(site, "id", "") + "'");
  }
  verdict["valid"] = verdict["problems"].empty() && verdict["status"] == "passed";
  return verdict;
}

}  // namespace morsel::core
