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

// An error as an HTTP answer: the status from the code's row (HttpStatusOf) and ErrorJson's body.
struct HttpErrorReply {
  int status;
  std::string body;
};
HttpErrorReply ToHttpError(const Error& error);

}  // namespace chansync::core
