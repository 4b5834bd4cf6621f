#include "chansync/postings/redis_end_of_day_store.h"

#include <charconv>
#include <chrono>

#include "chansync/redis/redis.h"
#include "posting_json.h"

namespace chansync::postings {
namespace {

int64_t Millis(core::Timestamp at) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(at.time_since_epoch()).count();
}

// A stored end of day: the hash's `record` (JSON, written once) and `sent_at` (ms, written once).
core::Result<std::optional<EndOfDayRecord>> Decode(const redis::RedisReply& reply) {
  ASSIGN_OR_RETURN(auto pairs, reply.Pairs());
  std::optional<EndOfDayRecord> record;
  int64_t sent_at = 0;
  for (const auto& [field, value] : pairs) {
    if (field == "record") {
      ASSIGN_OR_RETURN(auto decoded, json::DecodeEndOfDay(value));
      record = std::move(decoded);
    } else if (field == "sent_at") {
      if (std::from_chars(value.data(), value.data() + value.size(), sent_at).ec != std::errc{}) {
        return core::Fail(core::ErrorCode::kInternal, "end of day sent_at is not a number");
      }
    }
  }
  if (record) record->sent_at = core::Timestamp(std::chrono::milliseconds(sent_at));
  return record;
}

}  // namespace

RedisEndOfDayStore::RedisEndOfDayStore(redis::RedisPool& pool, redis::KeySpace keys)
    : pool_(pool), keys_(std::move(keys)) {}

core::Result<EndOfDayRecord> RedisEndOfDayStore::Record(const EndOfDayRecord& record) {
  const std::string key =
      keys_.Property(record.property).EndOfDay(record.summary.business_date.ToString());
  EndOfDayRecord unsent = record;
  unsent.sent_at = {};
  ASSIGN_OR_RETURN(
      auto replies,
      pool_.Pipeline({{"HSETNX", key, "record", json::EncodeEndOfDay(unsent)}, {"HGETALL", key}}));
  RETURN_IF_ERROR(replies[0].CheckNotError());
  ASSIGN_OR_RETURN(auto stored, Decode(replies[1]));
  if (!stored) return core::Fail(core::ErrorCode::kInternal, "end of day vanished: " + key);
  return std::move(*stored);
}

core::Status RedisEndOfDayStore::MarkSent(const core::PropertyId& property, core::CivilDate date,
                                          core::Timestamp sent_at) {
  const std::string key = keys_.Property(property).EndOfDay(date.ToString());
  ASSIGN_OR_RETURN(auto replies,
                   pool_.Pipeline({{"HEXISTS", key, "record"},
                                   {"HSETNX", key, "sent_at", std::to_string(Millis(sent_at))}}));
  ASSIGN_OR_RETURN(const long long found, replies[0].Integer());
  RETURN_IF_ERROR(replies[1].CheckNotError());
  if (found == 0) {
    return core::Fail(core::ErrorCode::kNotFound,
                      "no end of day of " + date.ToString() + " at " + property);
  }
  return core::Ok();
}

core::Result<std::optional<EndOfDayRecord>> RedisEndOfDayStore::Get(
    const core::PropertyId& property, core::CivilDate date) {
  ASSIGN_OR_RETURN(auto reply,
                   pool_.Command({"HGETALL", keys_.Property(property).EndOfDay(date.ToString())}));
  return Decode(reply);
}

}  // namespace chansync::postings
