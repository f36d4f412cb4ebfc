// Front matter and YAML (generator/front_matter.cc, generator/yaml_json.cc): a Markdown
// file split at its front matter, the YAML converted to JSON with positions, every
// diagnostic located and formatted with its source line; the whole input also as a YAML
// file of its own (site.yml, morsel.lock).
#include <cstddef>
#include <cstdint>
#include <string>

#include "generator/diagnostics.h"
#include "generator/front_matter.h"
#include "generator/yaml_json.h"
#include "tests/fuzz/fuzz_input.h"

namespace {

void Convert(const std::string& yaml, const std::string& file, int first_line) {
  morsel::gen::DiagnosticSink sink;
  sink.AddSource("in.md", file);
  morsel::gen::YamlOrigin origin{"in.md", &file, first_line, 0};
  nlohmann::json out;
  morsel::gen::PositionMap positions;
  morsel::gen::YamlToJson(yaml, origin, &out, &positions, &sink);
  positions.ForEach([&](std::string_view pointer, const morsel::gen::SourcePos&) {
    morsel::gen::Locate(positions, std::string(pointer) + "/missing/0", false);
    morsel::gen::Locate(positions, std::string(pointer), true);
  });
  sink.Format();
  morsel::fuzz::Dump(out);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text = morsel::fuzz::Text(data, size);
  // The loader refuses files that are not UTF-8 (`not-utf8`) before any YAML is read.
  if (!morsel::fuzz::IsUtf8(text)) return -1;
  const morsel::gen::FrontMatter front = morsel::gen::SplitFrontMatter(text);
  if (front.present) Convert(front.yaml, text, front.yaml_line);
  Convert(text, text, 1);
  return 0;
}
