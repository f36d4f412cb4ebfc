#pragma once

#include <string>

namespace morsel::gen {

/// A Markdown file split at its YAML front matter (`---` fences at the very top).
struct FrontMatter {
  bool present = false;
  /// False when the opening fence has no closing one.
  bool closed = true;
  std::string yaml;
  /// 1-based line in the file of the first YAML line (the line after the opening fence).
  int yaml_line = 0;
  std::string body;
  /// 1-based line in the file of the first body line.
  int body_line = 1;
};

/// Splits `text`. A UTF-8 byte order mark is skipped; "\r\n" and lone "\r" line ends
/// are accepted as "\n" is (the YAML gets "\n" for lone "\r"; cmark reads all three).
FrontMatter SplitFrontMatter(const std::string& text);

}  // namespace morsel::gen
