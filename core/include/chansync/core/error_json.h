#pragma once

#include <string>
#include <string_view>

#include "chansync/core/error.h"

namespace chansync::core {

// The one JSON form of an error on every HTTP surface:
//   {"error":{"code":"<code>","message":"<message>"}}
// `code` is the stable name (CodeName). The simulators' PMS and portal APIs use the same shape
// with codes of their own contracts (docs/pms-api.md, docs/channel-planning-api.md), hence the
// overload taking the code as text.
std::string ErrorJson(const Error& error);
std::string ErrorJson(std::string_view code, std::string_view message);

// An error as an HTTP answer: the status from the code's row (HttpStatusOf) and ErrorJson's body,
// plus the value of a `Retry-After` header (whole seconds, rounded up) when the error carries a
// retry hint (Error::retry_after); empty when it does not.
struct HttpErrorReply {
  int status;
  std::string body;
  std::string retry_after;
};
// Error::retry_after as a Retry-After value: whole seconds, rounded up; empty for no hint.
std::string RetryAfterSeconds(const Error& error);
HttpErrorReply ToHttpError(const Error& error);

}  // namespace chansync::core
