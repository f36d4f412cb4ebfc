// The completion receipt's api function (api.h, "Completion receipts"): kept apart from
// api.cc so the receipt's code is linked only where it is exported (the progress module).
#include <exception>
#include <string>

#include <nlohmann/json.hpp>

#include "runtime/core/api.h"
#include "runtime/core/api_io.h"
#include "runtime/core/json_parse.h"
#include "runtime/core/json_read.h"
#include "runtime/core/receipt.h"
#include "runtime/core/state.h"

namespace morsel::core {
namespace {

using nlohmann::json;

using api_io::BadInput;

const json& Object(const json& doc, const char* key) {
  return api_io::Member(doc, key, json::value_t::object, "an object");
}

}  // namespace

std::string ApiReceipt(std::string_view input) {
  return api_io::Guard(input, [](const json& doc) {
    ReceiptRequest request;
    request.state = api_io::StateIn(doc);
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
    request.now = api_io::ReadNow(doc);
    const json receipt = MakeReceipt(request);
    json out;
    out["receipt"] = receipt.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
    out["filename"] = ReceiptFileName(receipt);
    return api_io::Ok(std::move(out));
  });
}

}  // namespace morsel::core
