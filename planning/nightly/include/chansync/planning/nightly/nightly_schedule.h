#pragma once

#include <chrono>
#include <optional>
#include <string_view>

#include "chansync/core/civil_date.h"
#include "chansync/core/error.h"

namespace chansync::planning::nightly {

// When the nightly planning refresh of a property runs (SPEC §1.4 level 1): once per local day,
// at the start of that day in the property's own timezone. Pure functions of their arguments;
// safe from any thread.

// True when the run of the local date at `now` has not been done: `last_done_date` is empty (never
// ran) or before that date. A service that was down at midnight therefore catches up as soon as
// it asks. INVALID_ARGUMENT for an unknown timezone.
core::Result<bool> NightlyDue(std::string_view timezone, std::chrono::system_clock::time_point now,
                              std::optional<core::CivilDate> last_done_date);

// The start of the local day after the one containing `now` (local midnight, or the first instant
// of that day when a DST change skips midnight); always after `now`. INVALID_ARGUMENT for an
// unknown timezone.
core::Result<std::chrono::system_clock::time_point> NextNightlyAt(
    std::string_view timezone, std::chrono::system_clock::time_point now);

}  // namespace chansync::planning::nightly
