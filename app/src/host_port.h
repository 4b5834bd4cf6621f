#pragma once

#include <string>

#include "chansync/core/error.h"

namespace chansync::app {

struct HostPort {
  std::string host;  // brackets of an IPv6 address removed
  int port = 0;
};

// "HOST:PORT" or "[IPv6]:PORT" with a port from 0 to 65535. INVALID_ARGUMENT
// "takes HOST:PORT, got \"<text>\"" otherwise (the caller names the setting before it).
core::Result<HostPort> ParseHostPort(const std::string& text);

}  // namespace chansync::app
