#pragma once

#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "generator/diagnostics.h"

namespace morsel::gen {

/// Where a value (and, for mapping members, its key) stands in the source file.
struct SourcePos {
  int line = 0;
  int column = 0;
  int key_line = 0;
  int key_column = 0;
};

/// JSON pointer → position, for every value of a converted document.
using PositionMap = std::map<std::string, SourcePos>;

/// Where a YAML fragment sits in its file: its first line and the indentation (in
/// bytes) that was removed from every line of it.
struct YamlOrigin {
  std::string path;
  /// The whole file, to count columns in characters.
  const std::string* file_text = nullptr;
  int first_line = 1;
  int indent = 0;
};

/// Parses YAML into JSON. Plain scalars become booleans, numbers or null as YAML's core
/// schema says; quoted and block scalars stay strings. Reports syntax errors and
/// duplicate keys (yaml-cpp itself keeps the last silently) to `sink`; returns false on
/// any error.
bool YamlToJson(const std::string& yaml, const YamlOrigin& origin, nlohmann::json* out, PositionMap* positions,
                DiagnosticSink* sink);

/// The position to report for a diagnostic at `pointer`: the nearest enclosing value
/// that has a position; the key's position when `at_key` is set.
SourcePos Locate(const PositionMap& positions, const std::string& pointer, bool at_key);

}  // namespace morsel::gen
