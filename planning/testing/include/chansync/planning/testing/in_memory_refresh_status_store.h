#pragma once

#include <map>
#include <mutex>

#include "chansync/planning/refresh_status_store.h"

namespace chansync::planning::testing {

// The RefreshStatusStore contract in memory, for unit tests. Thread-safe.
class InMemoryRefreshStatusStore final : public RefreshStatusStore {
 public:
  core::Status Record(const RefreshStatus& status) override;
  core::Result<std::optional<RefreshStatus>> Get(const core::PropertyId& property) override;
  core::Result<std::vector<RefreshStatus>> GetMany(
      const std::vector<core::PropertyId>& properties) override;

  // While set, every call fails with STORE_UNAVAILABLE, as when Redis is down.
  void SetUnavailable(bool unavailable);
  int record_calls() const;

 private:
  mutable std::mutex mutex_;
  bool unavailable_ = false;
  int record_calls_ = 0;
  std::map<core::PropertyId, RefreshStatus> statuses_;
};

}  // namespace chansync::planning::testing
