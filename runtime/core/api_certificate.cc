// Certificates' api function (api.h, "Certificates"): kept apart from api.cc so its code
// is linked only where it is exported (the progress module).
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "runtime/core/api.h"
#include "runtime/core/api_io.h"
#include "runtime/core/certificate.h"
#include "runtime/core/json_read.h"

namespace morsel::core {
namespace {

using nlohmann::json;

using api_io::BadInput;

std::vector<std::string> Strings(const json& doc, const char* key) {
  std::vector<std::string> out;
  for (const json& item : api_io::Member(doc, key, json::value_t::array, "a list")) {
    if (!item.is_string()) throw BadInput{std::string("'") + key + "' must list text"};
    out.push_back(item.get<std::string>());
  }
  return out;
}

}  // namespace

std::string ApiCertificate(std::string_view input) {
  return api_io::Guard(input, [](const json& doc) {
    json state = api_io::StateIn(doc);
    const Now now = api_io::ReadNow(doc);
    const std::string action = api_io::StringMember(doc, "do");
    json out;
    if (action == "recertify") {
      const std::string course = api_io::StringMember(doc, "course");
      if (!Recertify(&state, course, Strings(doc, "lessons"), now)) {
        return api_io::Error("not-passed", "the course '" + course + "' has no pass to renew");
      }
    } else if (action == "name") {
      SetLearnerName(&state, api_io::StringMember(doc, "name"), now);
    } else if (action == "facts") {
      json& courses = out["courses"] = json::object();
      json& due = out["due"] = json::array();
      for (const json& course : api_io::Member(doc, "courses", json::value_t::array, "a list")) {
        if (!MemberOf(course, "id").is_string()) throw BadInput{"each course needs an id"};
        const json& period = MemberOf(course, "recertify_after");
        if (!period.is_null() && !period.is_string()) throw BadInput{"'recertify_after' must be text"};
        json facts = CertificateFacts(state, course, now);
        if (facts["status"] == "due") due.push_back(course["id"]);
        courses[course["id"].get<std::string>()] = std::move(facts);
      }
    } else {
      throw BadInput{"'do' must be facts, recertify or name"};
    }
    out["name"] = LearnerName(state);
    if (action != "facts") out["state"] = std::move(state);
    return api_io::Ok(std::move(out));
  });
}

}  // namespace morsel::core
