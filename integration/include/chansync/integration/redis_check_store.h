#pragma once

#include <chrono>

#include "chansync/integration/check_store.h"
#include "chansync/redis/key_space.h"

namespace chansync::redis {
class RedisPool;
}  // namespace chansync::redis

namespace chansync::integration {

// Checks as KeySpace::Property(p).Check(check_id) strings holding compact JSON
// ({"channel","product","arrival","departure","outcome","units_left","at"}), expiring after
// `ttl`. GetMany pipelines one GET per key, so keys of several properties (several Cluster
// slots) still cost one round trip. Thread-safe; `pool` must outlive the store.
class RedisCheckStore final : public CheckStore {
 public:
  explicit RedisCheckStore(redis::RedisPool& pool,
                           std::chrono::milliseconds ttl = std::chrono::hours(24),
                           redis::KeySpace keys = {});

  core::Status Put(const StoredCheck& check) override;
  core::Result<std::vector<std::optional<StoredCheck>>> GetMany(
      const std::vector<CheckKey>& keys) override;

 private:
  redis::RedisPool& pool_;
  std::chrono::milliseconds ttl_;
  const redis::KeySpace keys_;
};

}  // namespace chansync::integration
