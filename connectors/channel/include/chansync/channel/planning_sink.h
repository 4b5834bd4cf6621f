#pragma once

#include <chrono>
#include <optional>

#include "chansync/core/catalog.h"
#include "chansync/core/error.h"
#include "chansync/core/planning.h"

namespace chansync::channel {

// Where a channel's planning goes (docs/channel-planning-api.md). Thread-safe.
//
// Push delivers every run of `push` to `channel`; a sink may split it into several requests
// (bounded by cells per request) but returns Ok only when the channel acknowledged all of them.
// Errors:
//   INVALID_ARGUMENT     the channel has no planning endpoint or it is not a usable URL
//   CHANNEL_UNAVAILABLE  the endpoint could not be reached, timed out, passed the deadline or
//                        answered 5xx / something unreadable; retry later
//   CHANNEL_REJECTED     the endpoint answered 4xx; the message carries its code and message
// After an error some requests of a split push may have been applied: callers must not record
// any of it as pushed.
class PlanningSink {
 public:
  virtual ~PlanningSink() = default;

  virtual core::Status Push(const core::Channel& channel, const core::PlanningPush& push,
                            std::optional<std::chrono::steady_clock::time_point> deadline = {}) = 0;
};

}  // namespace chansync::channel
