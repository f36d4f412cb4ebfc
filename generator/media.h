#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "runtime/core/diagnostic.h"

namespace morsel::gen {

/// One cue of a WebVTT file: where it starts, in seconds, and its text without markup.
struct VttCue {
  double start = 0;
  std::string text;
};

/// Reads a WebVTT file (https://www.w3.org/TR/webvtt1/) into its cues; false with what is
/// wrong and its line (1-based) when it is not one. Written here rather than taken from a
/// library: Debian packages no WebVTT reader for C++, and the build needs only the header,
/// the cue timings and the cue text (NOTE, STYLE and REGION blocks are skipped; browsers
/// read the file themselves).
bool ParseVtt(const std::string& text, std::vector<VttCue>* cues, std::string* problem, int* line);

/// "0:05", "12:40", "1:02:03": a cue's start as a transcript shows it.
std::string Timestamp(double seconds);

/// A captions or subtitles track of a video or audio block.
struct MediaTrack {
  std::string src;
  std::string language;
  std::string label;
  /// The file's text and cues, read by the compile stage.
  std::string vtt;
  std::vector<VttCue> cues;
};

/// A ```video or ```audio block: a player with captions, chapters and a transcript. It
/// keeps no learner state: it has no lock id, only `id`, "media-N" in its lesson.
struct MediaBlock {
  std::string id;
  bool video = true;
  std::string title;
  std::string src;
  std::string poster;
  std::vector<MediaTrack> captions;
  MediaTrack chapters;
  /// Markdown: written in the block, or read from a .txt file; "" to show the captions.
  std::string transcript;
  std::string transcript_file;
};

/// Reads a video or audio block's YAML (keys and their types; files are the compile
/// stage's): `src` (required), `title`, `poster` (video), `captions` (a .vtt, or a list
/// of {src, language, label}), `chapters`, `transcript`. `language` is the captions'
/// language when the block does not say.
void ParseMedia(const nlohmann::json& authored, bool video, const std::string& language, MediaBlock* media,
                core::Diagnostics* found);

struct BlockTextHooks;

/// The data the theme's `media` template renders a block from: its file and poster as
/// `hooks.markup` maps them, its tracks inline (data: URIs: a page opened from disk may
/// not load a track from a file), and its transcript as HTML: the one written, else the
/// captions' text under the chapters' titles. `strings`: the theme's.
nlohmann::json MediaView(const MediaBlock& media, const nlohmann::json& strings, const BlockTextHooks& hooks);

}  // namespace morsel::gen
