#include "chansync/test/dates.h"

#include <chrono>

#include "chansync/core/civil_date.h"

namespace chansync::test {

std::string MonthAhead() {
  const auto now = std::chrono::system_clock::now().time_since_epoch();
  const auto today = std::chrono::floor<std::chrono::days>(now).count();
  return core::YearMonth::Of(core::CivilDate::FromDaysSinceEpoch(today + 60)).ToString();
}

std::string DayOfMonthAhead(int day) {
  return MonthAhead() + (day < 10 ? "-0" : "-") + std::to_string(day);
}

}  // namespace chansync::test
