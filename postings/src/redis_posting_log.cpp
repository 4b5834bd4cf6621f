#include "chansync/postings/redis_posting_log.h"

#include "chansync/redis/redis.h"
#include "posting_json.h"

namespace chansync::postings {
namespace {

// KEYS: record, day, ticket. ARGV: record JSON, posting id.
// Answers the stored record when there is one (nothing written), else nil once it created it.
const redis::RedisScript& InsertScript() {
  static const redis::RedisScript script(R"lua(
local current = redis.call('GET', KEYS[1])
if current then return current end
redis.call('SET', KEYS[1], ARGV[1])
redis.call('RPUSH', KEYS[2], ARGV[2])
redis.call('RPUSH', KEYS[3], ARGV[2])
return false
)lua");
  return script;
}

// KEYS: record, day, ticket. ARGV: record JSON, posting id, its state.
// A posted record stays posted: the PMS booked it, whatever a late or duplicate delivery says.
const redis::RedisScript& UpdateScript() {
  static const redis::RedisScript script(R"lua(
local current = redis.call('GET', KEYS[1])
if not current then
  redis.call('RPUSH', KEYS[2], ARGV[2])
  redis.call('RPUSH', KEYS[3], ARGV[2])
elseif ARGV[3] ~= 'posted' and cjson.decode(current).state == 'posted' then
  return 0
end
redis.call('SET', KEYS[1], ARGV[1])
return 1
)lua");
  return script;
}

// Cuts free text to `max` bytes without splitting a UTF-8 sequence.
std::string Bounded(std::string text, size_t max) {
  if (text.size() <= max) return text;
  size_t cut = max;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  text.resize(cut);
  return text;
}

std::string StoredJson(PostingRecord record) {
  record.error_message = Bounded(std::move(record.error_message), RedisPostingLog::kMaxRecordText);
  record.hint = Bounded(std::move(record.hint), RedisPostingLog::kMaxRecordText);
  return json::EncodeRecord(record);
}

redis::ScriptCall CallFor(const redis::KeySpace& keys, const PostingRecord& record) {
  const Posting& posting = record.posting;
  const redis::PropertyKeys property = keys.Property(posting.property);
  const std::string id = posting.Id();
  return {{property.PostingRecord(id), property.PostingDay(posting.business_date.ToString()),
           property.PostingTicket(posting.source.pos_id, posting.source.ticket_id)},
          {StoredJson(record), id, std::string(PostingStateName(record.state))}};
}

core::Result<std::vector<redis::RedisReply>> RunCalls(redis::RedisPool& pool,
                                                      const redis::RedisScript& script,
                                                      const redis::KeySpace& keys,
                                                      const std::vector<PostingRecord>& records) {
  std::vector<redis::ScriptCall> calls;
  calls.reserve(records.size());
  for (const PostingRecord& record : records) calls.push_back(CallFor(keys, record));
  ASSIGN_OR_RETURN(auto connection, pool.Acquire());
  return redis::PipelineScript(*connection, script, calls);
}

core::Result<std::optional<PostingRecord>> RecordOf(const redis::RedisReply& reply) {
  ASSIGN_OR_RETURN(const std::optional<std::string_view> stored, reply.StringOrNil());
  if (!stored) return std::nullopt;
  ASSIGN_OR_RETURN(auto record, json::DecodeRecord(*stored));
  return record;
}

}  // namespace

RedisPostingLog::RedisPostingLog(redis::RedisPool& pool, redis::KeySpace keys)
    : pool_(pool), keys_(std::move(keys)) {}

core::Result<std::vector<InsertedRecord>> RedisPostingLog::InsertMany(
    const std::vector<PostingRecord>& records) {
  std::vector<InsertedRecord> out;
  if (records.empty()) return out;
  ASSIGN_OR_RETURN(auto replies, RunCalls(pool_, InsertScript(), keys_, records));
  out.reserve(records.size());
  for (size_t i = 0; i < records.size(); ++i) {
    ASSIGN_OR_RETURN(auto stored, RecordOf(replies[i]));
    if (stored) {
      out.push_back({std::move(*stored), false});
    } else {
      out.push_back({records[i], true});
    }
  }
  return out;
}

core::Status RedisPostingLog::UpdateMany(const std::vector<PostingRecord>& records) {
  if (records.empty()) return core::Ok();
  ASSIGN_OR_RETURN(auto replies, RunCalls(pool_, UpdateScript(), keys_, records));
  for (const redis::RedisReply& reply : replies) RETURN_IF_ERROR(reply.CheckNotError());
  return core::Ok();
}

core::Result<std::optional<PostingRecord>> RedisPostingLog::Get(const core::PropertyId& property,
                                                                std::string_view posting_id) {
  ASSIGN_OR_RETURN(auto reply,
                   pool_.Command({"GET", keys_.Property(property).PostingRecord(posting_id)}));
  return RecordOf(reply);
}

core::Result<std::vector<std::optional<PostingRecord>>> RedisPostingLog::GetMany(
    const core::PropertyId& property, const std::vector<std::string>& posting_ids) {
  std::vector<std::optional<PostingRecord>> out;
  if (posting_ids.empty()) return out;
  const redis::PropertyKeys keys = keys_.Property(property);
  std::vector<redis::RedisCommand> reads;
  for (size_t from = 0; from < posting_ids.size(); from += kRecordsPerRead) {
    redis::RedisCommand mget{"MGET"};
    const size_t to = std::min(posting_ids.size(), from + kRecordsPerRead);
    for (size_t i = from; i < to; ++i) mget.push_back(keys.PostingRecord(posting_ids[i]));
    reads.push_back(std::move(mget));
  }
  ASSIGN_OR_RETURN(auto replies, pool_.Pipeline(reads));
  out.reserve(posting_ids.size());
  for (const redis::RedisReply& reply : replies) {
    ASSIGN_OR_RETURN(auto values, reply.Array());
    for (const redis::RedisReply& value : values) {
      ASSIGN_OR_RETURN(auto record, RecordOf(value));
      out.push_back(std::move(record));
    }
  }
  if (out.size() != posting_ids.size()) {
    return core::Fail(core::ErrorCode::kInternal, "MGET answered another number of records");
  }
  return out;
}

core::Result<std::vector<PostingRecord>> RedisPostingLog::Day(const core::PropertyId& property,
                                                              core::CivilDate business_date) {
  ASSIGN_OR_RETURN(
      auto reply,
      pool_.Command(
          {"LRANGE", keys_.Property(property).PostingDay(business_date.ToString()), "0", "-1"}));
  ASSIGN_OR_RETURN(auto listed, reply.Array());
  std::vector<std::string> ids;
  ids.reserve(listed.size());
  for (const redis::RedisReply& id : listed) {
    ASSIGN_OR_RETURN(auto text, id.String());
    ids.emplace_back(text);
  }
  ASSIGN_OR_RETURN(auto records, GetMany(property, ids));
  std::vector<PostingRecord> out;
  out.reserve(records.size());
  for (auto& record : records) {
    // An index entry is pushed with its record, in one script: a missing one is a damaged store.
    if (record) out.push_back(std::move(*record));
  }
  return out;
}

core::Result<int64_t> RedisPostingLog::DaySize(const core::PropertyId& property,
                                               core::CivilDate business_date) {
  ASSIGN_OR_RETURN(
      auto reply,
      pool_.Command({"LLEN", keys_.Property(property).PostingDay(business_date.ToString())}));
  return reply.Integer();
}

core::Result<std::vector<std::string>> RedisPostingLog::TicketIds(const core::PropertyId& property,
                                                                  std::string_view pos_id,
                                                                  std::string_view ticket_id) {
  ASSIGN_OR_RETURN(
      auto reply,
      pool_.Command(
          {"LRANGE", keys_.Property(property).PostingTicket(pos_id, ticket_id), "0", "-1"}));
  ASSIGN_OR_RETURN(auto listed, reply.Array());
  std::vector<std::string> ids;
  for (const redis::RedisReply& id : listed) {
    ASSIGN_OR_RETURN(auto text, id.String());
    ids.emplace_back(text);
  }
  return ids;
}

}  // namespace chansync::postings
