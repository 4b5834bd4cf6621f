#pragma once

#include <string>
#include <string_view>

#include "chansync/core/error.h"
#include "chansync/core/reservation.h"

namespace chansync::core {

// The reservation's JSON form, shared by the HTTP ingest API, the queue payload and the
// integration log:
//   {"channel": "secureholiday", "channel_reservation_id": "SH-1001", "property": "riviera",
//    "sold_at": "2026-09-01T10:15:00Z", "arrival": "2026-09-01", "departure": "2026-09-08",
//    "guest_name": "Jeanne Martin", "product": "SH-MH4",
//    "options": [{"option": "SH-LINGE", "quantity": 2}],
//    "price": {"amount_minor": 84900, "currency": "EUR"},
//    "revision": 1, "status": "new", "check_id": ""}
// `options`, `revision` (1), `status` ("new"), `check_id` and `sold_at` (the time of receipt,
// filled by the caller) may be left out.
std::string ReservationToJson(const Reservation& reservation);

// INVALID_RESERVATION naming the offending field (e.g. "arrival: expected a date as
// YYYY-MM-DD"). Also runs ValidateReservation. `channel` fills the field when the body omits it
// (HTTP puts the channel in the path); a body naming another channel is refused.
Result<Reservation> ReservationFromJson(std::string_view json, std::string_view channel = {});

// RFC 3339 with UTC offset, e.g. "2026-09-01T10:15:00.123Z".
std::string FormatTimestamp(Timestamp at);
Result<Timestamp> ParseTimestamp(std::string_view text);

}  // namespace chansync::core
