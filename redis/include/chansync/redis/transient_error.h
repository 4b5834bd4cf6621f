#pragma once

#include <string_view>

namespace chansync::redis {

// Whether an error reply tells of a passing state of the server (loading its data after a
// restart, a busy script, a failover, a full queue) rather than of a bad command: callers answer
// those STORE_UNAVAILABLE, to be tried again, never INTERNAL.
bool IsTransientErrorReply(std::string_view reply_text);

}  // namespace chansync::redis
