#pragma once

#include <string>
#include <string_view>

#include "chansync/audit/audit_log.h"

namespace chansync::audit {

// The stored form of an entry (compact JSON, the time in ms); the id is not part of it.
std::string AuditEntryToJson(const AuditEntry& entry);
// INTERNAL when the text is not an entry.
core::Result<AuditEntry> AuditEntryFromJson(std::string_view json);

}  // namespace chansync::audit
