#include "generator/assets.h"

#include <vector>

#include "generator/diagnostics.h"
#include "generator/html_escape.h"
#include "generator/text.h"
#include "runtime/core/answer_key.h"

namespace morsel::gen {
namespace {

using nlohmann::json;

/// The service worker's source: written to the site root as `sw.js`, under that name.
constexpr const char* kWorkerSource = "runtime/sw.js";

/// Theme files the pages or the runtime reference by a name Morsel writes itself.
bool IsFingerprinted(const std::string& path) {
  if (StartsWith(path, "runtime/")) return path != kWorkerSource;  // the worker keeps its URL
  return path == "assets/morsel.css" || path == "assets/favicon.svg";
}

/// The files the runtime loads after the page (its modules, the dashboard, review, search).
constexpr const char* kLazyFiles[] = {"runtime/morsel-runtime.js",
                                      "runtime/morsel-runtime.wasm",
                                      "runtime/morsel-runtime.wasm.js",
                                      "runtime/dashboard.js",
                                      "runtime/morsel-search.js",
                                      "runtime/morsel-search.wasm",
                                      "runtime/morsel-search.wasm.js",
                                      "runtime/morsel-progress.js",
                                      "runtime/morsel-progress.wasm",
                                      "runtime/morsel-progress.wasm.js",
                                      "runtime/engage.js",
                                      "runtime/share.js",
                                      "runtime/path.js",
                                      "runtime/review.js",
                                      "runtime/certificate.js",
                                      "runtime/morsel-review.js",
                                      "runtime/morsel-review.wasm",
                                      "runtime/morsel-review.wasm.js"};

}  // namespace

std::string FingerprintedPath(const std::string& path, const std::string& contents) {
  const std::string hash = core::Sha256Hex(contents).substr(0, kFingerprintLength);
  const size_t slash = path.rfind('/');
  const size_t dot = path.rfind('.');
  if (dot == std::string::npos || (slash != std::string::npos && dot < slash)) return path + "." + hash;
  return path.substr(0, dot) + "." + hash + path.substr(dot);
}

AssetNames AssignAssetNames(const Theme& theme, const std::string& index_fingerprint) {
  AssetNames names;
  for (const auto& [path, contents] : theme.files) {
    if (IsFingerprinted(path)) names[path] = FingerprintedPath(path, contents);
  }
  names["search/"] = index_fingerprint.empty() ? "search/" : "search/" + index_fingerprint + "/";
  return names;
}

std::map<std::string, std::string> PublishedFiles(const Theme& theme, const AssetNames& names) {
  std::map<std::string, std::string> files;
  for (const auto& [path, contents] : theme.files) {
    if (path != kWorkerSource) files[PublishedPath(names, path)] = contents;
  }
  return files;
}

std::string PublishedPath(const AssetNames& names, const std::string& path) {
  auto it = names.find(path);
  return it == names.end() ? path : it->second;
}

json LazyAssetMap(const AssetNames& names) {
  // Each fingerprint alone: the runtime puts it in the name as FingerprintedPath does
  // (the published paths took 1.6 KB of every page). Not the search index's folder:
  // search/manifest.js names it, so that nothing changes but the index when it does.
  json lazy = json::object();
  for (const char* path : kLazyFiles) {
    const std::string published = PublishedPath(names, path);
    const size_t dot = std::string_view(path).rfind('.');
    if (published != path) lazy[path] = published.substr(dot + 1, kFingerprintLength);
  }
  return lazy;
}

void AddAssetData(const AssetNames& names, const std::string& root, json* data) {
  (*data)["asset"] = {{"css", root + PublishedPath(names, "assets/morsel.css")},
                      {"icon", root + PublishedPath(names, "assets/favicon.svg")},
                      {"script", root + PublishedPath(names, "runtime/morsel.js")},
                      {"strings_script", root + PublishedPath(names, "runtime/strings.js")},
                      {"theme_script", root + PublishedPath(names, "runtime/theme.js")},
                      {"search_script", root + PublishedPath(names, "runtime/search.js")},
                      {"xapi_script", root + PublishedPath(names, "runtime/xapi.js")}};
  const json lazy = LazyAssetMap(names);
  const std::string map = lazy.empty() ? std::string() : lazy.dump();
  // The same, escaped for an attribute in single quotes: JSON's double quotes stay as they
  // are (escaped for double quotes they took 360 bytes of every page).
  (*data)["assets_json"] = map;
  (*data)["assets_attribute"] = EscapeQuotedAttribute(map, '\'');
}

namespace {

/// Namespaces whose elements can run script or load a document: an SVG that declares one
/// is refused (XHTML's <script> and <iframe>, MathML's links, XSLT).
constexpr const char* kActiveNamespaces[] = {"http://www.w3.org/1999/xhtml", "http://www.w3.org/1998/Math/MathML",
                                             "http://www.w3.org/1999/XSL/Transform"};
constexpr const char* kSvgNamespace = "http://www.w3.org/2000/svg";

/// SVG's drawing elements: everything else in the SVG namespace (script, foreignObject,
/// iframe, handler, …) is refused.
constexpr const char* kSvgElements[] = {"a",
                                        "animate",
                                        "animateMotion",
                                        "animateTransform",
                                        "circle",
                                        "clipPath",
                                        "defs",
                                        "desc",
                                        "ellipse",
                                        "feBlend",
                                        "feColorMatrix",
                                        "feComponentTransfer",
                                        "feComposite",
                                        "feConvolveMatrix",
                                        "feDiffuseLighting",
                                        "feDisplacementMap",
                                        "feDistantLight",
                                        "feDropShadow",
                                        "feFlood",
                                        "feFuncA",
                                        "feFuncB",
                                        "feFuncG",
                                        "feFuncR",
                                        "feGaussianBlur",
                                        "feImage",
                                        "feMerge",
                                        "feMergeNode",
                                        "feMorphology",
                                        "feOffset",
                                        "fePointLight",
                                        "feSpecularLighting",
                                        "feSpotLight",
                                        "feTile",
                                        "feTurbulence",
                                        "filter",
                                        "g",
                                        "image",
                                        "line",
                                        "linearGradient",
                                        "marker",
                                        "mask",
                                        "metadata",
                                        "mpath",
                                        "path",
                                        "pattern",
                                        "polygon",
                                        "polyline",
                                        "radialGradient",
                                        "rect",
                                        "set",
                                        "stop",
                                        "style",
                                        "svg",
                                        "switch",
                                        "symbol",
                                        "text",
                                        "textPath",
                                        "title",
                                        "tspan",
                                        "use",
                                        "view"};

bool IsSvgElement(const std::string& name) {
  for (const char* known : kSvgElements) {
    if (name == known) return true;
  }
  return false;
}

/// The attribute value as the browser reads it: character references decoded. False for
/// a reference to an entity the document would have to define.
bool DecodeXmlText(std::string_view raw, std::string* out) {
  out->clear();
  for (size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] != '&') {
      *out += raw[i];
      continue;
    }
    const size_t end = raw.find(';', i);
    if (end == std::string_view::npos) return false;
    const std::string_view name = raw.substr(i + 1, end - i - 1);
    i = end;
    if (name == "lt") {
      *out += '<';
    } else if (name == "gt") {
      *out += '>';
    } else if (name == "amp") {
      *out += '&';
    } else if (name == "quot") {
      *out += '"';
    } else if (name == "apos") {
      *out += '\'';
    } else if (name.size() > 1 && name[0] == '#') {
      const bool hex = name[1] == 'x' || name[1] == 'X';
      unsigned long code = 0;
      const std::string_view digits = name.substr(hex ? 2 : 1);
      if (digits.empty() || digits.size() > 8) return false;
      for (char c : digits) {
        int v = c >= '0' && c <= '9'          ? c - '0'
                : hex && c >= 'a' && c <= 'f' ? c - 'a' + 10
                : hex && c >= 'A' && c <= 'F' ? c - 'A' + 10
                                              : -1;
        if (v < 0) return false;
        code = code * (hex ? 16 : 10) + static_cast<unsigned long>(v);
      }
      // Only what a check needs: ASCII as itself, anything else as a placeholder.
      *out += code < 0x80 ? static_cast<char>(code) : '?';
    } else {
      return false;
    }
  }
  return true;
}

/// Lowercase, without the whitespace and control characters a browser skips in a URL.
std::string Squeezed(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7F) continue;
    out += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  }
  return out;
}

/// Why CSS text (a style element or attribute, a presentation attribute) is unsafe, or "".
/// Only references inside the drawing (`url(#id)`) are allowed; escapes, which could spell
/// anything, are refused.
std::string UnsafeCss(const std::string& css) {
  const std::string text = Squeezed(css);
  if (text.find('\\') != std::string::npos) return "a CSS escape (\\)";
  if (text.find("@import") != std::string::npos) return "@import (a reference to another file)";
  for (const char* word : {"javascript:", "vbscript:", "expression(", "-moz-binding", "behavior:", "image-set(",
                           "image(", "cross-fade("}) {
    if (text.find(word) != std::string::npos) return std::string("'") + word + "'";
  }
  for (size_t at = text.find("url("); at != std::string::npos; at = text.find("url(", at + 1)) {
    size_t i = at + 4;
    while (i < text.size() && (text[i] == '"' || text[i] == '\'')) ++i;
    if (i >= text.size() || text[i] != '#') return "url() naming another file (only url(#id) is allowed)";
  }
  return "";
}

/// The scheme of a URL ("" for a relative URL or a fragment), lowercase.
std::string SchemeOf(const std::string& squeezed) {
  for (size_t i = 0; i < squeezed.size(); ++i) {
    const char c = squeezed[i];
    if (c == ':') return squeezed.substr(0, i);
    const bool scheme_char = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.';
    if (!scheme_char) return "";
  }
  return "";
}

/// Reads an SVG document as XML, well enough to find what can run script or load
/// something: it refuses what it cannot read rather than guess.
class SvgChecker {
 public:
  explicit SvgChecker(std::string_view text) : text_(text) {}

  SvgProblem Check() {
    while (problem_.what.empty() && at_ < text_.size()) {
      const size_t lt = text_.find('<', at_);
      if (lt == std::string_view::npos) break;
      if (!stack_.empty() && stack_.back().name == "style") CheckStyleText(at_, lt);
      at_ = lt;
      if (StartsWithAt("<!--")) {
        Skip("-->", "an unclosed comment");
      } else if (StartsWithAt("<![CDATA[")) {
        const size_t start = at_ + 9;
        if (Skip("]]>", "an unclosed CDATA section") && !stack_.empty() && stack_.back().name == "style") {
          CheckStyleText(start, at_ - 3);
        }
      } else if (StartsWithAt("<?")) {
        const bool declaration = StartsWithAt("<?xml ") || StartsWithAt("<?xml?");
        if (!declaration || at_ != FirstNonSpace()) return Fail(at_, "a processing instruction (<?…?>)");
        Skip("?>", "an unclosed <?xml?>");
      } else if (StartsWithAt("<!DOCTYPE") || StartsWithAt("<!doctype")) {
        const size_t close = text_.find('>', at_);
        const size_t bracket = text_.find('[', at_);
        if (close == std::string_view::npos) return Fail(at_, "an unclosed <!DOCTYPE>");
        if (bracket != std::string_view::npos && bracket < close) {
          return Fail(at_, "a <!DOCTYPE> with its own declarations (entities can hide markup)");
        }
        at_ = close + 1;
      } else if (StartsWithAt("<!")) {
        return Fail(at_, "a markup declaration (<!…>)");
      } else if (StartsWithAt("</")) {
        EndTag();
      } else {
        StartTag();
      }
    }
    if (problem_.what.empty() && !stack_.empty()) Fail(text_.size(), "an unclosed <" + stack_.back().name + ">");
    if (problem_.what.empty() && !saw_root_) Fail(0, "no <svg> element");
    return problem_;
  }

 private:
  struct Open {
    std::string name;                             // as written, prefix included
    std::map<std::string, std::string> prefixes;  // declared on this element
  };

  bool StartsWithAt(std::string_view s) const { return text_.compare(at_, s.size(), s) == 0; }

  size_t FirstNonSpace() const {
    size_t i = 0;
    if (text_.compare(0, 3, "\xEF\xBB\xBF") == 0) i = 3;
    while (i < text_.size() && IsSpace(text_[i])) ++i;
    return i;
  }

  bool Skip(std::string_view end, const char* unclosed) {
    const size_t found = text_.find(end, at_);
    if (found == std::string_view::npos) {
      Fail(at_, unclosed);
      return false;
    }
    at_ = found + end.size();
    return true;
  }

  SvgProblem Fail(size_t offset, std::string what) {
    if (!problem_.what.empty()) return problem_;
    problem_.what = std::move(what);
    // Lines as the diagnostic's quote counts them (LineOf), columns in characters.
    problem_.line = 1;
    size_t line_start = 0;
    for (size_t next = 0; LineEnd(text_, line_start, &next) < offset; line_start = next) ++problem_.line;
    const std::string before(text_.substr(line_start, offset - line_start));
    problem_.column = CharColumn(before, before.size());
    return problem_;
  }

  static bool IsNameChar(char c) {
    return c != '\0' && !IsSpace(c) && c != '/' && c != '>' && c != '=' && c != '<' && c != '"' && c != '\'';
  }

  std::string ReadName() {
    const size_t start = at_;
    while (at_ < text_.size() && IsNameChar(text_[at_])) ++at_;
    return std::string(text_.substr(start, at_ - start));
  }

  void SkipSpace() {
    while (at_ < text_.size() && IsSpace(text_[at_])) ++at_;
  }

  /// The namespace `prefix` is bound to where the parser stands ("" when unbound).
  std::string NamespaceOf(const std::string& prefix, const Open& current) const {
    auto found = current.prefixes.find(prefix);
    if (found != current.prefixes.end()) return found->second;
    for (auto it = stack_.rbegin(); it != stack_.rend(); ++it) {
      auto bound = it->prefixes.find(prefix);
      if (bound != it->prefixes.end()) return bound->second;
    }
    return "";
  }

  void EndTag() {
    const size_t start = at_;
    at_ += 2;
    const std::string name = ReadName();
    SkipSpace();
    if (at_ >= text_.size() || text_[at_] != '>') {
      Fail(start, "a malformed end tag");
      return;
    }
    ++at_;
    if (stack_.empty() || stack_.back().name != name) {
      Fail(start, "an end tag </" + name + "> that closes nothing open");
      return;
    }
    stack_.pop_back();
  }

  struct Attribute {
    std::string name;
    std::string value;  // decoded
    size_t offset = 0;
  };

  void StartTag() {
    const size_t start = at_;
    ++at_;
    Open open;
    open.name = ReadName();
    if (open.name.empty()) {
      Fail(start, "a '<' that starts no element");
      return;
    }
    std::vector<Attribute> attributes;
    bool self_closing = false;
    while (true) {
      SkipSpace();
      if (at_ >= text_.size()) {
        Fail(start, "an unclosed <" + open.name + ">");
        return;
      }
      if (text_[at_] == '>') {
        ++at_;
        break;
      }
      if (StartsWithAt("/>")) {
        at_ += 2;
        self_closing = true;
        break;
      }
      Attribute attribute;
      attribute.offset = at_;
      attribute.name = ReadName();
      SkipSpace();
      if (attribute.name.empty() || at_ >= text_.size() || text_[at_] != '=') {
        Fail(attribute.offset, "a malformed attribute in <" + open.name + ">");
        return;
      }
      ++at_;
      SkipSpace();
      const char quote = at_ < text_.size() ? text_[at_] : '\0';
      const size_t close = quote == '"' || quote == '\'' ? text_.find(quote, at_ + 1) : std::string_view::npos;
      if (close == std::string_view::npos) {
        Fail(attribute.offset, "an attribute value without quotes in <" + open.name + ">");
        return;
      }
      if (!DecodeXmlText(text_.substr(at_ + 1, close - at_ - 1), &attribute.value)) {
        Fail(attribute.offset, "an entity reference Morsel cannot read in <" + open.name + ">");
        return;
      }
      at_ = close + 1;
      if (attribute.name == "xmlns") {
        open.prefixes[""] = attribute.value;
      } else if (attribute.name.compare(0, 6, "xmlns:") == 0) {
        open.prefixes[attribute.name.substr(6)] = attribute.value;
      }
      attributes.push_back(std::move(attribute));
    }
    for (const auto& [prefix, uri] : open.prefixes) {
      for (const char* active : kActiveNamespaces) {
        if (uri == active) {
          Fail(start, "the namespace '" + uri + "', whose elements can run script");
          return;
        }
      }
    }
    const size_t colon = open.name.find(':');
    const std::string prefix = colon == std::string::npos ? "" : open.name.substr(0, colon);
    const std::string local = colon == std::string::npos ? open.name : open.name.substr(colon + 1);
    // Elements of other vocabularies (an editor's metadata: inkscape:, sodipodi:, rdf:) do
    // nothing in a browser; SVG's own, and unprefixed ones, must be drawing elements.
    const std::string uri = NamespaceOf(prefix, open);
    if (prefix.empty() || uri.empty() || uri == kSvgNamespace) {
      if (!IsSvgElement(local)) {
        Fail(start, "<" + open.name + ">" +
                        (local == "script"          ? ", a script"
                         : local == "foreignObject" ? ", which embeds HTML"
                                                    : ", which is not an SVG drawing element"));
        return;
      }
    }
    saw_root_ = saw_root_ || local == "svg";
    for (const Attribute& attribute : attributes) {
      if (!CheckAttribute(open.name, local, attribute)) return;
    }
    if (!self_closing) stack_.push_back(std::move(open));
  }

  bool CheckAttribute(const std::string& element, const std::string& local, const Attribute& attribute) {
    const size_t colon = attribute.name.find(':');
    const std::string name = Lower(colon == std::string::npos ? attribute.name : attribute.name.substr(colon + 1));
    const std::string squeezed = Squeezed(attribute.value);
    const std::string where = "the attribute " + attribute.name + " of <" + element + ">";
    if (name.compare(0, 2, "on") == 0) {
      Fail(attribute.offset, where + ", an event handler (script)");
      return false;
    }
    if (attribute.name.compare(0, 5, "xmlns") == 0) return true;
    for (const char* scheme : {"javascript:", "vbscript:"}) {
      if (squeezed.find(scheme) != std::string::npos) {
        Fail(attribute.offset, where + ", a " + std::string(scheme) + " URL");
        return false;
      }
    }
    if ((local == "animate" || local == "set" || local == "animateTransform" || local == "animateMotion") &&
        name == "attributename") {
      const std::string target =
          Lower(squeezed.substr(squeezed.find(':') == std::string::npos ? 0 : squeezed.find(':') + 1));
      if (target == "href" || target.compare(0, 2, "on") == 0 || target == "style") {
        Fail(attribute.offset, where + ", an animation of '" + attribute.value + "'");
        return false;
      }
    }
    if (name == "href") {
      const std::string scheme = SchemeOf(squeezed);
      const bool fragment = !squeezed.empty() && squeezed[0] == '#';
      const bool link = local == "a" && (scheme.empty() || scheme == "http" || scheme == "https" || scheme == "mailto");
      const bool raster =
          (local == "image" || local == "feImage") &&
          (squeezed.compare(0, 15, "data:image/png;") == 0 || squeezed.compare(0, 16, "data:image/jpeg;") == 0 ||
           squeezed.compare(0, 15, "data:image/gif;") == 0 || squeezed.compare(0, 16, "data:image/webp;") == 0);
      if (!fragment && !link && !raster) {
        Fail(attribute.offset, where + ", a reference to another file ('" + attribute.value + "')");
        return false;
      }
      return true;
    }
    // Any attribute can be a presentation attribute (fill="url(…)"); style is CSS.
    bool css_like = name == "style";
    for (const char* function : {"url(", "image(", "image-set(", "cross-fade("}) {
      css_like = css_like || squeezed.find(function) != std::string::npos;
    }
    const std::string css = css_like ? UnsafeCss(attribute.value) : "";
    if (!css.empty()) {
      Fail(attribute.offset, where + ", " + css);
      return false;
    }
    return true;
  }

  void CheckStyleText(size_t from, size_t to) {
    if (to <= from) return;
    std::string decoded;
    std::string_view raw = text_.substr(from, to - from);
    if (!DecodeXmlText(raw, &decoded)) decoded = std::string(raw);
    const std::string css = UnsafeCss(decoded);
    if (!css.empty()) Fail(from, "<style> with " + css);
  }

  std::string_view text_;
  size_t at_ = 0;
  std::vector<Open> stack_;
  bool saw_root_ = false;
  SvgProblem problem_;
};

}  // namespace

SvgProblem CheckSvg(std::string_view text) { return SvgChecker(text).Check(); }

bool IsActiveDocument(const std::string& path) {
  const std::string lower = Lower(path);
  for (const char* extension :
       {".html", ".htm", ".xhtml", ".xht", ".xml", ".xsl", ".xslt", ".mht", ".mhtml", ".shtml", ".svgz"}) {
    if (EndsWith(lower, extension)) return true;
  }
  return false;
}

}  // namespace morsel::gen
