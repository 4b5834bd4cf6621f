#pragma once

#include "command_line.h"

namespace chansync::app {

// Operator commands on the integration log, talking to a running `chansync serve` over gRPC:
// integrations (the month list), integration show ID, force ID.
void AddOperatorCommands(CommandLine& cli);

}  // namespace chansync::app
