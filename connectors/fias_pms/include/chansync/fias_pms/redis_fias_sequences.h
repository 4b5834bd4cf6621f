#pragma once

#include "chansync/fias_pms/fias_sequences.h"
#include "chansync/redis/key_space.h"

namespace chansync::redis {
class RedisPool;
}  // namespace chansync::redis

namespace chansync::fias_pms {

// FiasSequences on Redis: the hash PropertyKeys::FiasSequences() (idempotency key -> P#) and
// the counter PropertyKeys::FiasLastSequence(). SequenceOf is one script (read the key's P#,
// else INCR the counter and HSET it), so allocation is atomic and first writer wins. Past
// kMaxSequence the counter starts again at 1: an interface remembers recent P#s only, far fewer
// than 10^8. Thread-safe; `pool` must outlive the store.
class RedisFiasSequences final : public FiasSequences {
 public:
  explicit RedisFiasSequences(redis::RedisPool& pool, redis::KeySpace keys = {});

  core::Result<int64_t> SequenceOf(const core::PropertyId& property,
                                   const std::string& key) override;
  core::Result<int64_t> NewSequence(const core::PropertyId& property) override;
  core::Status Forget(const core::PropertyId& property, const std::string& key,
                      int64_t sequence) override;

 private:
  redis::RedisPool& pool_;
  const redis::KeySpace keys_;
};

}  // namespace chansync::fias_pms
