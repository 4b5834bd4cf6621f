#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "chansync/channel/availability_checks.h"
#include "chansync/core/civil_date.h"
#include "chansync/core/error.h"
#include "chansync/core/ids.h"
#include "chansync/core/reservation.h"

namespace chansync::integration {

// One availability check answered while a guest booked (SPEC §1.4 level 2), kept so that the
// reservation that follows can prove it was checked (SPEC §1.6 "availability check TRUE").
struct StoredCheck {
  std::string check_id;
  core::PropertyId property;
  core::ChannelId channel;
  core::ChannelProductId product;
  core::Stay stay;
  channel::CheckOutcome outcome = channel::CheckOutcome::kError;
  int units_left = 0;
  core::Timestamp at{};

  friend bool operator==(const StoredCheck&, const StoredCheck&) = default;
};

struct CheckKey {
  core::PropertyId property;
  std::string check_id;
};

// Where answered checks are remembered for a while (a day by default: a guest books within
// minutes). Thread-safe. Any method may fail STORE_UNAVAILABLE; INTERNAL when stored data is
// unreadable.
class CheckStore {
 public:
  virtual ~CheckStore() = default;

  // Stores or replaces the check under (property, check_id).
  virtual core::Status Put(const StoredCheck& check) = 0;
  // One entry per key, in order; nullopt for a check never stored or expired. One round trip.
  virtual core::Result<std::vector<std::optional<StoredCheck>>> GetMany(
      const std::vector<CheckKey>& keys) = 0;
};

}  // namespace chansync::integration
