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

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

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

/// A list of the data made one item at a time as the render reaches it, each item dropped
/// once rendered: a course's single file renders 2,000 lessons' data without holding it.
struct GeneratedList {
  /// The value inside the data that stands for the list (an empty array there): where a
  /// section names it, the section renders once per item; an inverted section renders
  /// when `size` is 0. Interpolated, it is the empty array.
  const nlohmann::json* placeholder = nullptr;
  size_t size = 0;
  /// Item i, 0 ≤ i < size, asked for in order.
  std::function<nlohmann::json(size_t)> item;
};

/// A render written out in pieces rather than kept whole.
struct RenderStream {
  /// Receives the output in order, in pieces of about kRenderPieceBytes; returning false
  /// stops the render (a failed write: the error is the writer's to report).
  std::function<bool(std::string_view)> write;
  std::vector<GeneratedList> lists;
};

constexpr size_t kRenderPieceBytes = size_t{64} << 10;

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
  /// The same, written to `stream.write` piece by piece, with `stream.lists` generated.
  bool Render(const std::string& name, const nlohmann::json& data, const RenderStream& stream,
              TemplateError* error) const;

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
