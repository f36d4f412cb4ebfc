#include "generator/loader.h"

#include <algorithm>
#include <map>

#include "generator/front_matter.h"
#include "generator/image_size.h"
#include "generator/text.h"
#include "generator/url_safety.h"
#include "generator/yaml_json.h"
#include "runtime/core/calendar.h"
#include "runtime/core/gamification.h"
#include "runtime/core/object_checker.h"

namespace morsel::gen {
namespace {

using nlohmann::json;

/// True when `text` is valid UTF-8; *bad_line is the 1-based line of the first bad byte.
bool ValidUtf8(const std::string& text, int* bad_line) {
  int line = 1;
  size_t i = 0;
  while (i < text.size()) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    size_t extra = 0;
    if (c >= 0x80) {
      if (c >= 0xC2 && c <= 0xDF) {
        extra = 1;
      } else if (c >= 0xE0 && c <= 0xEF) {
        extra = 2;
      } else if (c >= 0xF0 && c <= 0xF4) {
        extra = 3;
      } else {
        *bad_line = line;
        return false;
      }
    }
    if (i + extra >= text.size() && extra > 0) {
      *bad_line = line;
      return false;
    }
    for (size_t k = 1; k <= extra; ++k) {
      if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) {
        *bad_line = line;
        return false;
      }
    }
    if (c == '\n') ++line;
    i += extra + 1;
  }
  return true;
}

/// Parsed YAML with the positions needed to report problems in it.
struct Document {
  std::string path;
  json data = json::object();
  PositionMap positions;
};

/// "12 months", "1 year", "90 days", "6 weeks": a period the core's AddPeriod reads (the
/// pages and `morsel verify` count due dates with it), of at least one unit.
bool IsPeriod(const std::string& text) {
  std::string due;
  return text[0] != '0' && core::AddPeriod("2000-01-01", text, &due);
}

class Loader {
 public:
  Loader(const FileSystem& fs, std::string root, const LoadOptions& options, DiagnosticSink* sink)
      : fs_(fs), root_(std::move(root)), options_(options), sink_(sink) {}

  bool Load(Site* site) {
    LoadConfig(&site->config);
    certificates_ = site->config.features.certificates;
    if (fs_.IsFile(JoinPath(root_, "_index.md"))) {
      Document doc;
      if (ReadPage("_index.md", &site->home, &doc)) {
        core::Diagnostics found;
        core::ObjectChecker checker(doc.data, "", "the home page's front matter", &found);
        checker.AllowOnly({"title", "description"});
        site->home.title = checker.String("title");
        site->home.description = checker.String("description");
        Report(doc, found);
      }
    }
    site->home.output_path = "index.html";
    for (const DirEntry& entry : fs_.List(root_)) {
      if (!NameIsUsable(entry.name, entry.name)) continue;
      if (!entry.is_dir) {
        if (EndsWith(entry.name, ".md") && entry.name != "_index.md") {
          Add(Error(entry.name, 0, 0, "lesson-outside-module", "lesson is not inside a course and module",
                    "move it to <course>/<module>/" + entry.name));
        }
        continue;
      }
      Course course;
      if (LoadCourse(entry.name, &course)) site->courses.push_back(std::move(course));
    }
    SortByWeight(&site->courses);
    CheckOutputPaths(*site);
    AddLogo(site);
    for (Course& course : site->courses) AddCourseImage(&course, site);
    for (const auto& [output, source] : site->config.badge_images) site->static_files[output] = source;
    return ok_;
  }

 private:
  void Report(const Document& doc, const core::Diagnostics& found) {
    for (const core::Diagnostic& d : FoldNearMisses(found)) {
      SourcePos pos = Locate(doc.positions, d.pointer, d.at_key);
      Add(Located(d, doc.path, pos.line, pos.column));
    }
  }

  /// Diagnostics name files as the author typed the content folder: "content/a.md".
  void Add(SourceDiagnostic d) {
    d.path = JoinPath(root_, d.path);
    if (d.severity == Severity::kError) ok_ = false;
    sink_->Add(std::move(d));
  }

  SourceRef RefTo(const Document& doc, const std::string& pointer, bool at_key = false) const {
    SourcePos pos = Locate(doc.positions, pointer, at_key);
    return {JoinPath(root_, doc.path), pos.line, pos.column};
  }

  bool ReadText(const std::string& rel, std::string* text) {
    std::string error;
    const int64_t size = fs_.FileSize(JoinPath(root_, rel));
    if (size > static_cast<int64_t>(kMaxTextFileBytes)) {
      Add(Error(rel, 0, 0, "too-large",
                "the file is " + std::to_string(size >> 10) + " KB: Morsel reads text files of at most " +
                    std::to_string(kMaxTextFileBytes >> 20) + " MB (front matter up to " +
                    std::to_string(kMaxYamlBytes >> 20) + " MB, text up to " + std::to_string(kMaxMarkdownBytes >> 20) +
                    " MB)",
                "split it into several lessons; if it is not a page, give it another extension than .md"));
      return false;
    }
    if (!fs_.ReadFile(JoinPath(root_, rel), text, &error)) {
      Add(Error(rel, 0, 0, "read-failed", error));
      return false;
    }
    int bad_line = 0;
    if (!ValidUtf8(*text, &bad_line)) {
      Add(Error(rel, bad_line, 0, "not-utf8", "file is not valid UTF-8 text", "save the file as UTF-8 in your editor"));
      return false;
    }
    sink_->AddSource(JoinPath(root_, rel), *text);
    return true;
  }

  void LoadConfig(SiteConfig* config) {
    std::string text;
    if (!fs_.IsFile(JoinPath(root_, "site.yml"))) {
      Add(Error("site.yml", 0, 0, "missing-site-config", "the content folder has no site.yml",
                "create it with at least 'title' and 'id'"));
      return;
    }
    if (!ReadText("site.yml", &text)) return;
    Document doc;
    doc.path = "site.yml";
    YamlOrigin origin{JoinPath(root_, "site.yml"), &text, 1, 0};
    if (!YamlToJson(text, origin, &doc.data, &doc.positions, sink_)) {
      ok_ = false;
      return;
    }
    if (doc.data.is_null()) doc.data = json::object();
    core::Diagnostics found;
    core::ObjectChecker checker(doc.data, "", "site.yml", &found);
    checker.AllowOnly({"title", "id", "language", "description", "organization", "logo", "theme", "base_url",
                       "raw_html", "plain_answer_keys", "features", "footer_links", "progress", "csp", "xapi",
                       "gamification", "discuss", "share", "review"});
    if (checker.Require("title")) config->title = checker.String("title");
    if (checker.Require("id")) {
      config->id = checker.String("id");
      config->id_ref = RefTo(doc, "/id");
      if (doc.data.at("id").is_string() && !IsSlug(config->id)) {
        found.push_back({Severity::kError, "/id", false, "invalid-site-id",
                         "site id '" + config->id + "' must be a lowercase slug (a-z, 0-9, '-')",
                         "learners' progress is stored under this id: pick it once, keep it"});
      }
    }
    const std::string language = LanguageKey(checker, doc, &found);
    if (!language.empty()) config->language = language;
    config->description = checker.String("description");
    config->organization = checker.String("organization");
    config->logo = checker.String("logo");
    config->logo_ref = RefTo(doc, "/logo");
    config->theme = checker.String("theme");
    config->base_url = checker.String("base_url");
    if (!config->base_url.empty() && config->base_url.compare(0, 8, "https://") != 0 &&
        config->base_url.compare(0, 7, "http://") != 0) {
      found.push_back({Severity::kError, "/base_url", false, "invalid-value",
                       "'base_url' must be an absolute http(s) URL such as "
                       "'https://learn.example.com/'",
                       "it is used for the sitemap, canonical links and the 404 page"});
    } else if (!config->base_url.empty() && config->base_url.back() != '/') {
      config->base_url += '/';
    }
    if (doc.data.is_object() && doc.data.contains("csp")) config->csp = checker.Bool("csp");
    config->raw_html = checker.Bool("raw_html");
    config->plain_answer_keys = checker.Bool("plain_answer_keys");
    if (config->plain_answer_keys) {
      found.push_back({Severity::kWarning, "/plain_answer_keys", false, "plain-answer-keys",
                       "answer keys are written in plain text: anyone can read the answers in the pages",
                       "use this only to debug a site; remove it before publishing"});
    }
    if (doc.data.is_object() && doc.data.contains("features")) {
      core::ObjectChecker features(doc.data.at("features"), "/features", "'features'", &found);
      features.AllowOnly({"search", "gamification", "review", "certificates", "offline"});
      auto flag = [&](const char* key, bool* value) {
        if (doc.data.at("features").is_object() && doc.data.at("features").contains(key)) {
          *value = features.Bool(key);
        }
      };
      flag("search", &config->features.search);
      flag("gamification", &config->features.gamification);
      flag("review", &config->features.review);
      flag("certificates", &config->features.certificates);
      flag("offline", &config->features.offline);
      config->features.offline_explicit =
          doc.data.at("features").is_object() && doc.data.at("features").contains("offline");
    }
    if (doc.data.is_object() && doc.data.contains("progress")) {
      core::ObjectChecker progress(doc.data.at("progress"), "/progress", "'progress'", &found);
      progress.AllowOnly({"stale_answers"});
      config->stale_answers = progress.Enum("stale_answers", {"ask_again", "keep"}, "ask_again");
    }
    if (doc.data.is_object() && doc.data.contains("xapi")) ReadXapi(doc.data.at("xapi"), config, &found);
    if (doc.data.is_object() && doc.data.contains("gamification")) ReadGamificationSettings(doc, config, &found);
    if (doc.data.is_object() && doc.data.contains("share")) config->share = checker.Bool("share");
    config->discuss = checker.String("discuss");
    if (!config->discuss.empty()) CheckDiscuss(config->discuss, &found);
    if (doc.data.is_object() && doc.data.contains("review")) {
      // The core's reader, which the runtime uses too: every problem at its place here.
      core::Diagnostics review;
      config->review = core::ReadReviewSettings(doc.data.at("review"), &review);
      for (core::Diagnostic& d : review) d.pointer = "/review" + d.pointer;
      found.insert(found.end(), review.begin(), review.end());
    }
    if (const json* links = checker.Array("footer_links")) {
      for (size_t i = 0; i < links->size(); ++i) {
        core::ObjectChecker link((*links)[i], "/footer_links/" + std::to_string(i), "a footer link", &found);
        link.AllowOnly({"title", "url"});
        FooterLink out;
        if (link.Require("title")) out.title = link.String("title");
        if (link.Require("url")) out.url = link.String("url");
        if (link.ok()) config->footer_links.push_back(out);
      }
    }
    Report(doc, found);
  }

  /// site.yml's `xapi`: the endpoint only. Credentials in a published site are anyone's:
  /// they come from the learner's launch link (docs/lms.md), and site.yml refuses them.
  static void ReadXapi(const json& xapi, SiteConfig* config, core::Diagnostics* found) {
    // Refused with the reason, then left out of the check for unknown keys.
    json rest = xapi;
    if (xapi.is_object()) {
      for (const std::string key :
           {"auth", "authorization", "key", "secret", "password", "username", "user", "token", "credentials"}) {
        if (rest.erase(key) == 0) continue;
        found->push_back(
            {core::Severity::kError, "/xapi/" + key, true, "xapi-credentials",
             "'xapi." + key + "' would publish the LRS's credentials with the site, where anyone can read them",
             "remove it: each learner's link carries them (?auth=…&actor=…), see docs/lms.md"});
      }
    }
    core::ObjectChecker checker(rest, "/xapi", "'xapi'", found);
    checker.AllowOnly({"endpoint"});
    if (!checker.Require("endpoint")) return;
    const std::string endpoint = checker.String("endpoint");
    std::string origin;
    std::string problem;
    if (!XapiEndpointOrigin(endpoint, &origin, &problem)) {
      found->push_back({core::Severity::kError, "/xapi/endpoint", false, "invalid-value",
                        "'xapi.endpoint' " + problem + " (found '" + endpoint + "')",
                        "the LRS's xAPI base URL, such as 'https://lrs.example.com/xapi/'"});
      return;
    }
    config->xapi_endpoint = endpoint.back() == '/' ? endpoint : endpoint + '/';
    config->xapi_origin = origin;
  }

  /// site.yml's `gamification`: checked by the core's own reader (the runtime reads it with
  /// the same code, leniently), kept as written for the pages, with the place of each
  /// course or module a badge's rule names for the validate stage.
  void ReadGamificationSettings(const Document& doc, SiteConfig* config, core::Diagnostics* found) const {
    const json& settings = doc.data.at("gamification");
    core::Diagnostics problems;
    core::ReadGamification(settings, &problems);
    for (core::Diagnostic& d : problems) {
      d.pointer = "/gamification" + d.pointer;
      found->push_back(std::move(d));
    }
    config->gamification = settings;
    json* badges = settings.is_object() && settings.contains("badges") ? &config->gamification.at("badges") : nullptr;
    if (badges == nullptr || !badges->is_array()) return;
    for (size_t i = 0; i < badges->size(); ++i) {
      BadgeImage(i, &(*badges)[i], config, found);
      const json& rule = (*badges)[i].is_object() ? (*badges)[i].value("rule", json()) : json();
      if (!rule.is_object()) continue;
      const std::string at = "/gamification/badges/" + std::to_string(i) + "/rule/";
      for (const char* kind : {"complete_course", "complete_module", "pass_course"}) {
        const json* target = rule.contains(kind) ? &rule.at(kind) : nullptr;
        if (target != nullptr && target->is_object() && target->contains("course")) target = &target->at("course");
        if (target == nullptr || !target->is_string()) continue;
        const bool module = std::string(kind) == "complete_module";
        const std::string pointer = at + kind + (rule.at(kind).is_object() ? "/course" : "");
        config->badge_targets.push_back({module, target->get<std::string>(), RefTo(doc, pointer)});
      }
    }
  }

  /// `discuss` is an absolute http(s) URL whose placeholders are known ones.
  static void CheckDiscuss(const std::string& url, core::Diagnostics* found) {
    std::string problem;
    if (url.compare(0, 8, "https://") != 0 && url.compare(0, 7, "http://") != 0) {
      problem = "'discuss' must be an absolute http(s) URL (found '" + url + "')";
    }
    for (size_t open = url.find('{'); problem.empty() && open != std::string::npos; open = url.find('{', open + 1)) {
      const size_t close = url.find('}', open);
      const std::string name = close == std::string::npos ? url.substr(open) : url.substr(open + 1, close - open - 1);
      if (name != "lesson" && name != "course" && name != "title" && name != "url") {
        problem = "'discuss' has an unknown placeholder '{" + name + "}'";
      }
    }
    if (problem.empty()) return;
    found->push_back({Severity::kError, "/discuss", false, "invalid-value", problem,
                      "for example 'https://forum.example.com/new-topic?title={title}&body={url}'; placeholders: "
                      "{lesson} (the lesson's id), {course} (its course's id), {title}, {url} (the lesson's address, "
                      "with base_url set)"});
  }

  /// A badge's image is copied to assets/badges/<its path> (SVGs checked as every
  /// copied file is); the settings the pages carry name the copy. A missing one is an error
  /// at its place and left out.
  void BadgeImage(size_t index, json* badge, SiteConfig* config, core::Diagnostics* found) const {
    if (!badge->is_object() || !badge->contains("image") || !badge->at("image").is_string()) return;
    const std::string image = badge->at("image").get<std::string>();
    const std::string pointer = "/gamification/badges/" + std::to_string(index) + "/image";
    const std::string normalized = NormalizePath(image);
    const std::string refused = fs_.Refusal(JoinPath(root_, normalized));
    if (!refused.empty()) {
      found->push_back({Severity::kError, pointer, false, "outside-source", "badge image '" + image + "' " + refused,
                        "copy the image into the content folder instead of linking to it"});
    } else if (normalized.empty() || normalized.compare(0, 2, "..") == 0 || normalized[0] == '/' ||
               !fs_.IsFile(JoinPath(root_, normalized))) {
      found->push_back({Severity::kError, pointer, false, "missing-image", "badge image '" + image + "' does not exist",
                        "the path is relative to the content folder and must stay inside it"});
    } else {
      const std::string output = "assets/badges/" + normalized;
      config->badge_images[output] = normalized;
      (*badge)["image"] = output;
      return;
    }
    badge->erase("image");
  }

  /// The logo is copied to assets/ under its own name.
  void AddLogo(Site* site) {
    const std::string& logo = site->config.logo;
    if (logo.empty()) return;
    std::string normalized = NormalizePath(logo);
    const std::string refused = fs_.Refusal(JoinPath(root_, normalized));
    if (!refused.empty()) {
      Add(Error("site.yml", site->config.logo_ref.line, site->config.logo_ref.column, "outside-source",
                "logo '" + logo + "' " + refused, "copy the image into the content folder instead of linking to it"));
      return;
    }
    if (normalized.compare(0, 2, "..") == 0 || normalized[0] == '/' || !fs_.IsFile(JoinPath(root_, normalized))) {
      Add(Error("site.yml", site->config.logo_ref.line, site->config.logo_ref.column, "missing-image",
                "logo '" + logo + "' does not exist",
                "the path is relative to the content folder and must stay inside it"));
      return;
    }
    site->logo_output = "assets/" + normalized.substr(normalized.rfind('/') + 1);
    site->static_files[site->logo_output] = normalized;
    // Shown 32 px high: its width at that height, so the header does not move as it loads.
    std::string bytes, error;
    if (fs_.ReadFile(JoinPath(root_, normalized), &bytes, &error)) {
      const ImageSize size = ReadImageSize(bytes);
      if (size.width > 0 && size.height > 0)
        site->logo_width = (size.width * kLogoHeight + size.height / 2) / size.height;
    }
  }

  /// A course's cover (`image`): a picture in the content folder, relative to the course's
  /// own folder, copied beside the course page under its own name.
  void AddCourseImage(Course* course, Site* site) {
    if (course->image.empty()) return;
    const std::string folder = course->source_path.substr(0, course->source_path.rfind('/') + 1);
    const std::string normalized = NormalizePath(folder + course->image);
    const SourceRef& at = course->image_ref;
    const std::string refused = fs_.Refusal(JoinPath(root_, normalized));
    if (!refused.empty()) {
      Add(Error(course->source_path, at.line, at.column, "outside-source", "image '" + course->image + "' " + refused,
                "copy the image into the content folder instead of linking to it"));
      return;
    }
    if (!IsImagePath(normalized)) {
      Add(Error(course->source_path, at.line, at.column, "not-an-image", "'" + course->image + "' is not an image",
                "a course's cover image is a .png, .jpg, .jpeg, .gif, .svg, .webp or .avif file"));
      return;
    }
    if (normalized.compare(0, 2, "..") == 0 || normalized[0] == '/' || !fs_.IsFile(JoinPath(root_, normalized))) {
      Add(Error(course->source_path, at.line, at.column, "missing-image",
                "image '" + course->image + "' does not exist",
                "the path is relative to the course's folder (beside its _index.md)"));
      return;
    }
    course->image_output = course->slug + "/" + normalized.substr(normalized.rfind('/') + 1);
    site->static_files[course->image_output] = normalized;
  }

  /// `language` of site.yml or a lesson: a language tag, or "" when absent or not one
  /// (reported).
  static std::string LanguageKey(core::ObjectChecker& checker, const Document& doc, core::Diagnostics* found) {
    if (!doc.data.is_object() || !doc.data.contains("language")) return "";
    std::string language = checker.String("language");
    if (IsLanguageTag(language)) return language;
    found->push_back({Severity::kError, "/language", false, "invalid-value",
                      "'language' must be a language tag such as 'en' or 'pt-BR' (found '" + language + "')", ""});
    return "";
  }

  static bool IsLanguageTag(const std::string& tag) {
    if (tag.size() < 2 || tag.size() > 35) return false;
    for (char c : tag) {
      bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
      if (!ok) return false;
    }
    return true;
  }

  /// Reads a Markdown page and its front matter; false when it could not be parsed.
  bool ReadPage(const std::string& rel, PageSource* page, Document* doc) {
    std::string text;
    if (!ReadText(rel, &text)) return false;
    page->source_path = rel;
    doc->path = rel;
    FrontMatter fm = SplitFrontMatter(text);
    if (!fm.closed) {
      Add(Error(rel, 1, 1, "front-matter-not-closed", "front matter is not closed",
                "end it with a line holding only '---'"));
      return false;
    }
    page->body = fm.body;
    page->body_line = fm.body_line;
    if (!fm.present) return true;
    YamlOrigin origin{JoinPath(root_, rel), &text, fm.yaml_line, 0};
    if (!YamlToJson(fm.yaml, origin, &doc->data, &doc->positions, sink_)) {
      ok_ = false;
      return false;
    }
    if (doc->data.is_null()) doc->data = json::object();
    return true;
  }

  /// The keys every page kind shares: title, id, description, weight, draft.
  void CommonKeys(core::ObjectChecker& checker, const Document& doc, const std::string& default_id, PageSource* page,
                  core::Diagnostics* found) {
    if (checker.Require("title")) page->title = checker.String("title");
    page->description = checker.String("description");
    page->weight = static_cast<int>(checker.Int("weight", -1000000, 1000000, 0));
    page->draft = checker.Bool("draft");
    page->id = default_id;
    if (doc.data.is_object() && doc.data.contains("id")) {
      std::string id = checker.String("id");
      if (!id.empty() && !IsSlug(id, true)) {
        found->push_back({Severity::kError, "/id", false, "invalid-id",
                          "id '" + id + "' may only contain a-z, 0-9, '-' and '_'",
                          "ids keep learners' progress attached: choose a short stable slug"});
      } else if (!id.empty()) {
        page->id = id;
        page->id_ref = RefTo(doc, "/id");
      }
    }
  }

  std::vector<Prerequisite> Prerequisites(core::ObjectChecker& checker, const Document& doc) {
    std::vector<Prerequisite> out;
    std::vector<std::string> items = checker.StringList("prerequisites");
    for (size_t i = 0; i < items.size(); ++i) {
      std::string pointer = "/prerequisites";
      if (doc.data.at("prerequisites").is_array()) pointer += "/" + std::to_string(i);
      out.push_back({items[i], RefTo(doc, pointer)});
    }
    return out;
  }

  bool Excluded(const PageSource& page) const { return page.draft && !options_.drafts; }

  bool LoadCourse(const std::string& dir, Course* course) {
    std::string index = JoinPath(dir, "_index.md");
    if (!fs_.IsFile(JoinPath(root_, index))) {
      // Folders without Markdown (images, attachments) are not courses.
      if (ContainsMarkdown(dir)) {
        Add(Error(dir, 0, 0, "missing-index", "folder '" + dir + "' holds lessons but has no _index.md",
                  "add " + index + " with the course's title"));
      }
      return false;
    }
    Document doc;
    if (!ReadPage(index, course, &doc)) return false;
    core::Diagnostics found;
    core::ObjectChecker checker(doc.data, "", "a course's front matter", &found);
    checker.AllowOnly({"title", "id", "description", "audience", "objectives", "weight", "tags", "prerequisites",
                       "pass_mark", "certificate", "recertify_after", "draft", "image"});
    course->slug = SlugFromName(dir);
    CommonKeys(checker, doc, course->slug, course, &found);
    course->audience = checker.String("audience");
    course->objectives = checker.StringList("objectives");
    course->tags = checker.StringList("tags");
    course->prerequisites = Prerequisites(checker, doc);
    course->pass_mark = static_cast<int>(checker.Int("pass_mark", 0, 100, 0));
    course->certificate = checker.Bool("certificate");
    course->recertify_after = checker.String("recertify_after");
    course->image = checker.String("image");
    if (!course->image.empty()) course->image_ref = RefTo(doc, "/image");
    if (course->certificate && !certificates_) {
      found.push_back({Severity::kWarning, "/certificate", false, "certificates-off",
                       "this course offers a certificate, but site.yml switches certificates off "
                       "('features: {certificates: false}'): none is offered",
                       "remove 'certificates: false' from site.yml's features, or 'certificate' from here"});
    }
    if (!course->recertify_after.empty() && !IsPeriod(course->recertify_after)) {
      found.push_back({Severity::kError, "/recertify_after", false, "invalid-value",
                       "'recertify_after' must be a period such as '12 months', '1 year' or '90 days'", ""});
    }
    Report(doc, found);
    if (Excluded(*course)) return false;
    course->output_path = course->slug + "/index.html";
    for (const DirEntry& entry : fs_.List(JoinPath(root_, dir))) {
      std::string rel = JoinPath(dir, entry.name);
      if (!NameIsUsable(entry.name, rel)) continue;
      if (entry.is_dir) {
        Module module;
        if (LoadModule(rel, *course, &module)) course->modules.push_back(std::move(module));
      } else if (EndsWith(entry.name, ".md") && entry.name != "_index.md") {
        Add(Error(rel, 0, 0, "lesson-outside-module", "lesson is not inside a module",
                  "move it into a module folder: " + dir + "/<module>/" + entry.name));
      }
    }
    if (course->modules.empty()) {
      Add(Error(index, 0, 0, "empty-course", "course '" + course->title + "' has no modules",
                "add a module folder with an _index.md and lessons"));
    }
    SortByWeight(&course->modules);
    return true;
  }

  /// False (reported) when a page's file or folder name would break its links or the
  /// lock; folders and files that are not pages are checked when something links them.
  bool NameIsUsable(const std::string& name, const std::string& rel) {
    const std::string bad = BadNameCharacter(name);
    if (bad.empty()) return true;
    const bool page = EndsWith(name, ".md") || fs_.IsDir(JoinPath(root_, rel));
    if (!page) return true;
    Add(Error(PrintableName(rel), 0, 0, "bad-file-name",
              "the name '" + PrintableName(name) + "' has " + bad + ", which links and morsel.lock cannot hold",
              "rename it with letters, digits, '-' and '_' (page names become URLs)"));
    return false;
  }

  /// Lessons in a folder inside a module are not the module's: each one is reported.
  void ReportNestedLessons(const std::string& dir, const std::string& module_dir) {
    for (const DirEntry& e : fs_.List(JoinPath(root_, dir))) {
      std::string rel = JoinPath(dir, e.name);
      if (e.is_dir) {
        ReportNestedLessons(rel, module_dir);
      } else if (EndsWith(e.name, ".md")) {
        Add(Error(
            rel, 0, 0, "lesson-outside-module",
            "lesson is in a folder inside module '" + module_dir + "': it is not published",
            "a module's lessons are the .md files directly in its folder: move it to " + module_dir + "/" + e.name));
      }
    }
  }

  bool ContainsMarkdown(const std::string& dir) const {
    for (const DirEntry& e : fs_.List(JoinPath(root_, dir))) {
      std::string rel = JoinPath(dir, e.name);
      if (e.is_dir ? ContainsMarkdown(rel) : EndsWith(e.name, ".md")) return true;
    }
    return false;
  }

  bool LoadModule(const std::string& dir, const Course& course, Module* module) {
    std::string index = JoinPath(dir, "_index.md");
    if (!fs_.IsFile(JoinPath(root_, index))) {
      if (ContainsMarkdown(dir)) {
        Add(Error(dir, 0, 0, "missing-index", "folder '" + dir + "' holds lessons but has no _index.md",
                  "add " + index + " with the module's title"));
      }
      return false;
    }
    Document doc;
    if (!ReadPage(index, module, &doc)) return false;
    core::Diagnostics found;
    core::ObjectChecker checker(doc.data, "", "a module's front matter", &found);
    checker.AllowOnly({"title", "id", "description", "weight", "sequential", "draft"});
    module->slug = SlugFromName(dir.substr(dir.rfind('/') + 1));
    CommonKeys(checker, doc, course.id + "/" + module->slug, module, &found);
    module->sequential = checker.Bool("sequential");
    Report(doc, found);
    if (Excluded(*module)) return false;
    bool had_lessons = false;
    for (const DirEntry& entry : fs_.List(JoinPath(root_, dir))) {
      if (entry.is_dir) {
        ReportNestedLessons(JoinPath(dir, entry.name), dir);
        continue;
      }
      if (!EndsWith(entry.name, ".md") || entry.name == "_index.md") continue;
      if (!NameIsUsable(entry.name, JoinPath(dir, entry.name))) continue;
      had_lessons = true;
      Lesson lesson;
      if (LoadLesson(JoinPath(dir, entry.name), course, *module, &lesson)) {
        module->lessons.push_back(std::move(lesson));
      }
    }
    if (!had_lessons) {
      Add(Error(index, 0, 0, "empty-module", "module '" + module->title + "' has no lessons",
                "add a lesson file (.md) to " + dir));
    }
    SortByWeight(&module->lessons);
    return true;
  }

  bool LoadLesson(const std::string& rel, const Course& course, const Module& module, Lesson* lesson) {
    Document doc;
    if (!ReadPage(rel, lesson, &doc)) return false;
    core::Diagnostics found;
    core::ObjectChecker checker(doc.data, "", "a lesson's front matter", &found);
    checker.AllowOnly({"title", "id", "weight", "description", "duration_minutes", "objectives", "tags",
                       "prerequisites", "completion", "draft", "language"});
    std::string slug = SlugFromName(rel.substr(rel.rfind('/') + 1));
    CommonKeys(checker, doc, module.id + "/" + slug, lesson, &found);
    lesson->duration_minutes = static_cast<int>(checker.Int("duration_minutes", 1, 600, 0));
    lesson->objectives = checker.StringList("objectives");
    lesson->tags = checker.StringList("tags");
    lesson->language = LanguageKey(checker, doc, &found);
    lesson->prerequisites = Prerequisites(checker, doc);
    std::string completion = checker.Enum("completion", {"view", "answer", "pass"}, "");
    lesson->completion_set = !completion.empty();
    lesson->completion = completion == "view"     ? Completion::kView
                         : completion == "answer" ? Completion::kAnswer
                                                  : Completion::kPass;
    Report(doc, found);
    if (Excluded(*lesson)) return false;
    lesson->output_path = course.slug + "/" + module.slug + "/" + slug + ".html";
    return true;
  }

  template <typename T>
  static void SortByWeight(std::vector<T>* pages) {
    std::stable_sort(pages->begin(), pages->end(), [](const T& a, const T& b) {
      if (a.weight != b.weight) return a.weight < b.weight;
      return a.source_path < b.source_path;
    });
  }

  void CheckOutputPaths(const Site& site) {
    std::map<std::string, std::string> seen;
    std::map<std::string, const PageSource*> folded;
    auto claim = [&](const PageSource& page) {
      auto [it, inserted] = seen.emplace(page.output_path, page.source_path);
      auto [other, fresh] = folded.emplace(Lower(page.output_path), &page);
      if (inserted && !fresh) {
        Add(Error(page.source_path, 0, 0, "case-conflict",
                  "'" + page.output_path + "' (from '" + page.source_path + "') and '" + other->second->output_path +
                      "' (from '" + other->second->source_path +
                      "') differ only in case: on a disk that ignores case (Windows, macOS) one overwrites the other",
                  "rename one of them"));
      }
      if (!inserted) {
        Add(Error(
            page.source_path, 0, 0, "duplicate-output-path",
            "'" + page.source_path + "' and '" + it->second + "' would both be written to '" + page.output_path + "'",
            "rename one of them: 'NN-' prefixes are not part of the page name"));
      }
    };
    for (const Course& c : site.courses) {
      claim(c);
      ForEachLesson(c, [&](const Module&, const Lesson& l) { claim(l); });
    }
  }

  const FileSystem& fs_;
  std::string root_;
  LoadOptions options_;
  DiagnosticSink* sink_;
  bool ok_ = true;
  /// site.yml's features.certificates, for the courses that ask for one.
  bool certificates_ = true;
};

}  // namespace

// What in a file or folder name would break the site, or "": a control character (a
// newline cannot be recorded in morsel.lock, nor typed in a link), '#', '?' and '%', which
// a URL reads as a fragment, a query or an escape, and '\\', which Windows reads as a
// folder separator.
std::string BadNameCharacter(const std::string& name) {
  for (char c : name) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '\n') return "a line break";
    if (u < 0x20 || u == 0x7F) return "a control character";
    if (c == '#' || c == '?' || c == '%' || c == '\\') return std::string("'") + c + "'";
  }
  return "";
}

std::string PrintableName(const std::string& name) {
  std::string shown;
  for (char c : name) shown += static_cast<unsigned char>(c) < 0x20 || c == 0x7F ? '?' : c;
  return shown;
}

bool IsSlug(const std::string& s, bool allow_underscore) {
  if (s.empty()) return false;
  return std::all_of(s.begin(), s.end(), [&](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || (allow_underscore && c == '_');
  });
}

std::string SlugFromName(const std::string& name) {
  std::string slug = EndsWith(name, ".md") ? name.substr(0, name.size() - 3) : name;
  size_t digits = 0;
  while (digits < slug.size() && slug[digits] >= '0' && slug[digits] <= '9') ++digits;
  if (digits > 0 && digits < slug.size() - 1 && slug[digits] == '-') slug = slug.substr(digits + 1);
  return slug;
}

bool LoadSite(const FileSystem& fs, const std::string& root, const LoadOptions& options, Site* site,
              DiagnosticSink* sink) {
  return Loader(fs, root, options, sink).Load(site);
}

}  // namespace morsel::gen
