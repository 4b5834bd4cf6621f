#pragma once

#include <absl/time/time.h>

#include <string>

namespace chansync::app {

// An RFC 3339 instant as a property's staff read it: "YYYY-MM-DD HH:MM" in `zone`. The text
// itself when it is not RFC 3339.
std::string LocalTime(const std::string& rfc3339, const absl::TimeZone& zone);

// `zone_name` loaded, or UTC when unknown here.
absl::TimeZone ZoneOrUtc(const std::string& zone_name);

}  // namespace chansync::app
