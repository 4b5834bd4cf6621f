#pragma once

#include <string>
#include <vector>

#include "chansync/core/redis.h"
#include "chansync/sync/integration_log.h"

namespace chansync::sync {

// IntegrationLog on Redis. Per property, under the hash tag {p:<property>} (one Cluster slot):
//   cs:{p:P}:integ:<channel>:<resv>        string "<outcome>\n<months>\n<record JSON>":
//                                          outcome "succeeded" | "failed" | "" (pending),
//                                          months the indexes it is in ("sale:2026-09
//                                          stay:2026-09"), then the record, compact JSON
//   cs:{p:P}:integ:sale:<YYYY-MM>          sorted set of "<channel>:<resv>", score = sale ms
//   cs:{p:P}:integ:stay:<YYYY-MM>          same, for every month with a night of the stay
//   cs:{p:P}:integ:<sale|stay>:<YYYY-MM>:<succeeded|failed>
//                                          the same months restricted to one outcome, so the
//                                          operator's --failed list reads only failed records
// Put, Replace and List run Lua scripts, each atomic and one round trip; the scripts touch keys
// they read from the record, all within the property's slot. Thread-safe; `pool` must outlive
// the log.
class RedisIntegrationLog final : public IntegrationLog {
 public:
  explicit RedisIntegrationLog(core::RedisPool& pool) : pool_(pool) {}

  core::Status Put(const std::vector<IntegrationRecord>& records,
                   std::string_view timezone) override;
  core::Result<std::optional<IntegrationRecord>> Get(const IntegrationKey& key) override;
  core::Result<std::vector<std::optional<IntegrationRecord>>> GetMany(
      const std::vector<IntegrationKey>& keys) override;
  core::Result<std::vector<IntegrationRecord>> List(const IntegrationQuery& query) override;
  core::Status Replace(const IntegrationRecord& record, core::Timestamp seen_updated_at) override;

  // Key names, for operators and tests.
  static std::string RecordKey(const IntegrationKey& key);
  static std::string IndexKey(const core::PropertyId& property, MonthIndex by,
                              core::YearMonth month, OutcomeFilter filter = OutcomeFilter::kAll);

 private:
  core::RedisPool& pool_;
};

}  // namespace chansync::sync
