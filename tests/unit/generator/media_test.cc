// Video and audio blocks (generator/media.h): WebVTT reading, the block's keys, what
// `check` says about their files, and the player, tracks and transcript on the page.
#include "generator/media.h"

#include <string>

#include <catch2/catch.hpp>

#include "tests/unit/generator/site_fixture.h"

namespace morsel::gen {
namespace {

const char* const kCaptions =
    "WEBVTT - the tone\n\nNOTE made for a test\n\n1\n00:00.000 --> 00:01.500 align:start\n<v Sam>Hello &amp; "
    "welcome.\n\n00:01.500 --> 00:03.000\nThis is\na tone.\n\n01:02:03.250 --> 01:02:04.000\nLate.\n";

TEST_CASE("ParseVtt reads cue starts and plain text; skips notes and identifiers") {
  std::vector<VttCue> cues;
  std::string problem;
  int line = 0;
  REQUIRE(ParseVtt(kCaptions, &cues, &problem, &line));
  REQUIRE(cues.size() == 3);
  CHECK(cues[0].start == Approx(0));
  CHECK(cues[0].text == "Hello & welcome.");
  CHECK(cues[1].start == Approx(1.5));
  CHECK(cues[1].text == "This is a tone.");
  CHECK(cues[2].start == Approx(3723.25));
  CHECK(Timestamp(cues[2].start) == "1:02:03");
  CHECK(Timestamp(65) == "1:05");
  // A byte-order mark and CRLF line ends are WebVTT too.
  cues.clear();
  CHECK(ParseVtt("\xEF\xBB\xBFWEBVTT\r\n\r\n00:01.000 --> 00:02.000\r\nHi\r\n", &cues, &problem, &line));
  REQUIRE(cues.size() == 1);
  CHECK(cues[0].text == "Hi");
}

TEST_CASE("ParseVtt says what is wrong and where") {
  std::vector<VttCue> cues;
  std::string problem;
  int line = 0;
  CHECK_FALSE(ParseVtt("1\n00:00:01,000 --> 00:00:02,000\nAn SRT file\n", &cues, &problem, &line));
  CHECK(line == 1);
  CHECK(problem.find("WEBVTT") != std::string::npos);
  CHECK_FALSE(ParseVtt("WEBVTT\n\n00:01,000 --> 00:02.000\nComma\n", &cues, &problem, &line));
  CHECK(line == 3);
  CHECK_FALSE(ParseVtt("WEBVTT\n\n00:05.000 --> 00:02.000\nBackwards\n", &cues, &problem, &line));
  CHECK(problem == "this cue ends before it starts");
  CHECK_FALSE(ParseVtt("WEBVTTX\n", &cues, &problem, &line));
  CHECK_FALSE(ParseVtt("WEBVTT\n\njust text\n", &cues, &problem, &line));
  CHECK(line == 3);
}

MemoryFileSystem MediaSite(const std::string& block) {
  MemoryFileSystem fs = OneLessonSite("Watch this.\n\n" + block);
  std::string error;
  fs.WriteFile("content/course/01-mod/clip.mp4", "not really a video", &error);
  fs.WriteFile("content/course/01-mod/tone.mp3", "not really audio", &error);
  fs.WriteFile("content/course/01-mod/poster.png", "\x89PNG\r\n\x1a\n", &error);
  fs.WriteFile("content/course/01-mod/clip.en.vtt", kCaptions, &error);
  fs.WriteFile("content/course/01-mod/clip.de.vtt", "WEBVTT\n\n00:00.000 --> 00:01.000\nHallo.\n", &error);
  fs.WriteFile("content/course/01-mod/chapters.vtt",
               "WEBVTT\n\n00:00.000 --> 00:01.500\nWelcome\n\n00:01.500 --> 00:03.000\nThe tone\n", &error);
  fs.WriteFile("content/course/01-mod/tone.txt", "**Sam:** hello, see [the lesson](01-lesson.md).\n", &error);
  return fs;
}

std::string Built(MemoryFileSystem* fs, std::string* diagnostics = nullptr) {
  DiagnosticSink sink;
  BuildStats stats;
  BuildOptions options;
  const bool ok = BuildSite(fs, options, &stats, &sink);
  if (diagnostics != nullptr) *diagnostics = sink.Format();
  INFO(sink.Format());
  REQUIRE(ok);
  return fs->files().at("site/course/mod/lesson.html");
}

bool Contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

TEST_CASE("a video block: player, poster, caption tracks inline, chapters, a transcript from the captions") {
  MemoryFileSystem fs = MediaSite(
      "```video\nsrc: clip.mp4\ntitle: The tone\nposter: poster.png\ncaptions:\n  - src: clip.en.vtt\n    label: "
      "English\n  - {src: clip.de.vtt, language: de, label: Deutsch}\nchapters: chapters.vtt\n```\n");
  std::string diagnostics;
  const std::string page = Built(&fs, &diagnostics);
  CHECK(diagnostics.empty());
  CHECK(Contains(page, "<video controls preload=\"metadata\" playsinline poster=\"poster.png\" src=\"clip.mp4\""));
  CHECK_FALSE(Contains(page, "autoplay"));
  CHECK(Contains(page, "<figcaption class=\"morsel-media-title\">The tone</figcaption>"));
  CHECK(Contains(page, "<track kind=\"captions\" src=\"data:text/vtt;base64,"));
  CHECK(Contains(page, "srclang=\"en\" label=\"English\" default>"));
  CHECK(Contains(page, "srclang=\"de\" label=\"Deutsch\">"));
  CHECK(Contains(page, "<track kind=\"chapters\""));
  // The transcript: the first track's text under the chapters' titles, with times.
  CHECK(Contains(page, "<h3>Welcome <span class=\"morsel-time\">0:00</span></h3>"));
  CHECK(Contains(page, "<span class=\"morsel-time\">0:00</span> Hello &amp; welcome.</p>"));
  CHECK(Contains(page, "<h3>The tone <span class=\"morsel-time\">0:01</span></h3>"));
  // The files are published beside the lesson.
  CHECK(fs.files().count("site/course/mod/clip.mp4") == 1);
  CHECK(fs.files().count("site/course/mod/poster.png") == 1);
}

TEST_CASE("an audio block: a written transcript (a .txt file), links resolved") {
  MemoryFileSystem fs = MediaSite("```audio\nsrc: tone.mp3\ntranscript: tone.txt\n```\n");
  std::string diagnostics;
  const std::string page = Built(&fs, &diagnostics);
  CHECK(diagnostics.empty());
  CHECK(Contains(page, "<audio controls preload=\"metadata\" src=\"tone.mp3\">"));
  CHECK(Contains(page, "<summary>Transcript</summary>"));
  CHECK(Contains(page, "<strong>Sam:</strong> hello, see <a href=\"lesson.html\">the lesson</a>."));
  CHECK_FALSE(Contains(page, "<track"));
}

TEST_CASE("check: media without captions warns; wrong files and keys are errors at their place") {
  MemoryFileSystem fs = MediaSite("```video\nsrc: https://media.example.com/clip.mp4\n```\n");
  std::string diagnostics;
  Built(&fs, &diagnostics);
  CHECK(Contains(diagnostics, "01-lesson.md:6:1: warning: this video has no captions"));

  MemoryFileSystem audio = MediaSite("```audio\nsrc: tone.mp3\n```\n");
  Built(&audio, &diagnostics);
  CHECK(Contains(diagnostics, "warning: this audio has no captions or transcript"));

  MemoryFileSystem bad = MediaSite(
      "```video\nsrc: clip.mp3\nposter: poster.pdf\ncaptions: https://x.example/c.vtt\ntranscript: nope.txt\n```\n\n"
      "```video\nsrc: clip.mp4\nautoplay: true\n```\n\n```audio\nsrc: tone.mp3\nposter: poster.png\n```\n\n"
      "```audio\nsrc: tone.mp3\ncaptions: clip.srt\n```\n\n"
      "```video\nsrc: http://media.example.com/clip.mp4\ncaptions: missing.vtt\n```\n");
  const Checked checked = CheckSite(&bad);
  CHECK_FALSE(checked.ok);
  INFO(checked.diagnostics);
  CHECK(Contains(checked.diagnostics, "01-lesson.md:15:1: error: unknown key 'autoplay'"));
  CHECK(Contains(checked.diagnostics, "01-lesson.md:7:6: error: 'clip.mp3' is not a video file browsers play"));
  CHECK(Contains(checked.diagnostics, "01-lesson.md:8:9: error: 'poster.pdf' is not an image"));
  CHECK(Contains(checked.diagnostics, "01-lesson.md:9:11: error: 'https://x.example/c.vtt' is not a WebVTT file"));
  CHECK(Contains(checked.diagnostics, "01-lesson.md:10:13: error: transcript 'nope.txt' does not exist"));
  CHECK(Contains(checked.diagnostics, "unknown key 'poster'"));
  CHECK(Contains(checked.diagnostics, "'clip.srt' is not a WebVTT file"));
  CHECK(Contains(checked.diagnostics, "'http://media.example.com/clip.mp4' is not an https address"));
  CHECK(Contains(checked.diagnostics, "error: file 'missing.vtt' does not exist"));

  MemoryFileSystem broken = MediaSite("```audio\nsrc: tone.mp3\ncaptions: clip.en.vtt\n```\n");
  std::string error;
  broken.WriteFile("content/course/01-mod/clip.en.vtt", "WEBVTT\n\n00:01.000 -> 00:02.000\nOne dash\n", &error);
  const Checked vtt = CheckSite(&broken);
  INFO(vtt.diagnostics);
  CHECK(Contains(vtt.diagnostics, "content/course/01-mod/clip.en.vtt:3:1: error: this is not a WebVTT file"));
}

TEST_CASE("media keep no state: a block before a quiz leaves the quiz's lock id as it was") {
  const std::string quiz = "```quiz\nquestions:\n  - prompt: Two?\n    type: true_false\n    answer: true\n```\n";
  MemoryFileSystem plain = MediaSite(quiz);
  MemoryFileSystem with_media = MediaSite("```audio\nsrc: tone.mp3\ntranscript: tone.txt\n```\n\n" + quiz);
  const std::string before = Built(&plain);
  const std::string after = Built(&with_media);
  INFO(before.substr(before.find("data-morsel-block"), 80));
  CHECK(Contains(before, "data-morsel-block=\"course/mod/lesson:quiz-1\""));
  CHECK(Contains(after, "data-morsel-block=\"course/mod/lesson:quiz-1\""));
}

}  // namespace
}  // namespace morsel::gen
