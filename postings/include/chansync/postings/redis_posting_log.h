#pragma once

#include "chansync/postings/posting_log.h"
#include "chansync/redis/key_space.h"

namespace chansync::redis {
class RedisPool;
}  // namespace chansync::redis

namespace chansync::postings {

// PostingLog on Redis, every key under the property's hash tag (redis::PropertyKeys):
// PostingRecord(id) a string holding the record's JSON (its fields bounded: identifiers of 64
// bytes, error text and hint cut to kMaxRecordText), PostingDay(date) and PostingTicket(pos,
// ticket) lists of posting ids in order of acceptance, pushed by the script that creates the
// record, so an id is indexed once. InsertMany and UpdateMany run one script call per record,
// all in one pipeline; Day is two round trips whatever its size (LRANGE, then the records in
// MGETs of kRecordsPerRead pipelined together). Thread-safe; `pool` must outlive the log.
class RedisPostingLog final : public PostingLog {
 public:
  static constexpr size_t kMaxRecordText = 500;
  static constexpr size_t kRecordsPerRead = 500;

  explicit RedisPostingLog(redis::RedisPool& pool, redis::KeySpace keys = {});

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

 private:
  redis::RedisPool& pool_;
  const redis::KeySpace keys_;
};

}  // namespace chansync::postings
