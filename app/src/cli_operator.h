#pragma once

#include <string>
#include <vector>

namespace chansync::app {

// Operator commands on the integration log, talking to a running `chansync serve` over gRPC.
// Each returns the exit code.
int IntegrationsCommand(const std::vector<std::string>& words);  // the month list
int IntegrationCommand(const std::vector<std::string>& words);   // integration show ID
int ForceCommand(const std::vector<std::string>& words);

}  // namespace chansync::app
