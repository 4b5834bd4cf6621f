#pragma once

#include <string>
#include <string_view>

#include "chansync/channel/availability_checks.h"

namespace chansync::channel {

// Parses {"property", "product", "arrival", "departure", "options": [{"option", "quantity"}]};
// the channel comes from the URL (a "channel" member naming another one is refused).
// INVALID_ARGUMENT "<field>: <why>" for a malformed body.
core::Result<AvailabilityCheckRequest> AvailabilityCheckRequestFromJson(std::string_view json,
                                                                        std::string_view channel);

// {"outcome", "units_left", "check_id"[, "error": {"code", "message"}]}.
std::string AvailabilityCheckAnswerToJson(const AvailabilityCheckAnswer& answer);

}  // namespace chansync::channel
