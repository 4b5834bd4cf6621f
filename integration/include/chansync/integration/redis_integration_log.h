#pragma once

#include <string>
#include <vector>

#include "chansync/integration/integration_log.h"
#include "chansync/redis/key_space.h"
#include "chansync/redis/redis.h"

namespace chansync::integration {

// IntegrationLog on Redis. Per property, under the hash tag {p:<property>} (one Cluster slot),
// with keys named by redis::PropertyKeys:
//   IntegrationRecord(<channel>, <resv>)   string "<class>\n<months>\n<record JSON>": the
//                                          record's class (below), the months it is indexed
//                                          in ("sale:2026-09 stay:2026-09"), then the record,
//                                          compact JSON
//   IntegrationIndex(<sale|stay>:<YYYY-MM>, <succeeded|failed|pending>)
//                                          sorted set of "<channel>:<resv>", score = sale ms:
//                                          the month's records of one class; the sale month in
//                                          the property's timezone, every month with a night
// A record is in exactly one index per month, that of its class: succeeded (integrated), failed
// (what OutcomeFilter::kFailed matches, pending records awaiting an operator included) or
// pending (in flight). Lists of one outcome read one index; a kAll list merges the month's three.
// Scripts touch only keys passed in KEYS. Put runs one atomic script per property, all in one
// pipelined round trip, passing the indexes each record joins (its class's in each of its
// months); a record that must leave indexes (its class changed, or its stay or sale month moved)
// makes that property's call write nothing and answer which, and Put runs it again, in a second
// round trip, passing those too. Replace is
// a compare-and-set on updated_at, one script call (two when the sale month in the property's
// timezone is not the UTC one). List reads the indexes, then the records they name: two round
// trips, and a record that moved out of the listed index in between is left out. Thread-safe;
// `pool` must outlive the log.
class RedisIntegrationLog final : public IntegrationLog {
 public:
  explicit RedisIntegrationLog(redis::RedisPool& pool, redis::KeySpace keys = {})
      : pool_(pool), keys_(std::move(keys)) {}

  core::Status Put(const std::vector<IntegrationRecord>& records,
                   std::string_view timezone) override;
  core::Result<std::optional<IntegrationRecord>> Get(const IntegrationKey& key) override;
  core::Result<std::vector<std::optional<IntegrationRecord>>> GetMany(
      const std::vector<IntegrationKey>& keys) override;
  core::Result<std::vector<IntegrationRecord>> List(const IntegrationQuery& query) override;
  core::Status Replace(const IntegrationRecord& record, core::Timestamp seen_updated_at) override;

  // The outcome classes of the month indexes; every record is in exactly one.
  enum class IndexClass { kSucceeded, kFailed, kPending };
  static IndexClass ClassOf(const IntegrationRecord& record);

  // Key names in `keys`, for operators, tools and tests. A month's records of every class span
  // the three IndexKey()s of that month.
  static std::string RecordKey(const IntegrationKey& key, const redis::KeySpace& keys = {});
  static std::string IndexKey(const core::PropertyId& property, MonthIndex by,
                              core::YearMonth month, IndexClass index_class,
                              const redis::KeySpace& keys = {});

 private:
  redis::RedisPool& pool_;
  const redis::KeySpace keys_;
};

}  // namespace chansync::integration
