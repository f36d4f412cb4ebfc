#include "runtime/core/answer_key.h"

#include <array>
#include <cstdint>

namespace morsel::core {
namespace {

constexpr char kHexDigits[] = "0123456789abcdef";

// FIPS 180-4 section 4.2.2: the first 32 bits of the fractional parts of the cube roots of
// the first 64 primes.
constexpr uint32_t kRoundConstants[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

constexpr uint32_t RotateRight(uint32_t x, int n) { return (x >> n) | (x << (32 - n)); }

// XORs `bytes` in place with the keystream of `key` (see Seal in answer_key.h).
void ApplyKeystream(std::string_view key, std::string* bytes) {
  Sha256 prefix;
  prefix.Update("morsel-seal\x1f");
  prefix.Update(key);
  prefix.Update("\x1f");
  for (size_t offset = 0; offset < bytes->size(); offset += 32) {
    uint32_t counter = static_cast<uint32_t>(offset / 32);
    const char counter_bytes[4] = {static_cast<char>(counter >> 24), static_cast<char>(counter >> 16),
                                   static_cast<char>(counter >> 8), static_cast<char>(counter)};
    Sha256 block = prefix;
    block.Update(std::string_view(counter_bytes, 4));
    Sha256::Digest stream = block.Finish();
    for (size_t i = 0; i < 32 && offset + i < bytes->size(); ++i) {
      uint8_t byte = static_cast<uint8_t>((*bytes)[offset + i]);
      (*bytes)[offset + i] = static_cast<char>(byte ^ stream[i]);
    }
  }
}

constexpr char kBase64Alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

// The 6-bit value of a base64 character, or -1.
int Base64Value(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}

}  // namespace

std::string ToHex(const Sha256::Digest& digest) {
  std::string hex;
  hex.reserve(2 * digest.size());
  for (uint8_t byte : digest) {
    hex.push_back(kHexDigits[byte >> 4]);
    hex.push_back(kHexDigits[byte & 0x0F]);
  }
  return hex;
}

// Section 5.3.3: the initial hash value.
Sha256::Sha256()
    : state_{0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19} {}

void Sha256::Update(std::string_view data) {
  for (char c : data) {
    block_[block_size_++] = static_cast<uint8_t>(c);
    if (block_size_ == 64) {
      Compress();
      block_size_ = 0;
    }
  }
  length_ += data.size();
}

Sha256::Digest Sha256::Finish() {
  const uint64_t bit_length = length_ * 8;
  // Padding (section 5.1.1): 0x80, zeros up to 56 mod 64, the length in 64 bits.
  block_[block_size_++] = 0x80;
  if (block_size_ > 56) {
    while (block_size_ < 64) block_[block_size_++] = 0;
    Compress();
    block_size_ = 0;
  }
  while (block_size_ < 56) block_[block_size_++] = 0;
  for (int i = 7; i >= 0; --i) {
    block_[block_size_++] = static_cast<uint8_t>(bit_length >> (8 * i));
  }
  Compress();
  Digest digest;
  for (int i = 0; i < 8; ++i) {
    for (int j = 0; j < 4; ++j) {
      digest[4 * i + j] = static_cast<uint8_t>(state_[i] >> (24 - 8 * j));
    }
  }
  return digest;
}

std::string Sha256::HexDigest() { return ToHex(Finish()); }

void Sha256::Compress() {
  uint32_t w[64];
  for (int t = 0; t < 16; ++t) {
    w[t] = (uint32_t{block_[4 * t]} << 24) | (uint32_t{block_[4 * t + 1]} << 16) | (uint32_t{block_[4 * t + 2]} << 8) |
           uint32_t{block_[4 * t + 3]};
  }
  for (int t = 16; t < 64; ++t) {
    uint32_t s0 = RotateRight(w[t - 15], 7) ^ RotateRight(w[t - 15], 18) ^ (w[t - 15] >> 3);
    uint32_t s1 = RotateRight(w[t - 2], 17) ^ RotateRight(w[t - 2], 19) ^ (w[t - 2] >> 10);
    w[t] = w[t - 16] + s0 + w[t - 7] + s1;
  }
  uint32_t a = state_[0], b = state_[1], c = state_[2], d = state_[3];
  uint32_t e = state_[4], f = state_[5], g = state_[6], h = state_[7];
  for (int t = 0; t < 64; ++t) {
    uint32_t sum1 = RotateRight(e, 6) ^ RotateRight(e, 11) ^ RotateRight(e, 25);
    uint32_t choose = (e & f) ^ (~e & g);
    uint32_t t1 = h + sum1 + choose + kRoundConstants[t] + w[t];
    uint32_t sum0 = RotateRight(a, 2) ^ RotateRight(a, 13) ^ RotateRight(a, 22);
    uint32_t majority = (a & b) ^ (a & c) ^ (b & c);
    uint32_t t2 = sum0 + majority;
    h = g;
    g = f;
    f = e;
    e = d + t1;
    d = c;
    c = b;
    b = a;
    a = t1 + t2;
  }
  state_[0] += a;
  state_[1] += b;
  state_[2] += c;
  state_[3] += d;
  state_[4] += e;
  state_[5] += f;
  state_[6] += g;
  state_[7] += h;
}

std::string Sha256Hex(std::string_view data) {
  Sha256 sha;
  sha.Update(data);
  return sha.HexDigest();
}

std::string HashAnswer(std::string_view salt, std::string_view normalized_answer) {
  Sha256 sha;
  sha.Update(salt);
  sha.Update("\x1f");  // unit separator: ("ab", "c") and ("a", "bc") hash differently
  sha.Update(normalized_answer);
  return ToHex(sha.Finish()).substr(0, 32);
}

std::string Seal(std::string_view key, std::string_view plain) {
  std::string bytes(plain);
  ApplyKeystream(key, &bytes);
  return Base64Encode(bytes);
}

bool Unseal(std::string_view key, std::string_view sealed, std::string* plain) {
  std::string bytes;
  if (!Base64Decode(sealed, &bytes)) return false;
  ApplyKeystream(key, &bytes);
  *plain = std::move(bytes);
  return true;
}

std::string Base64Encode(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  size_t i = 0;
  for (; i + 3 <= bytes.size(); i += 3) {
    uint32_t n = (uint32_t{static_cast<uint8_t>(bytes[i])} << 16) |
                 (uint32_t{static_cast<uint8_t>(bytes[i + 1])} << 8) | uint32_t{static_cast<uint8_t>(bytes[i + 2])};
    out.push_back(kBase64Alphabet[(n >> 18) & 63]);
    out.push_back(kBase64Alphabet[(n >> 12) & 63]);
    out.push_back(kBase64Alphabet[(n >> 6) & 63]);
    out.push_back(kBase64Alphabet[n & 63]);
  }
  size_t rest = bytes.size() - i;
  if (rest > 0) {
    uint32_t n = uint32_t{static_cast<uint8_t>(bytes[i])} << 16;
    if (rest == 2) n |= uint32_t{static_cast<uint8_t>(bytes[i + 1])} << 8;
    out.push_back(kBase64Alphabet[(n >> 18) & 63]);
    out.push_back(kBase64Alphabet[(n >> 12) & 63]);
    out.push_back(rest == 2 ? kBase64Alphabet[(n >> 6) & 63] : '=');
    out.push_back('=');
  }
  return out;
}

bool Base64Decode(std::string_view text, std::string* bytes) {
  if (text.size() % 4 != 0) return false;
  std::string out;
  out.reserve(text.size() / 4 * 3);
  for (size_t i = 0; i < text.size(); i += 4) {
    const bool last = i + 4 == text.size();
    // '=' may only end the last quantum: "xx==" or "xxx=".
    int padding = 0;
    if (last && text[i + 3] == '=') padding = text[i + 2] == '=' ? 2 : 1;
    uint32_t n = 0;
    for (int k = 0; k < 4; ++k) {
      int value = k < 4 - padding ? Base64Value(text[i + k]) : 0;
      if (value < 0) return false;
      n = (n << 6) | static_cast<uint32_t>(value);
    }
    out.push_back(static_cast<char>(n >> 16));
    if (padding < 2) out.push_back(static_cast<char>(n >> 8));
    if (padding < 1) out.push_back(static_cast<char>(n));
    // Canonical form only: the bits that padding drops must be zero.
    if ((padding == 1 && (n & 0xFF) != 0) || (padding == 2 && (n & 0xFFFF) != 0)) return false;
  }
  *bytes = std::move(out);
  return true;
}

}  // namespace morsel::core
