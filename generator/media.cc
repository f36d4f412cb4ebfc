#include "generator/media.h"

#include <cstdio>

#include "generator/html_escape.h"
#include "generator/quiz_view.h"
#include "runtime/core/answer_key.h"
#include "runtime/core/object_checker.h"

namespace morsel::gen {
namespace {

using nlohmann::json;

void Report(core::Diagnostics* found, const std::string& pointer, const char* code, std::string message,
            std::string hint) {
  found->push_back({core::Severity::kError, pointer, false, code, std::move(message), std::move(hint)});
}

/// "hh:mm:ss.ttt" or "mm:ss.ttt" at `text[*at]`: seconds, or -1 when it is not one.
double ReadTime(const std::string& text, size_t* at) {
  double parts[3] = {0, 0, 0};
  int count = 0;
  size_t i = *at;
  while (count < 3) {
    size_t digits = 0;
    double value = 0;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
      value = value * 10 + (text[i++] - '0');
      ++digits;
    }
    if (digits == 0) return -1;
    parts[count++] = value;
    if (i < text.size() && text[i] == ':') {
      ++i;
      continue;
    }
    break;
  }
  if (count < 2 || i >= text.size() || text[i] != '.') return -1;
  ++i;
  double fraction = 0;
  double scale = 0.1;
  size_t digits = 0;
  while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
    fraction += (text[i++] - '0') * scale;
    scale /= 10;
    ++digits;
  }
  if (digits != 3) return -1;
  *at = i;
  const double seconds = count == 3 ? parts[0] * 3600 + parts[1] * 60 + parts[2] : parts[0] * 60 + parts[1];
  return seconds + fraction;
}

/// A cue's text without its tags (<v Speaker>, <i>, <00:01.000>) and with the
/// character references WebVTT allows decoded.
std::string PlainCueText(const std::string& text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '<') {
      const size_t end = text.find('>', i);
      if (end == std::string::npos) break;
      i = end;
      continue;
    }
    if (text[i] == '&') {
      static const std::pair<const char*, const char*> kRefs[] = {{"&amp;", "&"},         {"&lt;", "<"}, {"&gt;", ">"},
                                                                  {"&nbsp;", "\xC2\xA0"}, {"&lrm;", ""}, {"&rlm;", ""}};
      bool done = false;
      for (const auto& [ref, value] : kRefs) {
        if (text.compare(i, std::char_traits<char>::length(ref), ref) == 0) {
          out += value;
          i += std::char_traits<char>::length(ref) - 1;
          done = true;
          break;
        }
      }
      if (done) continue;
    }
    out += text[i] == '\n' ? ' ' : text[i];
  }
  return out;
}

}  // namespace

bool ParseVtt(const std::string& text, std::vector<VttCue>* cues, std::string* problem, int* line) {
  std::vector<std::string> lines;
  size_t start = text.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string one = text.substr(start, end - start);
    if (!one.empty() && one.back() == '\r') one.pop_back();
    lines.push_back(std::move(one));
    start = end + 1;
  }
  if (lines.empty() || lines[0].compare(0, 6, "WEBVTT") != 0 ||
      (lines[0].size() > 6 && lines[0][6] != ' ' && lines[0][6] != '\t')) {
    *problem = "a WebVTT file starts with the line WEBVTT";
    *line = 1;
    return false;
  }
  size_t i = 1;
  while (i < lines.size() && !lines[i].empty()) ++i;  // the header's own lines
  while (i < lines.size()) {
    while (i < lines.size() && lines[i].empty()) ++i;
    if (i == lines.size()) break;
    const size_t block = i;
    if (lines[i].compare(0, 4, "NOTE") == 0 || lines[i].compare(0, 5, "STYLE") == 0 ||
        lines[i].compare(0, 6, "REGION") == 0) {
      while (i < lines.size() && !lines[i].empty()) ++i;
      continue;
    }
    if (lines[i].find("-->") == std::string::npos) ++i;  // a cue identifier
    if (i == lines.size() || lines[i].find("-->") == std::string::npos) {
      *problem = "expected a cue timing such as 00:01.000 --> 00:04.000";
      *line = static_cast<int>(block) + 1;
      return false;
    }
    size_t at = lines[i].find_first_not_of(" \t");
    const double from = ReadTime(lines[i], &at);
    const size_t arrow = lines[i].find("-->");
    at = arrow + 3;
    while (at < lines[i].size() && (lines[i][at] == ' ' || lines[i][at] == '\t')) ++at;
    const double to = ReadTime(lines[i], &at);
    if (from < 0 || to < 0 || to < from) {
      *problem = from < 0 || to < 0 ? "a cue timing is hh:mm:ss.ttt or mm:ss.ttt --> the same"
                                    : "this cue ends before it starts";
      *line = static_cast<int>(i) + 1;
      return false;
    }
    std::string cue_text;
    for (++i; i < lines.size() && !lines[i].empty(); ++i) cue_text += (cue_text.empty() ? "" : "\n") + lines[i];
    cues->push_back({from, PlainCueText(cue_text)});
  }
  return true;
}

std::string Timestamp(double seconds) {
  const long total = static_cast<long>(seconds);
  char text[32];
  if (total >= 3600) {
    std::snprintf(text, sizeof text, "%ld:%02ld:%02ld", total / 3600, total / 60 % 60, total % 60);
  } else {
    std::snprintf(text, sizeof text, "%ld:%02ld", total / 60, total % 60);
  }
  return text;
}

namespace {

/// The captions' text as a transcript: paragraphs of a few cues, each with the time it
/// starts at, under the title of the chapter it falls in.
std::string TranscriptFromCues(const std::vector<VttCue>& cues, const std::vector<VttCue>& chapters) {
  constexpr size_t kCuesPerParagraph = 4;
  std::string html;
  size_t chapter = 0;
  size_t in_paragraph = 0;
  for (const VttCue& cue : cues) {
    while (chapter < chapters.size() && chapters[chapter].start <= cue.start + 0.001) {
      html += std::string(in_paragraph > 0 ? "</p>\n" : "") + "<h3>" + EscapeHtml(chapters[chapter].text) +
              " <span class=\"morsel-time\">" + Timestamp(chapters[chapter].start) + "</span></h3>\n";
      ++chapter;
      in_paragraph = 0;
    }
    if (in_paragraph == kCuesPerParagraph) {
      html += "</p>\n";
      in_paragraph = 0;
    }
    if (in_paragraph == 0) html += "<p><span class=\"morsel-time\">" + Timestamp(cue.start) + "</span> ";
    html += (in_paragraph > 0 ? " " : "") + EscapeHtml(cue.text);
    ++in_paragraph;
  }
  if (in_paragraph > 0) html += "</p>\n";
  return html;
}

std::string DataUri(const std::string& vtt) { return "data:text/vtt;base64," + core::Base64Encode(vtt); }

}  // namespace

json MediaView(const MediaBlock& media, const json& strings, const BlockTextHooks& hooks) {
  const auto url = [&](const std::string& written, bool is_image) {
    return hooks.markup.rewrite_url ? hooks.markup.rewrite_url(written, is_image, 0, 0) : written;
  };
  json tracks = json::array();
  for (size_t i = 0; i < media.captions.size(); ++i) {
    const MediaTrack& track = media.captions[i];
    std::string label = track.label;
    if (label.empty()) {
      label = media.captions.size() == 1 ? strings.value("media_captions", std::string("Captions")) : track.language;
    }
    tracks.push_back({{"kind", "captions"},
                      {"src", DataUri(track.vtt)},
                      {"language", track.language},
                      {"label", label},
                      {"default", i == 0}});
  }
  if (!media.chapters.vtt.empty()) {
    tracks.push_back({{"kind", "chapters"},
                      {"src", DataUri(media.chapters.vtt)},
                      {"language", media.chapters.language},
                      {"label", media.chapters.language},
                      {"default", false}});
  }
  std::string transcript;
  if (!media.transcript.empty()) {
    transcript = RenderMarkdown(media.transcript, 1, false, hooks.markup).html;
  } else if (!media.captions.empty()) {
    transcript = TranscriptFromCues(media.captions[0].cues, media.chapters.cues);
  }
  const std::string dom_id = hooks.markup.id_prefix + DomId(media.id);
  return {{"id", media.id},
          {"dom_id", dom_id},
          {"video", media.video},
          {"title", media.title},
          {"src", url(media.src, false)},
          {"poster", media.poster.empty() ? std::string() : url(media.poster, true)},
          {"tracks", std::move(tracks)},
          {"transcript_html", transcript}};
}

void ParseMedia(const json& authored, bool video, const std::string& language, MediaBlock* media,
                core::Diagnostics* found) {
  media->video = video;
  const std::string what = video ? "a video block" : "an audio block";
  core::ObjectChecker block(authored, "", what, found);
  if (!block.ok()) return;
  if (video) {
    block.AllowOnly({"src", "title", "poster", "captions", "chapters", "transcript"});
  } else {
    block.AllowOnly({"src", "title", "captions", "chapters", "transcript"});
  }
  if (block.Require("src")) media->src = block.String("src");
  media->title = block.String("title");
  if (video) media->poster = block.String("poster");
  media->chapters.src = block.String("chapters");
  media->chapters.language = language;
  const std::string transcript = block.String("transcript");
  // One line ending in .txt names a file; anything else is the transcript itself.
  if (transcript.find('\n') == std::string::npos && transcript.size() > 4 &&
      transcript.compare(transcript.size() - 4, 4, ".txt") == 0) {
    media->transcript_file = transcript;
  } else {
    media->transcript = transcript;
  }
  const auto captions = authored.find("captions");
  if (captions == authored.end()) return;
  if (captions->is_string()) {
    media->captions.push_back({captions->get<std::string>(), language, "", "", {}});
    return;
  }
  if (!captions->is_array()) {
    Report(found, block.PointerTo("captions"), "wrong-type",
           "'captions' must be a .vtt file or a list of {src, language, label}, not a " +
               std::string(core::TypeName(*captions)),
           "captions: clip.en.vtt");
    return;
  }
  for (size_t i = 0; i < captions->size(); ++i) {
    const std::string at = "/captions/" + std::to_string(i);
    const json& item = (*captions)[i];
    if (item.is_string()) {
      media->captions.push_back({item.get<std::string>(), language, "", "", {}});
      continue;
    }
    core::ObjectChecker track(item, at, "a captions track", found);
    if (!track.ok()) continue;
    track.AllowOnly({"src", "language", "label"});
    MediaTrack one;
    if (track.Require("src")) one.src = track.String("src");
    one.language = track.String("language");
    if (one.language.empty()) one.language = language;
    one.label = track.String("label");
    media->captions.push_back(std::move(one));
  }
}

}  // namespace morsel::gen
