#pragma once

#include <string>

namespace chansync::test {

// Stays pushed to a running service must lie in the window it accepts around today (UTC, from
// the system clock). These name days of the month that holds today + 60 days, so a test's stays
// share one month ("YYYY-MM", for month listings) whatever the day it runs.
std::string MonthAhead();
// "YYYY-MM-DD": day `day` (1..28) of MonthAhead().
std::string DayOfMonthAhead(int day);

}  // namespace chansync::test
