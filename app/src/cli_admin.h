#pragma once

#include "command_line.h"

namespace chansync::app {

// Admin commands talking to a running `chansync serve` over gRPC: properties, channels,
// products, options, link/unlink product|option, mode, catalog sync.
void AddAdminCommands(CommandLine& cli);

}  // namespace chansync::app
