#include "generator/front_matter.h"

namespace morsel::gen {
namespace {

bool IsFence(const std::string& text, size_t start, size_t end, const char* fence) {
  std::string line = text.substr(start, end - start);
  if (!line.empty() && line.back() == '\r') line.pop_back();
  while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.pop_back();
  return line == fence;
}

}  // namespace

FrontMatter SplitFrontMatter(const std::string& text) {
  FrontMatter out;
  size_t start = text.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0;
  size_t first_end = text.find('\n', start);
  if (first_end == std::string::npos) first_end = text.size();
  if (!IsFence(text, start, first_end, "---")) {
    out.body = text.substr(start);
    return out;
  }
  out.present = true;
  out.yaml_line = 2;
  size_t yaml_start = first_end < text.size() ? first_end + 1 : text.size();
  size_t pos = yaml_start;
  int line = 2;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string::npos) end = text.size();
    if (IsFence(text, pos, end, "---") || IsFence(text, pos, end, "...")) {
      out.yaml = text.substr(yaml_start, pos - yaml_start);
      out.body = end < text.size() ? text.substr(end + 1) : "";
      out.body_line = line + 1;
      return out;
    }
    pos = end + 1;
    ++line;
  }
  out.closed = false;
  out.yaml = text.substr(yaml_start);
  return out;
}

}  // namespace morsel::gen
