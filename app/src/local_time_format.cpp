#include "local_time_format.h"

namespace chansync::app {

std::string LocalTime(const std::string& rfc3339, const absl::TimeZone& zone) {
  absl::Time time;
  std::string error;
  if (!absl::ParseTime(absl::RFC3339_full, rfc3339, &time, &error)) return rfc3339;
  return absl::FormatTime("%Y-%m-%d %H:%M", time, zone);
}

absl::TimeZone ZoneOrUtc(const std::string& zone_name) {
  absl::TimeZone zone;
  if (!absl::LoadTimeZone(zone_name, &zone)) return absl::UTCTimeZone();
  return zone;
}

}  // namespace chansync::app
