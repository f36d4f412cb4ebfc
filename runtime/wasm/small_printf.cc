// snprintf and vsnprintf for the browser runtime, replacing the C library's.
//
// Why hand-written: in the wasm build, nlohmann/json is the only caller of the printf
// family, and only to format integers in hex (the "\u%04x" escapes of control characters
// it writes in dump(), "<U+%.4X>" and "%.2X" in its error messages). The C library's
// printf brings its floating-point formatting and long double arithmetic with it: 3.8 KB
// of the module's gzip size (measured on this runtime with scripts/runtime-size.js),
// against a budget. This version handles what C code can ask of integers and strings —
// flags '-' and '0', width, precision, the length modifiers, and d i u x X o c s p % —
// and prints "?" for floating-point conversions, which nothing in the core uses (numbers
// are printed by nlohmann's own dtoa). tests/node/runtime_hostile.test.js checks the
// escapes through the shipped module.

#include <cstdarg>
#include <cstddef>
#include <cstdint>

namespace {

class Output {
 public:
  Output(char* out, size_t size) : out_(out), size_(size) {}
  void Put(char c) {
    if (written_ + 1 < size_) out_[written_] = c;
    ++written_;
  }
  void Repeat(char c, int count) {
    for (int i = 0; i < count; ++i) Put(c);
  }
  int Finish() {
    if (size_ > 0) out_[written_ < size_ ? written_ : size_ - 1] = '\0';
    return static_cast<int>(written_);
  }

 private:
  char* out_;
  size_t size_;
  size_t written_ = 0;
};

struct Spec {
  bool left = false;
  bool zero = false;
  int width = 0;
  int precision = -1;
};

void Field(Output* out, const Spec& spec, const char* sign, const char* body, int length) {
  int sign_length = 0;
  while (sign[sign_length] != '\0') ++sign_length;
  const int zeros = spec.precision > length ? spec.precision - length : 0;
  const int pad = spec.width - sign_length - zeros - length;
  const bool zero_pad = spec.zero && !spec.left && spec.precision < 0;
  if (!spec.left && !zero_pad) out->Repeat(' ', pad);
  for (int i = 0; i < sign_length; ++i) out->Put(sign[i]);
  if (zero_pad) out->Repeat('0', pad);
  out->Repeat('0', zeros);
  for (int i = 0; i < length; ++i) out->Put(body[i]);
  if (spec.left) out->Repeat(' ', pad);
}

void Unsigned(Output* out, const Spec& spec, const char* sign, uint64_t value, unsigned base, bool upper) {
  char digits[24];
  int length = 0;
  const char* alphabet = upper ? "0123456789ABCDEF" : "0123456789abcdef";
  // C: a zero with precision 0 prints no digits.
  while (value != 0 || (length == 0 && spec.precision != 0)) {
    digits[length++] = alphabet[value % base];
    value /= base;
  }
  char body[24];
  for (int i = 0; i < length; ++i) body[i] = digits[length - 1 - i];
  Field(out, spec, sign, body, length);
}

}  // namespace

extern "C" int vsnprintf(char* buffer, size_t size, const char* format, va_list args) {
  Output out(buffer, size);
  for (const char* p = format; *p != '\0'; ++p) {
    if (*p != '%') {
      out.Put(*p);
      continue;
    }
    Spec spec;
    for (++p; *p == '-' || *p == '0' || *p == '+' || *p == ' ' || *p == '#'; ++p) {
      if (*p == '-') spec.left = true;
      if (*p == '0') spec.zero = true;
    }
    if (*p == '*') {
      spec.width = va_arg(args, int);
      ++p;
    }
    for (; *p >= '0' && *p <= '9'; ++p) spec.width = spec.width * 10 + (*p - '0');
    if (*p == '.') {
      spec.precision = 0;
      if (*++p == '*') {
        spec.precision = va_arg(args, int);
        ++p;
      }
      for (; *p >= '0' && *p <= '9'; ++p) spec.precision = spec.precision * 10 + (*p - '0');
    }
    int longs = 0;
    bool wide = false;  // size_t, ptrdiff_t, intmax_t: 32 or 64 bits, read as such
    for (; *p == 'l' || *p == 'h' || *p == 'z' || *p == 't' || *p == 'j'; ++p) {
      if (*p == 'l') ++longs;
      if (*p == 'j') longs = 2;
      if (*p == 'z' || *p == 't') wide = true;
    }
    const char conversion = *p;
    if (conversion == '\0') break;
    switch (conversion) {
      case 'd':
      case 'i': {
        const int64_t value = longs >= 2           ? va_arg(args, long long)
                              : longs == 1 || wide ? va_arg(args, long)
                                                   : va_arg(args, int);
        Unsigned(&out, spec, value < 0 ? "-" : "",
                 value < 0 ? 0 - static_cast<uint64_t>(value) : static_cast<uint64_t>(value), 10, false);
        break;
      }
      case 'u':
      case 'x':
      case 'X':
      case 'o': {
        const uint64_t value = longs >= 2           ? va_arg(args, unsigned long long)
                               : longs == 1 || wide ? va_arg(args, unsigned long)
                                                    : va_arg(args, unsigned);
        Unsigned(&out, spec, "", value, conversion == 'u' ? 10 : conversion == 'o' ? 8 : 16, conversion == 'X');
        break;
      }
      case 'p':
        Unsigned(&out, spec, "0x", reinterpret_cast<uintptr_t>(va_arg(args, void*)), 16, false);
        break;
      case 'c': {
        const char c = static_cast<char>(va_arg(args, int));
        Field(&out, spec, "", &c, 1);
        break;
      }
      case 's': {
        const char* s = va_arg(args, const char*);
        if (s == nullptr) s = "(null)";
        int length = 0;
        while (s[length] != '\0' && (spec.precision < 0 || length < spec.precision)) ++length;
        spec.precision = -1;
        spec.zero = false;
        Field(&out, spec, "", s, length);
        break;
      }
      case '%':
        out.Put('%');
        break;
      default:  // floating point and anything else: consume nothing we cannot read
        if (conversion == 'f' || conversion == 'F' || conversion == 'e' || conversion == 'E' || conversion == 'g' ||
            conversion == 'G' || conversion == 'a' || conversion == 'A') {
          (void)va_arg(args, double);
        }
        out.Put('?');
        break;
    }
  }
  return out.Finish();
}

extern "C" int snprintf(char* buffer, size_t size, const char* format, ...) {
  va_list args;
  va_start(args, format);
  const int written = vsnprintf(buffer, size, format, args);
  va_end(args);
  return written;
}
