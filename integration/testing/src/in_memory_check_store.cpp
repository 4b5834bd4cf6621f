#include "chansync/integration/testing/in_memory_check_store.h"

namespace chansync::integration::testing {

core::Status InMemoryCheckStore::Put(const StoredCheck& check) {
  std::lock_guard lock(mutex_);
  if (unavailable_) return core::Fail(core::ErrorCode::kStoreUnavailable, "check store is down");
  checks_[{check.property, check.check_id}] = check;
  return core::Ok();
}

core::Result<std::vector<std::optional<StoredCheck>>> InMemoryCheckStore::GetMany(
    const std::vector<CheckKey>& keys) {
  std::lock_guard lock(mutex_);
  if (unavailable_) return core::Fail(core::ErrorCode::kStoreUnavailable, "check store is down");
  ++get_many_calls_;
  std::vector<std::optional<StoredCheck>> out;
  out.reserve(keys.size());
  for (const auto& key : keys) {
    auto it = checks_.find({key.property, key.check_id});
    out.push_back(it == checks_.end() ? std::nullopt : std::optional<StoredCheck>(it->second));
  }
  return out;
}

void InMemoryCheckStore::SetUnavailable(bool unavailable) {
  std::lock_guard lock(mutex_);
  unavailable_ = unavailable;
}

size_t InMemoryCheckStore::size() const {
  std::lock_guard lock(mutex_);
  return checks_.size();
}

int InMemoryCheckStore::get_many_calls() const {
  std::lock_guard lock(mutex_);
  return get_many_calls_;
}

}  // namespace chansync::integration::testing
