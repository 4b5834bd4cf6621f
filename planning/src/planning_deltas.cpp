#include "chansync/planning/planning_deltas.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

namespace chansync::planning {

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
    WakeRunLocked();
  }
}

PlanningDeltas::PendingMap PlanningDeltas::Take(std::chrono::steady_clock::time_point fresh_until) {
  const auto now = clock_.SteadyNow();
  PendingMap taken;
  for (auto it = pending_.begin(); it != pending_.end();) {
    // A retry keeps its backoff: only fresh changes may go out before their time.
    const bool waiting_retry = it->second.failures > 0;
    if (it->second.ready_at <= (waiting_retry ? now : std::max(now, fresh_until))) {
      taken.insert(pending_.extract(it++));
    } else {
      ++it;
    }
  }
  return taken;
}

PlanningDeltas::PendingMap PlanningDeltas::TakeDue() {
  const auto now = clock_.SteadyNow();
  if (pending_.empty() || NextDue() > now) return {};
  return Take(now + options_.batch_slack);
}

std::chrono::steady_clock::time_point PlanningDeltas::NextDue() const {
  auto earliest = pending_.begin()->second.ready_at;
  for (const auto& [property, delta] : pending_) earliest = std::min(earliest, delta.ready_at);
  return earliest;
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

void PlanningDeltas::WakeRunLocked() { run_wait_.request_stop(); }

DeltaFlushReport PlanningDeltas::Process(PendingMap batch) {
  DeltaFlushReport report;
  if (batch.empty()) return report;
  std::vector<NightsRequest> requests;
  requests.reserve(batch.size());
  for (const auto& [property, delta] : batch) {
    requests.push_back(
        {property, {delta.products.begin(), delta.products.end()}, delta.from, delta.to});
  }
  auto results = refresher_.RefreshNightsMany(requests);
  size_t i = 0;
  for (auto& [property, delta] : batch) {
    const NightsRequest& request = requests[i];
    const core::Result<RefreshSummary> refreshed =
        i < results.size()
            ? std::move(results[i])
            : core::Fail(core::ErrorCode::kInternal,
                         "the refresher answered " + std::to_string(results.size()) +
                             " results for " + std::to_string(requests.size()) + " requests");
    ++i;
    if (refreshed) {
      spdlog::debug("planning delta {} {}..{} ({} PMS products): {} cells changed", property,
                    delta.from.ToString(), delta.to.ToString(), request.pms_products.size(),
                    refreshed->cells_changed);
      ++report.refreshed;
      continue;
    }
    const core::Error& error = refreshed.error();
    ++delta.failures;
    if (core::IsRetried(core::RetryClassOf(error.code)) && delta.failures <= options_.max_retries) {
      spdlog::warn("planning delta {} {}..{} failed (attempt {}), retrying: {}", property,
                   delta.from.ToString(), delta.to.ToString(), delta.failures, error.ToString());
      {
        std::lock_guard lock(mutex_);
        Requeue(property, std::move(delta));
        WakeRunLocked();
      }
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

DeltaFlushReport PlanningDeltas::FlushDue() {
  PendingMap batch;
  {
    std::lock_guard lock(mutex_);
    batch = TakeDue();
  }
  return Process(std::move(batch));
}

DeltaFlushReport PlanningDeltas::Flush() {
  PendingMap batch;
  {
    std::lock_guard lock(mutex_);
    batch = Take(std::chrono::steady_clock::time_point::max());
  }
  return Process(std::move(batch));
}

void PlanningDeltas::Run(std::stop_token stop) {
  while (!stop.stop_requested()) {
    std::stop_source wait;
    auto until = std::chrono::steady_clock::time_point::max();  // nothing pending: only a change
    PendingMap batch;
    {
      std::lock_guard lock(mutex_);
      batch = TakeDue();
      if (batch.empty()) {
        if (!pending_.empty()) until = NextDue();
        run_wait_ = wait;
      }
    }
    if (!batch.empty()) {
      Process(std::move(batch));
      continue;
    }
    std::stop_callback stop_waiting(stop, [&] { wait.request_stop(); });
    clock_.WaitUntil(until, wait.get_token());
  }
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

}  // namespace chansync::planning
