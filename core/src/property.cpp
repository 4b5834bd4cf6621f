#include "chansync/core/property.h"

#include <absl/time/time.h>

namespace chansync::core {

std::string_view GatewayModeName(GatewayMode mode) {
  return mode == GatewayMode::kClassic ? "classic" : "pms";
}

Result<GatewayMode> ParseGatewayMode(std::string_view text) {
  if (text == "classic" || text == "0") return GatewayMode::kClassic;
  if (text == "pms" || text == "1") return GatewayMode::kPms;
  return Fail(ErrorCode::kInvalidArgument,
              "mode must be \"classic\" (0) or \"pms\" (1), got \"" + std::string(text) + "\"");
}

bool IsKnownTimeZone(std::string_view name) {
  if (name.empty()) return false;
  absl::TimeZone tz;
  return absl::LoadTimeZone(std::string(name), &tz);
}

Status ValidateProperty(const Property& property) {
  RETURN_IF_ERROR(ValidateId("property.id", property.id));
  if (property.name.empty()) return Fail(ErrorCode::kInvalidArgument, "property.name is required");
  if (!IsKnownTimeZone(property.timezone)) {
    return Fail(ErrorCode::kInvalidArgument,
                "property.timezone \"" + property.timezone + "\" is not a known IANA timezone");
  }
  return Ok();
}

}  // namespace chansync::core
