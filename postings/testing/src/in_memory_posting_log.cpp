#include "chansync/postings/testing/in_memory_posting_log.h"

namespace chansync::postings::testing {

core::Status InMemoryPostingLog::Reachable() const {
  if (!down_) return core::Ok();
  return core::Fail(core::ErrorCode::kStoreUnavailable, "posting log is down");
}

void InMemoryPostingLog::SetDown(bool down) {
  std::lock_guard lock(mutex_);
  down_ = down;
}

void InMemoryPostingLog::SetInsertsFailing(bool failing) {
  std::lock_guard lock(mutex_);
  inserts_failing_ = failing;
}

void InMemoryPostingLog::Create(const PostingRecord& record) {
  const Posting& posting = record.posting;
  const std::string id = posting.Id();
  records_[{posting.property, id}] = record;
  days_[{posting.property, posting.business_date}].push_back(id);
  tickets_[{posting.property, posting.source.pos_id, posting.source.ticket_id}].push_back(id);
}

core::Result<std::vector<InsertedRecord>> InMemoryPostingLog::InsertMany(
    const std::vector<PostingRecord>& records) {
  std::lock_guard lock(mutex_);
  RETURN_IF_ERROR(Reachable());
  if (inserts_failing_) {
    return core::Fail(core::ErrorCode::kStoreUnavailable, "posting log refuses inserts");
  }
  std::vector<InsertedRecord> out;
  for (const PostingRecord& record : records) {
    auto found = records_.find({record.posting.property, record.posting.Id()});
    if (found != records_.end()) {
      out.push_back({found->second, false});
      continue;
    }
    Create(record);
    out.push_back({record, true});
  }
  return out;
}

core::Status InMemoryPostingLog::UpdateMany(const std::vector<PostingRecord>& records) {
  std::lock_guard lock(mutex_);
  RETURN_IF_ERROR(Reachable());
  for (const PostingRecord& record : records) {
    auto found = records_.find({record.posting.property, record.posting.Id()});
    if (found == records_.end()) {
      Create(record);
    } else if (found->second.state != PostingState::kPosted ||
               record.state == PostingState::kPosted) {
      found->second = record;
    }
  }
  return core::Ok();
}

core::Result<std::optional<PostingRecord>> InMemoryPostingLog::Get(const core::PropertyId& property,
                                                                   std::string_view posting_id) {
  std::lock_guard lock(mutex_);
  RETURN_IF_ERROR(Reachable());
  auto found = records_.find({property, std::string(posting_id)});
  if (found == records_.end()) return std::nullopt;
  return found->second;
}

core::Result<std::vector<std::optional<PostingRecord>>> InMemoryPostingLog::GetMany(
    const core::PropertyId& property, const std::vector<std::string>& posting_ids) {
  std::vector<std::optional<PostingRecord>> out;
  for (const std::string& id : posting_ids) {
    ASSIGN_OR_RETURN(auto record, Get(property, id));
    out.push_back(std::move(record));
  }
  return out;
}

core::Result<std::vector<PostingRecord>> InMemoryPostingLog::Day(const core::PropertyId& property,
                                                                 core::CivilDate business_date) {
  std::lock_guard lock(mutex_);
  RETURN_IF_ERROR(Reachable());
  std::vector<PostingRecord> out;
  auto day = days_.find({property, business_date});
  if (day == days_.end()) return out;
  for (const std::string& id : day->second) out.push_back(records_.at({property, id}));
  return out;
}

core::Result<int64_t> InMemoryPostingLog::DaySize(const core::PropertyId& property,
                                                  core::CivilDate business_date) {
  std::lock_guard lock(mutex_);
  RETURN_IF_ERROR(Reachable());
  auto day = days_.find({property, business_date});
  return day == days_.end() ? 0 : static_cast<int64_t>(day->second.size());
}

core::Result<std::vector<std::string>> InMemoryPostingLog::TicketIds(
    const core::PropertyId& property, std::string_view pos_id, std::string_view ticket_id) {
  std::lock_guard lock(mutex_);
  RETURN_IF_ERROR(Reachable());
  auto ticket = tickets_.find({property, std::string(pos_id), std::string(ticket_id)});
  if (ticket == tickets_.end()) return std::vector<std::string>{};
  return ticket->second;
}

}  // namespace chansync::postings::testing
