#pragma once

#include <map>
#include <mutex>
#include <utility>
#include <vector>

#include "chansync/fias_pms/fias_outbox.h"

namespace chansync::fias_pms::testing {

// FiasOutbox in memory. `SetDown` makes every call fail STORE_UNAVAILABLE. Thread-safe.
class InMemoryFiasOutbox final : public FiasOutbox {
 public:
  core::Status Put(const core::PropertyId& property, const OutboxEntry& entry) override {
    std::lock_guard lock(mutex_);
    RETURN_IF_ERROR(ReachableLocked());
    entries_[{property, entry.sequence}] = entry;
    return core::Ok();
  }
  core::Status Remove(const core::PropertyId& property, int64_t sequence) override {
    std::lock_guard lock(mutex_);
    RETURN_IF_ERROR(ReachableLocked());
    entries_.erase({property, sequence});
    return core::Ok();
  }
  core::Result<std::vector<OutboxEntry>> Outstanding(const core::PropertyId& property) override {
    std::lock_guard lock(mutex_);
    RETURN_IF_ERROR(ReachableLocked());
    std::vector<OutboxEntry> out;
    for (const auto& [at, entry] : entries_) {
      if (at.first == property) out.push_back(entry);
    }
    return out;
  }

  void SetDown(bool down) {
    std::lock_guard lock(mutex_);
    down_ = down;
  }

 private:
  core::Status ReachableLocked() const {
    if (down_) return core::Fail(core::ErrorCode::kStoreUnavailable, "outbox down");
    return core::Ok();
  }

  std::mutex mutex_;
  bool down_ = false;
  std::map<std::pair<std::string, int64_t>, OutboxEntry> entries_;
};

}  // namespace chansync::fias_pms::testing
