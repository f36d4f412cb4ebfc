// The build's progress reports (generator/progress.h): the terminal's line, how often it
// is redrawn (on a fake clock), and the --verbose lines.
#include "generator/progress.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <sstream>

namespace morsel::gen {
namespace {

/// A clock the test moves by hand.
struct FakeClock {
  double now = 100;
  ProgressClock Clock() {
    return [this] { return now; };
  }
};

size_t Redraws(const std::string& out) { return static_cast<size_t>(std::count(out.begin(), out.end(), '\r')); }

TEST_CASE("Thousands groups digits in threes") {
  CHECK(Thousands(0) == "0");
  CHECK(Thousands(999) == "999");
  CHECK(Thousands(1000) == "1,000");
  CHECK(Thousands(1234567) == "1,234,567");
}

TEST_CASE("ProgressLine shows the stage, a bar, done of total and the rate") {
  // 523 of 1,000 is 15 of the bar's 30 cells.
  CHECK(ProgressLine("render pages", 523, 1000, "pages", 812.4, 80) ==
        "render pages [###############...............] 523/1,000 pages, 812/s");
  CHECK(ProgressLine("render pages", 0, 1000, "pages", 0, 80) ==
        "render pages [..............................] 0/1,000 pages");
  CHECK(ProgressLine("render single files", 3, 4, "lessons", 2.46, 80) ==
        "render single files [######################........] 3/4 lessons, 2.5/s");
  // More done than counted (never expected) fills the bar, no more.
  CHECK(ProgressLine("x", 12, 10, "pages", 0, 80) == "x [##############################] 12/10 pages");
}

TEST_CASE("ProgressLine without a total shows what is done, or the name alone") {
  CHECK(ProgressLine("write files", 12000, 0, "files", 8000, 80) == "write files 12,000 files, 8,000/s");
  CHECK(ProgressLine("write search index", 0, 0, "", 0, 80) == "write search index");
}

TEST_CASE("ProgressLine fits the terminal: the bar narrows, then goes, then the line is cut") {
  for (size_t width : {80, 60, 50, 40, 20, 10, 2}) {
    const std::string line = ProgressLine("render pages", 523, 1000, "pages", 812, width);
    INFO(width << ": " << line);
    CHECK(line.size() <= width - 1);
  }
  // 49 columns leave 48 for the line: 38 for its text, 10 for the bar (the least drawn).
  CHECK(ProgressLine("render pages", 523, 1000, "pages", 812, 49) ==
        "render pages [#####.....] 523/1,000 pages, 812/s");
  CHECK(ProgressLine("render pages", 523, 1000, "pages", 812, 48) == "render pages 523/1,000 pages, 812/s");
  CHECK(ProgressLine("render pages", 523, 1000, "pages", 812, 20) == "render pages 523/1,");
  CHECK(ProgressLine("render pages", 523, 1000, "pages", 812, 1).empty());
}

TEST_CASE("StageLine is the --verbose line of a stage: its count and wall time") {
  CHECK(StageLine("render pages", 1000, "pages", 0.8449) == "morsel: render pages 1,000 pages in 0.84 s");
  CHECK(StageLine("write site", 0, "", 0.2) == "morsel: write site in 0.20 s");
}

TEST_CASE("TerminalProgress prints nothing for a build shorter than its delay") {
  FakeClock clock;
  std::ostringstream out;
  TerminalProgress bar(out, clock.Clock(), [] { return size_t{80}; });
  bar.Stage("render pages", 100, "pages");
  for (int i = 0; i < 100; ++i) {
    clock.now += 0.002;
    bar.Advance();
  }
  bar.Stage("write site", 0, "");
  bar.Finish();
  CHECK(out.str().empty());
}

TEST_CASE("TerminalProgress redraws one line at most ten times a second, a new stage at once, and clears it") {
  FakeClock clock;
  std::ostringstream out;
  size_t columns = 80;
  TerminalProgress bar(out, clock.Clock(), [&] { return columns; });
  bar.Stage("render contents", 10, "pages");
  clock.now += 0.25;
  bar.Advance();
  CHECK(out.str().empty());  // 0.25 s into the build
  clock.now += 0.25;
  bar.Advance();  // 0.5 s in: 2 pages in 0.5 s
  CHECK(out.str() == "\rrender contents [######........................] 2/10 pages, 4.0/s\x1b[K");
  out.str("");
  clock.now += 0.0625;
  bar.Advance();
  CHECK(out.str().empty());  // 0.0625 s after the last redraw
  clock.now += 0.0625;
  columns = 40;
  bar.Advance();  // 4 pages in 0.625 s, on a narrower terminal
  CHECK(out.str() == "\rrender contents 4/10 pages, 6.4/s\x1b[K");
  out.str("");
  bar.Stage("write search index", 0, "");
  CHECK(out.str() == "\rwrite search index\x1b[K");
  out.str("");
  bar.Finish();
  CHECK(out.str() == "\r\x1b[K");
  out.str("");
  bar.Finish();
  CHECK(out.str().empty());
}

TEST_CASE("TerminalProgress draws about ten lines a second however many items advance") {
  FakeClock clock;
  std::ostringstream out;
  TerminalProgress bar(out, clock.Clock(), [] { return size_t{80}; });
  bar.Stage("render pages", 2000, "pages");
  for (int i = 0; i < 2000; ++i) {
    clock.now += 0.001;
    bar.Advance();
  }
  // 1.7 s past the delay: one line at 0.3 s, then one every 0.1 s.
  CHECK(Redraws(out.str()) >= 17);
  CHECK(Redraws(out.str()) <= 18);
}

TEST_CASE("TerminalProgress clears its line when the build ends without Finish (an exception)") {
  FakeClock clock;
  std::ostringstream out;
  {
    TerminalProgress bar(out, clock.Clock(), [] { return size_t{80}; });
    clock.now += 1;
    bar.Stage("render pages", 1, "pages");
  }
  CHECK(out.str() == "\rrender pages [..............................] 0/1 pages\x1b[K\r\x1b[K");
}

TEST_CASE("VerboseProgress prints a line per stage as it ends, with its count and wall time") {
  FakeClock clock;
  std::ostringstream out;
  VerboseProgress verbose(out, clock.Clock());
  verbose.Stage("load content", 0, "");
  clock.now += 0.25;
  CHECK(out.str().empty());
  verbose.Stage("render pages", 1000, "pages");
  verbose.Advance(400);
  verbose.Advance(600);
  clock.now += 0.84;
  verbose.Finish();
  CHECK(out.str() == "morsel: load content in 0.25 s\nmorsel: render pages 1,000 pages in 0.84 s\n");
  verbose.Finish();
  CHECK(out.str() == "morsel: load content in 0.25 s\nmorsel: render pages 1,000 pages in 0.84 s\n");
}

TEST_CASE("OrSilent stands in for a missing reporter") {
  TerminalProgress* none = nullptr;
  BuildProgress& silent = OrSilent(none);
  silent.Stage("render pages", 1, "pages");
  silent.Advance();
  silent.Finish();
  FakeClock clock;
  std::ostringstream out;
  VerboseProgress verbose(out, clock.Clock());
  CHECK(&OrSilent(&verbose) == &verbose);
}

}  // namespace
}  // namespace morsel::gen
