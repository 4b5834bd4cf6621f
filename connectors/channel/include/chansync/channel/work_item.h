#pragma once

#include <string>
#include <string_view>

#include "chansync/core/error.h"
#include "chansync/core/reservation.h"

namespace chansync::channel {

// What travels on the reservation queue: the reservation as the channel sent it, plus how it
// got there. The JSON form is the queue payload:
//   {"reservation": {...core::ReservationToJson...}, "received_at": "...Z",
//    "forced": false, "allow_overbooking": false}
struct WorkItem {
  core::Reservation reservation;
  core::Timestamp received_at{};
  bool forced = false;             // an operator forced the integration
  bool allow_overbooking = false;  // ...and accepted an overbooking (SPEC §1.6)

  friend bool operator==(const WorkItem&, const WorkItem&) = default;
};

std::string WorkItemToJson(const WorkItem& item);
// INVALID_RESERVATION naming the field when the payload is not a work item.
core::Result<WorkItem> WorkItemFromJson(std::string_view json);

// Queue shard key: one property's reservations share a shard, so they are claimed together.
inline const std::string& ShardKeyOf(const WorkItem& item) { return item.reservation.property; }

}  // namespace chansync::channel
