#include "runtime/core/calendar.h"

#include <algorithm>
#include <string>

#include "runtime/core/number_text.h"

namespace morsel::core {
namespace {

constexpr int64_t kDayMs = 86400000;

}  // namespace

int64_t DaysFromCivil(int64_t year, int64_t month, int64_t day) {
  year -= month <= 2;
  const int64_t era = (year >= 0 ? year : year - 399) / 400;
  const int64_t yoe = year - era * 400;
  const int64_t doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

std::string DateText(int64_t day) {
  day += 719468;
  const int64_t era = (day >= 0 ? day : day - 146096) / 146097;
  const int64_t doe = day - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int64_t d = doy - (153 * mp + 2) / 5 + 1;
  const int64_t m = mp + (mp < 10 ? 3 : -9);
  const int64_t y = yoe + era * 400 + (m <= 2);
  auto two = [](int64_t n) { return std::string(n < 10 ? "0" : "") + NumberText(n); };
  return NumberText(y) + "-" + two(m) + "-" + two(d);
}

bool ParseDate(const std::string& text, int64_t* day) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  auto number = [&](size_t at, size_t n, int64_t* out) {
    *out = 0;
    for (size_t i = at; i < at + n; ++i) {
      if (text[i] < '0' || text[i] > '9') return false;
      *out = *out * 10 + (text[i] - '0');
    }
    return true;
  };
  int64_t y = 0, m = 0, d = 0;
  if (!number(0, 4, &y) || !number(5, 2, &m) || !number(8, 2, &d) || m < 1 || m > 12 || d < 1 || d > 31) return false;
  *day = DaysFromCivil(y, m, d);
  return true;
}

int64_t UtcDay(int64_t epoch_ms) {
  // Division that rounds down, not towards zero: 1969-12-31 is day -1.
  const int64_t day = epoch_ms / kDayMs;
  return epoch_ms % kDayMs < 0 ? day - 1 : day;
}

int64_t LocalDay(int64_t epoch_ms, int utc_offset_min) {
  return UtcDay(epoch_ms + static_cast<int64_t>(utc_offset_min) * 60000);
}

bool AddPeriod(const std::string& date, const std::string& period, std::string* out) {
  int64_t day = 0;
  const size_t space = period.find(' ');
  if (!ParseDate(date, &day) || space == 0 || space == std::string::npos || space > 5) return false;
  int64_t n = 0;
  for (size_t i = 0; i < space; ++i) {
    if (period[i] < '0' || period[i] > '9') return false;
    n = n * 10 + (period[i] - '0');
  }
  std::string unit = period.substr(space + 1);
  if (n > 10000 || unit.empty()) return false;
  if (unit.back() == 's') unit.pop_back();
  if (unit == "day" || unit == "week") {
    *out = DateText(day + (unit == "week" ? 7 * n : n));
    return true;
  }
  if (unit != "month" && unit != "year") return false;
  // The date as written may be a 30th of February: DateText gives the day it stands for.
  const std::string text = DateText(day);
  const size_t dash = text.size() - 6;
  auto digits = [&](size_t from, size_t to) {
    int64_t value = 0;
    for (size_t i = from; i < to; ++i) value = value * 10 + (text[i] - '0');
    return value;
  };
  const int64_t year = digits(0, dash);
  const int64_t month = digits(dash + 1, dash + 3);
  const int64_t day_of_month = digits(dash + 4, dash + 6);
  const int64_t months = year * 12 + (month - 1) + (unit == "year" ? 12 * n : n);
  const int64_t to_year = months / 12;
  const int64_t to_month = months % 12 + 1;
  const int64_t next_first =
      to_month == 12 ? DaysFromCivil(to_year + 1, 1, 1) : DaysFromCivil(to_year, to_month + 1, 1);
  const int64_t length = next_first - DaysFromCivil(to_year, to_month, 1);
  *out = DateText(DaysFromCivil(to_year, to_month, std::min(day_of_month, length)));
  return true;
}

}  // namespace morsel::core
