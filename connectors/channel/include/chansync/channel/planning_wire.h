#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "chansync/core/error.h"
#include "chansync/core/planning.h"

// The JSON bodies of the channel planning contract (docs/channel-planning-api.md), both
// directions, so HttpPlanningSink and portalsim speak exactly the same format, and the rule that
// cuts a push into bounded requests. Encoders never fail. Decoders fail with INVALID_ARGUMENT
// naming the offending field; they accept unknown extra fields.
namespace chansync::channel::wire {

// Cuts `push` into requests of at most `max_cells` cells each (below 1 counts as 1), keeping the
// order of products and of runs; a run that does not fit in the current request is split at a
// night and continues in the next one. Products without runs are left out, so a push with no
// runs gives no request. Every request carries the push's property and channel, and the cells
// of all requests together are exactly those of `push`.
std::vector<core::PlanningPush> SplitPlanningPush(const core::PlanningPush& push,
                                                  int64_t max_cells);

// {"property", "channel", "products": [{"product", "runs": [{"from", "free": [...]}]}]}
std::string EncodePlanningPush(const core::PlanningPush& push);
// Checks ids, dates, that runs are non-empty with free >= 0, that each product's runs are sorted
// and disjoint and that no product appears twice.
core::Result<core::PlanningPush> DecodePlanningPush(std::string_view json);

// The answer to an applied request: {"accepted_cells": N}.
std::string EncodeAccepted(int64_t cells);
core::Result<int64_t> DecodeAccepted(std::string_view json);

// {"error": {"code": ..., "message": ...}}
struct PortalError {
  std::string code;
  std::string message;
};
std::string EncodeError(std::string_view code, std::string_view message);
core::Result<PortalError> DecodeError(std::string_view json);

}  // namespace chansync::channel::wire
