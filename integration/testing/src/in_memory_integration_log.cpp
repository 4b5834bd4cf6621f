#include "chansync/integration/testing/in_memory_integration_log.h"

#include <algorithm>

namespace chansync::integration::testing {
namespace {

core::Timestamp ToMillis(core::Timestamp at) {
  return std::chrono::time_point_cast<std::chrono::milliseconds>(at);
}

IntegrationRecord Stored(IntegrationRecord record) {
  record.reservation.sold_at = ToMillis(record.reservation.sold_at);
  record.received_at = ToMillis(record.received_at);
  record.updated_at = ToMillis(record.updated_at);
  for (auto* at : {&record.integrated_at, &record.next_attempt_at, &record.waiting_since}) {
    if (*at) *at = ToMillis(**at);
  }
  return record;
}

std::string IdOf(const IntegrationKey& key) {
  return key.property + "/" + key.channel + "/" + key.channel_reservation_id;
}

bool InMonth(const core::YearMonth& sale_month, const IntegrationRecord& record,
             const IntegrationQuery& query) {
  if (query.by == MonthIndex::kBySaleDate) return sale_month == query.month;
  const auto months = StayMonthsOf(record.reservation.stay);
  return std::find(months.begin(), months.end(), query.month) != months.end();
}

}  // namespace

core::Status InMemoryIntegrationLog::CheckAvailable() const {
  if (unavailable_) return core::Fail(core::ErrorCode::kStoreUnavailable, "store is down");
  return core::Ok();
}

core::Status InMemoryIntegrationLog::Put(const std::vector<IntegrationRecord>& records,
                                         std::string_view timezone) {
  std::lock_guard lock(mutex_);
  RETURN_IF_ERROR(CheckAvailable());
  std::vector<Entry> entries;
  for (const auto& record : records) {
    const core::Reservation& r = record.reservation;
    for (const auto& [field, value] :
         {std::pair<std::string_view, const std::string&>{"reservation.property", r.property},
          {"reservation.channel", r.channel},
          {"reservation.channel_reservation_id", r.channel_reservation_id}}) {
      RETURN_IF_ERROR(core::ValidateId(field, value));
    }
    ASSIGN_OR_RETURN(auto sale_month, SaleMonthOf(r.sold_at, timezone));
    entries.push_back({Stored(record), sale_month});
  }
  for (auto& entry : entries) entries_[entry.record.id()] = std::move(entry);
  return core::Ok();
}

core::Result<std::optional<IntegrationRecord>> InMemoryIntegrationLog::Get(
    const IntegrationKey& key) {
  ASSIGN_OR_RETURN(auto many, GetMany({key}));
  return std::move(many.front());
}

core::Result<std::vector<std::optional<IntegrationRecord>>> InMemoryIntegrationLog::GetMany(
    const std::vector<IntegrationKey>& keys) {
  std::lock_guard lock(mutex_);
  RETURN_IF_ERROR(CheckAvailable());
  std::vector<std::optional<IntegrationRecord>> out;
  for (const auto& key : keys) {
    auto it = entries_.find(IdOf(key));
    if (it == entries_.end()) {
      out.emplace_back();
    } else {
      out.emplace_back(it->second.record);
    }
  }
  return out;
}

core::Result<std::vector<IntegrationRecord>> InMemoryIntegrationLog::List(
    const IntegrationQuery& query) {
  std::lock_guard lock(mutex_);
  RETURN_IF_ERROR(CheckAvailable());
  RETURN_IF_ERROR(core::ValidateId("property", query.property));
  std::vector<IntegrationRecord> out;
  for (const auto& [id, entry] : entries_) {
    if (entry.record.reservation.property != query.property) continue;
    if (!InMonth(entry.sale_month, entry.record, query)) continue;
    if (!MatchesOutcome(entry.record, query.filter)) continue;
    out.push_back(entry.record);
  }
  // As a sorted set read in reverse: by sale time, then by member, both descending.
  std::sort(out.begin(), out.end(), [](const IntegrationRecord& a, const IntegrationRecord& b) {
    const auto& ra = a.reservation;
    const auto& rb = b.reservation;
    if (ra.sold_at != rb.sold_at) return ra.sold_at > rb.sold_at;
    return ra.channel + ":" + ra.channel_reservation_id >
           rb.channel + ":" + rb.channel_reservation_id;
  });
  return out;
}

core::Status InMemoryIntegrationLog::Replace(const IntegrationRecord& record,
                                             core::Timestamp seen_updated_at) {
  std::lock_guard lock(mutex_);
  RETURN_IF_ERROR(CheckAvailable());
  auto it = entries_.find(record.id());
  if (it == entries_.end()) {
    return core::Fail(core::ErrorCode::kNotFound, "no integration " + record.id());
  }
  const IntegrationRecord& stored = it->second.record;
  if (stored.updated_at != ToMillis(seen_updated_at)) {
    return core::Fail(core::ErrorCode::kConflict,
                      "integration " + record.id() + " changed meanwhile; look at it again");
  }
  const IntegrationRecord replacement = Stored(record);
  if (replacement.reservation.sold_at != stored.reservation.sold_at ||
      replacement.reservation.stay != stored.reservation.stay) {
    return core::Fail(core::ErrorCode::kConflict,
                      "integration " + record.id() + ": its sale time or stay changed");
  }
  it->second.record = replacement;
  return core::Ok();
}

void InMemoryIntegrationLog::SetUnavailable(bool unavailable) {
  std::lock_guard lock(mutex_);
  unavailable_ = unavailable;
}

size_t InMemoryIntegrationLog::size() const {
  std::lock_guard lock(mutex_);
  return entries_.size();
}

}  // namespace chansync::integration::testing
