#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace morsel::core {

// Answer keys that are not plain text in a page. Pages must not say which option is
// correct or list the accepted typed answers where "view source" shows them: the
// generator embeds salted hashes of normalised typed answers and sealed (obfuscated)
// keys, and only the core, given the same salt and key, can grade. This deters casual
// peeking; it is not exam security: the salt and key are derived from data in the same
// page, so a determined learner can recompute them.
//
// SHA-256 is written out here because the core may depend only on std and nlohmann/json
// and must build for WebAssembly too (no OpenSSL, no WebCrypto from C++).

/// Incremental SHA-256 (FIPS 180-4), so a digest of many pieces (every file of a site)
/// needs no copy of them all in one string. Copyable: a common prefix is absorbed once.
class Sha256 {
 public:
  using Digest = std::array<uint8_t, 32>;

  /// An empty message, ready for Update.
  Sha256();

  /// Appends `data` to the message.
  void Update(std::string_view data);
  /// Pads and ends the message and returns its digest. Call it (or HexDigest) once, after
  /// the last Update; a copy taken before goes on independently. (Not const: a copy here
  /// would cost the browser runtime bytes.)
  Digest Finish();
  /// Finish() as 64 lowercase hex digits.
  std::string HexDigest();

 private:
  void Compress();

  uint32_t state_[8];  // set in answer_key.cc: an initializer here adds wasm padding
  uint8_t block_[64] = {};
  size_t block_size_ = 0;
  uint64_t length_ = 0;
};

/// A digest as 64 lowercase hex digits.
std::string ToHex(const Sha256::Digest& digest);

/// SHA-256 of `data`, as 64 lowercase hex digits (Sha256::HexDigest of one Update).
std::string Sha256Hex(std::string_view data);

/// The first 32 hex digits of SHA-256(salt + "\x1f" + normalized_answer).
std::string HashAnswer(std::string_view salt, std::string_view normalized_answer);

/// `plain` XORed with a keystream derived from `key`, then Base64Encode'd. Keystream block
/// i (32 bytes, i = 0, 1, …) is SHA-256("morsel-seal" + "\x1f" + key + "\x1f" + i as 4
/// bytes big-endian). Sealing is deterministic: the same key and text give the same result.
std::string Seal(std::string_view key, std::string_view plain);

/// Reverses Seal; false (leaving *plain unchanged) when `sealed` is not valid base64. A
/// wrong key is not detected: it gives different bytes.
bool Unseal(std::string_view key, std::string_view sealed, std::string* plain);

/// Base64 (RFC 4648, standard alphabet, padded with '=').
std::string Base64Encode(std::string_view bytes);

/// Decodes Base64Encode's output strictly: false (leaving *bytes unchanged) for a length
/// that is not a multiple of 4, characters outside the alphabet (whitespace included),
/// misplaced '=' or non-zero padding bits.
bool Base64Decode(std::string_view text, std::string* bytes);

}  // namespace morsel::core
