#pragma once

#include "chansync/planning/planning_store.h"
#include "chansync/redis/key_space.h"

namespace chansync::redis {
class RedisPool;
}  // namespace chansync::redis

namespace chansync::planning {

// PlanningStore on Redis: one string per channel product, KeySpace::Property(p).Plan(channel,
// product), holding "<first night as days since 1970-01-01>:<v>,<v>,,<v>" where an empty value
// is a night never pushed: 2 to 3 bytes a night, so a year of one channel product takes about
// 1 KB of Redis memory (MEMORY USAGE). Every key of a property shares one hash tag, so one slot:
//   Load    one MGET for all keys;
//   Record  one Lua script call for the whole push, merging the pushed runs night by night into
//           each stored value and dropping nights before keep_from (atomic);
//   Forget  one DEL.
// A stored value that cannot be read fails Load with INTERNAL. Thread-safe; `pool` must outlive
// the store.
class RedisPlanningStore final : public PlanningStore {
 public:
  explicit RedisPlanningStore(redis::RedisPool& pool, redis::KeySpace keys = {});

  core::Result<std::vector<std::vector<std::optional<int>>>> Load(
      const core::PropertyId& property, const std::vector<ChannelProductKey>& keys,
      core::CivilDate from, int nights) override;
  core::Status Record(const core::PlanningPush& push, core::CivilDate keep_from) override;
  core::Status Forget(const core::PropertyId& property,
                      const std::vector<ChannelProductKey>& keys) override;

 private:
  redis::RedisPool& pool_;
  const redis::KeySpace keys_;
};

}  // namespace chansync::planning
