#pragma once

#include "args.h"
#include "chansync/channel/http_ingest_server.h"
#include "chansync/core/error.h"

namespace chansync::app {

// The HTTP ingest front end's options from `chansync serve` flags:
//   --http-listen HOST:PORT (default 127.0.0.1:7480; port 0 = any free port; [::1]:PORT for IPv6)
//   --http-threads N        (default 8)
// INVALID_ARGUMENT naming the flag when a value does not parse.
core::Result<channel::HttpIngestOptions> HttpIngestOptionsFrom(const Args& args);

}  // namespace chansync::app
