#include "chansync/audit/audit_log.h"

namespace chansync::audit {

bool Matches(const AuditEntry& entry, const AuditQuery& query) {
  if (entry.at < query.since) return false;
  if (query.key_id && entry.key_id != *query.key_id) return false;
  return !query.action || entry.action == *query.action;
}

}  // namespace chansync::audit
