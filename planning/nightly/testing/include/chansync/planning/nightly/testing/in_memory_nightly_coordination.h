#pragma once

#include <map>
#include <mutex>

#include "chansync/core/clock.h"
#include "chansync/planning/nightly/nightly_coordination.h"

namespace chansync::planning::nightly::testing {

// NightlyCoordination in memory, with the same contract as RedisNightlyCoordination. Leases
// expire by `clock`'s steady time, so a test moves a FakeClock to let a dead holder's lease lapse.
// Thread-safe; `clock` must outlive it.
class InMemoryNightlyCoordination final : public NightlyCoordination {
 public:
  explicit InMemoryNightlyCoordination(const core::Clock& clock) : clock_(clock) {}

  const core::Clock& LeaseClock() const override { return clock_; }

  core::Result<bool> TryAcquireLease(const core::PropertyId& property, const std::string& owner,
                                     std::chrono::milliseconds ttl) override;
  core::Result<bool> RenewLease(const core::PropertyId& property, const std::string& owner,
                                std::chrono::milliseconds ttl) override;
  core::Status ReleaseLease(const core::PropertyId& property, const std::string& owner) override;
  core::Result<std::optional<core::CivilDate>> LastNightlyDone(
      const core::PropertyId& property) override;
  core::Status MarkNightlyDone(const core::PropertyId& property, core::CivilDate date) override;
  core::Result<std::optional<std::chrono::system_clock::time_point>> RetryNotBefore(
      const core::PropertyId& property) override;
  core::Status SetRetryNotBefore(const core::PropertyId& property,
                                 std::chrono::system_clock::time_point at) override;
  core::Result<std::vector<NightlyState>> States(
      const std::vector<core::PropertyId>& properties) override;

  // The owner holding the property's lease now, or "" when none; for assertions.
  std::string LeaseHolder(const core::PropertyId& property) const;
  // While set, every call fails with STORE_UNAVAILABLE, as when Redis is down.
  void SetUnavailable(bool unavailable);
  int states_calls() const;  // States batches read: round trips a Redis store would have made

 private:
  struct Lease {
    std::string owner;
    std::chrono::steady_clock::time_point expires_at;
  };
  // The live lease of `property`, dropping an expired one; callers hold mutex_.
  Lease* LiveLease(const core::PropertyId& property);

  // STORE_UNAVAILABLE while SetUnavailable(true); callers hold mutex_.
  core::Status CheckAvailable() const;

  const core::Clock& clock_;
  mutable std::mutex mutex_;
  bool unavailable_ = false;
  int states_calls_ = 0;
  std::map<core::PropertyId, Lease> leases_;
  std::map<core::PropertyId, NightlyState> states_;
};

}  // namespace chansync::planning::nightly::testing
