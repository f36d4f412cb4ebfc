#include "runtime/core/calendar.h"

#include <catch2/catch.hpp>

namespace morsel::core {
namespace {

TEST_CASE("day numbers of dates, and back", "[calendar]") {
  CHECK(DaysFromCivil(1970, 1, 1) == 0);
  CHECK(DaysFromCivil(1969, 12, 31) == -1);
  CHECK(DaysFromCivil(2026, 3, 8) == 20520);
  CHECK(DaysFromCivil(2000, 3, 1) - DaysFromCivil(2000, 2, 28) == 2);  // 2000 was a leap year
  CHECK(DaysFromCivil(1900, 3, 1) - DaysFromCivil(1900, 2, 28) == 1);  // 1900 was not
  CHECK(DateText(0) == "1970-01-01");
  CHECK(DateText(-1) == "1969-12-31");
  CHECK(DateText(20520) == "2026-03-08");
  for (int64_t day = -800; day < 800; day += 7) {
    int64_t back = 0;
    REQUIRE(ParseDate(DateText(20000 + day), &back));
    CHECK(back == 20000 + day);
  }
}

TEST_CASE("YYYY-MM-DD dates parse, and nothing else", "[calendar]") {
  int64_t day = 42;
  CHECK(ParseDate("2026-02-28", &day));
  CHECK(day == DaysFromCivil(2026, 2, 28));
  CHECK(ParseDate("2024-02-29", &day));
  CHECK(day == DaysFromCivil(2024, 3, 1) - 1);
  // Days past the month's end carry over, as the formula does: the dates read are the glue's.
  CHECK(ParseDate("2026-02-30", &day));
  CHECK(day == DaysFromCivil(2026, 3, 2));
  for (const char* text : {"2026-13-01", "2026-00-10", "2026-01-00", "2026-01-32", "2026-1-01", "2026/01/01", "unknown",
                           "", "2026-01-01T00:00", "20260-1-01", "２０２６-01-01"}) {
    INFO(text);
    day = 42;
    CHECK_FALSE(ParseDate(text, &day));
    CHECK(day == 42);
  }
}

TEST_CASE("a recertification period after a date", "[calendar]") {
  auto plus = [](const std::string& date, const std::string& period) {
    std::string out = "unchanged";
    return AddPeriod(date, period, &out) ? out : "refused: " + out;
  };
  CHECK(plus("2026-03-15", "12 months") == "2027-03-15");
  CHECK(plus("2026-03-15", "1 year") == "2027-03-15");
  CHECK(plus("2026-03-15", "90 days") == "2026-06-13");
  CHECK(plus("2026-12-30", "1 week") == "2027-01-06");
  CHECK(plus("2026-12-30", "2 weeks") == "2027-01-13");
  CHECK(plus("2026-11-15", "3 months") == "2027-02-15");
  CHECK(plus("2026-03-15", "0 days") == "2026-03-15");
  // A day the later month lacks becomes its last day.
  CHECK(plus("2026-01-31", "1 month") == "2026-02-28");
  CHECK(plus("2028-01-31", "1 month") == "2028-02-29");
  CHECK(plus("2026-08-31", "1 month") == "2026-09-30");
  CHECK(plus("2024-02-29", "1 year") == "2025-02-28");
  CHECK(plus("2024-02-29", "4 years") == "2028-02-29");
  CHECK(plus("2026-03-15", "10000 years") == "12026-03-15");
  for (const char* period : {"12", "months", "12 fortnights", "-1 days", "1.5 years", "12  months", " 12 months",
                             "10001 days", "123456 days", "12 Months", ""}) {
    INFO(period);
    CHECK(plus("2026-03-15", period) == "refused: unchanged");
  }
  CHECK(plus("2026-13-15", "1 day") == "refused: unchanged");
}

}  // namespace
}  // namespace morsel::core
