#include "chansync/sync/planning_deltas.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <vector>

namespace chansync::sync {

PlanningDeltas::PlanningDeltas(Refresher& refresher, const core::Clock& clock,
                               PlanningDeltasOptions options)
    : refresher_(refresher), clock_(clock), options_(options) {}

void PlanningDeltas::PmsReservationChanged(const core::PropertyId& property,
                                           const core::PmsProductId& pms_product,
                                           const core::Stay& stay) {
  if (property.empty() || pms_product.empty() || stay.departure <= stay.arrival) {
    spdlog::warn("planning delta dropped: property \"{}\", PMS product \"{}\", stay {}..{}",
                 property, pms_product, stay.arrival.ToString(), stay.departure.ToString());
    return;
  }
  {
    std::lock_guard lock(mutex_);
    auto [it, fresh] = pending_.try_emplace(property);
    Pending& entry = it->second;
    if (fresh) {
      entry.from = stay.arrival;
      entry.to = stay.departure;
      entry.ready_at = clock_.SteadyNow() + options_.window;
    } else {
      entry.from = std::min(entry.from, stay.arrival);
      entry.to = std::max(entry.to, stay.departure);
    }
    entry.products.insert(pms_product);
    ++generation_;
  }
  wake_.notify_all();
}

PlanningDeltas::PendingMap PlanningDeltas::TakeReady(bool ignore_window) {
  const auto now = clock_.SteadyNow();
  PendingMap ready;
  for (auto it = pending_.begin(); it != pending_.end();) {
    const bool waiting_retry = it->second.failures > 0;
    if (now >= it->second.ready_at || (ignore_window && !waiting_retry)) {
      auto node = pending_.extract(it++);
      ready.insert(std::move(node));
    } else {
      ++it;
    }
  }
  return ready;
}

void PlanningDeltas::Requeue(const core::PropertyId& property, Pending failed) {
  failed.ready_at = clock_.SteadyNow() + options_.retry_backoff;
  auto [it, fresh] = pending_.try_emplace(property, std::move(failed));
  if (fresh) return;
  Pending& entry = it->second;
  entry.products.merge(failed.products);
  entry.from = std::min(entry.from, failed.from);
  entry.to = std::max(entry.to, failed.to);
  entry.ready_at = std::max(entry.ready_at, failed.ready_at);
  entry.failures = std::max(entry.failures, failed.failures);
}

DeltaFlushReport PlanningDeltas::Process(PendingMap batch) {
  DeltaFlushReport report;
  for (auto& [property, delta] : batch) {
    const std::vector<core::PmsProductId> products(delta.products.begin(), delta.products.end());
    auto refreshed = refresher_.RefreshNights(property, products, delta.from, delta.to);
    if (refreshed) {
      spdlog::debug("planning delta {} {}..{} ({} PMS products): {} cells changed", property,
                    delta.from.ToString(), delta.to.ToString(), products.size(),
                    refreshed->cells_changed);
      ++report.refreshed;
      continue;
    }
    const core::Error& error = refreshed.error();
    ++delta.failures;
    if (core::RetryClassOf(error.code) == core::RetryClass::kRetryWithBackoff &&
        delta.failures <= options_.max_retries) {
      spdlog::warn("planning delta {} {}..{} failed (attempt {}), retrying: {}", property,
                   delta.from.ToString(), delta.to.ToString(), delta.failures, error.ToString());
      {
        std::lock_guard lock(mutex_);
        Requeue(property, std::move(delta));
        ++generation_;
      }
      wake_.notify_all();
      ++report.retrying;
    } else {
      spdlog::warn(
          "planning delta {} {}..{} dropped after {} attempt(s), the nightly refresh will "
          "catch up: {}",
          property, delta.from.ToString(), delta.to.ToString(), delta.failures, error.ToString());
      ++report.dropped;
    }
  }
  return report;
}

DeltaFlushReport PlanningDeltas::Flush() {
  PendingMap batch;
  {
    std::lock_guard lock(mutex_);
    batch = TakeReady(/*ignore_window=*/true);
  }
  return Process(std::move(batch));
}

void PlanningDeltas::Run(std::stop_token stop) {
  std::unique_lock lock(mutex_);
  while (!stop.stop_requested()) {
    if (pending_.empty()) {
      wake_.wait(lock, stop, [this] { return !pending_.empty(); });
      continue;
    }
    auto earliest = pending_.begin()->second.ready_at;
    for (const auto& [property, delta] : pending_) earliest = std::min(earliest, delta.ready_at);
    const auto now = clock_.SteadyNow();
    if (earliest > now) {
      // The wait is in real time; re-checking the clock after it keeps a test clock usable.
      const uint64_t seen = generation_;
      wake_.wait_for(lock, stop, earliest - now, [&] { return generation_ != seen; });
      continue;
    }
    PendingMap batch = TakeReady(/*ignore_window=*/false);
    lock.unlock();
    Process(std::move(batch));
    lock.lock();
  }
  lock.unlock();
  Flush();
  if (const size_t left = pending(); left > 0) {
    spdlog::warn(
        "planning deltas of {} properties waiting for a retry dropped at shutdown; the "
        "nightly refresh will catch up",
        left);
  }
}

size_t PlanningDeltas::pending() const {
  std::lock_guard lock(mutex_);
  return pending_.size();
}

}  // namespace chansync::sync
