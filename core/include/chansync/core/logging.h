#pragma once

#include <string_view>

namespace chansync::core {

// Configures the default spdlog logger: level from `level` ("debug", "info", ...), to stderr.
void SetUpLogging(std::string_view level);

}  // namespace chansync::core
