#pragma once

#include <expected>
#include <string>
#include <string_view>

namespace chansync::core {

// Stable error codes. The names (CodeName) are part of the public API: they travel over gRPC,
// HTTP and the CLI and are stored in the integration log, so never rename one.
enum class ErrorCode {
  kInvalidArgument,
  kNotFound,
  kAlreadyExists,
  kConflict,
  kProductNotLinked,
  kOptionNotLinked,
  kProductAlreadyLinked,
  kPmsProductAlreadyLinked,
  kOptionAlreadyLinked,
  kPmsOptionAlreadyLinked,
  kNoAvailability,
  kPmsUnavailable,
  kPmsRejected,
  kInvalidReservation,
  kGatewayClassicMode,
  kAwaitingOperator,
  kAlreadyIntegrated,
  kStoreUnavailable,
  kDeadlineExceeded,
  kInternal,
  kRecheckDisabled,     // the property turned availability re-check (level 2) off
  kChannelUnavailable,  // a channel's planning endpoint could not be reached or failed (5xx)
  kChannelRejected,     // a channel's planning endpoint refused what was pushed (4xx)
};

// What the caller should do next with an error of this code.
enum class RetryClass {
  kRetryWithBackoff,  // transient: the same request may succeed later
  kPermanent,         // fix the input or the configuration first; record and show the operator
};

std::string_view CodeName(ErrorCode code);
RetryClass RetryClassOf(ErrorCode code);
// Parses a name produced by CodeName; false for unknown names.
bool ParseCodeName(std::string_view name, ErrorCode* code);

struct Error {
  ErrorCode code;
  std::string message;

  std::string ToString() const;  // "CODE: message"
};

template <typename T>
using Result = std::expected<T, Error>;
using Status = std::expected<void, Error>;

inline std::unexpected<Error> Fail(ErrorCode code, std::string message) {
  return std::unexpected<Error>(Error{code, std::move(message)});
}

inline Status Ok() { return {}; }

}  // namespace chansync::core
