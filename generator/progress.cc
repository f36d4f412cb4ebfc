#include "generator/progress.h"

#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <utility>

namespace morsel::gen {
namespace {

/// The bar's width when the line has room for it, and the least worth drawing.
constexpr size_t kBarCells = 30;
constexpr size_t kMinBarCells = 10;

/// Items per second as a person reads them: "812", "2.5".
std::string RateText(double rate) {
  if (rate >= 9.95) return Thousands(static_cast<size_t>(std::llround(rate)));
  char text[16];
  std::snprintf(text, sizeof text, "%.1f", rate);
  return text;
}

}  // namespace

BuildProgress& OrSilent(BuildProgress* progress) {
  static BuildProgress silent;
  return progress != nullptr ? *progress : silent;
}

double SteadySeconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

std::string Thousands(size_t n) {
  std::string digits = std::to_string(n);
  std::string text;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) text += ',';
    text += digits[i];
  }
  return text;
}

std::string ProgressLine(std::string_view stage, size_t done, size_t total, std::string_view unit, double rate,
                         size_t width) {
  if (width < 2) return "";
  const size_t room = width - 1;
  std::string counts;
  if (total > 0) {
    counts = Thousands(done) + "/" + Thousands(total);
  } else if (done > 0 || !unit.empty()) {
    counts = Thousands(done);
  }
  if (!counts.empty() && !unit.empty()) counts += " " + std::string(unit);
  if (!counts.empty() && rate > 0) counts += ", " + RateText(rate) + "/s";
  std::string line(stage);
  if (total > 0) {
    // "name [bar] counts": the bar takes what the name and counts leave, up to kBarCells.
    const size_t fixed = line.size() + 1 + 2 + 1 + counts.size();
    if (room >= fixed + kMinBarCells) {
      const size_t cells = std::min(kBarCells, room - fixed);
      const size_t filled = std::min(done, total) * cells / total;
      line += " [" + std::string(filled, '#') + std::string(cells - filled, '.') + "]";
    }
  }
  if (!counts.empty()) line += " " + counts;
  if (line.size() > room) line.resize(room);
  return line;
}

std::string StageLine(std::string_view stage, size_t done, std::string_view unit, double seconds) {
  char time[32];
  std::snprintf(time, sizeof time, "%.2f s", seconds);
  std::string line = "morsel: " + std::string(stage);
  if (!unit.empty()) line += " " + Thousands(done) + " " + std::string(unit);
  return line + " in " + time;
}

TerminalProgress::TerminalProgress(std::ostream& out, ProgressClock clock, std::function<size_t()> columns)
    : out_(out), clock_(std::move(clock)), columns_(std::move(columns)), start_(clock_()) {}

TerminalProgress::~TerminalProgress() { Clear(); }

void TerminalProgress::Stage(std::string_view name, size_t total, std::string_view unit) {
  stage_.Begin(name, total, unit, clock_());
  Draw(true);
}

void TerminalProgress::Advance(size_t n) {
  stage_.Add(n);
  Draw(false);
}

void TerminalProgress::Finish() { Clear(); }

void TerminalProgress::Draw(bool new_stage) {
  const double now = clock_();
  if (now - start_ < kDelaySeconds) return;
  if (!new_stage && drawn_ && now - last_draw_ < kRedrawSeconds) return;
  const double elapsed = now - stage_.start;
  const double rate = elapsed > 0 ? static_cast<double>(stage_.done) / elapsed : 0;
  // One write: stderr is unbuffered, and a line in pieces would flicker.
  out_ << "\r" + ProgressLine(stage_.name, stage_.done, stage_.total, stage_.unit, rate, columns_()) + "\x1b[K"
       << std::flush;
  last_draw_ = now;
  drawn_ = true;
}

void TerminalProgress::Clear() {
  if (!drawn_) return;
  out_ << "\r\x1b[K" << std::flush;
  drawn_ = false;
}

VerboseProgress::VerboseProgress(std::ostream& out, ProgressClock clock) : out_(out), clock_(std::move(clock)) {}

void VerboseProgress::Stage(std::string_view name, size_t total, std::string_view unit) {
  EndStage();
  stage_.Begin(name, total, unit, clock_());
  open_ = true;
}

void VerboseProgress::Advance(size_t n) { stage_.Add(n); }

void VerboseProgress::Finish() { EndStage(); }

void VerboseProgress::EndStage() {
  if (!open_) return;
  out_ << StageLine(stage_.name, stage_.done, stage_.unit, clock_() - stage_.start) + "\n" << std::flush;
  open_ = false;
}

size_t TerminalColumns(int fd) {
  winsize size{};
  if (ioctl(fd, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) return size.ws_col;
  return 80;
}

bool IsSmartTerminal(int fd) {
  if (isatty(fd) == 0) return false;
  const char* term = std::getenv("TERM");
  return term == nullptr || std::string_view(term) != "dumb";
}

}  // namespace morsel::gen
