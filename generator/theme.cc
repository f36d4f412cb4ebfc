#include "generator/theme.h"

#include "generator/embedded.h"

namespace morsel::gen {
namespace {

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

constexpr std::string_view kTemplates = "theme/templates/";
constexpr std::string_view kAssets = "theme/assets/";
constexpr std::string_view kRuntime = "runtime/";
constexpr std::string_view kTemplateExtension = ".mustache";

}  // namespace

bool LoadBuiltinTheme(const std::string& language, Theme* theme, DiagnosticSink* sink) {
  size_t count = 0;
  const EmbeddedFile* files = EmbeddedFiles(&count);
  bool ok = true;
  for (size_t i = 0; i < count; ++i) {
    const EmbeddedFile& file = files[i];
    if (StartsWith(file.path, kTemplates)) {
      std::string_view name = file.path.substr(kTemplates.size());
      if (name.size() > kTemplateExtension.size() &&
          name.substr(name.size() - kTemplateExtension.size()) == kTemplateExtension) {
        name.remove_suffix(kTemplateExtension.size());
      }
      TemplateError error;
      if (!theme->templates.Add(std::string(name), std::string(file.data), &error)) {
        sink->Add({std::string(file.path), error.line, error.column, Severity::kError,
                   error.message, "template-syntax", ""});
        ok = false;
      }
    } else if (StartsWith(file.path, kAssets)) {
      theme->files["assets/" + std::string(file.path.substr(kAssets.size()))] = std::string(file.data);
    } else if (StartsWith(file.path, kRuntime)) {
      theme->files[std::string(file.path)] = std::string(file.data);
    }
  }
  const EmbeddedFile* catalogue = FindEmbedded("theme/i18n/" + language + ".json");
  if (catalogue == nullptr) {
    sink->Add({"site.yml", 0, 0, Severity::kWarning,
               "the built-in theme has no strings for language '" + language + "'",
               "unknown-language", "pages will use English text"});
    catalogue = FindEmbedded("theme/i18n/en.json");
  }
  theme->strings = catalogue == nullptr
                       ? nlohmann::json::object()
                       : nlohmann::json::parse(catalogue->data, nullptr, false);
  if (theme->strings.is_discarded() || !theme->strings.is_object()) {
    sink->Add({"theme/i18n/" + language + ".json", 0, 0, Severity::kError,
               "the theme's string catalogue is not a JSON object", "theme-strings", ""});
    return false;
  }
  return ok;
}

}  // namespace morsel::gen
