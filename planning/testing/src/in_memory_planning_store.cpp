#include "chansync/planning/testing/in_memory_planning_store.h"

namespace chansync::planning::testing {

core::Result<std::vector<std::vector<std::optional<int>>>> InMemoryPlanningStore::Load(
    const core::PropertyId& property, const std::vector<ChannelProductKey>& keys,
    core::CivilDate from, int nights) {
  std::lock_guard lock(mutex_);
  if (unavailable_) return core::Fail(core::ErrorCode::kStoreUnavailable, "planning store down");
  if (nights < 0) return core::Fail(core::ErrorCode::kInvalidArgument, "nights must be >= 0");
  ++load_calls_;
  std::vector<std::vector<std::optional<int>>> out;
  out.reserve(keys.size());
  for (const auto& key : keys) {
    std::vector<std::optional<int>> nights_of(static_cast<size_t>(nights));
    auto it = planning_.find({property, key.channel, key.product});
    if (it != planning_.end()) {
      for (int n = 0; n < nights; ++n) {
        auto night = it->second.find(from.AddDays(n));
        if (night != it->second.end()) nights_of[static_cast<size_t>(n)] = night->second;
      }
    }
    out.push_back(std::move(nights_of));
  }
  return out;
}

core::Status InMemoryPlanningStore::Record(const core::PlanningPush& push,
                                           core::CivilDate keep_from) {
  std::lock_guard lock(mutex_);
  if (unavailable_) return core::Fail(core::ErrorCode::kStoreUnavailable, "planning store down");
  ++record_calls_;
  for (const auto& product : push.products) {
    auto& nights = planning_[{push.property, push.channel, product.product}];
    for (const auto& run : product.runs) {
      for (size_t i = 0; i < run.free_units.size(); ++i) {
        nights[run.from.AddDays(static_cast<int64_t>(i))] = run.free_units[i];
      }
    }
    nights.erase(nights.begin(), nights.lower_bound(keep_from));
  }
  return core::Ok();
}

core::Status InMemoryPlanningStore::Forget(const core::PropertyId& property,
                                           const std::vector<ChannelProductKey>& keys) {
  std::lock_guard lock(mutex_);
  if (unavailable_) return core::Fail(core::ErrorCode::kStoreUnavailable, "planning store down");
  for (const auto& key : keys) planning_.erase({property, key.channel, key.product});
  return core::Ok();
}

void InMemoryPlanningStore::SetUnavailable(bool unavailable) {
  std::lock_guard lock(mutex_);
  unavailable_ = unavailable;
}

size_t InMemoryPlanningStore::cells() const {
  std::lock_guard lock(mutex_);
  size_t cells = 0;
  for (const auto& [key, nights] : planning_) cells += nights.size();
  return cells;
}

int InMemoryPlanningStore::record_calls() const {
  std::lock_guard lock(mutex_);
  return record_calls_;
}

int InMemoryPlanningStore::load_calls() const {
  std::lock_guard lock(mutex_);
  return load_calls_;
}

}  // namespace chansync::planning::testing
