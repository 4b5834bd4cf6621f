#include "chansync/planning/testing/in_memory_refresh_status_store.h"

namespace chansync::planning::testing {

core::Status InMemoryRefreshStatusStore::Record(const RefreshStatus& status) {
  std::lock_guard lock(mutex_);
  if (unavailable_) return core::Fail(core::ErrorCode::kStoreUnavailable, "status store down");
  ++record_calls_;
  statuses_[status.property] = status;
  return core::Ok();
}

core::Result<std::optional<RefreshStatus>> InMemoryRefreshStatusStore::Get(
    const core::PropertyId& property) {
  std::lock_guard lock(mutex_);
  if (unavailable_) return core::Fail(core::ErrorCode::kStoreUnavailable, "status store down");
  auto it = statuses_.find(property);
  if (it == statuses_.end()) return std::optional<RefreshStatus>();
  return std::optional<RefreshStatus>(it->second);
}

core::Result<std::vector<RefreshStatus>> InMemoryRefreshStatusStore::GetMany(
    const std::vector<core::PropertyId>& properties) {
  std::lock_guard lock(mutex_);
  if (unavailable_) return core::Fail(core::ErrorCode::kStoreUnavailable, "status store down");
  std::vector<RefreshStatus> out;
  for (const auto& property : properties) {
    auto it = statuses_.find(property);
    if (it != statuses_.end()) out.push_back(it->second);
  }
  return out;
}

void InMemoryRefreshStatusStore::SetUnavailable(bool unavailable) {
  std::lock_guard lock(mutex_);
  unavailable_ = unavailable;
}

int InMemoryRefreshStatusStore::record_calls() const {
  std::lock_guard lock(mutex_);
  return record_calls_;
}

}  // namespace chansync::planning::testing
