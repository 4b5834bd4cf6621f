#include "chansync/core/property.h"

#include <absl/time/time.h>

#include <charconv>

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

std::string_view PmsKindName(PmsKind kind) { return kind == PmsKind::kFias ? "fias" : "http"; }

Result<PmsKind> ParsePmsKind(std::string_view text) {
  if (text.empty() || text == "http") return PmsKind::kHttp;
  if (text == "fias") return PmsKind::kFias;
  return Fail(ErrorCode::kInvalidArgument,
              "pms.kind must be \"http\" or \"fias\", got \"" + std::string(text) + "\"");
}

Result<InterfaceAddress> ParseInterfaceAddress(std::string_view endpoint) {
  const size_t colon = endpoint.rfind(':');
  InterfaceAddress address;
  if (colon != std::string_view::npos && colon > 0) {
    address.host = std::string(endpoint.substr(0, colon));
    const std::string_view port = endpoint.substr(colon + 1);
    const auto parsed = std::from_chars(port.data(), port.data() + port.size(), address.port);
    if (parsed.ec == std::errc{} && parsed.ptr == port.data() + port.size() && address.port > 0 &&
        address.port <= 65535) {
      return address;
    }
  }
  return Fail(ErrorCode::kInvalidArgument,
              "a FIAS interface is \"host:port\", got \"" + std::string(endpoint) + "\"");
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
  if (property.pms.kind == PmsKind::kFias) {
    auto address = ParseInterfaceAddress(property.pms.endpoint);
    if (!address)
      return Fail(ErrorCode::kInvalidArgument, "property.pms.endpoint: " + address.error().message);
  }
  return Ok();
}

}  // namespace chansync::core
