#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "chansync/core/civil_date.h"
#include "chansync/core/clock.h"
#include "chansync/core/error.h"
#include "chansync/core/ids.h"

namespace chansync::planning::nightly {

// What the instances sharing one store know about a property's nightly refresh.
struct NightlyState {
  std::optional<core::CivilDate> last_done;  // the last local date whose nightly run succeeded
  // After a failed run, no instance starts another before this instant.
  std::optional<std::chrono::system_clock::time_point> retry_not_before;

  friend bool operator==(const NightlyState&, const NightlyState&) = default;
};

// Lets several `chansync serve` instances run each property's nightly refresh once per night: a
// lease names the instance running it (a dead holder's lease expires, so another instance takes
// over), and the done date and failure backoff are shared. All methods are thread-safe. Any
// method may fail STORE_UNAVAILABLE (retry later) or INTERNAL (stored data unreadable).
class NightlyCoordination {
 public:
  virtual ~NightlyCoordination() = default;

  // The clock by which the store expires leases: whoever renews a lease times it on this clock.
  virtual const core::Clock& LeaseClock() const = 0;

  // Takes the property's lease for `owner` for `ttl` unless someone (even `owner`) holds it.
  // True when taken. INVALID_ARGUMENT for an empty owner or a ttl under 1 ms.
  virtual core::Result<bool> TryAcquireLease(const core::PropertyId& property,
                                             const std::string& owner,
                                             std::chrono::milliseconds ttl) = 0;
  // Extends the lease to `ttl` from now if `owner` still holds it; false when it expired or
  // another owner holds it now. INVALID_ARGUMENT as for TryAcquireLease.
  virtual core::Result<bool> RenewLease(const core::PropertyId& property, const std::string& owner,
                                        std::chrono::milliseconds ttl) = 0;
  // Drops the lease if `owner` holds it; a lease held by another owner is left alone.
  virtual core::Status ReleaseLease(const core::PropertyId& property, const std::string& owner) = 0;

  virtual core::Result<std::optional<core::CivilDate>> LastNightlyDone(
      const core::PropertyId& property) = 0;
  // Records that the run of `date` succeeded and clears the failure backoff. The done date only
  // moves forward: an earlier `date` than the stored one keeps the stored one.
  virtual core::Status MarkNightlyDone(const core::PropertyId& property, core::CivilDate date) = 0;

  virtual core::Result<std::optional<std::chrono::system_clock::time_point>> RetryNotBefore(
      const core::PropertyId& property) = 0;
  virtual core::Status SetRetryNotBefore(const core::PropertyId& property,
                                         std::chrono::system_clock::time_point at) = 0;

  // The state of every property in `properties`, in the same order, read in one batch (the
  // scheduler scans every property on each tick).
  virtual core::Result<std::vector<NightlyState>> States(
      const std::vector<core::PropertyId>& properties) = 0;

  // Combined calls for the scheduler's hot path; the defaults chain the calls above and a store
  // overrides them to save round trips.

  // TryAcquireLease and, when taken, the property's state read after taking it (so a run another
  // instance finished before is seen). Empty when the lease was not taken.
  virtual core::Result<std::optional<NightlyState>> TryAcquireLeaseAndReadState(
      const core::PropertyId& property, const std::string& owner, std::chrono::milliseconds ttl);
  // MarkNightlyDone, then ReleaseLease.
  virtual core::Status MarkNightlyDoneAndRelease(const core::PropertyId& property,
                                                 const std::string& owner, core::CivilDate date);
};

}  // namespace chansync::planning::nightly
