#include "chansync/audit/redis_audit_log.h"

#include <absl/time/time.h>

#include <algorithm>

#include "audit_entry_json.h"

namespace chansync::audit {
namespace {

constexpr int kMaxMonthsBack = 13;
constexpr int kPage = 500;

int64_t Millis(core::Timestamp at) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(at.time_since_epoch()).count();
}

// The first day of the month before `month` ("YYYY-MM").
absl::CivilMonth PreviousMonth(absl::CivilMonth month) { return month - 1; }

absl::CivilMonth MonthOf(core::Timestamp at) {
  return absl::CivilMonth(absl::ToCivilSecond(absl::FromChrono(at), absl::UTCTimeZone()));
}

std::string MonthText(absl::CivilMonth month) { return absl::FormatCivilTime(month).substr(0, 7); }

}  // namespace

std::string AuditMonthOf(core::Timestamp at) { return MonthText(MonthOf(at)); }

core::Status RedisAuditLog::Append(const AuditEntry& entry) {
  ASSIGN_OR_RETURN(auto reply, pool_.Command({"XADD", keys_.AuditMonth(AuditMonthOf(entry.at)),
                                              "MAXLEN", "~", std::to_string(max_per_month_), "*",
                                              "e", AuditEntryToJson(entry)}));
  return reply.CheckNotError();
}

core::Result<std::vector<AuditEntry>> RedisAuditLog::List(const AuditQuery& query) {
  std::vector<AuditEntry> newest_first;
  const absl::CivilMonth first = MonthOf(query.since);
  absl::CivilMonth month = MonthOf(clock_.Now());
  for (int back = 0; back <= kMaxMonthsBack && month >= first; ++back) {
    if (newest_first.size() >= query.limit) break;
    RETURN_IF_ERROR(ListMonth(MonthText(month), query, newest_first));
    month = PreviousMonth(month);
  }
  std::ranges::reverse(newest_first);
  return newest_first;
}

core::Status RedisAuditLog::ListMonth(const std::string& month, const AuditQuery& query,
                                      std::vector<AuditEntry>& out) {
  const std::string key = keys_.AuditMonth(month);
  const std::string start = std::to_string(Millis(query.since));
  std::string end = "+";
  while (out.size() < query.limit) {
    ASSIGN_OR_RETURN(auto reply,
                     pool_.Command({"XREVRANGE", key, end, start, "COUNT", std::to_string(kPage)}));
    ASSIGN_OR_RETURN(const auto entries, reply.Array());
    for (const auto& stream_entry : entries) {
      ASSIGN_OR_RETURN(const auto parts, stream_entry.Array(2));
      ASSIGN_OR_RETURN(const std::string_view id, parts[0].String());
      end = "(" + std::string(id);
      ASSIGN_OR_RETURN(const auto fields, parts[1].Array(2));
      ASSIGN_OR_RETURN(const std::string_view json, fields[1].String());
      ASSIGN_OR_RETURN(AuditEntry entry, AuditEntryFromJson(json));
      if (!Matches(entry, query)) continue;
      entry.id = month + "/" + std::string(id);
      out.push_back(std::move(entry));
      if (out.size() >= query.limit) return core::Ok();
    }
    if (entries.size() < static_cast<size_t>(kPage)) return core::Ok();
  }
  return core::Ok();
}

}  // namespace chansync::audit
