#pragma once

#include <grpcpp/server_context.h>
#include <grpcpp/support/status.h>

#include "chansync/core/error.h"

namespace chansync::api {

// The gRPC status code of an error's row (error_codes.h).
grpc::StatusCode GrpcCodeOf(core::ErrorCode code);

// The gRPC code tells generic clients whether to retry; the message starts with our stable code.
grpc::Status ToGrpcStatus(const core::Error& error);

inline grpc::Status ToGrpcStatus(const core::Status& status) {
  return status ? grpc::Status::OK : ToGrpcStatus(status.error());
}

// Tells a client when to try again: an error with a retry hint (RATE_LIMITED) adds the trailing
// metadata `retry-after` in whole seconds, rounded up, as HTTP's header. Nothing otherwise.
void AddRetryAfter(grpc::ServerContextBase& context, const core::Error& error);

}  // namespace chansync::api
