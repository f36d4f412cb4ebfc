#include "runtime/core/receipt.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <initializer_list>
#include <set>
#include <string>

#include "runtime/core/answer_key.h"
#include "runtime/core/certificate.h"
#include "runtime/core/gamification.h"
#include "runtime/core/json_read.h"
#include "runtime/core/number_text.h"
#include "runtime/core/view.h"

namespace morsel::core {
namespace {

using nlohmann::json;

/// `value` with every whole-numbered double of magnitude below 2^53 made an integer:
/// the one spelling CanonicalJson gives each number.
json Normalized(const json& value) {
  switch (value.type()) {
    case json::value_t::object: {
      json out = json::object();
      for (auto it = value.begin(); it != value.end(); ++it) out[it.key()] = Normalized(it.value());
      return out;
    }
    case json::value_t::array: {
      json out = json::array();
      for (const json& item : value) out.push_back(Normalized(item));
      return out;
    }
    case json::value_t::number_float: {
      const double v = value.get<double>();
      constexpr double kExact = 9007199254740992.0;  // 2^53: every integer below is a double
      if (std::isfinite(v) && std::trunc(v) == v && std::fabs(v) < kExact) return json(static_cast<int64_t>(v));
      return value;
    }
    default:
      return value;
  }
}

/// Copies the members of `from` named in `keys` that are present.
json Pick(const json& from, std::initializer_list<const char*> keys) {
  json out = json::object();
  for (const char* key : keys) {
    const json& value = MemberOf(from, key);
    if (!value.is_null()) out[key] = value;
  }
  return out;
}

}  // namespace

std::string CanonicalJson(const json& value) {
  return Normalized(value).dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string ReceiptChecksum(const json& receipt) {
  json body = receipt;
  if (body.is_object()) body.erase("checksum");
  return "sha256:" + Sha256Hex(kReceiptChecksumPrefix + CanonicalJson(body));
}

json MakeReceipt(const ReceiptRequest& request) {
  const json& state = request.state;
  const std::string learner = StringOr(state, "learner", "");
  const std::string course_id = StringOr(request.course, "id", "");
  std::set<std::string> lessons;
  json blocks = json::object();
  for (const json& lesson : MemberOf(request.course, "lessons")) {
    if (!MemberOf(lesson, "id").is_string()) continue;
    lessons.insert(lesson.at("id").get<std::string>());
    const json& prints = ObjectOf(lesson, "fingerprints");
    for (auto it = prints.begin(); it != prints.end(); ++it) {
      if (it.value().is_string()) blocks[KeyBlock(it.key())][KeyQuestion(it.key())] = it.value();
    }
  }
  auto in_course = [&](const std::string& key) { return lessons.count(KeyLesson(key)) > 0; };

  json receipt;
  receipt["format"] = kReceiptFormat;
  receipt["version"] = kReceiptVersion;
  receipt["site"] = Pick(request.site, {"id", "title", "content_version"});
  receipt["course"] = Pick(request.course, {"id", "title", "pass_mark"});
  json& who = receipt["learner"];
  who["id"] = learner;
  // The name typed for the receipt, else the one the learner keeps (certificate.h).
  who["name"] = request.learner_name.empty() ? LearnerName(request.state) : request.learner_name;
  receipt["blocks"] = std::move(blocks);

  json& lesson_records = receipt["lessons"] = json::object();
  const json& stored_lessons = ObjectOf(state, "lessons");
  for (const std::string& id : lessons) {
    const json& entry = MemberOf(stored_lessons, id.c_str());
    if (entry.is_object()) lesson_records[id] = entry;
  }
  // Every response with its time, result and fingerprint, as the state keeps them.
  json& questions = receipt["questions"] = json::object();
  const json& stored_questions = ObjectOf(state, "questions");
  for (auto it = stored_questions.begin(); it != stored_questions.end(); ++it) {
    if (!in_course(it.key()) || !it.value().is_object()) continue;
    json record = Pick(it.value(), {"dropped"});
    json& attempts = record["attempts"] = json::array();
    for (const json& attempt : MemberOf(it.value(), "attempts")) {
      if (attempt.is_object()) attempts.push_back(attempt);
    }
    questions[it.key()] = std::move(record);
  }
  // Assessment submissions, numbered as they seeded their draws (compacted ones included).
  json& submissions = receipt["submissions"] = json::object();
  const json& stored_quizzes = ObjectOf(state, "quizzes");
  for (auto it = stored_quizzes.begin(); it != stored_quizzes.end(); ++it) {
    const json& list = MemberOf(it.value(), "attempts");
    if (!in_course(it.key()) || !list.is_array()) continue;
    const int64_t dropped = std::max<int64_t>(0, IntOr(it.value(), "dropped", 0));
    json record = json::object();
    if (dropped > 0) record["dropped"] = dropped;
    json& attempts = record["attempts"] = json::array();
    int64_t number = dropped;
    for (const json& attempt : list) {
      if (!attempt.is_object()) continue;
      json entry = Pick(attempt, {"score", "max_score", "percent", "passed", "at"});
      entry["attempt"] = number;
      entry["seed"] = PlanSeed(learner, it.key(), number);
      attempts.push_back(std::move(entry));
      ++number;
    }
    submissions[it.key()] = std::move(record);
  }
  receipt["result"] = ObjectOf(ObjectOf(state, "courses"), course_id.c_str());
  receipt["progress"] = Pick(CourseProgress(state, request.course),
                             {"completed", "total", "score", "max", "percent", "passed", "failed"});

  json& badges = receipt["badges"] = json::array();
  if (!request.gamification.is_null()) {
    const GamificationConfig config = ReadGamification(request.gamification, nullptr);
    const json view = GamificationView(state, config, request.courses, request.now);
    for (const json& badge : MemberOf(view, "badges")) {
      if (IsTrue(badge, "earned")) badges.push_back(Pick(badge, {"id", "name", "earned_at", "earned_on"}));
    }
  }
  json& issued = receipt["issued"];
  issued["at"] = request.now.epoch_ms;
  issued["on"] = request.now.local_date;
  issued["utc_offset_min"] = request.now.utc_offset_min;
  receipt["checksum"] = ReceiptChecksum(receipt);
  return receipt;
}

std::string ReceiptFileName(const json& receipt) {
  std::string name = StringOr(MemberOf(receipt, "site"), "id", "site") + "-" +
                     StringOr(MemberOf(receipt, "course"), "id", "course") + "-receipt-" +
                     StringOr(MemberOf(receipt, "issued"), "on", "");
  for (char& c : name) {
    const bool plain =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
    if (!plain) c = '-';
  }
  return name + ".json";
}

std::string ReceiptShapeProblem(const json& receipt) {
  if (!receipt.is_object()) return "it is not a JSON object";
  if (MemberOf(receipt, "format") != kReceiptFormat)
    return "it is not a Morsel completion receipt (no \"format\": \"morsel-receipt\")";
  const json& version = MemberOf(receipt, "version");
  if (!version.is_number_integer()) return "its \"version\" is not a whole number";
  if (version.get<int64_t>() > kReceiptVersion) {
    return "it was written by a newer Morsel (receipt version " + NumberText(version.get<int64_t>()) + ")";
  }
  for (const char* key :
       {"site", "course", "learner", "blocks", "lessons", "questions", "submissions", "result", "progress", "issued"}) {
    if (!MemberOf(receipt, key).is_object()) return std::string("its \"") + key + "\" is missing or not an object";
  }
  if (!MemberOf(receipt, "checksum").is_string()) return "it has no \"checksum\"";
  for (const char* key : {"id", "content_version"}) {
    if (!MemberOf(receipt.at("site"), key).is_string()) return std::string("its site has no \"") + key + "\"";
  }
  if (!MemberOf(receipt.at("course"), "id").is_string()) return "its course has no \"id\"";
  const json& learner = MemberOf(receipt.at("learner"), "id");
  if (!learner.is_string() || learner.get_ref<const std::string&>().empty()) return "its learner has no \"id\"";
  for (const auto& [key, record] : receipt.at("questions").items()) {
    if (!MemberOf(record, "attempts").is_array()) return "question '" + key + "' has no list of attempts";
    for (const json& attempt : record.at("attempts")) {
      if (!attempt.is_object() || !MemberOf(attempt, "at").is_number_integer()) {
        return "an attempt at question '" + key + "' has no time";
      }
    }
  }
  for (const auto& [key, record] : receipt.at("submissions").items()) {
    if (!MemberOf(record, "attempts").is_array()) return "assessment '" + key + "' has no list of submissions";
    for (const json& attempt : record.at("attempts")) {
      if (!attempt.is_object() || !MemberOf(attempt, "at").is_number_integer() ||
          !MemberOf(attempt, "attempt").is_number_integer()) {
        return "a submission of assessment '" + key + "' has no time or attempt number";
      }
    }
  }
  return "";
}

}  // namespace morsel::core
