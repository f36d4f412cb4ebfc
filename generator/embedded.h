#pragma once

#include <string_view>

namespace morsel::gen {

/// A file compiled into the binary: the built-in theme and the wasm runtime, so that
/// the `morsel` binary alone builds a complete site.
struct EmbeddedFile {
  std::string_view path;
  std::string_view data;
};

/// Every embedded file, sorted by path ("theme/templates/layout.mustache",
/// "runtime/morsel-runtime.wasm", ...).
const EmbeddedFile* EmbeddedFiles(size_t* count);

/// The embedded file at `path`, or nullptr.
const EmbeddedFile* FindEmbedded(std::string_view path);

}  // namespace morsel::gen
