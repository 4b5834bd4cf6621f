#pragma once

#include <string>
#include <string_view>

#include "chansync/core/error.h"

namespace chansync::channel {

// An http:// or https:// URL cut into what an HTTP client needs.
struct HttpEndpoint {
  std::string host;    // without brackets for IPv6 ("::1")
  int port = 80;       // 443 for https:// without a port
  std::string target;  // path and query, at least "/"
  // "http://host:port" or "https://host:port": the key under which connections are pooled, and
  // what an httplib::Client is made from.
  std::string origin;
  bool tls = false;  // https://

  friend bool operator==(const HttpEndpoint&, const HttpEndpoint&) = default;
};

// Accepts "http[s]://host[:port][/path][?query]" with host a name, an IPv4 address or a bracketed
// IPv6 address and port 1..65535. Anything else (other schemes, userinfo, fragments, spaces,
// empty host) fails with INVALID_ARGUMENT.
core::Result<HttpEndpoint> ParseHttpEndpoint(std::string_view url);

}  // namespace chansync::channel
