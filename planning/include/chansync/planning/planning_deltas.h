#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <set>
#include <stop_token>

#include "chansync/core/civil_date.h"
#include "chansync/core/clock.h"
#include "chansync/core/ids.h"
#include "chansync/planning/refresh.h"

namespace chansync::planning {

struct PlanningDeltasOptions {
  // How long changes of one property are gathered, from its first pending change, before one
  // refresh carries them all.
  std::chrono::milliseconds window{50};
  // When a window closes, the properties whose window closes within this slack go with it, in
  // the same Refresher::RefreshNightsMany call: a change reaches the channels at most this much
  // before its window ends, never later. Windows start at each property's first change, so
  // without it each call would carry about one property. Half the window; 0 flushes each
  // property exactly at its window's end; a negative slack counts as 0.
  std::chrono::milliseconds batch_slack{25};
  int max_retries = 3;  // a failed delta is tried again this many times, then dropped
  std::chrono::milliseconds retry_backoff{1'000};
};

// What one Flush or FlushDue did.
struct DeltaFlushReport {
  int refreshed = 0;  // properties whose refresh succeeded
  int retrying = 0;   // failed, queued again for retry_backoff later
  int dropped = 0;    // failed for good (permanent error or out of retries)

  friend bool operator==(const DeltaFlushReport&, const DeltaFlushReport&) = default;
};

// Pushes the nights a reservation change touched to the channels without waiting for midnight.
// Changes are queued without blocking and coalesced per property: one refresh request covers
// the union of the PMS products and the span from the earliest arrival to the latest departure
// reported during the window. The properties due together (see batch_slack) are refreshed in one
// Refresher::RefreshNightsMany call, so its reads are shared. A property whose refresh failed
// with a transient error is retried max_retries times, retry_backoff apart (changes arriving
// meanwhile join it), then dropped with a warning: the nightly full refresh is the safety net.
// Changes with an empty property or product, or a stay that does not end after it starts, are
// dropped with a warning.
//
// Thread-safety: PmsReservationChanged from any thread; Run on one thread; Flush from any thread
// (a property taken by one is not taken by the other). `refresher` and `clock` must outlive it.
class PlanningDeltas final {
 public:
  PlanningDeltas(Refresher& refresher, const core::Clock& clock,
                 PlanningDeltasOptions options = {});

  void PmsReservationChanged(const core::PropertyId& property,
                             const core::PmsProductId& pms_product, const core::Stay& stay);

  // Calls FlushDue each time a window closes (or a retry time comes), waiting on `clock` between
  // times and waking early when a change arrives, until `stop` is requested; then flushes what is
  // pending, dropping with a warning the properties still waiting for a retry.
  void Run(std::stop_token stop);
  // When some pending property's window has closed or its retry time has come, refreshes it in
  // one call together with every other one that is due and with the fresh properties whose
  // window closes within batch_slack; otherwise does nothing. What Run does when it wakes.
  DeltaFlushReport FlushDue();
  // Refreshes every pending property now, in one call, without waiting for its window;
  // properties waiting for a retry are included only once their retry time has come.
  DeltaFlushReport Flush();

  size_t pending() const;  // properties with pending changes

 private:
  struct Pending {
    std::set<core::PmsProductId> products;
    core::CivilDate from;
    core::CivilDate to;
    std::chrono::steady_clock::time_point ready_at;  // window end, or retry time after failure
    int failures = 0;
  };
  using PendingMap = std::map<core::PropertyId, Pending>;

  // Removes and returns the properties whose retry time has come and the fresh ones whose window
  // closes by `fresh_until`. Callers hold mutex_.
  PendingMap Take(std::chrono::steady_clock::time_point fresh_until);
  // Take(now + batch_slack) when something is due now; empty otherwise. Callers hold mutex_.
  PendingMap TakeDue();
  // When the next pending property is due; callers hold mutex_ and check pending_ is not empty.
  std::chrono::steady_clock::time_point NextDue() const;
  DeltaFlushReport Process(PendingMap batch);
  // Puts a failed delta back, merged with changes that arrived meanwhile. Callers hold mutex_.
  void Requeue(const core::PropertyId& property, Pending failed);
  // Ends Run's current wait so it plans the next one again. Callers hold mutex_.
  void WakeRunLocked();

  Refresher& refresher_;
  const core::Clock& clock_;
  const PlanningDeltasOptions options_;

  mutable std::mutex mutex_;
  PendingMap pending_;
  std::stop_source run_wait_;  // Run's current wait on the clock ends when this is requested
};

}  // namespace chansync::planning
