#pragma once

#include <chrono>
#include <string_view>

#include "chansync/core/error.h"

namespace chansync::app {

// "90s", "30m", "12h", "30d" or a bare number of seconds, positive. INVALID_ARGUMENT otherwise.
core::Result<std::chrono::seconds> ParseDurationText(std::string_view text);

}  // namespace chansync::app
