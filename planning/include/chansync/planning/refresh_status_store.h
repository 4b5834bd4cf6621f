#pragma once

#include <optional>
#include <vector>

#include "chansync/core/error.h"
#include "chansync/core/ids.h"
#include "chansync/planning/refresh.h"

namespace chansync::planning {

// Keeps the last refresh status of each property (RedisRefreshStatusStore). Thread-safe.
// Methods may fail STORE_UNAVAILABLE or INTERNAL.
class RefreshStatusStore {
 public:
  virtual ~RefreshStatusStore() = default;

  // Replaces the property's status.
  virtual core::Status Record(const RefreshStatus& status) = 0;
  // nullopt when the property never refreshed.
  virtual core::Result<std::optional<RefreshStatus>> Get(const core::PropertyId& property) = 0;
  // One entry per property that has a status, in the order of `properties`.
  virtual core::Result<std::vector<RefreshStatus>> GetMany(
      const std::vector<core::PropertyId>& properties) = 0;
};

}  // namespace chansync::planning
