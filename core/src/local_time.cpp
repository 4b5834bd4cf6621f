#include "chansync/core/local_time.h"

#include <absl/time/civil_time.h>
#include <absl/time/time.h>

#include <string>

namespace chansync::core {
namespace {

Result<absl::TimeZone> LoadZone(std::string_view timezone) {
  absl::TimeZone zone;
  if (timezone.empty() || !absl::LoadTimeZone(std::string(timezone), &zone)) {
    return Fail(ErrorCode::kInvalidArgument, "unknown timezone \"" + std::string(timezone) + "\"");
  }
  return zone;
}

}  // namespace

Result<CivilDate> LocalDateAt(std::chrono::system_clock::time_point instant,
                              std::string_view timezone) {
  ASSIGN_OR_RETURN(auto zone, LoadZone(timezone));
  const absl::CivilDay day = absl::ToCivilDay(absl::FromChrono(instant), zone);
  return CivilDate::FromYmd(static_cast<int>(day.year()), day.month(), day.day());
}

Result<std::chrono::system_clock::time_point> StartOfLocalDay(CivilDate date,
                                                              std::string_view timezone) {
  ASSIGN_OR_RETURN(auto zone, LoadZone(timezone));
  const absl::CivilSecond midnight(date.year(), date.month(), date.day());
  const absl::TimeZone::TimeInfo info = zone.At(midnight);
  // In a gap midnight does not exist: the day starts when the clocks jump (info.trans). In an
  // overlap midnight happens twice: the day starts at the first one (info.pre).
  const absl::Time start = info.kind == absl::TimeZone::TimeInfo::SKIPPED ? info.trans : info.pre;
  return absl::ToChronoTime(start);
}

}  // namespace chansync::core
