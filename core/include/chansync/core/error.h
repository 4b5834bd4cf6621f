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

// Propagation: `RETURN_IF_ERROR(store.Put(x));` returns the error of a failed Status or Result
// from the enclosing function; `ASSIGN_OR_RETURN(auto value, store.Get(id));` declares (or
// assigns) the value of a successful Result, or returns its error.
#define CHANSYNC_CONCAT_INNER(a, b) a##b
#define CHANSYNC_CONCAT(a, b) CHANSYNC_CONCAT_INNER(a, b)

#define RETURN_IF_ERROR(expr)                                                               \
  do {                                                                                      \
    auto chansync_status_ = (expr);                                                         \
    if (!chansync_status_) {                                                                \
      return std::unexpected<::chansync::core::Error>(std::move(chansync_status_).error()); \
    }                                                                                       \
  } while (false)

#define ASSIGN_OR_RETURN(lhs, expr) \
  CHANSYNC_ASSIGN_OR_RETURN_IMPL(CHANSYNC_CONCAT(chansync_result_, __LINE__), lhs, expr)

#define CHANSYNC_ASSIGN_OR_RETURN_IMPL(result, lhs, expr)                                  \
  auto result = (expr);                                                                    \
  if (!result) return std::unexpected<::chansync::core::Error>(std::move(result).error()); \
  lhs = std::move(*result)
