#pragma once

#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <string>
#include <thread>

#include "chansync/planning/nightly/nightly_coordination.h"

namespace chansync::planning::nightly {

// Renews the leases of the nightly runs in progress every ttl / 3 on its own thread, so a run
// longer than the ttl stays exclusive. It waits in real time whatever the scheduler's clock,
// because the store expires leases in real time. Thread-safe; joins its thread on destruction.
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
  void Loop();

  NightlyCoordination& coordination_;
  const std::string owner_;
  const std::chrono::milliseconds ttl_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::map<core::PropertyId, bool> held_;  // property -> lease lost
  std::thread thread_;                     // last: starts once the members above exist
};

}  // namespace chansync::planning::nightly
