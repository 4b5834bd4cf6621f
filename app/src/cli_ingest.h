#pragma once

#include "command_line.h"

namespace chansync::app {

// `chansync push --channel C FILE.json`: pushes the reservation(s) in FILE (one JSON object, or
// a JSON array of them sent on one stream) to a running `chansync serve`.
void AddIngestCommands(CommandLine& cli);

}  // namespace chansync::app
