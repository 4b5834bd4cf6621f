#pragma once

#include "chansync/planning/refresh_status_store.h"
#include "chansync/redis/key_space.h"

namespace chansync::redis {
class RedisPool;
}  // namespace chansync::redis

namespace chansync::planning {

// RefreshStatusStore on Redis: one hash per property, KeySpace::Property(p).RefreshStatus(), with
// the fields kind, started_ms, finished_ms, succeeded (0/1), error_code, error_message (empty
// when it succeeded), products, days, cells_changed, channels_pushed, duration_ms, instance.
// Record is one HSET of every field (atomic, nothing stale survives); Get is one HGETALL and
// GetMany pipelines one HGETALL per property: one round trip. A hash that cannot be read fails
// with INTERNAL. Thread-safe; `pool` must outlive the store.
class RedisRefreshStatusStore final : public RefreshStatusStore {
 public:
  explicit RedisRefreshStatusStore(redis::RedisPool& pool, redis::KeySpace keys = {});

  core::Status Record(const RefreshStatus& status) override;
  core::Result<std::optional<RefreshStatus>> Get(const core::PropertyId& property) override;
  core::Result<std::vector<RefreshStatus>> GetMany(
      const std::vector<core::PropertyId>& properties) override;

 private:
  redis::RedisPool& pool_;
  const redis::KeySpace keys_;
};

}  // namespace chansync::planning
