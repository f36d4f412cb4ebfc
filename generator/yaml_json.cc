#include "generator/yaml_json.h"

#include <cerrno>
#include <cstdlib>
#include <set>

#include <yaml-cpp/yaml.h>

#include "runtime/core/diagnostic.h"

namespace morsel::gen {
namespace {

class Converter {
 public:
  Converter(const YamlOrigin& origin, PositionMap* positions, DiagnosticSink* sink)
      : origin_(origin), positions_(positions), sink_(sink) {}

  /// File position (1-based line, character column) of a yaml-cpp mark.
  std::pair<int, int> Position(const YAML::Mark& mark) const {
    int line = origin_.first_line + mark.line;
    size_t byte_column = static_cast<size_t>(mark.column) + static_cast<size_t>(origin_.indent);
    return {line, CharColumn(LineText(line), byte_column)};
  }

  void Error(const YAML::Mark& mark, const std::string& message, const std::string& code, const std::string& hint) {
    auto [line, column] = Position(mark);
    sink_->Add(gen::Error(origin_.path, line, column, code, message, hint));
    ok_ = false;
  }

  nlohmann::json Convert(const YAML::Node& node, const std::string& pointer) {
    auto [line, column] = Position(node.Mark());
    SourcePos& pos = (*positions_)[pointer];
    pos.line = line;
    pos.column = column;
    switch (node.Type()) {
      case YAML::NodeType::Null:
      case YAML::NodeType::Undefined:
        return nullptr;
      case YAML::NodeType::Scalar:
        return Scalar(node);
      case YAML::NodeType::Sequence: {
        nlohmann::json array = nlohmann::json::array();
        size_t i = 0;
        for (const YAML::Node& item : node) {
          array.push_back(Convert(item, pointer + "/" + std::to_string(i++)));
        }
        return array;
      }
      case YAML::NodeType::Map: {
        nlohmann::json object = nlohmann::json::object();
        std::set<std::string> seen;
        for (const auto& member : node) {
          if (!member.first.IsScalar()) {
            Error(member.first.Mark(), "keys must be plain text", "yaml-syntax", "");
            continue;
          }
          const std::string key = member.first.Scalar();
          std::string child = pointer + "/" + core::PointerToken(key);
          if (!seen.insert(key).second) {
            Error(member.first.Mark(), "duplicate key '" + key + "'", "yaml-duplicate-key",
                  "YAML would keep only the last value: remove or rename one of them");
            continue;
          }
          object[key] = Convert(member.second, child);
          auto [key_line, key_column] = Position(member.first.Mark());
          SourcePos& child_pos = (*positions_)[child];
          child_pos.key_line = key_line;
          child_pos.key_column = key_column;
          if (member.second.IsNull()) {
            // An empty value has no useful mark of its own: point at its key.
            child_pos.line = key_line;
            child_pos.column = key_column;
          }
        }
        return object;
      }
    }
    return nullptr;
  }

  bool ok() const { return ok_; }

 private:
  std::string LineText(int line) const { return origin_.file_text == nullptr ? "" : LineOf(*origin_.file_text, line); }

  static nlohmann::json Scalar(const YAML::Node& node) {
    const std::string& text = node.Scalar();
    // "!" marks a quoted or block scalar: always a string.
    if (node.Tag() != "?") return text;
    if (text == "~" || text == "null" || text == "Null" || text == "NULL") return nullptr;
    if (text == "true" || text == "True" || text == "TRUE") return true;
    if (text == "false" || text == "False" || text == "FALSE") return false;
    if (!text.empty()) {
      char* end = nullptr;
      errno = 0;
      long long integer = std::strtoll(text.c_str(), &end, 10);
      if (*end == '\0' && errno == 0 && (text[0] == '-' || text[0] == '+' || (text[0] >= '0' && text[0] <= '9'))) {
        return integer;
      }
      bool numeric_start = (text[0] >= '0' && text[0] <= '9') ||
                           ((text[0] == '-' || text[0] == '+' || text[0] == '.') && text.size() > 1);
      if (numeric_start) {
        double real = std::strtod(text.c_str(), &end);
        if (*end == '\0' && errno == 0) return real;
      }
    }
    return text;
  }

  const YamlOrigin& origin_;
  PositionMap* positions_;
  DiagnosticSink* sink_;
  bool ok_ = true;
};

}  // namespace

bool YamlToJson(const std::string& yaml, const YamlOrigin& origin, nlohmann::json* out, PositionMap* positions,
                DiagnosticSink* sink) {
  Converter converter(origin, positions, sink);
  YAML::Node root;
  try {
    root = YAML::Load(yaml);
  } catch (const YAML::Exception& e) {
    // yaml-cpp reports errors found at the end of input past the last line: point at
    // the end of the last line instead, where the unfinished construct is.
    YAML::Mark mark = e.mark;
    int lines = 0;
    size_t last_start = 0;
    for (size_t i = 0; i < yaml.size(); ++i) {
      if (yaml[i] == '\n' && i + 1 < yaml.size()) {
        ++lines;
        last_start = i + 1;
      }
    }
    if (mark.is_null() || mark.line > lines) {
      size_t end = yaml.find('\n', last_start);
      mark.line = lines;
      mark.column = static_cast<int>((end == std::string::npos ? yaml.size() : end) - last_start);
    }
    converter.Error(mark, "invalid YAML: " + e.msg, "yaml-syntax",
                    "check the indentation, and quote text that contains ': ' or starts "
                    "with a special character");
    return false;
  }
  *out = converter.Convert(root, "");
  return converter.ok();
}

SourcePos Locate(const PositionMap& positions, const std::string& pointer, bool at_key) {
  std::string current = pointer;
  while (true) {
    auto it = positions.find(current);
    if (it != positions.end()) {
      SourcePos pos = it->second;
      if (at_key && current == pointer && pos.key_line > 0) {
        pos.line = pos.key_line;
        pos.column = pos.key_column;
      }
      return pos;
    }
    if (current.empty()) return {};
    current = current.substr(0, current.rfind('/'));
  }
}

}  // namespace morsel::gen
