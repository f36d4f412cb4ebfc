#include "generator/single_file.h"

#include <algorithm>
#include <functional>
#include <set>
#include <vector>

#include "generator/compile.h"
#include "generator/render.h"
#include "runtime/core/answer_key.h"

namespace morsel::gen {
namespace {

using nlohmann::json;

/// A URL with a scheme ("https:", "mailto:") or a network path ("//host").
bool IsExternal(const std::string& url) {
  if (url.compare(0, 2, "//") == 0) return true;
  size_t colon = url.find(':');
  return colon != std::string::npos && colon < url.find_first_of("/?#");
}

std::string Lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  return text;
}

std::string ImageType(const std::string& path) {
  const std::string ext = Lower(path.substr(path.rfind('.') + 1));
  if (ext == "jpg" || ext == "jpeg") return "image/jpeg";
  if (ext == "svg") return "image/svg+xml";
  return "image/" + ext;  // png, gif, webp, avif
}

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

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }
bool IsNameChar(char c) { return !IsSpace(c) && c != '/' && c != '>' && c != '='; }

/// Where "</name" (any case) next appears in `html` from `from`; the end if nowhere.
size_t FindEndTag(const std::string& html, const std::string& name, size_t from) {
  for (size_t at = html.find("</", from); at != std::string::npos; at = html.find("</", at + 2)) {
    if (Lower(html.substr(at + 2, name.size())) == name) return at;
  }
  return html.size();
}

/// Calls `map(name, &value)` for every attribute of every start tag in `html` (names in
/// lower case, values as written: entities and percent-escapes left alone) and writes
/// back what it leaves in `value`. Text, comments, and the contents of raw-text elements
/// (script, style, textarea, title) are copied untouched: the block data a lesson embeds
/// as JSON stays byte for byte what the core wrote.
std::string MapAttributes(const std::string& html,
                          const std::function<void(const std::string&, std::string*)>& map) {
  std::string out;
  out.reserve(html.size() + html.size() / 8);
  const size_t size = html.size();
  size_t at = 0;
  while (at < size) {
    const size_t lt = html.find('<', at);
    if (lt == std::string::npos) break;
    out.append(html, at, lt - at);
    at = lt;
    if (html.compare(lt, 4, "<!--") == 0) {
      const size_t end = html.find("-->", lt + 4);
      at = end == std::string::npos ? size : end + 3;
      out.append(html, lt, at - lt);
      continue;
    }
    size_t p = lt + 1;
    if (p >= size || !std::isalpha(static_cast<unsigned char>(html[p]))) {
      out += '<';
      at = p;
      continue;
    }
    while (p < size && IsNameChar(html[p])) ++p;
    const std::string tag = Lower(html.substr(lt + 1, p - lt - 1));
    out.append(html, lt, p - lt);
    while (p < size && html[p] != '>') {
      if (!IsNameChar(html[p])) {  // spaces, '/', a stray '='
        out += html[p++];
        continue;
      }
      size_t name_end = p;
      while (name_end < size && IsNameChar(html[name_end])) ++name_end;
      const std::string name = Lower(html.substr(p, name_end - p));
      out.append(html, p, name_end - p);
      p = name_end;
      size_t eq = p;
      while (eq < size && IsSpace(html[eq])) ++eq;
      if (eq >= size || html[eq] != '=') continue;
      size_t start = eq + 1;
      while (start < size && IsSpace(html[start])) ++start;
      out.append(html, p, start - p);
      const bool quoted = start < size && (html[start] == '"' || html[start] == '\'');
      const char quote = quoted ? html[start++] : '"';
      size_t end = start;
      while (end < size && (quoted ? html[end] != quote : !IsSpace(html[end]) && html[end] != '>')) ++end;
      std::string value = html.substr(start, end - start);
      map(name, &value);
      out += quote;
      out += value;
      out += quote;
      p = quoted && end < size ? end + 1 : end;
    }
    if (p < size) out += html[p++];
    at = p;
    if (tag == "script" || tag == "style" || tag == "textarea" || tag == "title") {
      at = FindEndTag(html, tag, p);
      out.append(html, p, at - p);
    }
  }
  if (at < size) out.append(html, at, std::string::npos);
  return out;
}

/// Attributes whose value is a space-separated list of ids of the same document.
bool IsIdReference(const std::string& name) {
  static const std::set<std::string> kNames = {
      "for", "form", "list", "headers", "aria-activedescendant", "aria-controls",
      "aria-describedby", "aria-details", "aria-errormessage", "aria-flowto",
      "aria-labelledby", "aria-owns"};
  return kNames.count(name) > 0;
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

/// Every id attribute's value in `html`, as written.
std::set<std::string> IdsIn(const std::string& html) {
  std::set<std::string> ids;
  MapAttributes(html, [&](const std::string& name, std::string* value) {
    if (name == "id") ids.insert(*value);
  });
  return ids;
}

class SingleFileBuilder {
 public:
  SingleFileBuilder(const Site& site, const Theme& theme, const FileSystem& fs,
                    const std::string& source, const SingleFileOptions& options,
                    DiagnosticSink* sink)
      : site_(site), theme_(theme), fs_(fs), source_(source), options_(options), sink_(sink) {}

  bool Render(const Course& course, std::string* html) {
    file_ = OfflinePath(course);
    sections_.clear();
    const std::string course_section = "course-" + course.slug;
    json data = OfflineCourseData(site_, theme_, course, sink_);
    // Every page's ids first: a link may name a heading of a section rendered later.
    sections_[course.output_path] = {course_section, IdsIn(data["course"].value("overview_html", ""))};
    std::map<std::string, const Lesson*> lessons;
    for (const Module& m : course.modules) {
      for (const Lesson& l : m.lessons) {
        sections_[l.output_path] = {l.id, IdsIn(l.html)};
        lessons[l.output_path] = &l;
      }
    }
    data["course"]["section_id"] = course_section;
    data["course"]["page_url"] = RelativePath(DirName(file_), course.output_path);
    data["course_section_id"] = course_section;
    data["course"]["overview_html"] =
        Rewrite(data["course"].value("overview_html", std::string()), course.output_path, course);
    for (json& page : data["lessons"]) {
      const std::string from = page["page"].value("path", std::string());
      page["lesson"]["html"] = RewriteBlockData(
          Rewrite(page["lesson"].value("html", std::string()), from, *lessons[from]), *lessons[from]);
      page["lesson"]["page_url"] = RelativePath(DirName(file_), from);
      page["module"]["url"] = MapUrl(from, page["module"].value("url", std::string()));
      for (json& link : page["lesson"]["prerequisites"]) {
        link["url"] = MapUrl(from, link.value("url", std::string()));
      }
    }
    data["course_json"] = data["lessons"].empty() ? json(ScriptJson(json::object()))
                                                   : data["lessons"][0]["course_json"];

    // Inline elements, each allowed by its hash and nothing else.
    std::string css = RawText(File("assets/morsel.css"));
    json scripts = json::array();
    std::string script_hashes;
    for (const char* name : {"runtime/offline.js", "runtime/morsel-runtime.wasm.js", "runtime/morsel-runtime.js",
                             "runtime/morsel-progress.wasm.js", "runtime/morsel-progress.js", "runtime/morsel.js"}) {
      std::string text = File(name);
      if (std::string_view(name).find(".wasm.js") != std::string_view::npos) text = Latin1ToUtf8(text);
      text = RawText(std::move(text));
      script_hashes += " " + CspHash(text);
      scripts.push_back({{"text", std::move(text)}});
    }
    data["css"] = css;
    const std::string icon = File("assets/favicon.svg");
    data["icon_url"] = icon.empty() ? "" : "data:image/svg+xml;base64," + core::Base64Encode(icon);
    data["scripts"] = std::move(scripts);
    data["csp"] = "default-src 'none'; img-src data: *; style-src " + CspHash(css) +
                  "; script-src" + script_hashes + " 'wasm-unsafe-eval'; base-uri 'none'";
    TemplateError error;
    if (!theme_.templates.Render("offline", data, html, &error)) {
      theme_.ReportError(error, "template-render", sink_);
      return false;
    }
    return true;
  }

 private:
  std::string File(const std::string& path) const {
    auto it = theme_.files.find(path);
    return it == theme_.files.end() ? std::string() : it->second;
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
    /// The ids of the page's rendered Markdown (headings, quiz and case-study markup), as written.
    std::set<std::string> ids;
  };

  /// The fragment for "#anchor" (as written in an href) on `section`'s page: the
  /// section's copy of that id; the section itself for "main" (a page's <main> is its
  /// section here) or no anchor; else as written (a template id such as a module anchor).
  static std::string Fragment(const Section& section, const std::string& anchor) {
    const std::string id = PercentDecode(anchor);
    if (section.ids.count(id) > 0) return "#" + section.id + ":" + anchor;
    if (id.empty() || id == "main") return "#" + section.id;
    return "#" + anchor;
  }

  /// A link of page `from` as the single file needs it: "#anchor" or a page of this course
  /// becomes a #fragment (see Fragment), anything else a path from the file.
  std::string MapUrl(const std::string& from, const std::string& url) const {
    if (url.empty() || IsExternal(url)) return url;
    size_t cut = url.find_first_of("?#");
    std::string suffix = cut == std::string::npos ? "" : url.substr(cut);
    std::string target = cut == 0 ? from : NormalizePath(JoinPath(DirName(from), url.substr(0, cut)));
    auto it = sections_.find(target);
    if (it == sections_.end()) return RelativePath(DirName(file_), target) + suffix;
    return Fragment(it->second, suffix.size() > 1 && suffix[0] == '#' ? suffix.substr(1) : "");
  }

  /// An image of page `from` as a data: URI; "" when it is external, not a file of the
  /// site, or above the size limit (warned).
  std::string InlineImage(const std::string& from, const std::string& url, const PageSource& page) {
    if (url.empty() || IsExternal(url)) return "";
    std::string target = NormalizePath(JoinPath(DirName(from), url.substr(0, url.find_first_of("?#"))));
    auto it = site_.static_files.find(target);
    std::string bytes;
    std::string error;
    if (it == site_.static_files.end() || !fs_.ReadFile(JoinPath(source_, it->second), &bytes, &error)) {
      return "";
    }
    if (bytes.size() > options_.inline_image_limit) {
      WarnLarge(page, it->second, bytes.size());
      return "";
    }
    return "data:" + ImageType(target) + ";base64," + core::Base64Encode(bytes);
  }

  /// An image of page `from` in its markup: a data: URI up to the size limit, else a link.
  std::string MapImage(const std::string& from, const std::string& url, const PageSource& page) {
    std::string data = InlineImage(from, url, page);
    return data.empty() ? MapUrl(from, url) : data;
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
    sink_->Add({display, line, column, Severity::kWarning,
                "image '" + name + "' (" + std::to_string((size + 1023) / 1024) +
                    " KB) is too large to inline in the single-file edition (limit " +
                    std::to_string(options_.inline_image_limit / 1024) + " KB)",
                "large-inline-image",
                "make the image smaller; the single file links to it instead, which works only "
                "beside the downloaded site folder"});
  }

  /// Page `from`'s HTML as its section: ids prefixed, and every reference to them (label
  /// `for`, ARIA relations, in-page links) with them; links mapped by MapUrl, images by
  /// MapImage. The block data (quiz feedback and explanations, sealed with the answer key,
  /// and case-study feedback) is copied as it is: see RewriteBlockData.
  std::string Rewrite(const std::string& html, const std::string& from, const PageSource& page) {
    const Section& own = sections_.at(from);
    return MapAttributes(html, [&](const std::string& name, std::string* value) {
      if (name == "id") {
        *value = own.id + ":" + *value;
      } else if (name == "href" || name == "xlink:href") {
        *value = MapUrl(from, *value);
      } else if (name == "src") {
        *value = MapImage(from, *value, page);
      } else if (IsIdReference(name)) {
        std::string mapped;
        size_t at = 0;
        while (at < value->size()) {
          size_t end = value->find(' ', at);
          if (end == std::string::npos) end = value->size();
          const std::string token = value->substr(at, end - at);
          at = end + 1;
          if (token.empty()) continue;
          if (!mapped.empty()) mapped += ' ';
          mapped += own.ids.count(token) > 0 ? own.id + ":" + token : token;
        }
        *value = mapped;
      }
    });
  }

  /// Lesson `lesson`'s section HTML with the data of its blocks as the single file needs
  /// it: MapFeedback applied to their feedback and the runtime form written again by the
  /// core (resealed), where that changed anything; else the bytes the lesson's page has.
  std::string RewriteBlockData(std::string html, const Lesson& lesson) {
    for (const CompiledBlock& block : lesson.blocks) {
      const std::string data = BlockDataWith(block, site_.config.plain_answer_keys, [&](std::string* feedback) {
        *feedback = MapFeedback(*feedback, lesson.output_path, lesson);
      });
      if (data == block.runtime_json) continue;
      const size_t at = html.find(block.runtime_json);
      if (at != std::string::npos) html.replace(at, block.runtime_json.size(), data);
    }
    return html;
  }

  /// Feedback HTML of page `from`, which the glue inserts into the section when the
  /// learner answers: its ids prefixed as the markup's are, its images inlined as MapImage
  /// does. Links, and an image too large to inline, keep the page's URLs:
  /// runtime/web/offline.js maps those as the feedback is shown, from the page's place
  /// (a path from the file would be mapped a second time).
  std::string MapFeedback(const std::string& html, const std::string& from, const PageSource& page) {
    const Section& own = sections_.at(from);
    return MapAttributes(html, [&](const std::string& name, std::string* value) {
      if (name == "id") {
        *value = own.id + ":" + *value;
      } else if (name == "src") {
        std::string data = InlineImage(from, *value, page);
        if (!data.empty()) *value = std::move(data);
      }
    });
  }

  const Site& site_;
  const Theme& theme_;
  const FileSystem& fs_;
  const std::string& source_;
  const SingleFileOptions& options_;
  DiagnosticSink* sink_;
  std::string file_;
  /// Output path of each page of the course → its section.
  std::map<std::string, Section> sections_;
  /// (source path, image) of every large-inline-image warning given.
  std::set<std::pair<std::string, std::string>> warned_;
};

}  // namespace

std::string OfflinePath(const Course& course) {
  return JoinPath(DirName(course.output_path), course.slug + "-offline.html");
}

std::string CspHash(std::string_view text) {
  const std::string hex = core::Sha256Hex(text);
  std::string bytes;
  for (size_t i = 0; i + 1 < hex.size(); i += 2) {
    bytes.push_back(static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16)));
  }
  return "'sha256-" + core::Base64Encode(bytes) + "'";
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

bool RenderSingleFiles(const Site& site, const Theme& theme, const FileSystem& fs,
                       const std::string& source, const SingleFileOptions& options,
                       std::map<std::string, std::string>* pages, DiagnosticSink* sink) {
  SingleFileBuilder builder(site, theme, fs, source, options, sink);
  bool ok = true;
  for (const Course& course : site.courses) {
    std::string html;
    if (builder.Render(course, &html)) {
      (*pages)[OfflinePath(course)] = std::move(html);
    } else {
      ok = false;
    }
  }
  return ok;
}

}  // namespace morsel::gen
