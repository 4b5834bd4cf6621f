#pragma once

#include <string>
#include <vector>

namespace chansync::app {

// `chansync serve`: runs the service until SIGINT or SIGTERM. Returns the process exit code.
int Serve(const std::vector<std::string>& words);

}  // namespace chansync::app
