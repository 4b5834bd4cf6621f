#pragma once

#include <rapidjson/fwd.h>

#include <string_view>

#include "chansync/core/error.h"
#include "chansync/core/reservation.h"

namespace chansync::core {

// ReservationFromJson for a JSON value already parsed, such as the reservation member of a queue
// work item: a caller holding the document does not serialise the member and parse it again.
// The same checks and errors.
Result<Reservation> ReservationFromJsonValue(const rapidjson::Value& value,
                                             std::string_view channel = {});

}  // namespace chansync::core
