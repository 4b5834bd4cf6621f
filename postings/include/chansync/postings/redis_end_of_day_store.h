#pragma once

#include "chansync/postings/end_of_day_store.h"
#include "chansync/redis/key_space.h"

namespace chansync::redis {
class RedisPool;
}  // namespace chansync::redis

namespace chansync::postings {

// EndOfDayStore on Redis: one hash per property and business date, PropertyKeys::EndOfDay(date),
// with `record` (the summary's JSON) and `sent_at` (ms), each written once by HSETNX, so the first
// summary recorded is the one every process sends and the first send time stays. Record is one
// round trip (HSETNX, HGETALL pipelined). Thread-safe; `pool` must outlive the store.
class RedisEndOfDayStore final : public EndOfDayStore {
 public:
  explicit RedisEndOfDayStore(redis::RedisPool& pool, redis::KeySpace keys = {});

  core::Result<EndOfDayRecord> Record(const EndOfDayRecord& record) override;
  core::Status MarkSent(const core::PropertyId& property, core::CivilDate date,
                        core::Timestamp sent_at) override;
  core::Result<std::optional<EndOfDayRecord>> Get(const core::PropertyId& property,
                                                  core::CivilDate date) override;

 private:
  redis::RedisPool& pool_;
  const redis::KeySpace keys_;
};

}  // namespace chansync::postings
