#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <stop_token>
#include <string>

#include "chansync/core/civil_date.h"
#include "chansync/core/clock.h"
#include "chansync/core/error.h"
#include "chansync/core/ids.h"
#include "chansync/core/property.h"
#include "chansync/linking/property_store.h"
#include "chansync/planning/nightly/nightly_coordination.h"
#include "chansync/planning/refresh.h"

namespace chansync::planning::nightly {

class NightlyLeaseKeeper;

struct NightlySchedulerOptions {
  std::string instance = "chansync";  // lease owner; distinct per `chansync serve` process
  std::chrono::milliseconds lease_ttl{30'000};  // renewed every lease_ttl / 3 while a run lasts
  std::chrono::milliseconds tick{1'000};        // how often Run scans for due properties
  std::chrono::milliseconds retry_after_failure{5 * 60'000};
  int parallelism = 4;  // properties refreshed at once by one RunDue
};

// INVALID_ARGUMENT naming the field: an empty instance, a lease_ttl under 3 ms, a tick or
// retry_after_failure under 1 ms, or a parallelism outside 1..64.
core::Status ValidateNightlySchedulerOptions(const NightlySchedulerOptions& options);

// What one RunDue did.
struct NightlyRunReport {
  int due = 0;        // properties whose nightly run was due when scanned
  int refreshed = 0;  // runs that succeeded; their local date is marked done
  int failed = 0;     // runs whose refresh failed; retried after retry_after_failure
  int skipped = 0;    // leased by another instance, or done by it meanwhile
  int errors = 0;     // the coordination store failed for the property; tried again next tick

  friend bool operator==(const NightlyRunReport&, const NightlyRunReport&) = default;
};

// Runs the full planning refresh of every property in PMS mode with level 1 on, once per local
// date, as soon as that date starts in the property's timezone (SPEC §1.4). A property is due
// when its last successful nightly date is before its local today or it never had one, so a
// service that was down at midnight catches up at start. With several instances sharing one
// NightlyCoordination, a property's run is taken under a lease: only the holder refreshes, a
// dead holder's lease expires and another instance takes over. A failed run is retried no
// sooner than retry_after_failure later, until one succeeds for that date.
//
// Lease loss: while a refresh runs, a keeper renews the lease every lease_ttl / 3. If a renewal
// finds the lease gone (this process stalled longer than the ttl and another instance took it),
// the refresh in progress cannot be recalled, so it completes; on success the date is still
// marked done, because a full refresh is idempotent and a current planning is what "done"
// records (the done date only moves forward, so two finishers agree). On failure the retry
// backoff is left to the instance that now holds the lease.
//
// Thread-safety: RunDue and Run from one thread per instance; NextRunAt from any thread. The
// ports must outlive the scheduler.
class NightlyScheduler {
 public:
  // Options out of range are clamped into range (see ValidateNightlySchedulerOptions).
  NightlyScheduler(linking::PropertyStore& properties, Refresher& refresher,
                   NightlyCoordination& coordination, const core::Clock& clock,
                   NightlySchedulerOptions options);

  // Scans every property once and refreshes the due ones, up to `parallelism` at once on threads
  // it starts and joins before returning. Fails (STORE_UNAVAILABLE, INTERNAL) only when the
  // property list or the batched state read fails; per-property problems are counted and logged.
  core::Result<NightlyRunReport> RunDue();
  // RunDue every tick (waited on the clock) until `stop` is requested. A stop request interrupts
  // the wait between ticks and keeps properties not yet started from starting; refreshes in
  // flight complete.
  void Run(std::stop_token stop);

  // When the property's next nightly run will be attempted: now (or the retry instant after a
  // failure) when its run of today is still due, else the start of its next local day. Empty when
  // the property has no nightly run (classic mode or level 1 off). NOT_FOUND for an unknown
  // property; INVALID_ARGUMENT for an unknown timezone; store errors as the ports report them.
  core::Result<std::optional<std::chrono::system_clock::time_point>> NextRunAt(
      const core::PropertyId& property);

 private:
  struct DueRun {
    core::PropertyId property;
    core::CivilDate date;  // the local date this run is for
  };
  enum class Outcome { kRefreshed, kFailed, kSkipped, kError };

  core::Result<NightlyRunReport> RunDue(std::stop_token stop);
  Outcome RunOne(const DueRun& run, NightlyLeaseKeeper& keeper);
  void RememberDone(const core::PropertyId& property, core::CivilDate date);
  // Callers hold mutex_.
  void WarnBadTimezoneOnce(const core::Property& property, const core::Error& error);

  linking::PropertyStore& properties_;
  Refresher& refresher_;
  NightlyCoordination& coordination_;
  const core::Clock& clock_;
  NightlySchedulerOptions options_;

  std::mutex mutex_;
  // Done dates this instance has seen. Done dates only move forward, so a property known done
  // for its local today needs no store read until its next local day starts.
  std::map<core::PropertyId, core::CivilDate> known_done_;
  std::set<core::PropertyId> warned_timezones_;
};

}  // namespace chansync::planning::nightly
