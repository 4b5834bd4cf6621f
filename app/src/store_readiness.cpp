#include "store_readiness.h"

#include <spdlog/spdlog.h>

namespace chansync::app {

StoreReadiness::StoreReadiness(Probe probe, Repair repair, const core::Clock& clock)
    : probe_(std::move(probe)), repair_(std::move(repair)), clock_(clock) {}

core::Status StoreReadiness::Check() {
  if (ready_.load(std::memory_order_relaxed)) return core::Ok();
  const uint64_t seen = refreshes_.load();
  {
    std::lock_guard lock(refresh_mutex_);
    if (refreshes_.load() == seen) RefreshLocked();
  }
  if (ready_.load(std::memory_order_relaxed)) return core::Ok();
  return core::Fail(core::ErrorCode::kStoreNotReady,
                    "the store lost its declarations (properties, channels): nothing is accepted "
                    "until they are applied again");
}

void StoreReadiness::Refresh() {
  std::lock_guard lock(refresh_mutex_);
  RefreshLocked();
}

void StoreReadiness::RefreshLocked() {
  refreshes_.fetch_add(1);
  auto ready = probe_();
  if (!ready) {
    spdlog::warn("store readiness unknown: {}", ready.error().ToString());
    return;
  }
  if (!*ready && repair_) {
    spdlog::warn("the store lost its declarations: applying them again");
    if (auto repaired = repair_(); !repaired) {
      spdlog::error("applying the declarations again failed: {}", repaired.error().ToString());
    } else {
      ready = probe_();
      if (!ready) return;
    }
  }
  const bool was_ready = ready_.exchange(*ready, std::memory_order_relaxed);
  if (was_ready && !*ready) spdlog::error("the store lost its declarations: ingest refuses");
  if (!was_ready && *ready) spdlog::info("the store holds its declarations again: ingest resumes");
}

void StoreReadiness::Run(std::stop_token stop) {
  while (!stop.stop_requested()) {
    clock_.WaitFor(kInterval, stop);
    if (!stop.stop_requested()) Refresh();
  }
}

core::Result<std::string> ReadinessGatedQueue::Enqueue(std::string_view shard_key,
                                                       std::string_view payload) {
  RETURN_IF_ERROR(readiness_.Check());
  return ForwardingWorkQueue::Enqueue(shard_key, payload);
}

void ReadinessGatedQueue::EnqueueAsync(queue::EnqueueItem item, queue::EnqueueCompletion done) {
  if (auto ready = readiness_.Check(); !ready) return done(std::unexpected(ready.error()));
  ForwardingWorkQueue::EnqueueAsync(std::move(item), std::move(done));
}

core::Result<std::vector<std::string>> ReadinessGatedQueue::EnqueueBatch(
    const std::vector<queue::EnqueueItem>& items) {
  RETURN_IF_ERROR(readiness_.Check());
  return ForwardingWorkQueue::EnqueueBatch(items);
}

}  // namespace chansync::app
