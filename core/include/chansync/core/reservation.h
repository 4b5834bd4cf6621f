#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "chansync/core/civil_date.h"
#include "chansync/core/error.h"
#include "chansync/core/ids.h"
#include "chansync/core/money.h"

namespace chansync::core {

using Timestamp = std::chrono::system_clock::time_point;

enum class ReservationStatus { kNew, kModified, kCancelled };

std::string_view ReservationStatusName(ReservationStatus status);  // "new" | "modified" | ...
Result<ReservationStatus> ParseReservationStatus(std::string_view text);

struct OptionLine {
  ChannelOptionId option;
  int quantity = 1;

  friend bool operator==(const OptionLine&, const OptionLine&) = default;
};

// A reservation as a channel sold it. (channel, channel_reservation_id) identifies it across
// revisions; each modification or cancellation from the channel carries a higher revision.
struct Reservation {
  ChannelId channel;
  std::string channel_reservation_id;
  PropertyId property;
  Timestamp sold_at{};
  Stay stay;
  std::string guest_name;
  ChannelProductId product;
  std::vector<OptionLine> options;
  Money price;
  int64_t revision = 1;
  ReservationStatus status = ReservationStatus::kNew;
  std::string check_id;  // availability check made while booking, if any

  friend bool operator==(const Reservation&, const Reservation&) = default;
};

// INVALID_RESERVATION naming the first offending field.
Status ValidateReservation(const Reservation& reservation);

}  // namespace chansync::core
