#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

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

/// JSON pointer → position, for every value of a converted document. Compact, because a
/// document holds one per value: the pointers share one string, and lookups binary-search
/// an index sorted on first use. (A std::map<std::string, SourcePos> cost a tree node and a
/// string per value, about 130 bytes: with the JSON itself, 47 bytes of memory per byte of
/// dense YAML.)
class PositionMap {
 public:
  /// Adds `pointer` and returns its entry's index (entries are never removed).
  size_t Add(std::string_view pointer);
  SourcePos& at(size_t index) { return entries_[index].pos; }
  /// The position of `pointer` (the first one added), or nullptr.
  const SourcePos* Find(std::string_view pointer) const;
  size_t size() const { return entries_.size(); }
  /// Calls `visit(pointer, position)` for every entry, in the order they were added.
  template <typename Visit>
  void ForEach(Visit&& visit) const {
    for (const Entry& e : entries_) visit(std::string_view(text_).substr(e.offset, e.length), e.pos);
  }

 private:
  struct Entry {
    uint32_t offset;
    uint32_t length;
    SourcePos pos;
  };
  std::string_view PointerOf(uint32_t index) const {
    return std::string_view(text_).substr(entries_[index].offset, entries_[index].length);
  }
  std::string text_;
  std::vector<Entry> entries_;
  /// Indexes of entries_ ordered by pointer (then by index): built by Find when entries
  /// were added since.
  mutable std::vector<uint32_t> sorted_;
};

/// Where a YAML fragment sits in its file: its first line and the indentation (in
/// bytes) that was removed from every line of it.
struct YamlOrigin {
  std::string path;
  /// The whole file, to count columns in characters.
  const std::string* file_text = nullptr;
  int first_line = 1;
  int indent = 0;
  /// The document may hold a value per this many bytes (see kMaxYamlValues).
  size_t bytes_per_value = 16;
};

/// Sequences and mappings nested deeper than this are refused (`too-deep`): no Morsel
/// file needs more than a few levels, and the depth bounds every recursive walk of the
/// converted JSON.
constexpr int kMaxYamlDepth = 64;

/// Values that aliases (`*name`) may copy into one document, in all: this many, or as
/// many as the document writes out itself if that is more (`yaml-alias`). Bounds a
/// "billion laughs" file to about twice its own size, as libyaml's and Go yaml's alias
/// limits do.
constexpr size_t kMaxAliasValues = 10000;

/// A YAML document (front matter, a block, site.yml, morsel.lock) of more bytes than
/// this is refused (`too-large`); its memory is bounded by kMaxYamlValues below.
/// morsel.lock is the largest: about 50 bytes per question of the site.
constexpr size_t kMaxYamlBytes = size_t{8} << 20;

/// A document holds at most kMaxYamlValues values (keys count), or one per
/// YamlOrigin::bytes_per_value bytes of it if that is more; the next is refused
/// (`too-large`). Converted, a value costs about 150 bytes (a JSON node, often a string,
/// and its position) however few bytes it took: `[a,a,a]` is 2 bytes a value. The limit
/// bounds a document's memory at about 15 MB, or 10 bytes per byte of it at 16 bytes per
/// value (docs/security.md); a file of prose or a quiz of 1,000 questions stays far
/// under it. morsel.lock, short ids and hashes written by Morsel (about 12 bytes per
/// value), is read at 8 bytes per value.
constexpr size_t kMaxYamlValues = 100000;
size_t MaxYamlValues(size_t yaml_bytes, size_t bytes_per_value);

/// Parses YAML into JSON. Plain scalars become booleans, numbers or null as YAML's core
/// schema says; quoted and block scalars stay strings. Reports to `sink`, each at its
/// position: syntax errors; duplicate keys (yaml-cpp itself keeps the last silently); an
/// alias inside the value it names (`tags: &a [*a]`) and aliases that copy more than
/// kMaxAliasValues values (`yaml-alias`); nesting deeper than kMaxYamlDepth (`too-deep`);
/// more values than MaxYamlValues (`too-large`); a whole number too large for 64 bits
/// (`out-of-range`); text holding a control
/// character other than tab and line ends, such as NUL (`control-character`). Returns
/// false on any error.
bool YamlToJson(const std::string& yaml, const YamlOrigin& origin, nlohmann::json* out, PositionMap* positions,
                DiagnosticSink* sink);

/// The position to report for a diagnostic at `pointer`: the nearest enclosing value
/// that has a position; the key's position when `at_key` is set.
SourcePos Locate(const PositionMap& positions, const std::string& pointer, bool at_key);

}  // namespace morsel::gen
