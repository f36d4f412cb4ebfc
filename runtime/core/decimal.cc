// A correctly rounded decimal-to-double conversion without long double: an estimate in
// double arithmetic, then corrected against the exact value with big-integer comparisons
// (Clinger's "AlgorithmR", 1990), one step of one unit in the last place at a time.
#include "runtime/core/decimal.h"

#include <cstdint>
#include <cstring>

namespace morsel::core {
namespace {

/// An unsigned integer of up to kLimbs 32-bit limbs (little-endian): enough for every
/// value compared below (at most 800 digits times 10^1125 or 2^1075, about 3,800 bits).
constexpr int kLimbs = 130;
/// Significant digits kept exactly; any nonzero digit after them is kept as a final 1, which
/// rounds the same (a double's halfway point has fewer than 770 significant digits).
constexpr int kMaxDigits = 800;

struct Big {
  uint32_t limb[kLimbs];
  int size = 0;

  void MulAdd(uint32_t factor, uint32_t add) {
    uint64_t carry = add;
    for (int i = 0; i < size; ++i) {
      const uint64_t v = static_cast<uint64_t>(limb[i]) * factor + carry;
      limb[i] = static_cast<uint32_t>(v);
      carry = v >> 32;
    }
    if (carry != 0 && size < kLimbs) limb[size++] = static_cast<uint32_t>(carry);
  }
  void MulPow10(int n) {
    static const uint32_t kSmall[] = {1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000};
    for (; n >= 9; n -= 9) MulAdd(1000000000, 0);
    MulAdd(kSmall[n], 0);
  }
  void MulPow2(int n) {
    const int words = n / 32;
    const int bits = n % 32;
    if (size == 0) return;
    if (bits != 0) MulAdd(1u << bits, 0);
    if (words == 0) return;
    if (size + words > kLimbs) return;  // beyond any bound reached (see kLimbs)
    std::memmove(limb + words, limb, sizeof(uint32_t) * static_cast<size_t>(size));
    std::memset(limb, 0, sizeof(uint32_t) * static_cast<size_t>(words));
    size += words;
  }
};

int Compare(const Big& a, const Big& b) {
  if (a.size != b.size) return a.size < b.size ? -1 : 1;
  for (int i = a.size - 1; i >= 0; --i) {
    if (a.limb[i] != b.limb[i]) return a.limb[i] < b.limb[i] ? -1 : 1;
  }
  return 0;
}

/// Compares digits × 10^exp10 with odd × 2^exp2.
int CompareExact(const Big& digits, int exp10, uint64_t odd, int exp2) {
  Big x = digits;
  Big y;
  y.limb[0] = static_cast<uint32_t>(odd);
  y.limb[1] = static_cast<uint32_t>(odd >> 32);
  y.size = y.limb[1] != 0 ? 2 : 1;
  if (exp10 >= 0)
    x.MulPow10(exp10);
  else
    y.MulPow10(-exp10);
  if (exp2 >= 0)
    y.MulPow2(exp2);
  else
    x.MulPow2(-exp2);
  return Compare(x, y);
}

double FromBits(uint64_t bits) {
  double d;
  std::memcpy(&d, &bits, sizeof d);
  return d;
}

uint64_t Bits(double d) {
  uint64_t bits;
  std::memcpy(&bits, &d, sizeof bits);
  return bits;
}

bool Word(const char*& p, const char* word) {
  const char* q = p;
  for (; *word != '\0'; ++word, ++q) {
    if ((*q | 0x20) != *word) return false;
  }
  p = q;
  return true;
}

constexpr uint64_t kInfBits = 0x7ff0000000000000ull;
constexpr uint64_t kHidden = 1ull << 52;

}  // namespace

double ParseDecimal(const char* text, char** end) {
  const char* p = text;
  while (*p == ' ' || (*p >= '\t' && *p <= '\r')) ++p;
  const bool negative = *p == '-';
  if (*p == '-' || *p == '+') ++p;
  auto done = [&](const char* at, double value) {
    if (end != nullptr) *end = const_cast<char*>(at);
    return negative ? -value : value;
  };
  if (Word(p, "inf")) {
    Word(p, "inity");
    return done(p, FromBits(kInfBits));
  }
  if (Word(p, "nan")) return done(p, FromBits(0x7ff8000000000000ull));

  // The digits: `digits` holds the significant ones (exactly, up to kMaxDigits), `head` the
  // first 19 for the estimate; the value is digits × 10^exp10.
  Big digits;
  uint64_t head = 0;
  int head_count = 0;
  int kept = 0;
  long exp10 = 0;
  bool any = false;
  bool sticky = false;
  bool point = false;
  for (;; ++p) {
    if (*p == '.' && !point) {
      point = true;
      continue;
    }
    if (*p < '0' || *p > '9') break;
    any = true;
    const uint32_t d = static_cast<uint32_t>(*p - '0');
    if (kept == 0 && d == 0) {
      if (point) --exp10;
      continue;
    }
    if (kept < kMaxDigits) {
      if (digits.size == 0) {
        digits.limb[0] = 0;
        digits.size = 1;
      }
      digits.MulAdd(10, d);
      if (head_count < 19) {
        head = head * 10 + d;
        ++head_count;
      }
      ++kept;
      if (point) --exp10;
    } else {
      sticky = sticky || d != 0;
      if (!point) ++exp10;
    }
  }
  if (!any) {
    if (end != nullptr) *end = const_cast<char*>(text);
    return 0.0;
  }
  if (*p == 'e' || *p == 'E') {
    const char* q = p + 1;
    const bool minus = *q == '-';
    if (*q == '-' || *q == '+') ++q;
    if (*q >= '0' && *q <= '9') {
      long e = 0;
      for (; *q >= '0' && *q <= '9'; ++q) {
        if (e < 100000) e = e * 10 + (*q - '0');
      }
      exp10 += minus ? -e : e;
      p = q;
    }
  }
  if (kept == 0) return done(p, 0.0);
  if (sticky) {
    digits.MulAdd(10, 1);
    ++kept;
    --exp10;
  }
  // Out of range whatever the digits: the value is below 10^(kept + exp10).
  if (kept + exp10 > 310) return done(p, FromBits(kInfBits));
  if (kept + exp10 < -324) return done(p, 0.0);

  static const double kPow10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                                  1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
  int scale = static_cast<int>(exp10) + (kept - head_count);  // value ≈ head × 10^scale
  // Exact when the digits fit a double's 53 bits and the power of ten is exact: one
  // rounding, so correctly rounded.
  if (kept == head_count && head <= kHidden && scale >= -22 && scale <= 22) {
    const double h = static_cast<double>(head);
    return done(p, scale < 0 ? h / kPow10[-scale] : h * kPow10[scale]);
  }
  // An estimate within a few units in the last place (falling monotonically toward the
  // result, so at most the last steps are subnormal)...
  double z = static_cast<double>(head);
  for (; scale > 22; scale -= 22) z *= 1e22;
  for (; scale < -22; scale += 22) z /= 1e22;
  z = scale < 0 ? z / kPow10[-scale] : z * kPow10[scale];
  uint64_t bits = Bits(z);
  if (bits >= kInfBits) bits = kInfBits - 1;  // the largest double; corrected below
  // ...then moved one unit at a time until the exact value is within half a unit of it.
  const int exp = static_cast<int>(exp10);
  for (int step = 0; step < 4096; ++step) {
    const int biased = static_cast<int>(bits >> 52);
    const uint64_t m = biased == 0 ? bits & (kHidden - 1) : (bits & (kHidden - 1)) | kHidden;
    const int k = (biased == 0 ? 1 : biased) - 1075;  // z = m × 2^k
    // Above: the halfway point to the next double up, (2m + 1) × 2^(k - 1).
    const int above = CompareExact(digits, exp, 2 * m + 1, k - 1);
    if (above > 0 || (above == 0 && (m & 1) != 0)) {
      ++bits;
      if (bits >= kInfBits) return done(p, FromBits(kInfBits));
      continue;
    }
    if (bits == 0) break;
    // Below: half the gap to the next double down, which is half as wide at a power of two.
    const bool narrow = m == kHidden && biased > 1;
    const int below =
        narrow ? CompareExact(digits, exp, 4 * m - 1, k - 2) : CompareExact(digits, exp, 2 * m - 1, k - 1);
    if (below < 0 || (below == 0 && (m & 1) != 0)) {
      --bits;
      continue;
    }
    break;
  }
  return done(p, FromBits(bits));
}

}  // namespace morsel::core
