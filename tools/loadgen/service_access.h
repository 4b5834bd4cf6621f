#pragma once

#include <grpcpp/channel.h>

#include <memory>
#include <string>

#include "chansync/core/error.h"
#include "flags.h"

namespace chansync::loadgen {

// The API key loadgen calls chansync with: the first line of --api-key-file. Empty without the
// flag (for a service started with --auth off); INVALID_ARGUMENT when the file cannot be read or
// holds no key (main checks this before any command runs).
core::Result<std::string> ApiKeyFrom(const Flags& flags);

// A channel to the service at --grpc (127.0.0.1:7400) on which every call carries
// `authorization: Bearer <key>` when there is a key.
std::shared_ptr<grpc::Channel> ServiceChannel(const Flags& flags);

}  // namespace chansync::loadgen
