#include "chansync/channel/http_endpoint.h"

#include <charconv>

namespace chansync::channel {
namespace {

core::Result<HttpEndpoint> NotUsable(std::string_view url, std::string_view why) {
  return core::Fail(
      core::ErrorCode::kInvalidArgument,
      "\"" + std::string(url) + "\" is not a usable http:// or https:// URL: " + std::string(why));
}

}  // namespace

core::Result<HttpEndpoint> ParseHttpEndpoint(std::string_view url) {
  HttpEndpoint endpoint;
  endpoint.tls = url.starts_with("https://");
  const std::string_view scheme = endpoint.tls ? "https://" : "http://";
  if (!url.starts_with(scheme)) return NotUsable(url, "only http:// and https:// are supported");
  if (endpoint.tls) endpoint.port = 443;
  for (char c : url) {
    if (static_cast<unsigned char>(c) <= ' ' || c == 0x7f || c == '#') {
      return NotUsable(url, "spaces, control characters and fragments are not allowed");
    }
  }
  std::string_view rest = url.substr(scheme.size());
  const size_t authority_end = rest.find_first_of("/?");
  const std::string_view authority = rest.substr(0, authority_end);
  endpoint.target =
      authority_end == std::string_view::npos ? "/" : std::string(rest.substr(authority_end));
  if (endpoint.target.front() == '?') endpoint.target.insert(0, "/");
  if (authority.find('@') != std::string_view::npos) return NotUsable(url, "userinfo not allowed");

  std::string_view host = authority;
  std::string_view port;
  if (authority.starts_with('[')) {
    const size_t close = authority.find(']');
    if (close == std::string_view::npos) return NotUsable(url, "unclosed IPv6 bracket");
    host = authority.substr(1, close - 1);
    const std::string_view after = authority.substr(close + 1);
    if (!after.empty()) {
      if (!after.starts_with(':')) return NotUsable(url, "junk after the IPv6 address");
      port = after.substr(1);
      if (port.empty()) return NotUsable(url, "empty port");
    }
  } else if (const size_t colon = authority.find(':'); colon != std::string_view::npos) {
    host = authority.substr(0, colon);
    port = authority.substr(colon + 1);
    if (port.empty()) return NotUsable(url, "empty port");
  }
  if (host.empty()) return NotUsable(url, "empty host");
  if (!port.empty()) {
    auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), endpoint.port);
    if (ec != std::errc() || end != port.data() + port.size() || endpoint.port < 1 ||
        endpoint.port > 65535) {
      return NotUsable(url, "port must be 1..65535");
    }
  }
  endpoint.host = std::string(host);
  const bool ipv6 = endpoint.host.find(':') != std::string::npos;
  endpoint.origin = std::string(scheme) + (ipv6 ? "[" + endpoint.host + "]" : endpoint.host) + ":" +
                    std::to_string(endpoint.port);
  return endpoint;
}

}  // namespace chansync::channel
