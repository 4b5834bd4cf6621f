#pragma once

#include "chansync/fias_pms/fias_outbox.h"
#include "chansync/redis/key_space.h"

namespace chansync::redis {
class RedisPool;
}  // namespace chansync::redis

namespace chansync::fias_pms {

// FiasOutbox on Redis: the hash PropertyKeys::FiasOutbox(), P# -> "<idempotency key>\n<record>"
// (neither holds a line feed: keys are identifiers, FIAS values never carry one). One command a
// call. Thread-safe; `pool` must outlive the outbox.
class RedisFiasOutbox final : public FiasOutbox {
 public:
  explicit RedisFiasOutbox(redis::RedisPool& pool, redis::KeySpace keys = {});

  core::Status Put(const core::PropertyId& property, const OutboxEntry& entry) override;
  core::Status Remove(const core::PropertyId& property, int64_t sequence) override;
  core::Result<std::vector<OutboxEntry>> Outstanding(const core::PropertyId& property) override;

 private:
  redis::RedisPool& pool_;
  const redis::KeySpace keys_;
};

}  // namespace chansync::fias_pms
