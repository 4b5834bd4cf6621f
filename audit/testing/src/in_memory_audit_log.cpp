#include "chansync/audit/testing/in_memory_audit_log.h"

#include <algorithm>

namespace chansync::audit::testing {

core::Status InMemoryAuditLog::Append(const AuditEntry& entry) {
  std::lock_guard lock(mutex_);
  entries_.push_back(entry);
  entries_.back().id = std::to_string(entries_.size());
  return core::Ok();
}

core::Result<std::vector<AuditEntry>> InMemoryAuditLog::List(const AuditQuery& query) {
  std::lock_guard lock(mutex_);
  std::vector<AuditEntry> newest_first;
  for (auto it = entries_.rbegin(); it != entries_.rend() && newest_first.size() < query.limit;
       ++it) {
    if (Matches(*it, query)) newest_first.push_back(*it);
  }
  std::ranges::reverse(newest_first);
  return newest_first;
}

}  // namespace chansync::audit::testing
