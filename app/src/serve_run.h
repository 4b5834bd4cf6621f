#pragma once

#include "chansync/core/stop_signals.h"
#include "serve_config.h"
#include "serve_wiring.h"

namespace chansync::app {

// Runs a wired `chansync serve` until SIGINT or SIGTERM, which the caller blocked (`signals`)
// before any thread started: applies the declarations, reads the PMS catalogs in the
// background, starts the workers, the delta pusher and the nightly scheduler, serves gRPC and
// HTTP and writes the ready file. On the signal it stops HTTP ingest, lets each worker finish
// its batch, lets the delta pusher push what those changed, stops the nightly scheduler, then
// drains gRPC and the ingest queue. Returns the process exit code: 0 after a clean stop, 2
// when it could not start (the reason logged on stderr).
int RunService(Wiring& wiring, const ServeConfig& config, const core::StopSignals& signals);

}  // namespace chansync::app
