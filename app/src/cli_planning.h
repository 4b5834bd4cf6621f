#pragma once

#include "command_line.h"

namespace chansync::app {

// Planning commands, talking to a running `chansync serve` over gRPC: refresh --property P,
// status [--property P].
void AddPlanningCommands(CommandLine& cli);

}  // namespace chansync::app
