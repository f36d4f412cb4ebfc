#include "generator/image_size.h"

#include <string>

#include <catch2/catch.hpp>

namespace morsel::gen {
namespace {

std::string Bytes(std::initializer_list<int> values) {
  std::string out;
  for (int v : values) out += static_cast<char>(v);
  return out;
}

TEST_CASE("ReadImageSize reads PNG, GIF, JPEG and WebP headers") {
  const std::string png = "\x89PNG\r\n\x1a\n" + Bytes({0, 0, 0, 13}) + "IHDR" + Bytes({0, 0, 2, 128, 0, 0, 1, 224});
  CHECK(ReadImageSize(png).width == 640);
  CHECK(ReadImageSize(png).height == 480);
  const ImageSize gif = ReadImageSize("GIF89a" + Bytes({0x40, 0x01, 0xF0, 0x00}));
  CHECK((gif.width == 320 && gif.height == 240));
  // JPEG: SOI, an APP0 segment to skip, then SOF2 (progressive) with 200 × 100.
  const std::string jpeg = Bytes({0xFF, 0xD8, 0xFF, 0xE0, 0, 4, 0, 0, 0xFF, 0xC2, 0, 11, 8, 0, 100, 0, 200, 3, 0, 0});
  CHECK(ReadImageSize(jpeg).width == 200);
  CHECK(ReadImageSize(jpeg).height == 100);
  // WebP, lossy (VP8): the frame's width and height after its start code.
  const std::string vp8 = "RIFF" + Bytes({0, 0, 0, 0}) + "WEBPVP8 " + Bytes({0, 0, 0, 0, 0, 0, 0, 0x9D, 0x01, 0x2A}) +
                          Bytes({0x20, 0x03, 0x58, 0x02});
  CHECK(ReadImageSize(vp8).width == 800);
  CHECK(ReadImageSize(vp8).height == 600);
  // WebP, extended (VP8X): 24-bit sizes minus one.
  const std::string vp8x = "RIFF" + Bytes({0, 0, 0, 0}) + "WEBPVP8X" + Bytes({10, 0, 0, 0, 0, 0, 0, 0}) +
                           Bytes({0x7F, 0x07, 0x00, 0x37, 0x04, 0x00});
  CHECK(ReadImageSize(vp8x).width == 1920);
  CHECK(ReadImageSize(vp8x).height == 1080);
}

TEST_CASE("ReadImageSize reads an SVG's width and height, else its viewBox") {
  CHECK(ReadImageSize("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"120\" height=\"80px\"/>").width == 120);
  CHECK(ReadImageSize("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"120\" height=\"80px\"/>").height == 80);
  const ImageSize box = ReadImageSize("<?xml version=\"1.0\"?>\n<svg viewBox=\"0 0 640.4 360\" width=\"100%\">");
  CHECK((box.width == 640 && box.height == 360));
  // stroke-width is not width.
  CHECK(ReadImageSize("<svg stroke-width=\"3\" viewBox=\"0,0,30,20\">").width == 30);
}

TEST_CASE("ReadImageSize gives 0 x 0 for what it cannot read") {
  for (const std::string& bytes :
       {std::string(), std::string("\x89PNG\r\n\x1a\n"), std::string("GIF89a"), Bytes({0xFF, 0xD8, 0xFF}),
        std::string("<svg width=\"10em\" height=\"2em\">"), std::string("<svg>"), std::string("%PDF-1.4"),
        "\x89PNG\r\n\x1a\n" + Bytes({0, 0, 0, 13}) + "IHDR" + Bytes({0x7F, 0, 0, 0, 0, 0, 0, 1})}) {
    const ImageSize size = ReadImageSize(bytes);
    CHECK((size.width == 0 && size.height == 0));
  }
}

}  // namespace
}  // namespace morsel::gen
