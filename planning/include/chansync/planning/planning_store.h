#pragma once

#include <optional>
#include <vector>

#include "chansync/core/civil_date.h"
#include "chansync/core/error.h"
#include "chansync/core/ids.h"
#include "chansync/core/planning.h"

namespace chansync::planning {

struct ChannelProductKey {
  core::ChannelId channel;
  core::ChannelProductId product;

  friend auto operator<=>(const ChannelProductKey&, const ChannelProductKey&) = default;
};

// The planning chansync last pushed, per channel product and night, so a refresh pushes only
// what changed (RedisPlanningStore: one compact value per channel product).
// Thread-safe. Methods may fail STORE_UNAVAILABLE or INTERNAL.
class PlanningStore {
 public:
  virtual ~PlanningStore() = default;

  // For each key, the last pushed free units of the nights [from, from + nights); nullopt for a
  // night never pushed (or dropped as past). result[i] belongs to keys[i].
  virtual core::Result<std::vector<std::vector<std::optional<int>>>> Load(
      const core::PropertyId& property, const std::vector<ChannelProductKey>& keys,
      core::CivilDate from, int nights) = 0;

  // Records that every run of `push` reached the channel, merged night by night over what was
  // stored (atomically per channel product), and forgets nights before `keep_from`.
  virtual core::Status Record(const core::PlanningPush& push, core::CivilDate keep_from) = 0;

  // Forgets everything pushed for these channel products (their link went away).
  virtual core::Status Forget(const core::PropertyId& property,
                              const std::vector<ChannelProductKey>& keys) = 0;
};

}  // namespace chansync::planning
