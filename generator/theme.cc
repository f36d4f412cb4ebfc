#include "generator/theme.h"

#include <algorithm>
#include <vector>

#include "generator/assets.h"
#include "generator/embedded.h"
#include "generator/html_escape.h"
#include "generator/text.h"
#include "runtime/core/json_parse.h"

namespace morsel::gen {
namespace {

using nlohmann::json;

constexpr std::string_view kTemplateExtension = ".mustache";
constexpr std::string_view kBuiltIn = "(built-in theme)/";

/// Every file below `dir` on disk, as paths relative to it.
void Walk(const FileSystem& fs, const std::string& dir, const std::string& prefix, std::vector<std::string>* out) {
  for (const DirEntry& e : fs.List(dir)) {
    std::string rel = prefix.empty() ? e.name : prefix + "/" + e.name;
    if (e.is_dir) {
      Walk(fs, JoinPath(dir, e.name), rel, out);
    } else {
      out->push_back(rel);
    }
  }
}

/// Overlays `top` on `base` key by key, so a site can override single strings.
void Merge(json* base, const json& top) {
  for (auto it = top.begin(); it != top.end(); ++it) {
    if (it.value().is_object() && base->contains(it.key()) && (*base)[it.key()].is_object()) {
      Merge(&(*base)[it.key()], it.value());
    } else {
      (*base)[it.key()] = it.value();
    }
  }
}

class ThemeLoader {
 public:
  ThemeLoader(const FileSystem& fs, std::string config_path, Theme* theme, DiagnosticSink* sink)
      : fs_(fs), config_path_(std::move(config_path)), theme_(theme), sink_(sink) {}

  /// Adds one theme file unless a more specific source already gave it.
  void Add(const std::string& rel, const std::string& contents, const std::string& display) {
    if (StartsWith(rel, "templates/")) {
      std::string name = rel.substr(10);
      if (name.size() <= kTemplateExtension.size() ||
          name.compare(name.size() - kTemplateExtension.size(), kTemplateExtension.size(), kTemplateExtension) != 0) {
        return;
      }
      name.resize(name.size() - kTemplateExtension.size());
      if (theme_->template_paths.count(name) > 0) return;
      theme_->template_paths[name] = display;
      sink_->AddSource(display, contents);
      if (!StartsWith(display, kBuiltIn)) CheckAssetLinks(display, contents);
      TemplateError error;
      if (!theme_->templates.Add(name, contents, &error)) {
        sink_->Add(Error(display, error.line, error.column, "template-syntax", error.message));
        ok_ = false;
      }
    } else if (StartsWith(rel, "assets/")) {
      theme_->files.emplace(rel, contents);
    } else if (StartsWith(rel, "i18n/")) {
      catalogues_.push_back({rel.substr(5), contents, display});
    }
  }

  /// A site's template that links the stylesheet, the icon or a runtime script by its
  /// plain name links a file that is no longer written: those names are fingerprinted
  /// (generator/assets.h) and the template data has their URLs.
  void CheckAssetLinks(const std::string& display, const std::string& contents) {
    static const char* const kLinks[][2] = {
        {"assets/morsel.css", "asset.css"},         {"assets/favicon.svg", "asset.icon"},
        {"runtime/morsel.js", "asset.script"},      {"runtime/search.js", "asset.search_script"},
        {"runtime/theme.js", "asset.theme_script"}, {"runtime/xapi.js", "asset.xapi_script"}};
    for (const auto& link : kLinks) {
      const size_t at = contents.find(link[0]);
      if (at == std::string::npos) continue;
      int line = 1;
      int column = 1;
      for (size_t i = 0; i < at; ++i) {
        if (contents[i] == '\n') {
          ++line;
          column = 1;
        } else {
          ++column;
        }
      }
      sink_->Add(
          Warning(display, line, column, "theme-asset-link",
                  std::string("'") + link[0] + "' is published under a fingerprinted name: this link will not load",
                  std::string("write {{") + link[1] + "}} (a URL from this page, root included)"));
    }
  }

  /// Adds the files of a theme folder on disk.
  void AddFolder(const std::string& dir) {
    if (dir.empty() || !fs_.IsDir(dir)) return;
    std::vector<std::string> files;
    Walk(fs_, dir, "", &files);
    for (const std::string& rel : files) {
      std::string contents, error;
      std::string path = JoinPath(dir, rel);
      if (!fs_.ReadFile(path, &contents, &error)) {
        sink_->Add(Error(path, 0, 0, "read-failed", error));
        ok_ = false;
        continue;
      }
      Add(rel, contents, path);
    }
  }

  /// The catalogue for `language`, key by key: English (the built-in catalogue with each
  /// overriding file merged on top, most specific last), then the language's base (`pt`
  /// for `pt-BR`), then the language itself. A key the language lacks is English, and a
  /// warning lists those keys: a partial catalogue never blanks a string.
  bool Strings(const std::string& language) {
    const std::string* english_file = nullptr;
    json strings = Merged("en", &english_file);
    if (language != "en") {
      json own = json::object();
      const std::string* shown = nullptr;  // the language's most specific file
      const size_t dash = language.find('-');
      for (const std::string& name : {dash == std::string::npos ? std::string() : language.substr(0, dash), language}) {
        if (!name.empty() && name != "en") Merge(&own, Merged(name, &shown));
      }
      if (shown == nullptr) {
        sink_->Add(Warning(config_path_, 0, 0, "unknown-language",
                           "the theme has no strings for language '" + language + "'",
                           "pages will use English text; add i18n/" + language + ".json to your theme"));
      } else {
        ReportMissing(strings, own, language, *shown);
        Merge(&strings, own);
      }
    }
    theme_->strings = std::move(strings);
    // The runtime's strings are the same on every page: one script the layout loads
    // (published fingerprinted, as runtime/strings.<hash>.js) instead of 4.9 KB of JSON
    // in every page.
    theme_->files["runtime/strings.js"] =
        "window.MorselStrings = " + ScriptJson(theme_->strings.value("runtime", nlohmann::json::object())) + ";\n";
    return ok_;
  }

  bool ok() const { return ok_; }

 private:
  struct Catalogue {
    std::string name;
    std::string contents;
    std::string display;
  };

  /// Every catalogue file named `<name>.json` merged, least specific first; `*display`
  /// becomes the most specific one's path when there is one.
  json Merged(const std::string& name, const std::string** display) {
    json strings = json::object();
    for (auto it = catalogues_.rbegin(); it != catalogues_.rend(); ++it) {
      if (it->name != name + ".json") continue;
      // ParseJson refuses nesting deeper than core::kMaxJsonDepth: templates interpolate
      // the catalogue's objects as JSON, which nlohmann writes recursively.
      json parsed = core::ParseJson(it->contents);
      if (parsed.is_discarded() && json::accept(it->contents)) {
        sink_->Add(
            Error(it->display, 0, 0, "theme-strings",
                  "the string catalogue is nested more than " + std::to_string(core::kMaxJsonDepth) + " levels deep",
                  "strings are grouped a level or two deep: {\"theme\": {\"next_lesson\": \"…\"}}"));
        ok_ = false;
        continue;
      }
      if (parsed.is_discarded() || !parsed.is_object()) {
        sink_->Add(Error(it->display, 0, 0, "theme-strings", "the string catalogue is not a JSON object",
                         "check it with a JSON validator"));
        ok_ = false;
        continue;
      }
      Merge(&strings, parsed);
      *display = &it->display;
    }
    return strings;
  }

  /// Warns once, at the language's catalogue, listing the keys (`theme.next_lesson`) that
  /// English has and the language lacks. A plural entry ({"one": …, "other": …}) is one key.
  void ReportMissing(const json& english, const json& own, const std::string& language, const std::string& display) {
    std::vector<std::string> missing;
    for (auto section = english.begin(); section != english.end(); ++section) {
      const json* theirs = own.contains(section.key()) ? &own[section.key()] : nullptr;
      if (!section.value().is_object()) {
        if (theirs == nullptr) missing.push_back(section.key());
        continue;
      }
      for (auto key = section.value().begin(); key != section.value().end(); ++key) {
        if (theirs == nullptr || !theirs->is_object() || !theirs->contains(key.key())) {
          missing.push_back(section.key() + "." + key.key());
        }
      }
    }
    if (missing.empty()) return;
    std::string list;
    const size_t shown = std::min<size_t>(missing.size(), 12);
    for (size_t i = 0; i < shown; ++i) list += (i == 0 ? "" : ", ") + missing[i];
    if (shown < missing.size()) list += ", … (" + std::to_string(missing.size() - shown) + " more)";
    sink_->Add(Warning(display, 0, 0, "missing-strings",
                       "the '" + language + "' strings lack " + std::to_string(missing.size()) +
                           (missing.size() == 1 ? " key" : " keys") + ": " + list,
                       "pages show these in English until i18n/" + language + ".json has them"));
  }

  const FileSystem& fs_;
  std::string config_path_;
  Theme* theme_;
  DiagnosticSink* sink_;
  std::vector<Catalogue> catalogues_;  // most specific first
  bool ok_ = true;
};

/// A theme's name is the name of a folder under themes/: letters, digits, '-', '_' and
/// '.', not starting with '.', so that it cannot name a folder anywhere else.
bool IsThemeName(const std::string& name) {
  if (name.empty() || name.size() > 64 || name[0] == '.') return false;
  for (char c : name) {
    const bool plain =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
    if (!plain) return false;
  }
  return true;
}

}  // namespace

void Theme::ReportError(const TemplateError& error, const char* code, DiagnosticSink* sink) const {
  auto it = template_paths.find(error.name);
  std::string path = it == template_paths.end() ? error.name : it->second;
  sink->Add(Error(path, error.line, error.column, code, error.message));
}

bool LoadTheme(const FileSystem& fs, const ThemeSources& sources, Theme* theme, DiagnosticSink* sink) {
  ThemeLoader loader(fs, sources.config_path, theme, sink);
  loader.AddFolder(JoinPath(sources.project_root, "theme"));
  // A theme that cannot be used is reported, and the built-in one still loaded below, so
  // that every later stage has a whole theme to read.
  bool named_ok = true;
  if (!sources.name.empty() && !IsThemeName(sources.name)) {
    sink->Add(Error(sources.config_path, 0, 0, "unknown-theme",
                    "theme '" + sources.name + "' is not a theme name: it names the folder themes/<name>/",
                    "write the folder's name only (letters, digits, '-', '_', '.'), or remove 'theme' to use "
                    "the built-in theme"));
    named_ok = false;
  } else if (!sources.name.empty()) {
    std::string named = JoinPath(sources.project_root, "themes/" + sources.name);
    if (!fs.IsDir(named)) {
      sink->Add(Error(sources.config_path, 0, 0, "unknown-theme",
                      "theme '" + sources.name + "' not found: there is no folder '" + named + "'",
                      "remove 'theme' to use the built-in theme"));
      named_ok = false;
    } else {
      loader.AddFolder(named);
    }
  }
  size_t count = 0;
  const EmbeddedFile* files = EmbeddedFiles(&count);
  for (size_t i = 0; i < count; ++i) {
    std::string_view path = files[i].path;
    if (StartsWith(path, "theme/")) {
      loader.Add(std::string(path.substr(6)), std::string(files[i].data),
                 std::string(kBuiltIn) + std::string(path.substr(6)));
    } else if (StartsWith(path, "runtime/")) {
      // The runtime is part of Morsel, not of a theme: it cannot be overridden.
      theme->files[std::string(path)] = std::string(files[i].data);
    }
  }
  const bool ok = loader.Strings(sources.language) && loader.ok() && named_ok;
  // With the strings, which every page loads, the runtime's map of the files it loads later
  // (made from the runtime files, which the map does not name strings.js among).
  theme->files["runtime/strings.js"] +=
      "window.MorselAssets = " + LazyAssetMap(AssignAssetNames(*theme, "")).dump() + ";\n";
  return ok;
}

}  // namespace morsel::gen
