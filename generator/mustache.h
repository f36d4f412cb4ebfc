#pragma once

// Mustache templates (https://mustache.github.io/mustache.5.html) rendered against
// nlohmann::json, including the optional inheritance extension (parents `{{<name}}`
// and blocks `{{$name}}`). Conforms to the official spec files in
// tests/conformance/mustache-spec; lambdas and dynamic names are not supported.
//
// Semantics beyond the spec's tests:
// - Falsey values: false, null, a missing name, the empty list and the empty string.
//   Numbers (including 0) and objects (including {}) are truthy.
// - `{{x}}` escapes & < > " and ' (as &#39;, so values are safe in either kind of
//   attribute quotes). Numbers render as JSON does, except that whole floats drop
//   ".0"; objects and lists interpolate as compact JSON.
// - Missing partials and parents render as the empty string, as the spec says.
//
// Templates are parsed once when added; rendering only reads them, so one TemplateSet
// may be rendered from many threads at once.

#include <map>
#include <memory>
#include <string>
#include <unordered_map>

#include <nlohmann/json.hpp>

namespace morsel::gen {

/// Where and why a template could not be parsed or rendered.
struct TemplateError {
  std::string name;  ///< Name of the template containing the offending tag.
  int line = 0;      ///< 1-based; 0 when the error has no position.
  int column = 0;    ///< 1-based, counting characters rather than bytes.
  std::string message;

  /// `name:line:column: error: message` (position left out when line is 0).
  std::string ToString() const;
};

/// Partials, parents and overridden blocks expanded inside each other deeper than
/// this fail rendering instead of overflowing the stack (a template that includes
/// itself unconditionally).
constexpr int kMaxTemplateDepth = 100;

/// One render writes at most this many bytes, and expands at most kMaxTemplateSteps
/// tags: partials that include each other twice would otherwise grow exponentially
/// within the depth limit (20 levels make a million copies).
constexpr size_t kMaxTemplateOutputBytes = size_t{64} << 20;
constexpr size_t kMaxTemplateSteps = 10000000;

struct ParsedTemplate;

/// A set of named templates (the theme). Templates are parsed when added.
class TemplateSet {
 public:
  /// Parses and stores `source` under `name` (replacing any template of that name);
  /// returns false, leaving the set unchanged, and fills *error on a syntax error.
  bool Add(const std::string& name, const std::string& source, TemplateError* error);

  /// Whether a template called `name` was added.
  bool Has(const std::string& name) const;

  /// Renders template `name` with `data` into *out (replacing its contents);
  /// partials and parents are looked up by name in this set. Returns false and
  /// fills *error if `name` is unknown, templates nest too deeply, or the render goes
  /// past kMaxTemplateOutputBytes or kMaxTemplateSteps.
  bool Render(const std::string& name, const nlohmann::json& data, std::string* out, TemplateError* error) const;

 private:
  friend bool RenderMustache(const std::string& source, const nlohmann::json& data,
                             const std::map<std::string, std::string>& partials, std::string* out,
                             TemplateError* error);

  std::unordered_map<std::string, std::shared_ptr<const ParsedTemplate>> templates_;
};

/// Convenience for tests: renders one template string (named "template" in errors)
/// with `partials` as the partial and parent templates.
bool RenderMustache(const std::string& source, const nlohmann::json& data,
                    const std::map<std::string, std::string>& partials, std::string* out, TemplateError* error);

}  // namespace morsel::gen
