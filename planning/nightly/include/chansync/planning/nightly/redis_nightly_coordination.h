#pragma once

#include "chansync/planning/nightly/nightly_coordination.h"
#include "chansync/redis/key_space.h"

namespace chansync::redis {
class RedisPool;
}  // namespace chansync::redis

namespace chansync::planning::nightly {

// NightlyCoordination in Redis. The lease is KeySpace::Property(p).RefreshLease(), a string holding
// the owner, taken with SET NX PX and renewed / released by Lua scripts that first compare the
// owner, so an instance never extends or drops a lease another instance took after its own
// expired. The shared state is the hash KeySpace::Property(p).NightlyRefresh() with fields `done`
// ("YYYY-MM-DD", moved forward only, by a script) and `retry_at` (milliseconds since the epoch).
// States pipelines one HMGET per property: one round trip for any number of properties.
// Thread-safe; `pool` must outlive the coordination.
class RedisNightlyCoordination final : public NightlyCoordination {
 public:
  explicit RedisNightlyCoordination(redis::RedisPool& pool, redis::KeySpace keys = {})
      : pool_(pool), keys_(std::move(keys)) {}

  // Redis expires keys in real time, whatever clock the scheduler runs on.
  const core::Clock& LeaseClock() const override { return lease_clock_; }

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
  // One round trip each: SET NX PX and HMGET pipelined; one script marking done and releasing.
  core::Result<std::optional<NightlyState>> TryAcquireLeaseAndReadState(
      const core::PropertyId& property, const std::string& owner,
      std::chrono::milliseconds ttl) override;
  core::Status MarkNightlyDoneAndRelease(const core::PropertyId& property, const std::string& owner,
                                         core::CivilDate date) override;

 private:
  std::string LeaseKey(const core::PropertyId& property) const;
  std::string StateKey(const core::PropertyId& property) const;

  redis::RedisPool& pool_;
  const redis::KeySpace keys_;
  core::SystemClock lease_clock_;
};

}  // namespace chansync::planning::nightly
