#pragma once

#include <string>

#include "chansync/core/error.h"
#include "serve_config.h"

namespace chansync::app {

// Whether `host` names this machine's loopback only: "localhost", 127.0.0.0/8 or ::1.
bool IsLoopbackHost(const std::string& host);

// Plain text only where nobody else can listen in: without a certificate (tls_cert and tls_key
// both set), every listener (gRPC --listen, HTTP --http-listen) must be on loopback (or, for
// gRPC, a unix socket) unless `insecure_listen`. INVALID_ARGUMENT naming the setting, the address
// and --insecure-listen. No I/O.
core::Status CheckListenAddresses(const ServeConfig& config);

}  // namespace chansync::app
