#pragma once

#include <string>
#include <string_view>

#include "chansync/core/error.h"

namespace chansync::redis {

// Where a Redis server listens: "host:port", "[::1]:port" or "unix:/path/to/redis.sock".
struct RedisEndpoint {
  std::string host;
  int port = 6379;
  std::string unix_socket;

  // INVALID_ARGUMENT naming the text when it is none of the three forms or the port is not in
  // 1..65535.
  static core::Result<RedisEndpoint> Parse(std::string_view text);
  // The form Parse reads back.
  std::string ToString() const;
};

}  // namespace chansync::redis
