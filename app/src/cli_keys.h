#pragma once

#include "command_line.h"

namespace chansync::app {

// keys create | list | revoke, over gRPC with an admin key, or straight on the store with
// --redis (the first key, or an operator with access to Redis); audit.
void AddKeyCommands(CommandLine& cli);

}  // namespace chansync::app
