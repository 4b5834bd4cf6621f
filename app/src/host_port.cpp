#include "host_port.h"

#include <charconv>

namespace chansync::app {

core::Result<HostPort> ParseHostPort(const std::string& text) {
  HostPort parsed;
  const auto colon = text.rfind(':');
  const char* port_end = text.data() + text.size();
  if (colon != std::string::npos && colon != 0) {
    auto [ptr, ec] = std::from_chars(text.data() + colon + 1, port_end, parsed.port);
    if (ec == std::errc() && ptr == port_end && parsed.port >= 0 && parsed.port <= 65535) {
      parsed.host = text.substr(0, colon);
      if (parsed.host.size() > 2 && parsed.host.front() == '[' && parsed.host.back() == ']') {
        parsed.host = parsed.host.substr(1, parsed.host.size() - 2);
      }
      return parsed;
    }
  }
  return core::Fail(core::ErrorCode::kInvalidArgument, "takes HOST:PORT, got \"" + text + "\"");
}

}  // namespace chansync::app
