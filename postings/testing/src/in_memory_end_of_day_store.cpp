#include "chansync/postings/testing/in_memory_end_of_day_store.h"

namespace chansync::postings::testing {

core::Result<EndOfDayRecord> InMemoryEndOfDayStore::Record(const EndOfDayRecord& record) {
  std::lock_guard lock(mutex_);
  auto [it, created] =
      records_.try_emplace({record.property, record.summary.business_date}, record);
  return it->second;
}

core::Status InMemoryEndOfDayStore::MarkSent(const core::PropertyId& property, core::CivilDate date,
                                             core::Timestamp sent_at) {
  std::lock_guard lock(mutex_);
  auto it = records_.find({property, date});
  if (it == records_.end()) {
    return core::Fail(core::ErrorCode::kNotFound, "no end of day of " + date.ToString());
  }
  if (it->second.sent_at == core::Timestamp{}) it->second.sent_at = sent_at;
  return core::Ok();
}

core::Result<std::optional<EndOfDayRecord>> InMemoryEndOfDayStore::Get(
    const core::PropertyId& property, core::CivilDate date) {
  std::lock_guard lock(mutex_);
  auto it = records_.find({property, date});
  if (it == records_.end()) return std::nullopt;
  return it->second;
}

}  // namespace chansync::postings::testing
