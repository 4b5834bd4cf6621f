#pragma once

#include <string_view>

#include "chansync/core/error.h"

namespace chansync::redis {

// Whether an error reply tells of a passing state of the server (loading its data after a
// restart, a busy script, a failover, a full queue) rather than of a bad command.
bool IsTransientErrorReply(std::string_view reply_text);

// The code an error reply is answered with: STORE_UNAVAILABLE, to be tried again, for a passing
// state of the server; INTERNAL for anything else.
core::ErrorCode ErrorCodeOfReply(std::string_view reply_text);

}  // namespace chansync::redis
