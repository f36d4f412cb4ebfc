#pragma once

#include <string>
#include <vector>

namespace morsel::core {

enum class Severity { kError, kWarning };

/// A problem found in block data. `pointer` is a JSON pointer into the data the
/// validator was given; the generator maps it back to a line and column in the source.
struct Diagnostic {
  Severity severity = Severity::kError;
  std::string pointer;
  /// True when the problem is the key itself (e.g. an unknown key), not its value.
  bool at_key = false;
  std::string code;
  std::string message;
  std::string hint;
};

using Diagnostics = std::vector<Diagnostic>;

/// Escapes one reference token for use in a JSON pointer (RFC 6901).
std::string PointerToken(const std::string& token);

/// True when any diagnostic in `diagnostics` is an error.
bool HasErrors(const Diagnostics& diagnostics);

}  // namespace morsel::core
