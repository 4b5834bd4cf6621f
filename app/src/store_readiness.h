#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <mutex>
#include <stop_token>

#include "chansync/core/clock.h"
#include "chansync/core/error.h"
#include "chansync/queue/forwarding_work_queue.h"

namespace chansync::app {

// Whether the store still holds the declarations ingest depends on. A Redis that lost its data
// (FLUSHALL, a crash without persistence, a failover to an empty replica) would otherwise keep
// accepting reservations that can never be integrated. `probe` answers true when the
// declarations are there (cheap: it runs every second); when it answers false, `repair` (may be
// empty) applies them again at once, e.g. from the declarations file serve was given, and the
// probe runs again. Without a repair the store stays not ready until an admin applies them.
//
// While the store is ready, ingest reads a cached flag (Check): no round trip on the push path.
// While it is not, each push probes again first (one probe at a time, shared by the pushes that
// wait for it), so a push right after an admin applied the declarations is not refused.
// Thread-safe.
class StoreReadiness {
 public:
  using Probe = std::function<core::Result<bool>()>;
  using Repair = std::function<core::Status()>;
  static constexpr std::chrono::seconds kInterval{1};

  StoreReadiness(Probe probe, Repair repair, const core::Clock& clock);

  // Ok, or STORE_NOT_READY. Ready until the first Refresh says otherwise.
  core::Status Check();
  // Probes (and repairs) once. A probe that fails (Redis down) leaves the last answer: pushes
  // then fail on their own with STORE_UNAVAILABLE.
  void Refresh();
  // Refresh every kInterval until stopped.
  void Run(std::stop_token stop);

 private:
  void RefreshLocked();

  Probe probe_;
  Repair repair_;
  const core::Clock& clock_;
  std::atomic<bool> ready_{true};
  std::mutex refresh_mutex_;            // one probe at a time
  std::atomic<uint64_t> refreshes_{0};  // completed probes, so waiters reuse the one they awaited
};

// The ingest queue behind the readiness check: a push to a store that lost its declarations is
// refused STORE_NOT_READY, never accepted. Only pushes are gated; claims, acks and retries pass.
class ReadinessGatedQueue final : public queue::ForwardingWorkQueue {
 public:
  ReadinessGatedQueue(queue::WorkQueue& inner, StoreReadiness& readiness)
      : ForwardingWorkQueue(inner), readiness_(readiness) {}

  core::Result<std::string> Enqueue(std::string_view shard_key, std::string_view payload) override;
  void EnqueueAsync(queue::EnqueueItem item, queue::EnqueueCompletion done) override;
  core::Result<std::vector<std::string>> EnqueueBatch(
      const std::vector<queue::EnqueueItem>& items) override;

 private:
  StoreReadiness& readiness_;
};

}  // namespace chansync::app
