#include "audit_entry_json.h"

#include <array>
#include <utility>

#include "chansync/core/json_fields.h"

namespace chansync::audit {
namespace {

// The text members, by name, in the order they are written.
constexpr std::array<std::pair<const char*, std::string AuditEntry::*>, 9> kTextMembers = {{
    {"key_id", &AuditEntry::key_id},
    {"key_name", &AuditEntry::key_name},
    {"role", &AuditEntry::role},
    {"action", &AuditEntry::action},
    {"method", &AuditEntry::method},
    {"arguments", &AuditEntry::arguments},
    {"before", &AuditEntry::before},
    {"after", &AuditEntry::after},
    {"outcome", &AuditEntry::outcome},
}};

}  // namespace

std::string AuditEntryToJson(const AuditEntry& entry) {
  rapidjson::StringBuffer buffer;
  core::json::Writer w(buffer);
  w.StartObject();
  core::json::Key(w, "at_ms");
  w.Int64(
      std::chrono::duration_cast<std::chrono::milliseconds>(entry.at.time_since_epoch()).count());
  for (const auto& [name, member] : kTextMembers) {
    core::json::Key(w, name);
    core::json::String(w, entry.*member);
  }
  w.EndObject();
  return core::json::Text(buffer);
}

core::Result<AuditEntry> AuditEntryFromJson(std::string_view json) {
  auto doc = core::json::ParseObject(json);
  if (!doc) return core::Fail(core::ErrorCode::kInternal, "stored audit entry: not JSON");
  AuditEntry entry;
  const rapidjson::Value* at = core::json::Find(*doc, "at_ms");
  if (at == nullptr || !at->IsInt64()) {
    return core::Fail(core::ErrorCode::kInternal, "stored audit entry: at_ms: not a time");
  }
  entry.at = core::Timestamp(std::chrono::milliseconds(at->GetInt64()));
  for (const auto& [name, member] : kTextMembers) {
    const rapidjson::Value* value = core::json::Find(*doc, name);
    if (value != nullptr && value->IsString()) {
      entry.*member = std::string(value->GetString(), value->GetStringLength());
    }
  }
  return entry;
}

}  // namespace chansync::audit
