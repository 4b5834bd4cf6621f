#pragma once

#include <string>
#include <vector>

namespace chansync::app {

// Planning commands, talking to a running `chansync serve` over gRPC. Each returns the exit code.
int RefreshCommand(const std::vector<std::string>& words);  // refresh --property P
int StatusCommand(const std::vector<std::string>& words);   // status [--property P]

}  // namespace chansync::app
