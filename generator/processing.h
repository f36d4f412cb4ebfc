#pragma once

#include <string>
#include <utility>

namespace morsel::gen {

/// The file the generator is working on, kept only for the last-resort message of
/// `main` (generator/main.cc) when an unexpected exception escapes a stage: that is a
/// bug, and the message names the file that set it off. Diagnostic-only state: nothing
/// reads it to decide anything.
class ProcessingFile {
 public:
  /// Marks `path` as the file being processed until this object goes out of scope.
  explicit ProcessingFile(std::string path) : previous_(std::exchange(Current(), std::move(path))) {}
  ~ProcessingFile() { Current() = std::move(previous_); }
  ProcessingFile(const ProcessingFile&) = delete;
  ProcessingFile& operator=(const ProcessingFile&) = delete;

  /// The innermost file being processed on this thread, or "".
  static std::string& Current() {
    static thread_local std::string current;
    return current;
  }

 private:
  std::string previous_;
};

}  // namespace morsel::gen
