#pragma once

#include "chansync/postings/posting_setup_store.h"
#include "chansync/redis/key_space.h"

namespace chansync::redis {
class RedisPool;
}  // namespace chansync::redis

namespace chansync::postings {

// PostingSetupStore on Redis: one string per property, PropertyKeys::PostingSetup(), holding the
// set-up's JSON. Thread-safe; `pool` must outlive the store.
class RedisPostingSetupStore final : public PostingSetupStore {
 public:
  explicit RedisPostingSetupStore(redis::RedisPool& pool, redis::KeySpace keys = {});

  core::Result<PostingSetup> Get(const core::PropertyId& property) const override;
  core::Status Put(const core::PropertyId& property, const PostingSetup& setup) override;
  // WATCH, read and compare, then MULTI / SET / EXEC on one connection.
  core::Status Replace(const core::PropertyId& property, const PostingSetup& expected,
                       const PostingSetup& setup) override;

 private:
  redis::RedisPool& pool_;
  const redis::KeySpace keys_;
};

}  // namespace chansync::postings
