#include "generator/render.h"

#include "generator/file_system.h"
#include "generator/hosting.h"
#include "generator/html_escape.h"
#include "generator/review_page.h"
#include "generator/single_file.h"
#include "generator/text.h"
#include "generator/url_safety.h"
#include "runtime/core/answer_key.h"

namespace morsel::gen {
namespace {

/// The runtime's names of Completion's values (core::ParseCompletionRule reads them).
constexpr const char* kCompletionRules[] = {"view", "answer", "pass"};

using nlohmann::json;

/// "../" once per directory level of `output_path`.
std::string RootFor(const std::string& output_path) {
  std::string root;
  for (char c : output_path) {
    if (c == '/') root += "../";
  }
  return root;
}

std::string Url(const std::string& from_page, const std::string& to_page) {
  return RelativePath(DirName(from_page), to_page);
}

int CourseMinutes(const Course& course) {
  int minutes = 0;
  ForEachLesson(course, [&](const Module&, const Lesson& l) { minutes += l.duration_minutes; });
  return minutes;
}

/// "{n} lessons" from the catalogue entry {"one": …, "other": …, …}: the form of `n`'s
/// CLDR plural category in the site's language, else "other".
std::string Count(const json& strings, const std::string& language, const char* key, int n) {
  const json& entry = strings.value(key, json::object());
  std::string text = "{n}";
  if (entry.is_object()) text = entry.value(PluralCategory(language, n), entry.value("other", text));
  size_t at = text.find("{n}");
  if (at != std::string::npos) text.replace(at, 3, std::to_string(n));
  return text;
}

/// A footer link's URL on the page at `output_path`: as written when it names a scheme
/// ("https:", "mailto:"), the site's root ("/…") or a place in the page ("#…"), else
/// relative to the site's root, so the footer links the same page from every page.
std::string FooterUrl(const std::string& url, const std::string& output_path) {
  if (url.empty() || url[0] == '/' || url[0] == '#' || !UrlScheme(url).empty()) return url;
  return RootFor(output_path) + url;
}

}  // namespace

json PageData(const Site& site, const Theme& theme, const RenderInputs& inputs, const std::string& output_path,
              const std::string& title, const std::string& description) {
  const json t = theme.strings.value("theme", json::object());
  json footer_links = json::array();
  for (const FooterLink& link : site.config.footer_links) {
    footer_links.push_back({{"title", link.title}, {"url", FooterUrl(link.url, output_path)}});
  }
  json data = {{"site",
                {{"title", site.config.title},
                 {"id", site.config.id},
                 {"language", site.config.language},
                 {"dir", TextDirection(site.config.language)},
                 {"description", site.config.description},
                 {"organization", site.config.organization},
                 {"logo_url", site.config.logo.empty() ? std::string() : Url(output_path, site.logo_output)},
                 {"logo_sized", site.logo_width > 0},
                 {"logo_width", site.logo_width},
                 {"logo_height", kLogoHeight},
                 {"has_footer_links", !footer_links.empty()},
                 {"footer_links", std::move(footer_links)},
                 {"search_disabled", !site.config.features.search},
                 {"review", site.config.features.review},
                 {"stale_answers", site.config.stale_answers},
                 {"keeps_stale_answers", site.config.stale_answers == "keep"},
                 {"content_version", site.content_version}}},
               {"page", {{"title", title}, {"description", description}, {"path", output_path}}},
               {"root", RootFor(output_path)},
               {"home_url", Url(output_path, "index.html")},
               {"t", t}};
  if (!inputs.gamification.path.empty()) {
    data["gamification_script"] = RootFor(output_path) + inputs.gamification.path;
    data["badges_url"] = Url(output_path, "badges.html");
    data["page_scripts"] = "engage";
  }
  AddHostingData(site, inputs.offline, output_path, &data);
  AddAssetData(inputs.assets, RootFor(output_path), &data);
  return data;
}

namespace {

/// The lessons `lesson` requires: the one before it in a sequential module, then its
/// prerequisites (none with `unlock_all`). The core's CourseLocks says which of them the
/// learner still lacks.
std::vector<std::string> LessonRequires(const Module& module, const Lesson& lesson, bool unlock_all) {
  std::vector<std::string> ids;
  if (unlock_all) return ids;
  if (module.sequential && &lesson != &module.lessons.front()) ids.push_back((&lesson - 1)->id);
  for (const std::string& id : lesson.prerequisite_ids) {
    if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
  }
  return ids;
}

/// The courses every lesson of `course` requires: its prerequisites (none with `unlock_all`).
std::vector<std::string> CourseRequires(const Course& course, bool unlock_all) {
  std::vector<std::string> ids;
  if (unlock_all) return ids;
  for (const Prerequisite& p : course.prerequisites) ids.push_back(p.target);
  return ids;
}

}  // namespace

json LessonRuntime(const Lesson& lesson) {
  return {{"id", lesson.id},
          {"questions", lesson.question_keys},
          {"quizzes", lesson.quiz_refs},
          {"completion", kCompletionRules[static_cast<int>(lesson.completion)]}};
}

json CourseScoring(const Course& course, bool unlock_all) {
  json lessons = json::array();
  ForEachLesson(course, [&](const Module& m, const Lesson& l) {
    json lesson = {{"id", l.id}, {"module", m.id}, {"points", l.question_points}};
    std::vector<std::string> required = LessonRequires(m, l, unlock_all);
    if (!required.empty()) lesson["requires"] = std::move(required);
    if (!l.quiz_points.empty()) lesson["quizzes"] = l.quiz_points;
    if (!l.attempt_limits.empty()) lesson["limits"] = l.attempt_limits;
    if (l.completion != Completion::kPass) lesson["completion"] = kCompletionRules[static_cast<int>(l.completion)];
    lessons.push_back(std::move(lesson));
  });
  json scoring = {{"id", course.id}, {"pass_mark", course.pass_mark}, {"lessons", std::move(lessons)}};
  std::vector<std::string> required = CourseRequires(course, unlock_all);
  if (!required.empty()) scoring["requires"] = std::move(required);
  return scoring;
}

/// Every page's template data, and the site's pages rendered from it.
class PageRenderer {
  friend class OfflineCoursePages;

 public:
  PageRenderer(const Site& site, const Theme& theme, const RenderInputs& inputs, DiagnosticSink* sink)
      : site_(site),
        theme_(theme),
        inputs_(inputs),
        theme_strings_(theme.strings.value("theme", json::object())),
        sink_(sink) {
    ForEachLesson(site, [&](const Course&, const Module&, const Lesson& l) { lessons_by_id_[l.id] = &l; });
  }

  /// The files in order, each numbered: `share`'s are rendered (generator/workers.h).
  bool Render(SiteOutput* output, const WorkShare& share) {
    size_t item = 0;
    const auto mine = [&] { return share.Mine(item++); };
    if (mine()) Emit("home", "index.html", Home(), output);
    if (mine()) Emit("dashboard", "my-learning.html", Dashboard(), output);
    if (!inputs_.gamification.path.empty() && mine()) {
      Emit("badges", "badges.html", Base("badges.html", theme_strings_.value("badges_title", ""), ""), output);
    }
    if (mine()) Emit("404", "404.html", NotFound(), output);
    if (mine() && !RenderReviewPage(site_, theme_, inputs_, output, sink_)) ok_ = false;
    for (const Course& course : site_.courses) {
      if (mine() && !output->Add(CourseScript(course).path, CourseScript(course).text)) ok_ = false;
      if (OffersCertificate(course) && mine()) {
        Emit("certificate", CertificatePath(course), CertificatePage(course), output);
      }
      if (mine()) {
        json data = CoursePage(course);
        Emit("course", course.output_path, data, output, CourseLessonLists(course, &data));
      }
      const CourseOrder order(course);
      for (size_t i = 0; i < order.size() && output->error().empty(); ++i) {
        if (mine()) Emit("lesson", order.lesson(i).output_path, LessonPage(course, order, i), output);
      }
    }
    return ok_;
  }

  /// Each module's `lessons` of a course page's `data` (CoursePage) as a generated list of
  /// links made one at a time. Take them once `data` is complete: they point into it.
  std::vector<GeneratedList> CourseLessonLists(const Course& course, json* data) const {
    std::vector<GeneratedList> lists;
    json& modules = (*data)["modules"];
    for (size_t k = 0; k < course.modules.size() && k < modules.size(); ++k) {
      const Module& module = course.modules[k];
      lists.push_back({&modules[k]["lessons"], module.lessons.size(), [this, &course, &module](size_t i) {
                         return LessonLink(course.output_path, module.lessons[i]);
                       }});
    }
    return lists;
  }

  /// The data of lesson `i` of `order`, its course's: its place in the course and its
  /// previous and next lessons known.
  json LessonPage(const Course& course, const CourseOrder& order, size_t i) const {
    return LessonPage(course, order.module(i), order.lesson(i), i > 0 ? &order.lesson(i - 1) : nullptr,
                      i + 1 < order.size() ? &order.lesson(i + 1) : nullptr, i + 1, order.size());
  }

 private:
  json Base(const std::string& output_path, const std::string& title, const std::string& description) const {
    return PageData(site_, theme_, inputs_, output_path, title, description);
  }

  /// The page a host serves for a missing URL, at any depth. With `base_url` a <base>
  /// makes its links, written as from the top folder, work there. Without one it needs
  /// no file of its own (its stylesheet and icon inline, no logo, no script), so it is
  /// styled at any depth and from disk, and its links start at the host's root, where a
  /// site that names no URL usually is (docs/hosting.md). It loads no runtime.
  json NotFound() const {
    json data = Base("404.html", theme_strings_.value("not_found_title", std::string("Page not found")), "");
    data["page"]["base_href"] = site_.config.base_url;
    if (site_.config.base_url.empty()) SelfContained(&data);
    data["page"]["canonical"] = "";
    data["page"]["no_runtime"] = true;
    data["assets_json"] = "";
    data["assets_attribute"] = "";
    data["site"]["search_disabled"] = true;
    return data;
  }

  /// NotFound's page without `base_url`: links from the host's root, files inline.
  void SelfContained(json* data) const {
    (*data)["root"] = "/";
    (*data)["home_url"] = "/";
    if (data->contains("badges_url")) (*data)["badges_url"] = "/badges.html";
    json& site = (*data)["site"];
    site["logo_url"] = "";
    for (json& link : site["footer_links"]) {
      const std::string url = link["url"].get<std::string>();
      if (!url.empty() && url[0] != '/' && url[0] != '#' && UrlScheme(url).empty()) link["url"] = "/" + url;
    }
    auto css = theme_.files.find("assets/morsel.css");
    const std::string style = InlineRawText(css == theme_.files.end() ? std::string() : css->second);
    (*data)["page"]["inline_css"] = style;
    (*data)["page"]["no_theme_script"] = true;
    auto icon = theme_.files.find("assets/favicon.svg");
    if (icon != theme_.files.end()) {
      (*data)["asset"]["icon"] = "data:image/svg+xml;base64," + core::Base64Encode(icon->second);
    }
    // The policy allows this one inline style by its hash.
    std::string policy = site["csp"].get<std::string>();
    const size_t at = policy.find("style-src 'self'");
    if (at != std::string::npos) policy.insert(at + 16, " " + CspHash(style));
    site["csp"] = policy;
    site["csp_attribute"] = EscapeQuotedAttribute(policy, '"');
  }

  /// A course's certificate page: where a course with `certificate: true` offers it, on a
  /// site that has certificates (`features.certificates`).
  bool OffersCertificate(const Course& course) const {
    return course.certificate && site_.config.features.certificates;
  }
  static std::string CertificatePath(const Course& course) { return DirName(course.output_path) + "/certificate.html"; }

  /// What runtime/web/certificate.js needs of a course on the page at `from`, as the
  /// `data-morsel-certificate-status` (or `data-morsel-certificate`) attribute's JSON: ""
  /// when the course has neither a certificate nor recertification. `lessons` (the ids a
  /// new round starts afresh) only where a new round can start: the course page and My
  /// learning, not each lesson (a page must not grow with its course).
  std::string CertificateJson(const Course& course, const std::string& from, bool lessons = true) const {
    if (!OffersCertificate(course) && course.recertify_after.empty()) return "";
    json data = {{"id", course.id},
                 {"title", course.title},
                 {"url", Url(from, course.output_path)},
                 {"certificate", OffersCertificate(course) ? json(Url(from, CertificatePath(course))) : json(nullptr)}};
    if (lessons) data["lessons"] = LessonIds(course);
    if (!course.recertify_after.empty()) data["recertify_after"] = course.recertify_after;
    return data.dump(-1, ' ', false, json::error_handler_t::replace);
  }

  /// The certificate page of a course (certificate.mustache): the runtime fills in the
  /// learner's name, date and score from the learner's state, or says what is missing.
  json CertificatePage(const Course& course) const {
    const std::string path = CertificatePath(course);
    json data = Base(path,
                     theme_strings_.value("certificate_title", std::string("Certificate")) +
                         theme_strings_.value("colon", std::string(":")) + " " + course.title,
                     "");
    data["page"]["noindex"] = true;
    data["page"]["body_class"] = "morsel-print-certificate";
    data["course"] = {{"title", course.title}, {"url", Url(path, course.output_path)}};
    data["certificate_json"] = CertificateJson(course, path, false);
    return data;
  }

  json LessonIds(const Course& course) const {
    json ids = json::array();
    ForEachLesson(course, [&](const Module&, const Lesson& l) { ids.push_back(l.id); });
    return ids;
  }

  /// The course's lesson pages from `from`, in the order of LessonIds: where the runtime's
  /// Continue link leads (the core's site view names the lesson).
  json LessonUrls(const std::string& from, const Course& course) const {
    json urls = json::array();
    ForEachLesson(course, [&](const Module&, const Lesson& l) { urls.push_back(Url(from, l.output_path)); });
    return urls;
  }

  json CourseScoring(const Course& course) const { return gen::CourseScoring(course, site_.unlock_all); }

  std::vector<std::string> LessonRequires(const Module& module, const Lesson& lesson) const {
    return gen::LessonRequires(module, lesson, site_.unlock_all);
  }

  std::vector<std::string> CourseRequires(const Course& course) const {
    return gen::CourseRequires(course, site_.unlock_all);
  }

  /// ScriptJson(CourseScoring(course)), made once per course: each of its pages, the home
  /// page and My learning carry it.
  const std::string& ScoringJson(const Course& course) const {
    auto [it, added] = scoring_json_.try_emplace(&course);
    if (added) it->second = ScriptJson(CourseScoring(course));
    return it->second;
  }

  /// The course's scoring as a script of its own (`window.MorselCourse = …`), which every
  /// lesson page of the course loads: inlined in each page, it made a course's pages grow
  /// with the square of its lessons (a module of 2,000 lessons wrote 478 MB). Fingerprinted
  /// like the runtime, so a changed course is never read from a stale cache.
  struct Script {
    std::string path;
    std::string text;
  };
  /// The course's outline for its lesson pages (runtime/web/path.js): each module's title
  /// and its lessons' ids, titles, minutes and paths from the site's root. Shared in the
  /// course's script, so a lesson page does not grow with its course.
  static json OutlineJson(const Course& course) {
    json modules = json::array();
    for (const Module& m : course.modules) {
      json lessons = json::array();
      for (const Lesson& l : m.lessons) {
        lessons.push_back({{"id", l.id}, {"title", l.title}, {"url", l.output_path}, {"minutes", l.duration_minutes}});
      }
      modules.push_back({{"title", m.title}, {"lessons", std::move(lessons)}});
    }
    return {{"modules", std::move(modules)}};
  }

  const Script& CourseScript(const Course& course) const {
    auto [it, added] = course_script_.try_emplace(&course);
    if (added) {
      it->second.text = "window.MorselCourse = " + ScoringJson(course) +
                        ";\nwindow.MorselOutline = " + ScriptJson(OutlineJson(course)) + ";\n";
      it->second.path = FingerprintedPath("runtime/course.js", it->second.text);
    }
    return it->second;
  }

  int LessonCount(const Course& course) const {
    int count = 0;
    for (const Module& m : course.modules) count += static_cast<int>(m.lessons.size());
    return count;
  }

  json Home() const {
    json data = Base("index.html", site_.home.title.empty() ? site_.config.title : site_.home.title,
                     site_.home.description.empty() ? site_.config.description : site_.home.description);
    json courses = json::array();
    for (const Course& c : site_.courses) {
      courses.push_back(
          {{"title", c.title},
           {"description", c.description},
           {"url", Url("index.html", c.output_path)},
           {"lesson_count", LessonCount(c)},
           {"lessons_text", Count(theme_strings_, site_.config.language, "count_lessons", LessonCount(c))},
           {"modules_text",
            Count(theme_strings_, site_.config.language, "count_modules", static_cast<int>(c.modules.size()))},
           {"minutes", CourseMinutes(c)},
           {"lessons_json", ScriptJson(LessonIds(c))},
           {"lesson_urls_json", ScriptJson(LessonUrls("index.html", c))},
           {"scoring_json", ScoringJson(c)}});
      if (!c.image_output.empty()) courses.back()["image_url"] = Url("index.html", c.image_output);
      const Lesson* first = FirstLesson(c);
      if (first != nullptr) courses.back()["start"] = LessonLink("index.html", *first);
    }
    data["intro_html"] = inputs_.content(site_.home, nullptr);
    data["courses"] = std::move(courses);
    data["has_courses"] = !site_.courses.empty();
    return data;
  }

  /// "My learning": every course with what the runtime needs to show the learner's
  /// progress, score, time, last activity and where to continue.
  json Dashboard() const {
    json data = Base("my-learning.html", theme_strings_.value("dashboard_title", std::string("My learning")), "");
    json courses = json::array();
    json runtime = json::array();
    for (const Course& c : site_.courses) {
      json lessons = json::array();
      ForEachLesson(c, [&](const Module&, const Lesson& l) {
        lessons.push_back({{"id", l.id}, {"title", l.title}, {"url", Url("my-learning.html", l.output_path)}});
      });
      courses.push_back({{"id", c.id},
                         {"title", c.title},
                         {"url", Url("my-learning.html", c.output_path)},
                         {"lessons_json", ScriptJson(LessonIds(c))},
                         {"scoring_json", ScoringJson(c)},
                         {"certificate_status", CertificateJson(c, "my-learning.html")}});
      runtime.push_back({{"id", c.id}, {"title", c.title}, {"lessons", std::move(lessons)}});
      runtime.back()["receipt"] = ReceiptCourse(c);
    }
    data["courses"] = std::move(courses);
    data["has_courses"] = !site_.courses.empty();
    json dashboard = {{"courses", std::move(runtime)},
                      {"site", {{"title", site_.config.title}, {"content_version", site_.content_version}}}};
    // The due count and its link to the Review page (review_page.h).
    if (site_.config.features.review) {
      dashboard["review"] = ReviewCatalogue(site_, "my-learning.html");
      dashboard["review"]["url"] = kReviewPagePath;
    }
    data["dashboard_json"] = ScriptJson(dashboard);
    return data;
  }

  /// What a completion receipt of `course` needs (core::ApiReceipt's course): its scoring,
  /// each lesson with the answer fingerprints of its questions, and its title.
  json ReceiptCourse(const Course& course) const {
    json scoring = CourseScoring(course);
    scoring["title"] = course.title;
    size_t i = 0;
    ForEachLesson(course, [&](const Module&, const Lesson& l) {
      scoring["lessons"][i++]["fingerprints"] = l.answer_fingerprints;
    });
    return scoring;
  }

  static const Lesson* FirstLesson(const Course& course) {
    return course.modules.empty() || course.modules[0].lessons.empty() ? nullptr : &course.modules[0].lessons[0];
  }

  json LessonLink(const std::string& from, const Lesson& lesson) const {
    return {{"title", lesson.title},
            {"url", Url(from, lesson.output_path)},
            {"id", lesson.id},
            {"description", lesson.description},
            {"duration_minutes", lesson.duration_minutes},
            {"duration_estimated", lesson.duration_estimated},
            {"has_duration", lesson.duration_minutes > 0}};
  }

  json CoursePage(const Course& course) const {
    json data = Base(course.output_path, course.title, course.description);
    json modules = json::array();
    int number = 0;
    // Each module's `lessons` is a generated list (CourseLessonLists): a course of 2,000
    // lessons held 2 MB of links for its page.
    for (const Module& m : course.modules) {
      modules.push_back({{"id", m.id},
                         {"title", m.title},
                         {"description", m.description},
                         {"anchor", "module-" + m.slug},
                         {"number", ++number},
                         {"lessons", json::array()}});
    }
    const Lesson* first = FirstLesson(course);
    data["course"] = {
        {"title", course.title},
        {"description", course.description},
        {"audience", course.audience},
        {"objectives", course.objectives},
        {"has_objectives", !course.objectives.empty()},
        {"overview_html", inputs_.content(course, nullptr)},
        {"lesson_count", LessonCount(course)},
        {"lessons_text", Count(theme_strings_, site_.config.language, "count_lessons", LessonCount(course))},
        {"minutes", CourseMinutes(course)},
        {"lessons_json", ScriptJson(LessonIds(course))},
        {"lesson_urls_json", ScriptJson(LessonUrls(course.output_path, course))},
        {"scoring_json", ScoringJson(course)}};
    if (!course.image_output.empty()) {
      data["course"]["image_url"] = Url(course.output_path, course.image_output);
      // Link previews need an absolute address: only a site with base_url has one.
      if (!site_.config.base_url.empty()) data["page"]["og_image"] = AbsoluteUrl(site_.config, course.image_output);
    }
    data["page"]["jsonld"] = CourseJsonLd(site_.config, course);
    data["start"] = first == nullptr ? json(nullptr) : LessonLink(course.output_path, *first);
    data["modules"] = std::move(modules);
    data["offline_url"] = Url(course.output_path, OfflinePath(course));
    data["certificate_status"] = CertificateJson(course, course.output_path);
    return data;
  }

  json LessonPage(const Course& course, const Module& module, const Lesson& lesson, const Lesson* prev,
                  const Lesson* next, size_t position, size_t total) const {
    const std::string& from = lesson.output_path;
    json data = Base(from, lesson.title, lesson.description);
    data["page"]["og_type"] = "article";
    data["page"]["jsonld"] = LessonJsonLd(site_.config, course, lesson);
    data["course"] = {{"title", course.title}, {"url", Url(from, course.output_path)}};
    data["module"] = {{"title", module.title}, {"url", Url(from, course.output_path) + "#module-" + module.slug}};
    data["lesson"] = LessonLink(from, lesson);
    data["lesson"]["html"] = inputs_.content(lesson, &lesson);
    // Its own language, when it differs from the site's: on its title and body (the
    // interface around them stays the site's).
    if (!lesson.language.empty() && lesson.language != site_.config.language) {
      data["lesson"]["language"] = lesson.language;
      data["lesson"]["dir"] = TextDirection(lesson.language);
    }
    data["lesson"]["position"] = position;
    data["lesson"]["total"] = total;
    data["lesson"]["objectives"] = lesson.objectives;
    data["lesson"]["has_objectives"] = !lesson.objectives.empty();
    data["lesson"]["discuss_url"] = DiscussUrl(site_.config, course, lesson);
    data["lesson"]["share"] = site_.config.share;
    if (site_.config.share) {
      data["page_scripts"] = data.contains("page_scripts") ? "engage share" : "share";
    }
    data["course_script"] = Url(from, CourseScript(course).path);
    // A pass on this lesson shows the way to the certificate.
    if (OffersCertificate(course)) data["certificate_status"] = CertificateJson(course, from, false);
    data["lesson_json"] = ScriptJson(LessonRuntime(lesson));
    json prerequisites = json::array();
    for (const std::string& id : lesson.prerequisite_ids) {
      auto it = lessons_by_id_.find(id);
      if (it != lessons_by_id_.end()) prerequisites.push_back(LessonLink(from, *it->second));
    }
    data["lesson"]["prerequisites"] = std::move(prerequisites);
    data["lesson"]["has_prerequisites"] = !lesson.prerequisite_ids.empty();
    // What can lock the lesson, each with its link: the glue shows those the core's
    // CourseLocks says are missing.
    json unlocked_by = json::array();
    for (const std::string& id : LessonRequires(module, lesson)) {
      auto it = lessons_by_id_.find(id);
      if (it == lessons_by_id_.end()) continue;
      unlocked_by.push_back(LessonLink(from, *it->second));
      unlocked_by.back()["unlock"] = "lesson:" + id;
    }
    for (const std::string& id : CourseRequires(course)) {
      for (const Course& c : site_.courses) {
        if (c.id == id)
          unlocked_by.push_back({{"unlock", "course:" + id}, {"title", c.title}, {"url", Url(from, c.output_path)}});
      }
    }
    data["lesson"]["has_locks"] = !unlocked_by.empty();
    data["lesson"]["unlocked_by"] = std::move(unlocked_by);
    data["prev"] = prev == nullptr ? json(nullptr) : LessonLink(from, *prev);
    data["next"] = next == nullptr ? json(nullptr) : LessonLink(from, *next);
    data["offline_url"] = Url(from, OfflinePath(course));
    return data;
  }

  /// A course page that lists 2,000 lessons is 1.1 MB: rendered into its file in pieces
  /// rather than into a string grown by appending, which holds it twice over.
  void Emit(const std::string& name, const std::string& path, const json& data, SiteOutput* output,
            std::vector<GeneratedList> lists = {}) {
    if (!RenderToFile(theme_, name, data, std::move(lists), path, output, sink_)) ok_ = false;
  }

  const Site& site_;
  const Theme& theme_;
  const RenderInputs& inputs_;
  const json theme_strings_;
  DiagnosticSink* sink_;
  std::map<std::string, const Lesson*> lessons_by_id_;
  mutable std::map<const Course*, std::string> scoring_json_;
  mutable std::map<const Course*, Script> course_script_;
  bool ok_ = true;
};

bool RenderToFile(const Theme& theme, const std::string& name, const json& data, std::vector<GeneratedList> lists,
                  const std::string& path, SiteOutput* output, DiagnosticSink* sink) {
  RenderStream stream;
  stream.lists = std::move(lists);
  stream.write = [output](std::string_view piece) { return output->Append(piece); };
  if (!output->Open(path)) return false;
  TemplateError error;
  const bool rendered = theme.templates.Render(name, data, stream, &error);
  const bool closed = output->Close();
  if (!rendered && output->error().empty()) theme.ReportError(error, "template-render", sink);
  return rendered && closed;
}

CourseOrder::CourseOrder(const Course& course) {
  ForEachLesson(course, [&](const Module& m, const Lesson& l) { order_.emplace_back(&m, &l); });
}

bool RenderSite(const Site& site, const Theme& theme, const RenderInputs& inputs, SiteOutput* output,
                DiagnosticSink* sink, const WorkShare& share) {
  return PageRenderer(site, theme, inputs, sink).Render(output, share);
}

OfflineCoursePages::OfflineCoursePages(const Site& site, const Theme& theme, const RenderInputs& inputs,
                                       const Course& course)
    : renderer_(std::make_unique<PageRenderer>(site, theme, inputs, nullptr)), course_(course), order_(course) {}

OfflineCoursePages::~OfflineCoursePages() = default;

json OfflineCoursePages::CoursePage() const { return renderer_->CoursePage(course_); }

std::vector<GeneratedList> OfflineCoursePages::LessonLists(json* data) const {
  return renderer_->CourseLessonLists(course_, data);
}

json OfflineCoursePages::LessonPage(size_t i) const {
  json page = renderer_->LessonPage(course_, order_, i);
  // What every page has alike, a lesson inside {{#lessons}} reads from the top level:
  // a copy in each lesson cost about 13 KB (26 MB for a course of 2,000 lessons).
  for (const char* shared : {"t", "site"}) page.erase(shared);
  return page;
}

}  // namespace morsel::gen
