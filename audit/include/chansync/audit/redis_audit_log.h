#pragma once

#include <cstddef>

#include "chansync/audit/audit_log.h"
#include "chansync/core/clock.h"
#include "chansync/redis/key_space.h"
#include "chansync/redis/pool.h"

namespace chansync::audit {

// The audit log in Redis: one stream per UTC month (KeySpace::AuditMonth), each entry one field
// `e` holding the entry's JSON. Each month keeps at most about `max_per_month` entries (XADD
// MAXLEN ~): the oldest of a very busy month go first. List reads the months from the query's
// `since` to now, newest first, at most 13 months back. STORE_UNAVAILABLE when Redis cannot be
// reached. Thread-safe.
class RedisAuditLog final : public AuditLog {
 public:
  static constexpr size_t kDefaultMaxPerMonth = 100000;

  RedisAuditLog(redis::RedisPool& pool, const core::Clock& clock, redis::KeySpace keys = {},
                size_t max_per_month = kDefaultMaxPerMonth)
      : pool_(pool), clock_(clock), keys_(std::move(keys)), max_per_month_(max_per_month) {}

  core::Status Append(const AuditEntry& entry) override;
  core::Result<std::vector<AuditEntry>> List(const AuditQuery& query) override;

 private:
  // Appends to `out`, newest first, the month's matching entries until `out` holds the limit.
  core::Status ListMonth(const std::string& month, const AuditQuery& query,
                         std::vector<AuditEntry>& out);

  redis::RedisPool& pool_;
  const core::Clock& clock_;
  const redis::KeySpace keys_;
  const size_t max_per_month_;
};

// "YYYY-MM" of `at` in UTC: the month an entry is kept under.
std::string AuditMonthOf(core::Timestamp at);

}  // namespace chansync::audit
