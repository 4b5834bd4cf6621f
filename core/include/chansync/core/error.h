#pragma once

#include <chrono>
#include <cstddef>
#include <expected>
#include <string>
#include <string_view>
#include <utility>

#include "chansync/core/error_codes.h"

namespace chansync::core {

// Stable error codes, one per row of CHANSYNC_ERROR_CODES (error_codes.h), in its order.
enum class ErrorCode {
#define CHANSYNC_ERROR_ENUMERATOR(enumerator, name, canonical, retry, http, grpc) enumerator,
  CHANSYNC_ERROR_CODES(CHANSYNC_ERROR_ENUMERATOR)
#undef CHANSYNC_ERROR_ENUMERATOR
};

#define CHANSYNC_ERROR_COUNT_ONE(enumerator, name, canonical, retry, http, grpc) +1
inline constexpr size_t kErrorCodeCount = 0 CHANSYNC_ERROR_CODES(CHANSYNC_ERROR_COUNT_ONE);
#undef CHANSYNC_ERROR_COUNT_ONE

// What the caller should do next with an error of this code.
enum class RetryClass {
  kRetryWithBackoff,  // transient: the same request may succeed later
  kRetryAfter,        // transient: the same request may succeed once Error::retry_after passed
  kPermanent,         // fix the input or the configuration first; record and show the operator
};

// Whether a caller may send the same request again (after a backoff or the error's own hint).
constexpr bool IsRetried(RetryClass retry) { return retry != RetryClass::kPermanent; }

// The stable name of a code ("PRODUCT_NOT_LINKED").
std::string_view CodeName(ErrorCode code);
// Parses a name produced by CodeName; false (and *code untouched) for unknown names.
bool ParseCodeName(std::string_view name, ErrorCode* code);
RetryClass RetryClassOf(ErrorCode code);
// The status an HTTP surface answers an error of this code with; 500 only for kInternal.
int HttpStatusOf(ErrorCode code);

struct Error {
  ErrorCode code;
  std::string message;
  // When the same request may succeed again (RATE_LIMITED); zero when the error gives no hint.
  std::chrono::milliseconds retry_after{0};

  std::string ToString() const;  // "CODE: message"
};

// A value or the Error that prevented it. A std::expected that may not be dropped: ignoring a
// returned Result (or Status) fails the build; where ignoring is right, cast to void and say why.
template <typename T>
class [[nodiscard]] Result : public std::expected<T, Error> {
 public:
  using std::expected<T, Error>::expected;
  using std::expected<T, Error>::operator=;

  Result() = default;
  // From a plain std::expected, e.g. what its monadic operations return.
  Result(std::expected<T, Error> other)  // NOLINT(google-explicit-constructor)
      : std::expected<T, Error>(std::move(other)) {}
};

// Success or the Error of a call that returns no value.
using Status = Result<void>;

inline std::unexpected<Error> Fail(ErrorCode code, std::string message) {
  return std::unexpected<Error>(Error{code, std::move(message)});
}

inline Status Ok() { return {}; }

}  // namespace chansync::core

// Propagation. `RETURN_IF_ERROR(store.Put(x));` returns the error of a failed Status or Result
// from the enclosing function (which returns a Status or any Result). `ASSIGN_OR_RETURN(auto
// value, store.Get(id));` declares (or, without a type, assigns) the value of a successful
// Result moved out of it, or returns its error. The expression is evaluated exactly once; it may
// contain commas. RETURN_IF_ERROR on a named Result copies only the error and leaves the value in
// place. ASSIGN_OR_RETURN expands to several statements: never use it as the body of an
// unbraced if or loop, and give a structured binding a name first.
#define CHANSYNC_CONCAT_INNER(a, b) a##b
#define CHANSYNC_CONCAT(a, b) CHANSYNC_CONCAT_INNER(a, b)

#define RETURN_IF_ERROR(...)                                                   \
  do {                                                                         \
    auto&& chansync_status_ = (__VA_ARGS__);                                   \
    if (!chansync_status_) {                                                   \
      return std::unexpected<::chansync::core::Error>(                         \
          std::forward<decltype(chansync_status_)>(chansync_status_).error()); \
    }                                                                          \
  } while (false)

#define ASSIGN_OR_RETURN(lhs, ...) \
  CHANSYNC_ASSIGN_OR_RETURN_IMPL(CHANSYNC_CONCAT(chansync_result_, __COUNTER__), lhs, __VA_ARGS__)

#define CHANSYNC_ASSIGN_OR_RETURN_IMPL(result, lhs, ...)                                   \
  auto result = (__VA_ARGS__);                                                             \
  if (!result) return std::unexpected<::chansync::core::Error>(std::move(result).error()); \
  lhs = std::move(*result)
