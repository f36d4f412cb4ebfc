#include "generator/engagement.h"

#include <nlohmann/json.hpp>

#include "generator/assets.h"
#include "generator/hosting.h"
#include "generator/html_escape.h"

namespace morsel::gen {

using nlohmann::json;

SiteScript GamificationScript(const Site& site) {
  if (!site.config.features.gamification) return {};
  json courses = json::array();
  json modules = json::object();
  for (const Course& course : site.courses) {
    json lessons = json::array();
    for (const Module& module : course.modules) {
      modules[module.id] = module.title;
      for (const Lesson& lesson : module.lessons) lessons.push_back({{"id", lesson.id}, {"module", module.id}});
    }
    courses.push_back({{"id", course.id}, {"title", course.title}, {"lessons", std::move(lessons)}});
  }
  const json data = {{"settings", site.config.gamification}, {"courses", std::move(courses)}, {"modules", modules}};
  SiteScript script;
  script.text = "window.MorselGamification = " + ScriptJson(data) + ";\n";
  script.path = FingerprintedPath("runtime/gamification.js", script.text);
  return script;
}

namespace {

/// Every byte but RFC 3986's unreserved characters as %XX.
std::string PercentEncode(const std::string& text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    const bool unreserved = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                            c == '.' || c == '_' || c == '~';
    if (unreserved) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

}  // namespace

std::string DiscussUrl(const SiteConfig& config, const Course& course, const Lesson& lesson) {
  const std::string& pattern = config.discuss;
  std::string out;
  for (size_t i = 0; i < pattern.size(); ++i) {
    const size_t close = pattern[i] == '{' ? pattern.find('}', i) : std::string::npos;
    if (close == std::string::npos) {
      out += pattern[i];
      continue;
    }
    const std::string name = pattern.substr(i + 1, close - i - 1);
    if (name == "lesson") out += PercentEncode(lesson.id);
    if (name == "course") out += PercentEncode(course.id);
    if (name == "title") out += PercentEncode(lesson.title);
    if (name == "url") out += PercentEncode(AbsoluteUrl(config, lesson.output_path));
    i = close;
  }
  return out;
}

}  // namespace morsel::gen
