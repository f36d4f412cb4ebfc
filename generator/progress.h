#pragma once

// What a build tells the person waiting for it: the stage it is in and how far along
// (issue 16). The build reports to a BuildProgress (BuildOptions::progress); `morsel
// build` and `morsel check` pick the reporter: a bar redrawn on a terminal, a line per
// stage with --verbose, nothing with --quiet or when stderr is not a terminal.

#include <cstddef>
#include <functional>
#include <ostream>
#include <string>
#include <string_view>

namespace morsel::gen {

/// Where a build reports its stages. This base reports nothing: a build without a
/// reporter (tests, `morsel serve`, `morsel package`) is silent.
class BuildProgress {
 public:
  virtual ~BuildProgress() = default;
  /// A stage begins, ending the one before: `total` items of `unit` ("pages"), or 0 and ""
  /// when the stage cannot count its work in advance.
  virtual void Stage(std::string_view /*name*/, size_t /*total*/, std::string_view /*unit*/) {}
  /// `n` more items of the current stage are done.
  virtual void Advance(size_t /*n*/ = 1) {}
  /// The build is over, done or failed: the last stage ends and anything drawn is cleared,
  /// so that what the command prints next starts on a clean line.
  virtual void Finish() {}
};

/// `progress`, or a reporter that reports nothing when it is null.
BuildProgress& OrSilent(BuildProgress* progress);

/// Seconds on a steady clock; injected so that tests decide when things happen.
using ProgressClock = std::function<double()>;

/// The steady clock of the machine, in seconds.
double SteadySeconds();

/// `n` with a comma between each group of three digits: "1,000".
std::string Thousands(size_t n);

/// The terminal's line for a stage, fitted into `width` - 1 columns (a line as wide as
/// the terminal wraps, and `\r` would then redraw only its last row): the stage's name,
/// a bar of `done` of `total`, the counts and the rate in items per second, as in
/// "render pages [#######.......] 523/1,000 pages 812/s". Without a total, no bar: only
/// what is done and the rate ("write files 12,000 files 8,000/s"), or the name alone when
/// nothing is counted; without a rate (0), none is shown. The bar is dropped before the
/// name is cut.
std::string ProgressLine(std::string_view stage, size_t done, size_t total, std::string_view unit, double rate,
                         size_t width);

/// The --verbose line of a finished stage: "morsel: render pages 1,000 pages in 0.84 s",
/// without a count when the stage has no unit.
std::string StageLine(std::string_view stage, size_t done, std::string_view unit, double seconds);

/// The stage under way and how far it is: what both reporters keep.
struct StageCount {
  std::string name;
  std::string unit;
  size_t total = 0;
  size_t done = 0;
  double start = 0;
  void Begin(std::string_view stage, size_t items, std::string_view item_unit, double now) {
    name = stage;
    unit = item_unit;
    total = items;
    done = 0;
    start = now;
  }
  /// Never past the total: with several processes the first tells for all (build.cc).
  void Add(size_t n) { done = total > 0 && done + n > total ? total : done + n; }
};

/// The progress bar: one line on `out` (stderr, a terminal), redrawn with `\r` as the
/// build reports, at most once every kRedrawSeconds (a new stage at once), and only once
/// the build has run kDelaySeconds, so that a small build prints nothing more than it did;
/// cleared (`\r\x1b[K`) when the build finishes. `columns` gives the terminal's width at
/// each redraw (it may be resized).
class TerminalProgress : public BuildProgress {
 public:
  static constexpr double kDelaySeconds = 0.3;
  static constexpr double kRedrawSeconds = 0.1;

  TerminalProgress(std::ostream& out, ProgressClock clock, std::function<size_t()> columns);
  /// Clears the line if Finish was not called (an exception left the build).
  ~TerminalProgress() override;
  TerminalProgress(const TerminalProgress&) = delete;
  TerminalProgress& operator=(const TerminalProgress&) = delete;

  void Stage(std::string_view name, size_t total, std::string_view unit) override;
  void Advance(size_t n = 1) override;
  void Finish() override;

 private:
  void Draw(bool new_stage);
  void Clear();

  std::ostream& out_;
  ProgressClock clock_;
  std::function<size_t()> columns_;
  double start_;
  StageCount stage_;
  double last_draw_ = 0;
  bool drawn_ = false;
};

/// --verbose: a line per stage as it ends (StageLine), with its wall time and count.
class VerboseProgress : public BuildProgress {
 public:
  VerboseProgress(std::ostream& out, ProgressClock clock);

  void Stage(std::string_view name, size_t total, std::string_view unit) override;
  void Advance(size_t n = 1) override;
  void Finish() override;

 private:
  void EndStage();

  std::ostream& out_;
  ProgressClock clock_;
  StageCount stage_;
  bool open_ = false;
};

/// The width of the terminal on file descriptor `fd`, or 80 when it has none.
size_t TerminalColumns(int fd);

/// Whether `fd` is a terminal that understands `\r` and `\x1b[K` (not TERM=dumb).
bool IsSmartTerminal(int fd);

}  // namespace morsel::gen
