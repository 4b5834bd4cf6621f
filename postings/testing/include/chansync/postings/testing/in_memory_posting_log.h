#pragma once

#include <map>
#include <mutex>
#include <string>
#include <tuple>
#include <vector>

#include "chansync/postings/posting_log.h"

namespace chansync::postings::testing {

// The PostingLog twin: records and indexes in maps under a mutex, with the same first-writer-wins
// and posted-stays-posted rules as RedisPostingLog.
class InMemoryPostingLog final : public PostingLog {
 public:
  core::Result<std::vector<InsertedRecord>> InsertMany(
      const std::vector<PostingRecord>& records) override;
  core::Status UpdateMany(const std::vector<PostingRecord>& records) override;
  core::Result<std::optional<PostingRecord>> Get(const core::PropertyId& property,
                                                 std::string_view posting_id) override;
  core::Result<std::vector<std::optional<PostingRecord>>> GetMany(
      const core::PropertyId& property, const std::vector<std::string>& posting_ids) override;
  core::Result<std::vector<PostingRecord>> Day(const core::PropertyId& property,
                                               core::CivilDate business_date) override;
  core::Result<int64_t> DaySize(const core::PropertyId& property,
                                core::CivilDate business_date) override;
  core::Result<std::vector<std::string>> TicketIds(const core::PropertyId& property,
                                                   std::string_view pos_id,
                                                   std::string_view ticket_id) override;

  // While down every call fails with STORE_UNAVAILABLE and changes nothing.
  void SetDown(bool down);
  // While set, InsertMany alone fails so (a process that stops between queueing and recording).
  void SetInsertsFailing(bool failing);

 private:
  using Key = std::pair<core::PropertyId, std::string>;
  core::Status Reachable() const;
  // Callers hold mutex_.
  void Create(const PostingRecord& record);

  mutable std::mutex mutex_;
  bool down_ = false;
  bool inserts_failing_ = false;
  std::map<Key, PostingRecord> records_;
  std::map<std::pair<core::PropertyId, core::CivilDate>, std::vector<std::string>> days_;
  std::map<std::tuple<core::PropertyId, std::string, std::string>, std::vector<std::string>>
      tickets_;
};

}  // namespace chansync::postings::testing
