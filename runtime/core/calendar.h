#pragma once

// Calendar dates as the learner state writes them: the activity log is keyed by the
// learner's local date, "YYYY-MM-DD", and day numbers (days since 1970-01-01, as UtcDay
// and LocalDay count them) make dates easy to compare and step through.

#include <cstdint>
#include <string>

namespace morsel::core {

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).
int64_t DaysFromCivil(int64_t year, int64_t month, int64_t day);

/// The "YYYY-MM-DD" text of a day number (Hinnant's civil_from_days).
std::string DateText(int64_t day);

/// The day number of a "YYYY-MM-DD" date; false when `text` is not one (a month of 13, a
/// 32nd day). Days 29 to 31 are not checked against their month: February 30th reads as
/// March 2nd, as the formula carries it (the runtime is smaller without the check, and the
/// dates it reads are the glue's own).
bool ParseDate(const std::string& text, int64_t* day);

/// Days since 1970-01-01 in UTC: ts-fsrs's calendar. `epoch_ms` may be negative.
int64_t UtcDay(int64_t epoch_ms);

/// Days since 1970-01-01 on the learner's local calendar, from the time and the learner's
/// offset from UTC then (minutes east of UTC, as the glue's `utc_offset_min`: 60 in Paris
/// in winter, -300 in New York). Each review carries its own offset, so a change of
/// daylight saving time or of time zone between two reviews counts the local days the
/// learner lived through.
int64_t LocalDay(int64_t epoch_ms, int utc_offset_min);

/// The date `period` after `date` ("YYYY-MM-DD"): when a course passed on `date` with
/// `recertify_after: <period>` is due again. `period` is "<N> <unit>", N a whole number from
/// 0 to 10,000 and the unit day(s), week(s), month(s) or year(s), as a course's
/// recertify_after is written. Days and weeks count days; months and years count calendar
/// months and keep the day of the month, a shorter month's last day standing in for a day
/// it lacks (2026-01-31 + 1 month is 2026-02-28, 2024-02-29 + 1 year is 2025-02-28). False,
/// leaving *out alone, when either text is not one. Pure: shared by the certificate pages
/// and `morsel verify`'s team report.
bool AddPeriod(const std::string& date, const std::string& period, std::string* out);

}  // namespace morsel::core
