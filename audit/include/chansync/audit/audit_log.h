#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "chansync/core/error.h"
#include "chansync/core/reservation.h"

namespace chansync::audit {

// One staff action: who (key id and name, role), what (the action, the method and its
// arguments, never a secret), when, the state before and after when it changed one, and how it
// ended. `arguments`, `before` and `after` are JSON texts (empty when not applicable).
struct AuditEntry {
  std::string id;  // given by the log when stored ("<month>/<entry>"); empty before
  core::Timestamp at{};
  std::string key_id;
  std::string key_name;
  std::string role;
  std::string action;  // auth::ActionName
  std::string method;  // e.g. "chansync.v1.AdminService/SetGateway"
  std::string arguments;
  std::string before;
  std::string after;
  std::string outcome;  // "OK" or the error's stable code
};

struct AuditQuery {
  core::Timestamp since{};  // entries at or after
  std::optional<std::string> key_id;
  std::optional<std::string> action;
  size_t limit = 100;  // the newest ones when more match
};

// Whether `entry` passes the query's `since`, key and action filters.
bool Matches(const AuditEntry& entry, const AuditQuery& query);

// The audit log. Entries are kept per month, each month capped (RedisAuditLog), so the log
// holds the recent past, not all of it. Implementations are thread-safe.
class AuditLog {
 public:
  virtual ~AuditLog() = default;
  // STORE_UNAVAILABLE when it could not be written.
  virtual core::Status Append(const AuditEntry& entry) = 0;
  // Matching entries, oldest first, at most `limit` (the newest of them).
  virtual core::Result<std::vector<AuditEntry>> List(const AuditQuery& query) = 0;
};

}  // namespace chansync::audit
