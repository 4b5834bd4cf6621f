#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "chansync/core/civil_date.h"
#include "chansync/core/error.h"

namespace chansync::postings {

// The local time at which a property's business day closes (its "closing time"). Takings after
// midnight but before it belong to the day before, as a bar's night does.
struct EndOfDay {
  int hour = 5;
  int minute = 30;

  // Accepts exactly "HH:MM", 00:00..23:59; INVALID_ARGUMENT otherwise.
  static core::Result<EndOfDay> Parse(std::string_view text);
  std::string ToString() const;  // "05:30"

  friend auto operator<=>(const EndOfDay&, const EndOfDay&) = default;
};

// The business date of `instant` at a property in IANA zone `timezone`: the local civil date,
// or the day before when `instant` comes before that date's closing (`end_of_day` on its wall
// clock). Rules, each tested:
//  - a charge at 01:10 local belongs to the previous business date, one at 05:30 to today's;
//  - the closing is read on the wall clock, so the rule holds on the days clocks change: the day
//    that contains a change lasts 23 or 25 hours, never loses or repeats a date;
//  - when end_of_day falls in a skipped hour, the day closes when the clocks jump; when it falls
//    in a repeated hour, it closes at its first occurrence.
// INVALID_ARGUMENT for an unknown zone.
core::Result<core::CivilDate> BusinessDateAt(std::chrono::system_clock::time_point instant,
                                             std::string_view timezone, EndOfDay end_of_day);

// The instant business date `date` closes: `end_of_day` on the following civil day (under the
// same gap and overlap rules). The end of day summary of `date` is due from then on.
// INVALID_ARGUMENT for an unknown zone.
core::Result<std::chrono::system_clock::time_point> BusinessDayEnd(core::CivilDate date,
                                                                   std::string_view timezone,
                                                                   EndOfDay end_of_day);

// A ticket may be voided on its own business date or the next one only (the till's rule, SPEC
// §2): VOID_WINDOW_CLOSED naming both dates otherwise, also for a void dated before the ticket.
core::Status CheckVoidWindow(core::CivilDate ticket_date, core::CivilDate void_date);

// The business date a refund is booked on: a refund for a stay still to come is a negative
// charge on that stay's arrival date; otherwise it is booked today.
core::CivilDate RefundDate(core::CivilDate today, const core::Stay& stay);

}  // namespace chansync::postings
