#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "chansync/core/civil_date.h"
#include "chansync/core/error.h"

namespace chansync::fias {

// FIAS writes values as plain text without separators. Each parser takes the whole value and
// fails with INVALID_ARGUMENT naming it.

// Money: minor units of the interface's currency, no decimal separator, an optional leading '-'
// ("1050" = 10.50, "-300" = -3.00), at most 15 digits.
core::Result<int64_t> ParseAmount(std::string_view text);
std::string FormatAmount(int64_t minor_units);

// Dates: YYMMDD, years 2000-2099 ("260701" = 2026-07-01).
core::Result<core::CivilDate> ParseDate(std::string_view text);
// Dates outside 2000-2099 are written with the last two digits of their year.
std::string FormatDate(core::CivilDate date);

// Times: HHMMSS, 000000-235959, as the time since midnight.
core::Result<std::chrono::seconds> ParseTime(std::string_view text);
std::string FormatTime(std::chrono::seconds since_midnight);

// The DA and TI values of an instant, in UTC.
struct WireDateTime {
  std::string date;  // YYMMDD
  std::string time;  // HHMMSS
};
WireDateTime WireDateTimeOf(std::chrono::system_clock::time_point instant);

}  // namespace chansync::fias
