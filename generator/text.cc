#include "generator/text.h"

#include <algorithm>

#include <map>

namespace morsel::gen {

bool StartsWith(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

size_t LineEnd(std::string_view text, size_t start, size_t* next) {
  const size_t end = text.find_first_of("\r\n", start);
  if (end == std::string_view::npos) {
    *next = text.size();
    return text.size();
  }
  *next = end + (text.compare(end, 2, "\r\n") == 0 ? 2 : 1);
  return end;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return out;
}

std::string CsvField(const std::string& field) {
  const bool formula = !field.empty() && std::string_view("=+-@\t\r").find(field[0]) != std::string_view::npos;
  if (!formula && field.find_first_of(",\"\n\r") == std::string::npos) return field;
  std::string out = formula ? "\"'" : "\"";
  for (char c : field) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

const char* ContentType(const std::string& path) {
  static const std::map<std::string, const char*> kTypes = {{"html", "text/html; charset=utf-8"},
                                                            {"css", "text/css; charset=utf-8"},
                                                            {"js", "text/javascript; charset=utf-8"},
                                                            {"json", "application/json"},
                                                            {"webmanifest", "application/manifest+json"},
                                                            {"wasm", "application/wasm"},
                                                            {"svg", "image/svg+xml"},
                                                            {"png", "image/png"},
                                                            {"jpg", "image/jpeg"},
                                                            {"jpeg", "image/jpeg"},
                                                            {"gif", "image/gif"},
                                                            {"webp", "image/webp"},
                                                            {"avif", "image/avif"},
                                                            {"ico", "image/x-icon"},
                                                            {"txt", "text/plain; charset=utf-8"},
                                                            {"xml", "application/xml"},
                                                            {"vtt", "text/vtt"},
                                                            {"mp4", "video/mp4"},
                                                            {"webm", "video/webm"},
                                                            {"mp3", "audio/mpeg"},
                                                            {"ogg", "audio/ogg"},
                                                            {"m4a", "audio/mp4"},
                                                            {"pdf", "application/pdf"},
                                                            {"zip", "application/zip"},
                                                            {"woff2", "font/woff2"}};
  const size_t dot = path.rfind('.');
  if (dot == std::string::npos || path.find('/', dot) != std::string::npos) return "application/octet-stream";
  auto it = kTypes.find(Lower(path.substr(dot + 1)));
  return it == kTypes.end() ? "application/octet-stream" : it->second;
}

bool HasExtension(const std::string& path, std::initializer_list<const char*> extensions) {
  const size_t dot = path.rfind('.');
  if (dot == std::string::npos) return false;
  const std::string ext = Lower(path.substr(dot + 1));
  for (const char* e : extensions) {
    if (ext == e) return true;
  }
  return false;
}

bool IsImagePath(const std::string& path) {
  return HasExtension(path, {"png", "jpg", "jpeg", "gif", "svg", "webp", "avif"});
}

namespace {

std::string_view PrimarySubtag(std::string_view language) { return language.substr(0, language.find('-')); }

}  // namespace

const char* TextDirection(std::string_view language) {
  static constexpr std::string_view kRtl[] = {"ar", "arc", "ckb", "dv", "fa", "he", "iw", "ps", "sd", "ug", "ur", "yi"};
  const std::string_view primary = PrimarySubtag(language);
  for (std::string_view rtl : kRtl) {
    if (primary == rtl) return "rtl";
  }
  return language.find("-Arab") != std::string_view::npos || language.find("-Hebr") != std::string_view::npos ? "rtl"
                                                                                                              : "ltr";
}

const char* PluralCategory(std::string_view language, long long n) {
  const std::string_view primary = PrimarySubtag(language);
  const long long abs = n < 0 ? -n : n;
  if (primary == "ar") {
    const long long tens = abs % 100;
    if (abs == 0) return "zero";
    if (abs == 1) return "one";
    if (abs == 2) return "two";
    if (tens >= 3 && tens <= 10) return "few";
    if (tens >= 11) return "many";
    return "other";
  }
  if (primary == "he" || primary == "iw") return abs == 1 ? "one" : abs == 2 ? "two" : "other";
  // French and Portuguese: one for 0 and 1; French, Spanish, Italian, Portuguese: many for
  // whole millions.
  const bool romance = primary == "fr" || primary == "es" || primary == "it" || primary == "pt";
  if ((primary == "fr" || primary == "pt") ? abs <= 1 : abs == 1) return "one";
  if (romance && abs != 0 && abs % 1000000 == 0) return "many";
  return "other";
}

const char* DecimalSign(std::string_view language) {
  static constexpr std::string_view kComma[] = {"de", "fr", "es", "it", "pt", "nl", "ru", "pl", "tr",
                                                "sv", "da", "nb", "fi", "cs", "id", "uk", "ro", "hu"};
  const std::string_view primary = PrimarySubtag(language);
  return std::find(std::begin(kComma), std::end(kComma), primary) != std::end(kComma) ? "," : ".";
}

}  // namespace morsel::gen
