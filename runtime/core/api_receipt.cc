// The completion receipt's api function (api.h, "Completion receipts"): kept apart from
// api.cc so the receipt's code is linked only where it is exported (the progress module).
#include <exception>
#include <string>

#include <nlohmann/json.hpp>

#include "runtime/core/api.h"
#include "runtime/core/json_parse.h"
#include "runtime/core/json_read.h"
#include "runtime/core/receipt.h"
#include "runtime/core/state.h"

namespace morsel::core {
namespace {

using nlohmann::json;

/// A problem with the caller's input, reported as {"ok": false}.
struct BadInput {
  std::string message;
};

std::string Answer(const json& out) { return out.dump(-1, ' ', false, json::error_handler_t::replace); }

std::string ErrorAnswer(const char* code, const std::string& message) {
  json out;
  out["ok"] = false;
  out["error"]["code"] = code;
  out["error"]["message"] = message;
  return Answer(out);
}

const json& Object(const json& doc, const char* key) {
  const json& value = MemberOf(doc, key);
  if (!value.is_object()) throw BadInput{std::string("'") + key + "' must be an object"};
  return value;
}

Now ReadNow(const json& doc) {
  const json& now = Object(doc, "now");
  if (!MemberOf(now, "epoch_ms").is_number_integer()) throw BadInput{"'now.epoch_ms' must be a whole number"};
  Now out;
  out.epoch_ms = now.at("epoch_ms").get<int64_t>();
  out.local_date = StringOr(now, "local_date", "");
  out.utc_offset_min = static_cast<int>(IntOr(now, "utc_offset_min", 0));
  return out;
}

}  // namespace

std::string ApiReceipt(std::string_view input) {
  try {
    const json doc = ParseJson(input);
    if (doc.is_discarded() || !doc.is_object()) throw BadInput{"input must be a JSON object"};
    ReceiptRequest request;
    request.state = Object(doc, "state");
    std::string problem;
    if (CheckState(request.state, &problem) != LoadStatus::kOk) throw BadInput{"state is not usable: " + problem};
    request.site = Object(doc, "site");
    if (!MemberOf(request.site, "id").is_string()) throw BadInput{"the site needs an id"};
    request.course = Object(doc, "course");
    if (!MemberOf(request.course, "id").is_string()) throw BadInput{"the course needs an id"};
    const json& lessons = MemberOf(request.course, "lessons");
    if (!lessons.is_array()) throw BadInput{"the course's 'lessons' must be a list"};
    for (const json& lesson : lessons) {
      if (!MemberOf(lesson, "id").is_string() || !MemberOf(lesson, "points").is_object()) {
        throw BadInput{"each lesson needs an id and points"};
      }
      for (const json& points : lesson.at("points")) {
        if (!points.is_number()) throw BadInput{"points must be numbers"};
      }
    }
    const json& mark = MemberOf(request.course, "pass_mark");
    if (!mark.is_null() && !mark.is_number()) throw BadInput{"pass_mark must be a number"};
    const json& name = MemberOf(doc, "learner_name");
    if (!name.is_null() && !name.is_string()) throw BadInput{"'learner_name' must be text"};
    request.learner_name = name.is_string() ? name.get<std::string>() : "";
    request.gamification = MemberOf(doc, "gamification");
    request.courses = MemberOf(doc, "courses");
    if (!request.courses.is_array()) request.courses = json::array();
    request.now = ReadNow(doc);
    const json receipt = MakeReceipt(request);
    json out;
    out["ok"] = true;
    out["receipt"] = receipt.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
    out["filename"] = ReceiptFileName(receipt);
    return Answer(out);
  } catch (const BadInput& e) {
    return ErrorAnswer("bad-input", e.message);
  } catch (const std::exception& e) {
    return ErrorAnswer("internal", e.what());
  } catch (...) {
    return ErrorAnswer("internal", "unexpected failure");
  }
}

}  // namespace morsel::core
