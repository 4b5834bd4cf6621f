#pragma once

#include <chrono>

#include "chansync/integration/check_store.h"

namespace chansync::redis {
class RedisPool;
}  // namespace chansync::redis

namespace chansync::integration {

// Checks as `cs:{p:<property>}:check:<check_id>` strings holding compact JSON
// ({"channel","product","arrival","departure","outcome","units_left","at"}), expiring after
// `ttl`. GetMany pipelines one GET per key, so keys of several properties (several Cluster
// slots) still cost one round trip. Thread-safe; `pool` must outlive the store.
class RedisCheckStore final : public CheckStore {
 public:
  explicit RedisCheckStore(redis::RedisPool& pool,
                           std::chrono::milliseconds ttl = std::chrono::hours(24));

  core::Status Put(const StoredCheck& check) override;
  core::Result<std::vector<std::optional<StoredCheck>>> GetMany(
      const std::vector<CheckKey>& keys) override;

 private:
  redis::RedisPool& pool_;
  std::chrono::milliseconds ttl_;
};

}  // namespace chansync::integration
