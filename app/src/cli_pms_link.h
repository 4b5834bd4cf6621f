#pragma once

#include "command_line.h"

namespace chansync::app {

// pms-link status [--property P]: the relays to properties' FIAS interfaces, over gRPC.
void AddPmsLinkCommands(CommandLine& cli);

}  // namespace chansync::app
