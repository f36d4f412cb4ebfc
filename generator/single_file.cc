#include "generator/single_file.h"

#include <algorithm>
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

std::string ImageType(const std::string& path) {
  std::string ext = path.substr(path.rfind('.') + 1);
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
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
    sections_[course.output_path] = course_section;
    std::map<std::string, const Lesson*> lessons;
    for (const Module& m : course.modules) {
      for (const Lesson& l : m.lessons) {
        sections_[l.output_path] = l.id;
        lessons[l.output_path] = &l;
      }
    }
    json data = OfflineCourseData(site_, theme_, course, sink_);
    data["course"]["section_id"] = course_section;
    data["course_section_id"] = course_section;
    data["course"]["overview_html"] =
        Rewrite(data["course"].value("overview_html", std::string()), course.output_path, course);
    for (json& page : data["lessons"]) {
      const std::string from = page["page"].value("path", std::string());
      page["lesson"]["html"] = Rewrite(page["lesson"].value("html", std::string()), from, *lessons[from]);
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
    for (const char* name : {"runtime/offline.js", "runtime/morsel-runtime.wasm.js",
                             "runtime/morsel-runtime.js", "runtime/morsel.js"}) {
      std::string text = File(name);
      if (std::string_view(name) == "runtime/morsel-runtime.wasm.js") text = Latin1ToUtf8(text);
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

  /// A link of page `from` as the single file needs it: a page of this course becomes its
  /// section's #fragment (or the #anchor it names), anything else a path from the file.
  std::string MapUrl(const std::string& from, const std::string& url) const {
    if (url.empty() || url[0] == '#' || IsExternal(url)) return url;
    size_t cut = url.find_first_of("?#");
    std::string suffix = cut == std::string::npos ? "" : url.substr(cut);
    std::string target = NormalizePath(JoinPath(DirName(from), url.substr(0, cut)));
    auto it = sections_.find(target);
    if (it == sections_.end()) return RelativePath(DirName(file_), target) + suffix;
    if (suffix.size() > 1 && suffix[0] == '#') return suffix;
    return "#" + it->second;
  }

  /// An image of page `from`: a data: URI up to the size limit.
  std::string MapImage(const std::string& from, const std::string& url, const PageSource& page) {
    if (url.empty() || IsExternal(url)) return url;
    std::string target = NormalizePath(JoinPath(DirName(from), url.substr(0, url.find_first_of("?#"))));
    auto it = site_.static_files.find(target);
    std::string bytes;
    std::string error;
    if (it == site_.static_files.end() || !fs_.ReadFile(JoinPath(source_, it->second), &bytes, &error)) {
      return MapUrl(from, url);
    }
    if (bytes.size() > options_.inline_image_limit) {
      WarnLarge(page, it->second, bytes.size());
      return MapUrl(from, url);
    }
    return "data:" + ImageType(target) + ";base64," + core::Base64Encode(bytes);
  }

  /// Warns at the image's first mention in the page's source.
  void WarnLarge(const PageSource& page, const std::string& image, size_t size) {
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

  /// Rewrites every href and src attribute of page `from`'s HTML.
  std::string Rewrite(const std::string& html, const std::string& from, const PageSource& page) {
    std::string out;
    size_t at = 0;
    while (true) {
      size_t href = html.find(" href=\"", at);
      size_t src = html.find(" src=\"", at);
      size_t next = std::min(href, src);
      if (next == std::string::npos) break;
      const bool is_src = next == src;
      size_t start = next + (is_src ? 6 : 7);
      size_t end = html.find('"', start);
      if (end == std::string::npos) break;
      out.append(html, at, start - at);
      std::string value = html.substr(start, end - start);
      out += is_src ? MapImage(from, value, page) : MapUrl(from, value);
      at = end;
    }
    out.append(html, at, std::string::npos);
    return out;
  }

  const Site& site_;
  const Theme& theme_;
  const FileSystem& fs_;
  const std::string& source_;
  const SingleFileOptions& options_;
  DiagnosticSink* sink_;
  std::string file_;
  /// Output path of each page of the course → its section's id.
  std::map<std::string, std::string> sections_;
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
