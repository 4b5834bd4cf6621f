#include "nightly_lease_keeper.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <vector>

namespace chansync::planning::nightly {

NightlyLeaseKeeper::NightlyLeaseKeeper(NightlyCoordination& coordination, std::string owner,
                                       std::chrono::milliseconds ttl)
    : coordination_(coordination),
      owner_(std::move(owner)),
      ttl_(ttl),
      thread_([this] { Loop(); }) {}

NightlyLeaseKeeper::~NightlyLeaseKeeper() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void NightlyLeaseKeeper::Hold(const core::PropertyId& property) {
  std::lock_guard lock(mutex_);
  held_[property] = false;
}

bool NightlyLeaseKeeper::Drop(const core::PropertyId& property) {
  std::lock_guard lock(mutex_);
  auto it = held_.find(property);
  if (it == held_.end()) return false;
  const bool lost = it->second;
  held_.erase(it);
  return lost;
}

void NightlyLeaseKeeper::Loop() {
  const auto period = std::max(ttl_ / 3, std::chrono::milliseconds(1));
  std::unique_lock lock(mutex_);
  while (!wake_.wait_for(lock, period, [this] { return stopping_; })) {
    std::vector<core::PropertyId> to_renew;
    for (const auto& [property, lost] : held_) {
      if (!lost) to_renew.push_back(property);
    }
    // Renew without the lock, so Hold and Drop never wait on a store round trip.
    lock.unlock();
    std::vector<core::PropertyId> lost_now;
    for (const auto& property : to_renew) {
      auto renewed = coordination_.RenewLease(property, owner_, ttl_);
      if (!renewed) {
        // The lease may still be ours: keep trying until it expires.
        spdlog::warn("nightly refresh {}: lease renewal failed: {}", property,
                     renewed.error().ToString());
      } else if (!*renewed) {
        spdlog::warn("nightly refresh {}: lease lost by {}; another instance may run it too",
                     property, owner_);
        lost_now.push_back(property);
      }
    }
    lock.lock();
    for (const auto& property : lost_now) {
      if (auto it = held_.find(property); it != held_.end()) it->second = true;
    }
  }
}

}  // namespace chansync::planning::nightly
