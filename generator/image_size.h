#pragma once

#include <string_view>

namespace morsel::gen {

/// An image's size in CSS pixels, read from its header; 0 × 0 when unknown.
struct ImageSize {
  int width = 0;
  int height = 0;
};

/// The intrinsic size of a PNG, GIF, JPEG or WebP (from the header's bytes) or an SVG
/// (its root's width and height in px or unitless, else its viewBox), so pages can give
/// each <img> its width and height and the text does not jump as pictures load.
/// Written here rather than with an image library: the headers are a few fixed fields,
/// and decoding the pictures is not needed. AVIF and anything unreadable give 0 × 0.
ImageSize ReadImageSize(std::string_view bytes);

}  // namespace morsel::gen
