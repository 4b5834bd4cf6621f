#pragma once

#include <absl/status/status.h>

#include "chansync/core/error.h"

namespace chansync::core {

// The abseil canonical code an ErrorCode belongs to (its row in error_codes.h). Generic clients
// and libraries reason in these; the product's own code says precisely what happened.
absl::StatusCode CanonicalCodeOf(ErrorCode code);

// True for the canonical codes whose errors are transient and worth retrying with backoff:
// kUnavailable, kDeadlineExceeded, kResourceExhausted, kAborted. Every ErrorCode's RetryClass
// agrees with this (checked at compile time).
constexpr bool IsTransient(absl::StatusCode code) {
  return code == absl::StatusCode::kUnavailable || code == absl::StatusCode::kDeadlineExceeded ||
         code == absl::StatusCode::kResourceExhausted || code == absl::StatusCode::kAborted;
}

}  // namespace chansync::core
