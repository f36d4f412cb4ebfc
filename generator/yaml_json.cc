#include "generator/yaml_json.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <istream>
#include <map>
#include <streambuf>
#include <vector>

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include "generator/processing.h"
#include "runtime/core/diagnostic.h"

namespace morsel::gen {
namespace {

/// A limit or a recursion found while parsing: stops the parse at `mark`.
struct Refusal {
  YAML::Mark mark;
  std::string message;
  std::string code;
  std::string hint;
};

/// Builds JSON from yaml-cpp's parse events rather than from its node graph, so that an
/// alias is seen as one (yaml-cpp resolves `&a [*a]` into a node that contains itself)
/// and nesting is counted before it is walked.
class Converter : public YAML::EventHandler {
 public:
  Converter(const std::string& yaml, const YamlOrigin& origin, PositionMap* positions, DiagnosticSink* sink)
      : yaml_(yaml),
        origin_(origin),
        positions_(positions),
        sink_(sink),
        max_values_(MaxYamlValues(yaml.size(), origin.bytes_per_value)) {
    line_starts_.push_back(0);
    for (size_t i = 0; i < yaml.size(); ++i) {
      if (yaml[i] == '\n') line_starts_.push_back(i + 1);
    }
  }

  /// File position (1-based line, character column) of a yaml-cpp mark. The fragment's
  /// lines are the file's with `indent` bytes of indentation (or '>' marks) removed, so
  /// the column is counted in the fragment: counting in the file's text would scan it
  /// from its start for every value.
  std::pair<int, int> Position(const YAML::Mark& mark) {
    const int line = origin_.first_line + mark.line;
    if (origin_.file_text == nullptr || mark.line < 0) return {line, 1};
    return {line, 1 + origin_.indent + CharsBefore(static_cast<size_t>(mark.line), static_cast<size_t>(mark.column))};
  }

  void Error(const YAML::Mark& mark, const std::string& message, const std::string& code, const std::string& hint) {
    auto [line, column] = Position(mark);
    sink_->Add(gen::Error(origin_.path, line, column, code, message, hint));
    ok_ = false;
  }

  nlohmann::json TakeRoot() { return std::move(root_); }
  bool ok() const { return ok_; }

  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}

  void OnAnchor(const YAML::Mark&, const std::string& name) override { anchor_name_ = name; }

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    NameAnchor(anchor);
    Slot slot = NextSlot();
    if (slot.kind == SlotKind::kKey) return RefuseKey(mark);
    Count(mark);
    Place(slot, nullptr, mark, anchor, 1);
  }

  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    NameAnchor(anchor);
    Slot slot = NextSlot();
    if (slot.kind == SlotKind::kKey) return AcceptKey(mark, value, anchor);
    Count(mark);
    if (slot.kind == SlotKind::kNone || Skipped(slot)) return Place(slot, nullptr, mark, anchor, 1);
    Place(slot, Scalar(mark, tag, value), mark, anchor, 1);
  }

  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    Slot slot = NextSlot();
    if (slot.kind == SlotKind::kKey) return RefuseKey(mark);
    if (slot.kind == SlotKind::kNone || Skipped(slot)) return Place(slot, nullptr, mark, 0, 0);
    auto done = anchors_.find(anchor);
    const std::string name = "*" + anchor_names_[anchor];
    if (done == anchors_.end()) {
      // yaml-cpp refuses undefined anchors itself: this one is still open, so the alias
      // sits inside the value it names.
      throw Refusal{mark, "alias '" + name + "' is inside the value it names: it would repeat for ever", "yaml-alias",
                    "an alias can only repeat a value that is complete before it"};
    }
    alias_values_ += done->second.values;
    if (alias_values_ > std::max(kMaxAliasValues, own_values_)) {
      throw Refusal{mark,
                    "aliases copy more than " + std::to_string(std::max(kMaxAliasValues, own_values_)) +
                        " values into this file (at '" + name + "')",
                    "yaml-alias", "write the values out, or repeat fewer of them through aliases"};
    }
    Place(slot, done->second.value, mark, 0, done->second.values);
  }

  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    Open(mark, anchor, nlohmann::json::array());
  }
  void OnSequenceEnd() override { Close(); }

  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    Open(mark, anchor, nlohmann::json::object());
  }
  void OnMapEnd() override { Close(); }

 private:
  /// What the next value of the document is: the root, an item of a sequence, a key or
  /// a value of a mapping, or part of something refused (kNone).
  enum class SlotKind { kRoot, kItem, kKey, kValue, kNone };
  struct Slot {
    SlotKind kind = SlotKind::kRoot;
    std::string pointer;
    /// A mapping value's entry in positions_, added with its key.
    size_t entry = 0;
  };

  /// A sequence or mapping being built.
  struct Frame {
    Slot slot;
    YAML::anchor_t anchor = 0;
    nlohmann::json value;
    /// Values in it, itself included (what an alias of it copies).
    size_t values = 1;
    // Mappings: the key whose value comes next, if any, and whether that value is
    // dropped (its key was refused).
    bool has_key = false;
    bool skip_value = false;
    std::string key;
    std::string value_pointer;
    size_t value_entry = 0;
  };

  /// A completed anchored value and how many values an alias of it copies.
  struct Anchored {
    nlohmann::json value;
    size_t values = 0;
  };

  Slot NextSlot() const {
    if (stack_.empty()) return {SlotKind::kRoot, ""};
    const Frame& top = stack_.back();
    if (top.slot.kind == SlotKind::kNone) return {SlotKind::kNone, ""};
    if (top.value.is_array()) return {SlotKind::kItem, top.slot.pointer + "/" + std::to_string(top.value.size())};
    if (!top.has_key) return {SlotKind::kKey, ""};
    return {SlotKind::kValue, top.value_pointer, top.value_entry};
  }

  /// Counts a value (or key) written out in the document, and refuses the one past
  /// the document's budget (kMaxYamlValues): converted, each costs about 150 bytes, however few bytes it took.
  void Count(const YAML::Mark& mark) {
    if (++own_values_ <= max_values_) return;
    throw Refusal{mark,
                  "the YAML holds more than " + std::to_string(max_values_) + " values: at most " +
                      std::to_string(kMaxYamlValues) + ", or one per " + std::to_string(origin_.bytes_per_value) +
                      " bytes of the document, are read",
                  "too-large", "split the file, or write fewer values"};
  }

  bool Skipped(const Slot& slot) const { return slot.kind == SlotKind::kValue && stack_.back().skip_value; }

  void NameAnchor(YAML::anchor_t anchor) {
    if (anchor != 0) anchor_names_[anchor] = anchor_name_;
    anchor_name_.clear();
  }

  void AcceptKey(const YAML::Mark& mark, const std::string& key, YAML::anchor_t anchor) {
    Count(mark);
    Frame& map = stack_.back();
    map.has_key = true;
    if (anchor != 0) anchors_[anchor] = {key, 1};
    // The keys so far are the members of the JSON object: a duplicate's value was dropped.
    if (map.value.contains(key)) {
      Error(mark, "duplicate key '" + key + "'", "yaml-duplicate-key",
            "YAML would keep only the last value: remove or rename one of them");
      map.skip_value = true;
      return;
    }
    map.key = key;
    map.value_pointer = map.slot.pointer + "/" + core::PointerToken(key);
    auto [line, column] = Position(mark);
    map.value_entry = positions_->Add(map.value_pointer);
    SourcePos& pos = positions_->at(map.value_entry);
    pos.key_line = line;
    pos.key_column = column;
  }

  /// A key that is not plain text: reported, and its value dropped.
  void RefuseKey(const YAML::Mark& mark) {
    Error(mark, "keys must be plain text", "yaml-syntax", "");
    Frame& map = stack_.back();
    map.has_key = true;
    map.skip_value = true;
  }

  void Open(const YAML::Mark& mark, YAML::anchor_t anchor, nlohmann::json empty) {
    NameAnchor(anchor);
    Slot slot = NextSlot();
    if (slot.kind == SlotKind::kKey) {
      RefuseKey(mark);
      slot.kind = SlotKind::kNone;
    } else if (Skipped(slot)) {
      slot.kind = SlotKind::kNone;
      stack_.back().has_key = false;
      stack_.back().skip_value = false;
    }
    if (static_cast<int>(stack_.size()) >= kMaxYamlDepth) {
      throw Refusal{mark, "lists and mappings are nested more than " + std::to_string(kMaxYamlDepth) + " levels deep",
                    "too-deep", "Morsel's files need a few levels: check the indentation"};
    }
    Count(mark);
    if (slot.kind != SlotKind::kNone) Record(slot, mark, false);
    Frame frame;
    frame.slot = std::move(slot);
    frame.anchor = anchor;
    frame.value = std::move(empty);
    stack_.push_back(std::move(frame));
  }

  void Close() {
    Frame frame = std::move(stack_.back());
    stack_.pop_back();
    if (frame.slot.kind == SlotKind::kNone) {
      if (frame.anchor != 0) anchors_[frame.anchor] = {nullptr, 1};
      return;
    }
    Attach(frame.slot, std::move(frame.value), frame.anchor, frame.values);
  }

  /// Records a value's position (an empty mapping value takes its key's: it has no
  /// useful mark of its own).
  void Record(const Slot& slot, const YAML::Mark& mark, bool is_null) {
    SourcePos& pos = positions_->at(slot.kind == SlotKind::kValue ? slot.entry : positions_->Add(slot.pointer));
    if (is_null && slot.kind == SlotKind::kValue) {
      pos.line = pos.key_line;
      pos.column = pos.key_column;
      return;
    }
    auto [line, column] = Position(mark);
    pos.line = line;
    pos.column = column;
  }

  /// A scalar, null or alias value at `slot`.
  void Place(const Slot& slot, nlohmann::json value, const YAML::Mark& mark, YAML::anchor_t anchor, size_t values) {
    if (slot.kind == SlotKind::kNone || Skipped(slot)) {
      // Part of something refused: an alias of it repeats nothing.
      if (anchor != 0) anchors_[anchor] = {nullptr, 1};
      if (slot.kind != SlotKind::kNone) {
        stack_.back().has_key = false;
        stack_.back().skip_value = false;
      }
      return;
    }
    Record(slot, mark, value.is_null());
    Attach(slot, std::move(value), anchor, values);
  }

  void Attach(const Slot& slot, nlohmann::json value, YAML::anchor_t anchor, size_t values) {
    if (anchor != 0) anchors_[anchor] = {value, values};
    if (stack_.empty()) {
      root_ = std::move(value);
      return;
    }
    Frame& parent = stack_.back();
    parent.values += values;
    if (slot.kind == SlotKind::kItem) {
      parent.value.push_back(std::move(value));
    } else {
      parent.value[parent.key] = std::move(value);
      parent.has_key = false;
    }
  }

  /// Characters before byte `byte` of fragment line `index` (0-based), counted on from the
  /// last count when it is on the same line: marks come in document order, so a long
  /// line is read once.
  int CharsBefore(size_t index, size_t byte) {
    if (index >= line_starts_.size()) return 0;
    const size_t start = line_starts_[index];
    size_t end = index + 1 < line_starts_.size() ? line_starts_[index + 1] - 1 : yaml_.size();
    if (end > start && yaml_[end - 1] == '\r') --end;
    byte = std::min(byte, end - start);
    if (index != count_line_ || byte < count_byte_) {
      count_line_ = index;
      count_byte_ = 0;
      count_chars_ = 0;
    }
    for (; count_byte_ < byte; ++count_byte_) {
      if ((static_cast<unsigned char>(yaml_[start + count_byte_]) & 0xC0) != 0x80) ++count_chars_;
    }
    return count_chars_;
  }

  nlohmann::json Scalar(const YAML::Mark& mark, const std::string& tag, const std::string& text) {
    for (char c : text) {
      const auto byte = static_cast<unsigned char>(c);
      if (byte < 0x20 && c != '\t' && c != '\n' && c != '\r') {
        char code[8];
        std::snprintf(code, sizeof code, "U+%04X", byte);
        Error(mark, std::string("text holds the control character ") + code + ", which pages cannot show",
              "control-character", "remove it (an editor may show it as a box, ^@ or \\0)");
        return text;
      }
    }
    // "!" marks a quoted or block scalar: always a string.
    if (tag != "?") return text;
    if (text == "~" || text == "null" || text == "Null" || text == "NULL") return nullptr;
    if (text == "true" || text == "True" || text == "TRUE") return true;
    if (text == "false" || text == "False" || text == "FALSE") return false;
    if (!text.empty()) {
      const bool sign = text[0] == '-' || text[0] == '+';
      const bool digit_start = text[0] >= '0' && text[0] <= '9';
      char* end = nullptr;
      errno = 0;
      long long integer = std::strtoll(text.c_str(), &end, 10);
      if (*end == '\0' && (sign || digit_start)) {
        if (errno == 0) return integer;
        Error(mark,
              "the number " + text + " is out of range: whole numbers go from -9223372036854775808 to " +
                  "9223372036854775807",
              "out-of-range", "write a smaller number, or quote it if it is meant as text");
        return nullptr;
      }
      bool numeric_start = digit_start || ((sign || text[0] == '.') && text.size() > 1);
      if (numeric_start) {
        errno = 0;
        double real = std::strtod(text.c_str(), &end);
        if (*end == '\0') {
          if (errno == 0 || std::abs(real) < 1) return real;
          Error(mark, "the number " + text + " is out of range", "out-of-range",
                "write a smaller number, or quote it if it is meant as text");
          return nullptr;
        }
      }
    }
    return text;
  }

  const std::string& yaml_;
  const YamlOrigin& origin_;
  PositionMap* positions_;
  DiagnosticSink* sink_;
  bool ok_ = true;
  /// Where each line of the fragment starts, and the last column counted.
  std::vector<size_t> line_starts_;
  size_t count_line_ = 0;
  size_t count_byte_ = 0;
  int count_chars_ = 0;
  nlohmann::json root_;
  std::vector<Frame> stack_;
  std::map<YAML::anchor_t, Anchored> anchors_;
  std::map<YAML::anchor_t, std::string> anchor_names_;
  std::string anchor_name_;
  /// Values written out in the document, and values aliases copied.
  const size_t max_values_;
  size_t own_values_ = 0;
  size_t alias_values_ = 0;
};

/// Reads a string in place: std::istringstream would copy it (a whole morsel.lock).
class TextBuffer : public std::streambuf {
 public:
  explicit TextBuffer(const std::string& text) {
    char* begin = const_cast<char*>(text.data());  // read only: the get area is never written
    setg(begin, begin, begin + text.size());
  }
};

}  // namespace

bool YamlToJson(const std::string& yaml, const YamlOrigin& origin, nlohmann::json* out, PositionMap* positions,
                DiagnosticSink* sink) {
  const ProcessingFile processing(origin.path);
  Converter converter(yaml, origin, positions, sink);
  if (yaml.size() > kMaxYamlBytes) {
    converter.Error(YAML::Mark(),
                    "the YAML is " + std::to_string(yaml.size() >> 10) + " KB: at most " +
                        std::to_string(kMaxYamlBytes >> 20) + " MB is read",
                    "too-large", "split the file");
    return false;
  }
  try {
    TextBuffer buffer(yaml);
    std::istream stream(&buffer);
    YAML::Parser parser(stream);
    parser.HandleNextDocument(converter);
  } catch (const Refusal& refusal) {
    converter.Error(refusal.mark, refusal.message, refusal.code, refusal.hint);
    return false;
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
  *out = converter.TakeRoot();
  return converter.ok();
}

size_t MaxYamlValues(size_t yaml_bytes, size_t bytes_per_value) {
  return std::max(kMaxYamlValues, yaml_bytes / std::max<size_t>(bytes_per_value, 1));
}

size_t PositionMap::Add(std::string_view pointer) {
  // A document is at most kMaxYamlBytes, and its pointers are shorter than its values'
  // paths written out: 32 bits count them.
  entries_.push_back({static_cast<uint32_t>(text_.size()), static_cast<uint32_t>(pointer.size()), SourcePos()});
  text_.append(pointer);
  return entries_.size() - 1;
}

const SourcePos* PositionMap::Find(std::string_view pointer) const {
  if (sorted_.size() != entries_.size()) {
    sorted_.resize(entries_.size());
    for (uint32_t i = 0; i < sorted_.size(); ++i) sorted_[i] = i;
    std::stable_sort(sorted_.begin(), sorted_.end(),
                     [&](uint32_t a, uint32_t b) { return PointerOf(a) < PointerOf(b); });
  }
  auto it = std::lower_bound(sorted_.begin(), sorted_.end(), pointer,
                             [&](uint32_t index, std::string_view p) { return PointerOf(index) < p; });
  if (it == sorted_.end() || PointerOf(*it) != pointer) return nullptr;
  return &entries_[*it].pos;
}

SourcePos Locate(const PositionMap& positions, const std::string& pointer, bool at_key) {
  std::string_view current = pointer;
  while (true) {
    if (const SourcePos* found = positions.Find(current)) {
      SourcePos pos = *found;
      if (at_key && current.size() == pointer.size() && pos.key_line > 0) {
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
