// The Mustache engine (generator/mustache.cc), templates and data: a template, the JSON
// data it is rendered with, and a partial (parts split by "--8<--" lines). The partial is
// added as "p" and as "parent", so {{>p}}, {{<parent}} and {{$block}} find it; a template
// that does not parse is still rendered through RenderMustache's error path.
//
// Mustache's output can be exponential in its input (sections nested over a list, a
// partial that includes itself twice). The engine stops such a render at its output and
// tag limits (64 MB, 10 M tags: limits_test.cc), but reaching them takes most of a second
// and over 100 MB per input, which would slow the fuzzer a thousandfold without reaching
// new code. So the target keeps its inputs polynomial: the template is stored under a name no tag can spell (" "), the
// partial is reachable only when it holds no partial or parent tag ('<', '>'), at most
// six section sigils ('#', '^') in all, and lists of at most three items.
#include <cstddef>
#include <cstdint>
#include <deque>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "generator/mustache.h"
#include "runtime/core/json_parse.h"
#include "tests/fuzz/fuzz_input.h"

namespace {

bool ShortLists(const nlohmann::json& value) {
  if (value.is_array() && value.size() > 3) return false;
  if (!value.is_structured()) return true;
  for (const auto& item : value) {
    if (!ShortLists(item)) return false;
  }
  return true;
}

size_t Count(const std::string& text, const char* chars) {
  size_t n = 0;
  for (const char c : text) n += std::string(chars).find(c) != std::string::npos ? 1 : 0;
  return n;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::vector<std::string> parts = morsel::fuzz::Parts(morsel::fuzz::Text(data, size), 3);
  if (Count(parts[0], "#^") + Count(parts[2], "#^") > 6) return -1;
  const bool partial_reachable = Count(parts[2], "<>") == 0;
  nlohmann::json values = morsel::core::ParseJson(parts[1]);
  if (!values.is_discarded() && !ShortLists(values)) return -1;
  if (values.is_discarded()) {
    values = {{"title", "T <b>&amp;</b>"},
              {"items", {{{"name", "a"}, {"ok", true}}, {{"name", "b"}, {"ok", false}}}},
              {"site", {{"footer_links", {{{"url", "https://x"}, {"text", "x"}}}}}},
              {"n", 0},
              {"empty", nlohmann::json::array()}};
  }
  morsel::gen::TemplateSet set;
  morsel::gen::TemplateError error;
  std::string out;
  if (set.Add("  ", parts[2], &error)) set.Render("  ", values, &out, &error);
  if (partial_reachable) {
    set.Add("p", parts[2], &error);
    set.Add("parent", parts[2], &error);
  }
  if (set.Add(" ", parts[0], &error)) {
    const bool whole = set.Render(" ", values, &out, &error);
    // The same render streamed (RenderStream) gives the same bytes. Then once more with
    // every top-level list generated item by item (GeneratedList): that render interpolates
    // a list's name as the empty array, so it only has to end without a fault.
    std::string streamed;
    morsel::gen::RenderStream stream;
    stream.write = [&streamed](std::string_view piece) {
      streamed.append(piece);
      return true;
    };
    morsel::gen::TemplateError stream_error;
    const bool streamed_ok = set.Render(" ", values, stream, &stream_error);
    if (streamed_ok != whole || (whole && streamed != out)) __builtin_trap();
    nlohmann::json lazy = values;
    std::deque<nlohmann::json> lists;
    if (lazy.is_object()) {
      for (auto& [key, value] : lazy.items()) {
        if (!value.is_array()) continue;
        const nlohmann::json& items = lists.emplace_back(std::move(value));
        value = nlohmann::json::array();
        stream.lists.push_back({&value, items.size(), [&items](size_t i) { return items[i]; }});
      }
    }
    streamed.clear();
    set.Render(" ", lazy, stream, &stream_error);
  }
  error.ToString();
  // RenderMustache keeps its template out of the set: it cannot include itself.
  std::map<std::string, std::string> partials;
  if (partial_reachable) partials["p"] = parts[2];
  morsel::gen::RenderMustache(parts[0], values, partials, &out, &error);
  error.ToString();
  return 0;
}
