#include "generator/front_matter.h"

#include "generator/text.h"

namespace morsel::gen {
namespace {

bool IsFence(const std::string& text, size_t start, size_t end, const char* fence) {
  std::string line = text.substr(start, end - start);
  while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.pop_back();
  return line == fence;
}

/// `yaml` with lone "\r" line ends made "\n", as every other reader of it counts lines.
std::string WithNewlines(std::string yaml) {
  for (size_t i = 0; i < yaml.size(); ++i) {
    if (yaml[i] == '\r' && (i + 1 == yaml.size() || yaml[i + 1] != '\n')) yaml[i] = '\n';
  }
  return yaml;
}

}  // namespace

FrontMatter SplitFrontMatter(const std::string& text) {
  FrontMatter out;
  size_t start = text.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0;
  size_t yaml_start = 0;
  size_t first_end = LineEnd(text, start, &yaml_start);
  if (!IsFence(text, start, first_end, "---")) {
    out.body = text.substr(start);
    return out;
  }
  out.present = true;
  out.yaml_line = 2;
  size_t pos = yaml_start;
  int line = 2;
  while (pos < text.size()) {
    size_t next = 0;
    size_t end = LineEnd(text, pos, &next);
    if (IsFence(text, pos, end, "---") || IsFence(text, pos, end, "...")) {
      out.yaml = WithNewlines(text.substr(yaml_start, pos - yaml_start));
      out.body = text.substr(next);
      out.body_line = line + 1;
      return out;
    }
    pos = next;
    ++line;
  }
  out.closed = false;
  out.yaml = WithNewlines(text.substr(yaml_start));
  return out;
}

}  // namespace morsel::gen
