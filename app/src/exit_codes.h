#pragma once

#include <string>
#include <string_view>

namespace chansync::app {

// Exit codes of `chansync` commands: 0 done, 1 refused by the service, 2 bad usage or the
// service unreachable.
inline constexpr int kExitOk = 0;
inline constexpr int kExitRefused = 1;
inline constexpr int kExitUsage = 2;

// Prints "error: INVALID_ARGUMENT: <message>" and the command's usage to stderr; returns
// kExitUsage.
int ReportUsage(const std::string& message, std::string_view usage);

}  // namespace chansync::app
