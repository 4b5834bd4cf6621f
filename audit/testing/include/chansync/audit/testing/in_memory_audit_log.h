#pragma once

#include <mutex>
#include <vector>

#include "chansync/audit/audit_log.h"

namespace chansync::audit::testing {

// AuditLog in a vector, with RedisAuditLog's answers (no monthly cap). Thread-safe.
class InMemoryAuditLog final : public AuditLog {
 public:
  core::Status Append(const AuditEntry& entry) override;
  core::Result<std::vector<AuditEntry>> List(const AuditQuery& query) override;

 private:
  std::mutex mutex_;
  std::vector<AuditEntry> entries_;
};

}  // namespace chansync::audit::testing
