#pragma once

// Calendar dates as the learner state writes them: the activity log is keyed by the
// learner's local date, "YYYY-MM-DD", and day numbers (days since 1970-01-01, as fsrs.h's
// UtcDay and LocalDay count them) make dates easy to compare and step through.

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

}  // namespace morsel::core
