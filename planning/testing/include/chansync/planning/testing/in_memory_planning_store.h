#pragma once

#include <map>
#include <mutex>
#include <string>
#include <tuple>

#include "chansync/planning/planning_store.h"

namespace chansync::planning::testing {

// The PlanningStore contract in memory, for unit tests. Thread-safe.
class InMemoryPlanningStore final : public PlanningStore {
 public:
  core::Result<std::vector<std::vector<std::optional<int>>>> Load(
      const core::PropertyId& property, const std::vector<ChannelProductKey>& keys,
      core::CivilDate from, int nights) override;
  core::Status Record(const core::PlanningPush& push, core::CivilDate keep_from) override;
  core::Status Forget(const core::PropertyId& property,
                      const std::vector<ChannelProductKey>& keys) override;

  // While set, every call fails with STORE_UNAVAILABLE, as when Redis is down.
  void SetUnavailable(bool unavailable);
  // Nights stored, over every channel product of every property.
  size_t cells() const;
  int record_calls() const;
  int load_calls() const;

 private:
  using Key = std::tuple<core::PropertyId, core::ChannelId, core::ChannelProductId>;
  mutable std::mutex mutex_;
  bool unavailable_ = false;
  int record_calls_ = 0;
  int load_calls_ = 0;
  std::map<Key, std::map<core::CivilDate, int>> planning_;
};

}  // namespace chansync::planning::testing
