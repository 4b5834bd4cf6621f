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
      thread_([this](std::stop_token stop) { Loop(stop); }) {}

NightlyLeaseKeeper::~NightlyLeaseKeeper() = default;

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

void NightlyLeaseKeeper::Loop(std::stop_token stop) {
  const auto period = std::max(ttl_ / 3, std::chrono::milliseconds(1));
  while (coordination_.LeaseClock().WaitFor(period, stop)) RenewHeld();
}

void NightlyLeaseKeeper::RenewHeld() {
  std::vector<core::PropertyId> to_renew;
  {
    std::lock_guard lock(mutex_);
    for (const auto& [property, lost] : held_) {
      if (!lost) to_renew.push_back(property);
    }
  }
  // Renewed without the lock, so Hold and Drop never wait on a store round trip.
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
  std::lock_guard lock(mutex_);
  for (const auto& property : lost_now) {
    if (auto it = held_.find(property); it != held_.end()) it->second = true;
  }
}

}  // namespace chansync::planning::nightly
