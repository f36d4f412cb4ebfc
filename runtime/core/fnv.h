#pragma once

#include <cstdint>
#include <string_view>

namespace morsel::core {

// FNV-1a: a fast, stable, non-cryptographic hash of bytes, for values that must be the
// same on every host and in every build (shuffle seeds, search card files, the LMS text's
// digests, lock fingerprints). Not for anything an attacker must not forge: answer keys
// use SHA-256 (answer_key.h).

/// FNV-1a, 32 bits; `hash` continues an earlier hash (the offset basis to start).
inline uint32_t Fnv1a32(std::string_view bytes, uint32_t hash = 2166136261u) {
  for (const char c : bytes) hash = (hash ^ static_cast<unsigned char>(c)) * 16777619u;
  return hash;
}

/// FNV-1a, 64 bits.
inline uint64_t Fnv1a64(std::string_view bytes) {
  uint64_t hash = 14695981039346656037ull;
  for (const char c : bytes) hash = (hash ^ static_cast<unsigned char>(c)) * 1099511628211ull;
  return hash;
}

}  // namespace morsel::core
