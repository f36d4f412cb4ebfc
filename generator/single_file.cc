#include "generator/single_file.h"

#include <algorithm>
#include <set>

#include "generator/content.h"
#include "generator/html_escape.h"
#include "generator/render.h"
#include "generator/text.h"
#include "generator/url_safety.h"
#include "runtime/core/answer_key.h"

namespace morsel::gen {
namespace {

using nlohmann::json;

/// A URL with a scheme ("https:", "mailto:") or a network path ("//host").
bool IsExternal(const std::string& url) { return url.compare(0, 2, "//") == 0 || !UrlScheme(url).empty(); }

/// Text that may sit inside <script> or <style> without ending it early: "</" followed by
/// the element name, and "<!--", are broken up with a backslash (inside a JS string or
/// regular expression, and in CSS, "\/" and "\!" mean "/" and "!").
std::string RawText(std::string text) {
  for (const char* bad : {"</script", "</SCRIPT", "</style", "</STYLE"}) {
    for (size_t at = text.find(bad); at != std::string::npos; at = text.find(bad, at + 3)) {
      text.insert(at + 1, "\\");
    }
  }
  for (size_t at = text.find("<!--"); at != std::string::npos; at = text.find("<!--", at + 3)) {
    text.insert(at + 1, "\\");
  }
  return text;
}

/// %XX escapes decoded (an href's fragment is percent-encoded; ids are not).
std::string PercentDecode(const std::string& text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size() && std::isxdigit(static_cast<unsigned char>(text[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(text[i + 2]))) {
      out.push_back(static_cast<char>(std::stoi(text.substr(i + 1, 2), nullptr, 16)));
      i += 2;
    } else {
      out.push_back(text[i]);
    }
  }
  return out;
}

/// A theme file's contents; "" when the theme has none.
std::string ThemeFile(const Theme& theme, const std::string& path) {
  auto it = theme.files.find(path);
  return it == theme.files.end() ? std::string() : it->second;
}

/// The stylesheet, the icon and the runtime as inline elements (template data `css`,
/// `icon_url`, `theme_script`, `scripts`), and the Content-Security-Policy (`csp`) that allows each by
/// its hash and nothing else. The same in every course's file: prepared once per build.
json InlineFiles(const Theme& theme) {
  std::string css = RawText(ThemeFile(theme, "assets/morsel.css"));
  json scripts = json::array();
  std::string script_hashes;
  // theme.js in <head> (`theme_script`), so that a chosen theme shows from the first paint.
  std::string theme_script = RawText(ThemeFile(theme, "runtime/theme.js"));
  script_hashes += " " + CspHash(theme_script);
  // lms.js before the glue: in a package for an LMS (`morsel package`) it finds the LMS's
  // API and leaves window.MorselLms for the glue; elsewhere it does nothing. xapi.js before
  // it: the LRS client of cmi5, and of a site with an LRS (site.yml xapi).
  for (const char* name : {"runtime/offline.js", "runtime/morsel-runtime.wasm.js", "runtime/morsel-runtime.js",
                           "runtime/morsel-progress.wasm.js", "runtime/morsel-progress.js", "runtime/xapi.js",
                           "runtime/lms.js", "runtime/path.js", "runtime/morsel.js"}) {
    std::string text = ThemeFile(theme, name);
    if (std::string_view(name).find(".wasm.js") != std::string_view::npos) text = Latin1ToUtf8(text);
    text = RawText(std::move(text));
    script_hashes += " " + CspHash(text);
    scripts.push_back({{"text", std::move(text)}});
  }
  const std::string icon = ThemeFile(theme, "assets/favicon.svg");
  json data;
  data["csp"] = "default-src 'none'; img-src data: *; media-src data: *; style-src " + CspHash(css) + "; script-src" +
                script_hashes + " 'wasm-unsafe-eval'; base-uri 'none'";
  data["css"] = std::move(css);
  data["theme_script"] = std::move(theme_script);
  data["icon_url"] = icon.empty() ? "" : "data:image/svg+xml;base64," + core::Base64Encode(icon);
  data["scripts"] = std::move(scripts);
  // Pages load these as runtime/strings.<hash>.js; the single file loads nothing.
  data["runtime_strings_json"] = ScriptJson(theme.strings.value("runtime", json::object()));
  return data;
}

/// Renders one course's single file: its pages as sections of one document, rendered
/// from the model with the same templates as the site's pages, through a ContentEdition
/// whose ids carry their section's prefix and whose links name sections.
class SingleFileBuilder {
 public:
  SingleFileBuilder(const Site& site, const Theme& theme, const AssetNames& names, const FileSystem& fs,
                    const std::string& source, const SingleFileOptions& options, DiagnosticSink* sink)
      : site_(site),
        theme_(theme),
        names_(names),
        fs_(fs),
        source_(source),
        options_(options),
        sink_(sink),
        inline_files_(InlineFiles(theme)) {}

  /// Writes `course`'s single file at `path` of `output` as it is rendered, one lesson's
  /// content and data at a time (a generated list, generator/mustache.h): a course of
  /// 2,000 lessons held all of them, 36 MB, for a file of 7.5 MB. False on a template
  /// error (reported) or a failed write (output->error()).
  bool Render(const Course& course, const std::string& path, SiteOutput* output) {
    file_ = OfflinePath(course);
    const std::string course_section = "course-" + course.slug;
    Sections(course, course_section);
    bool ok = true;
    const ContentEdition edition = Edition();
    // No gamification: the single file has no header to show it in (docs/engagement.md).
    const RenderInputs inputs{RenderedContent(site_, theme_, edition, sink_, &ok), names_,
                              site_.config.features.offline, SiteScript()};
    const OfflineCoursePages pages(site_, theme_, inputs, course);
    json data = pages.CoursePage();
    data["course"]["section_id"] = course_section;
    data["course"]["page_url"] = RelativePath(DirName(file_), course.output_path);
    data["course_section_id"] = course_section;
    data["course_json"] = data["course"]["scoring_json"];
    data["lessons"] = json::array();
    data.update(inline_files_);
    if (!options_.lms.empty()) data["lms"] = options_.lms;
    // Connections: for cmi5, to the LRS and token URL the LMS's launch names, whatever they
    // are; for a site with an LRS, to that one; otherwise none.
    if (options_.lms == "cmi5") {
      data["csp"] = data["csp"].get<std::string>() + "; connect-src *";
    } else if (options_.lms.empty() && !site_.config.xapi_origin.empty()) {
      data["csp"] = data["csp"].get<std::string>() + "; connect-src " + site_.config.xapi_origin;
    }
    std::vector<GeneratedList> lists = pages.LessonLists(&data);
    lists.push_back({&data["lessons"], pages.order().size(), [&](size_t i) {
                       json page = pages.LessonPage(i);
                       MapLinks(&page);
                       if (options_.section_rendered) options_.section_rendered();
                       return page;
                     }});
    return RenderToFile(theme_, "offline", data, std::move(lists), path, output, sink_) && ok;
  }

 private:
  /// A lesson page's links, made for its own place, as the single file needs them.
  void MapLinks(json* page) const {
    const std::string from = (*page)["page"].value("path", std::string());
    (*page)["lesson"]["page_url"] = RelativePath(DirName(file_), from);
    json& module = (*page)["module"];
    module["url"] = MapUrl(from, module.value("url", std::string()));
    for (json& link : (*page)["lesson"]["prerequisites"]) link["url"] = MapUrl(from, link.value("url", std::string()));
    for (json& link : (*page)["lesson"]["unlocked_by"]) link["url"] = MapUrl(from, link.value("url", std::string()));
  }

  /// A page of the course as a section of the single file. Each page had its own ids, so
  /// two lessons may both have a heading "summary": in the single file every id of a
  /// page's content is prefixed with its section's id, "<section id>:<id>", and every
  /// reference to it with it. Heading and block ids are slugs, without ':', so the part
  /// after the last ':' is the id on the page (the glue stores that one as the resume
  /// anchor: the state is the same for both editions). Template ids (the course page's
  /// module anchors, "main") stay as they are.
  struct Section {
    std::string id;
    /// The anchors of the page's content (its headings) a link may name.
    std::set<std::string> ids;
  };

  /// Every page's section first: a link may name a heading of a section rendered later.
  void Sections(const Course& course, const std::string& course_section) {
    sections_.clear();
    sections_[course.output_path] = {course_section, {course.anchors.begin(), course.anchors.end()}};
    ForEachLesson(course, [&](const Module&, const Lesson& l) {
      sections_[l.output_path] = {l.id, {l.anchors.begin(), l.anchors.end()}};
    });
  }

  /// How the single file links and names its pages' content: ids prefixed with their
  /// section's; links in the markup by MapTarget, images inlined (MapImage); in the texts
  /// the runtime form carries (feedback), images inlined too but links left as the page
  /// has them: runtime/web/offline.js maps those as the glue shows the feedback, from the
  /// page's place.
  ContentEdition Edition() {
    ContentEdition edition;
    edition.markup_url = [this](const PageSource& page, const ResolvedLink& link, bool is_image) {
      std::string data = is_image ? InlineImage(link, page) : "";
      return data.empty() ? MapTarget(page, link) : data;
    };
    edition.feedback_url = [this](const PageSource& page, const ResolvedLink& link, bool is_image) {
      std::string data = is_image ? InlineImage(link, page) : "";
      return data.empty() ? link.url : data;
    };
    edition.id_prefix = [this](const PageSource& page) { return sections_.at(page.output_path).id + ":"; };
    // Flashcards flip, but their rating needs runtime/web/review.js, which the file lacks.
    edition.rate_flashcards = false;
    return edition;
  }

  /// The fragment for "#anchor" (as written in an href) on `section`'s page: the
  /// section's copy of that id; the section itself for "main" (a page's <main> is its
  /// section here) or no anchor; else as written (a template id such as a module anchor).
  static std::string Fragment(const Section& section, const std::string& anchor) {
    const std::string id = PercentDecode(anchor);
    if (section.ids.count(id) > 0) return "#" + section.id + ":" + anchor;
    if (id.empty() || id == "main") return "#" + section.id;
    return "#" + anchor;
  }

  /// A resolved link of `page` as the single file needs it: to a page of this course, a
  /// #fragment (see Fragment); to anything else, a path from the file.
  std::string MapTarget(const PageSource& page, const ResolvedLink& link) const {
    const std::string target = link.target.empty() ? page.output_path : link.target;
    auto it = sections_.find(target);
    if (it == sections_.end()) return RelativePath(DirName(file_), target) + link.suffix;
    const std::string& suffix = link.suffix;
    return Fragment(it->second, suffix.size() > 1 && suffix[0] == '#' ? suffix.substr(1) : "");
  }

  /// A link of the template data of page `from` (relative to it), as MapTarget maps it.
  std::string MapUrl(const std::string& from, const std::string& url) const {
    if (url.empty() || IsExternal(url)) return url;
    size_t cut = url.find_first_of("?#");
    ResolvedLink link;
    link.suffix = cut == std::string::npos ? "" : url.substr(cut);
    link.target = cut == 0 ? from : NormalizePath(JoinPath(DirName(from), url.substr(0, cut)));
    PageSource page;
    page.output_path = from;
    return MapTarget(page, link);
  }

  /// An image of `page` as a data: URI; "" when it is not a file of the site or above the
  /// size limit (warned).
  std::string InlineImage(const ResolvedLink& link, const PageSource& page) {
    if (!link.file) return "";
    auto it = site_.static_files.find(link.target);
    std::string bytes;
    std::string error;
    if (it == site_.static_files.end() || !fs_.ReadFile(JoinPath(source_, it->second), &bytes, &error)) {
      return "";
    }
    if (bytes.size() > options_.inline_image_limit) {
      WarnLarge(page, it->second, bytes.size());
      return "";
    }
    return std::string("data:") + ContentType(link.target) + ";base64," + core::Base64Encode(bytes);
  }

  /// Warns at the image's first mention in the page's source, once per page and image
  /// however often the page (its body, its blocks' feedback) shows it.
  void WarnLarge(const PageSource& page, const std::string& image, size_t size) {
    if (!warned_.insert({page.source_path, image}).second) return;
    const std::string display = JoinPath(source_, page.source_path);
    const std::string name = image.substr(image.rfind('/') + 1);
    int line = 0;
    int column = 0;
    if (const std::string* text = sink_->Source(display)) {
      size_t at = text->find("](" + RelativePath(DirName(page.source_path), image));
      if (at == std::string::npos) at = text->find(name);
      size_t bang = at == std::string::npos ? at : text->rfind("![", at);
      if (bang != std::string::npos && text->find('\n', bang) >= at) at = bang;
      if (at != std::string::npos) {
        line = static_cast<int>(std::count(text->begin(), text->begin() + at, '\n')) + 1;
        size_t start = text->rfind('\n', at);
        start = start == std::string::npos ? 0 : start + 1;
        column = CharColumn(LineOf(*text, line), at - start);
      }
    }
    sink_->Add(Warning(display, line, column, "large-inline-image",
                       "image '" + name + "' (" + std::to_string((size + 1023) / 1024) +
                           " KB) is too large to inline in the single-file edition (limit " +
                           std::to_string(options_.inline_image_limit / 1024) + " KB)",
                       "make the image smaller; the single file links to it instead, which works only "
                       "beside the downloaded site folder"));
  }

  const Site& site_;
  const Theme& theme_;
  const AssetNames& names_;
  const FileSystem& fs_;
  const std::string& source_;
  const SingleFileOptions& options_;
  DiagnosticSink* sink_;
  /// InlineFiles(theme_).
  const json inline_files_;
  std::string file_;
  /// Output path of each page of the course → its section.
  std::map<std::string, Section> sections_;
  /// (source path, image) of every large-inline-image warning given.
  std::set<std::pair<std::string, std::string>> warned_;
};

}  // namespace

std::string InlineRawText(std::string text) { return RawText(std::move(text)); }

std::string CspHash(std::string_view text) {
  core::Sha256 sha;
  sha.Update(text);
  const core::Sha256::Digest digest = sha.Finish();
  return "'sha256-" + core::Base64Encode(std::string(digest.begin(), digest.end())) + "'";
}

std::string Latin1ToUtf8(std::string_view latin1) {
  std::string out;
  out.reserve(latin1.size() * 2);
  for (char c : latin1) {
    unsigned char b = static_cast<unsigned char>(c);
    if (b < 0x80) {
      out.push_back(c);
    } else {
      out.push_back(static_cast<char>(0xC0 | (b >> 6)));
      out.push_back(static_cast<char>(0x80 | (b & 0x3F)));
    }
  }
  return out;
}

bool RenderSingleFiles(const Site& site, const Theme& theme, const AssetNames& names, const FileSystem& fs,
                       const std::string& source, const SingleFileOptions& options, SiteOutput* output,
                       DiagnosticSink* sink, const WorkShare& share) {
  SingleFileBuilder builder(site, theme, names, fs, source, options, sink);
  bool ok = true;
  for (size_t c = 0; c < site.courses.size(); ++c) {
    if (!share.Mine(c)) continue;
    const Course& course = site.courses[c];
    ok = builder.Render(course, OfflinePath(course), output) && ok;
    if (!output->error().empty()) return false;
  }
  return ok;
}

bool RenderSingleFile(const Site& site, const Theme& theme, const AssetNames& names, const FileSystem& fs,
                      const std::string& source, const SingleFileOptions& options, const Course& course,
                      const std::string& path, SiteOutput* output, DiagnosticSink* sink) {
  SingleFileBuilder builder(site, theme, names, fs, source, options, sink);
  return builder.Render(course, path, output);
}

}  // namespace morsel::gen
