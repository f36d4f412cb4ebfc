#include "generator/image_size.h"

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string>

namespace morsel::gen {
namespace {

uint32_t Be16(std::string_view b, size_t at) {
  return (static_cast<uint32_t>(static_cast<unsigned char>(b[at])) << 8) | static_cast<unsigned char>(b[at + 1]);
}
uint32_t Be32(std::string_view b, size_t at) { return (Be16(b, at) << 16) | Be16(b, at + 2); }
uint32_t Le16(std::string_view b, size_t at) {
  return static_cast<unsigned char>(b[at]) | (static_cast<uint32_t>(static_cast<unsigned char>(b[at + 1])) << 8);
}
uint32_t Le24(std::string_view b, size_t at) {
  return Le16(b, at) | (static_cast<uint32_t>(static_cast<unsigned char>(b[at + 2])) << 16);
}

/// Sizes larger than any screen's are refused as damaged headers.
constexpr uint32_t kMaxSide = 100000;

ImageSize Checked(uint32_t width, uint32_t height) {
  if (width == 0 || height == 0 || width > kMaxSide || height > kMaxSide) return {};
  return {static_cast<int>(width), static_cast<int>(height)};
}

ImageSize Jpeg(std::string_view b) {
  size_t at = 2;
  while (at + 9 < b.size()) {
    if (static_cast<unsigned char>(b[at]) != 0xFF) return {};
    const unsigned char marker = static_cast<unsigned char>(b[at + 1]);
    if (marker == 0xFF) {  // fill bytes
      ++at;
      continue;
    }
    // SOF0–SOF15 but DHT (C4), JPG (C8) and DAC (CC) carry the frame's size.
    if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC) {
      return Checked(Be16(b, at + 7), Be16(b, at + 5));
    }
    if (marker == 0xD8 || (marker >= 0xD0 && marker <= 0xD7) || marker == 0x01) {
      at += 2;
      continue;
    }
    at += 2 + Be16(b, at + 2);
  }
  return {};
}

ImageSize Webp(std::string_view b) {
  if (b.size() < 30) return {};
  const std::string_view chunk = b.substr(12, 4);
  if (chunk == "VP8X") return Checked(Le24(b, 24) + 1, Le24(b, 27) + 1);
  if (chunk == "VP8L" && static_cast<unsigned char>(b[20]) == 0x2F) {
    const uint32_t bits = Le16(b, 21) | (Le16(b, 23) << 16);
    return Checked((bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1);
  }
  if (chunk == "VP8 ") return Checked(Le16(b, 26) & 0x3FFF, Le16(b, 28) & 0x3FFF);
  return {};
}

/// A length attribute of the SVG's root: "120", "120px", "120.5"; 0 for "100%", "10em"…
double SvgLength(std::string_view root, std::string_view name) {
  size_t at = 0;
  while ((at = root.find(name, at)) != std::string_view::npos) {
    const bool word_start =
        at > 0 && (root[at - 1] == ' ' || root[at - 1] == '\n' || root[at - 1] == '\t' || root[at - 1] == '\r');
    size_t value = at + name.size();
    while (value < root.size() && root[value] == ' ') ++value;
    if (!word_start || value >= root.size() || root[value] != '=') {
      at += name.size();
      continue;
    }
    ++value;
    while (value < root.size() && root[value] == ' ') ++value;
    if (value >= root.size() || (root[value] != '"' && root[value] != '\'')) return 0;
    const size_t end = root.find(root[value], value + 1);
    if (end == std::string_view::npos) return 0;
    const std::string text(root.substr(value + 1, end - value - 1));
    char* rest = nullptr;
    const double number = std::strtod(text.c_str(), &rest);
    const std::string unit(rest);
    return unit.empty() || unit == "px" ? number : 0;
  }
  return 0;
}

ImageSize Svg(std::string_view b) {
  const size_t open = b.find("<svg");
  if (open == std::string_view::npos) return {};
  const size_t close = b.find('>', open);
  if (close == std::string_view::npos) return {};
  const std::string_view root = b.substr(open, close - open);
  double width = SvgLength(root, "width");
  double height = SvgLength(root, "height");
  if (width <= 0 || height <= 0) {
    const size_t box = root.find("viewBox");
    if (box == std::string_view::npos) return {};
    const size_t quote = root.find_first_of("\"'", box);
    if (quote == std::string_view::npos) return {};
    const std::string values(root.substr(quote + 1));
    double numbers[4] = {0, 0, 0, 0};
    const char* p = values.c_str();
    for (double& n : numbers) {
      while (*p == ' ' || *p == ',') ++p;
      char* end = nullptr;
      n = std::strtod(p, &end);
      if (end == p) return {};
      p = end;
    }
    width = numbers[2];
    height = numbers[3];
  }
  if (width < 1 || height < 1 || width > kMaxSide || height > kMaxSide) return {};
  return {static_cast<int>(std::lround(width)), static_cast<int>(std::lround(height))};
}

}  // namespace

ImageSize ReadImageSize(std::string_view b) {
  if (b.size() >= 24 && b.substr(0, 8) == "\x89PNG\r\n\x1a\n" && b.substr(12, 4) == "IHDR") {
    return Checked(Be32(b, 16), Be32(b, 20));
  }
  if (b.size() >= 10 && (b.substr(0, 6) == "GIF87a" || b.substr(0, 6) == "GIF89a")) {
    return Checked(Le16(b, 6), Le16(b, 8));
  }
  if (b.size() >= 4 && static_cast<unsigned char>(b[0]) == 0xFF && static_cast<unsigned char>(b[1]) == 0xD8) {
    return Jpeg(b);
  }
  if (b.size() >= 16 && b.substr(0, 4) == "RIFF" && b.substr(8, 4) == "WEBP") return Webp(b);
  return Svg(b.substr(0, 4096));
}

}  // namespace morsel::gen
