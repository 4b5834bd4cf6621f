#include "chansync/planning/nightly/nightly_schedule.h"

#include <string>

#include "chansync/core/local_time.h"

namespace chansync::planning::nightly {

core::Result<bool> NightlyDue(std::string_view timezone, std::chrono::system_clock::time_point now,
                              std::optional<core::CivilDate> last_done_date) {
  ASSIGN_OR_RETURN(auto today, core::LocalDateAt(now, timezone));
  return !last_done_date || *last_done_date < today;
}

core::Result<std::chrono::system_clock::time_point> NextNightlyAt(
    std::string_view timezone, std::chrono::system_clock::time_point now) {
  ASSIGN_OR_RETURN(auto today, core::LocalDateAt(now, timezone));
  // One day ahead is always enough: a local day lasts at least 22 hours in every zone, so the
  // start of tomorrow is after any instant of today. The loop only guards that invariant.
  for (int64_t ahead = 1; ahead <= 2; ++ahead) {
    ASSIGN_OR_RETURN(auto start, core::StartOfLocalDay(today.AddDays(ahead), timezone));
    if (start > now) return start;
  }
  return core::Fail(core::ErrorCode::kInternal,
                    "no local day starts after now in \"" + std::string(timezone) + "\"");
}

}  // namespace chansync::planning::nightly
