#pragma once

#include "command_line.h"

namespace chansync::app {

// `chansync serve [--config FILE.toml] [--print-config] [flags]`: runs the service until
// SIGINT or SIGTERM. Its configuration is the built-in defaults, overridden by the file,
// overridden by the flags; --print-config prints it as TOML and exits.
void AddServeCommand(CommandLine& cli);

}  // namespace chansync::app
