#include "chansync/redis/endpoint.h"

#include <charconv>

namespace chansync::redis {

core::Result<RedisEndpoint> RedisEndpoint::Parse(std::string_view text) {
  RedisEndpoint endpoint;
  if (text.starts_with("unix:")) {
    endpoint.unix_socket = std::string(text.substr(5));
    if (endpoint.unix_socket.empty()) {
      return core::Fail(core::ErrorCode::kInvalidArgument,
                        "redis endpoint \"unix:\" needs a socket path");
    }
    return endpoint;
  }
  const auto colon = text.rfind(':');
  if (colon == std::string_view::npos || colon == 0) {
    return core::Fail(
        core::ErrorCode::kInvalidArgument,
        "redis endpoint must be host:port or unix:/path, got \"" + std::string(text) + "\"");
  }
  std::string_view host = text.substr(0, colon);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  const std::string_view port = text.substr(colon + 1);
  auto [ptr, ec] = std::from_chars(port.data(), port.data() + port.size(), endpoint.port);
  if (ec != std::errc() || ptr != port.data() + port.size() || endpoint.port <= 0 ||
      endpoint.port > 65535) {
    return core::Fail(core::ErrorCode::kInvalidArgument,
                      "redis endpoint has a bad port: \"" + std::string(text) + "\"");
  }
  endpoint.host = std::string(host);
  return endpoint;
}

std::string RedisEndpoint::ToString() const {
  if (!unix_socket.empty()) return "unix:" + unix_socket;
  if (host.find(':') != std::string::npos) return "[" + host + "]:" + std::to_string(port);
  return host + ":" + std::to_string(port);
}

}  // namespace chansync::redis
