#pragma once

#include <chrono>
#include <string_view>

#include "chansync/core/civil_date.h"
#include "chansync/core/error.h"

namespace chansync::core {

// The civil date at `instant` in the IANA zone `timezone`. INVALID_ARGUMENT for an unknown zone.
Result<CivilDate> LocalDateAt(std::chrono::system_clock::time_point instant,
                              std::string_view timezone);

// The first instant of `date` in `timezone`: local midnight, or, where a DST change skips
// midnight (e.g. America/Santiago, Asia/Beirut), the first instant that exists on that day.
// INVALID_ARGUMENT for an unknown zone.
Result<std::chrono::system_clock::time_point> StartOfLocalDay(CivilDate date,
                                                              std::string_view timezone);

}  // namespace chansync::core
