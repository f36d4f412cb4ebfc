#include "runtime/core/number_text.h"

namespace morsel::core {

std::string NumberText(long long value) {
  char buffer[24];
  char* end = buffer + sizeof buffer;
  char* p = end;
  unsigned long long magnitude =
      value < 0 ? 0ull - static_cast<unsigned long long>(value) : static_cast<unsigned long long>(value);
  do {
    *--p = static_cast<char>('0' + magnitude % 10);
    magnitude /= 10;
  } while (magnitude != 0);
  if (value < 0) *--p = '-';
  return std::string(p, end);
}

}  // namespace morsel::core
