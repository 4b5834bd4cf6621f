#pragma once

#include "chansync/core/error.h"
#include "chansync/core/reservation.h"
#include "chansync/v1/ingest.pb.h"

namespace chansync::api {

// chansync.v1.Reservation <-> core::Reservation. Shared by the ingest service and the CLI.
v1::Reservation ReservationToProto(const core::Reservation& reservation);

// Parses the fields' text forms (dates, sold_at, status); INVALID_RESERVATION naming the field
// as the JSON form does, e.g. "arrival: expected a date as YYYY-MM-DD". Proto3 defaults read as
// "left out": quantity 0 and revision 0 mean 1, an empty sold_at stays unset (epoch). Does not
// run ValidateReservation; the Ingestor does.
core::Result<core::Reservation> ReservationFromProto(const v1::Reservation& reservation);

}  // namespace chansync::api
