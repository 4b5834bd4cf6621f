#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <stop_token>
#include <string>
#include <thread>

#include "chansync/planning/nightly/nightly_coordination.h"

namespace chansync::planning::nightly {

// Renews the leases of the nightly runs in progress every ttl / 3 on its own thread, so a run
// longer than the ttl stays exclusive. It waits on the coordination's LeaseClock, the clock the
// store expires leases by, whatever the scheduler's clock. Thread-safe; stops and joins its
// thread on destruction.
class NightlyLeaseKeeper {
 public:
  NightlyLeaseKeeper(NightlyCoordination& coordination, std::string owner,
                     std::chrono::milliseconds ttl);
  ~NightlyLeaseKeeper();
  NightlyLeaseKeeper(const NightlyLeaseKeeper&) = delete;
  NightlyLeaseKeeper& operator=(const NightlyLeaseKeeper&) = delete;

  // Starts renewing the lease of `property`, which the owner has just acquired.
  void Hold(const core::PropertyId& property);
  // Stops renewing it. True when a renewal found the lease held by someone else or expired.
  bool Drop(const core::PropertyId& property);

 private:
  void Loop(std::stop_token stop);
  // Renews every lease not yet lost and marks the ones found gone.
  void RenewHeld();

  NightlyCoordination& coordination_;
  const std::string owner_;
  const std::chrono::milliseconds ttl_;
  std::mutex mutex_;
  std::map<core::PropertyId, bool> held_;  // property -> lease lost
  std::jthread thread_;                    // last: starts once the members above exist
};

}  // namespace chansync::planning::nightly
