#include "chansync/fias_pms/redis_fias_outbox.h"

#include <algorithm>
#include <charconv>

#include "chansync/redis/redis.h"

namespace chansync::fias_pms {
namespace {

core::Result<OutboxEntry> Decode(std::string_view sequence, std::string_view value) {
  OutboxEntry entry;
  const auto parsed =
      std::from_chars(sequence.data(), sequence.data() + sequence.size(), entry.sequence);
  const size_t newline = value.find('\n');
  if (parsed.ec != std::errc{} || newline == std::string_view::npos) {
    return core::Fail(core::ErrorCode::kInternal,
                      "unreadable FIAS outbox entry " + std::string(sequence));
  }
  entry.idempotency_key = std::string(value.substr(0, newline));
  entry.record = std::string(value.substr(newline + 1));
  return entry;
}

}  // namespace

RedisFiasOutbox::RedisFiasOutbox(redis::RedisPool& pool, redis::KeySpace keys)
    : pool_(pool), keys_(std::move(keys)) {}

core::Status RedisFiasOutbox::Put(const core::PropertyId& property, const OutboxEntry& entry) {
  ASSIGN_OR_RETURN(auto reply, pool_.Command({"HSET", keys_.Property(property).FiasOutbox(),
                                              std::to_string(entry.sequence),
                                              entry.idempotency_key + "\n" + entry.record}));
  return reply.CheckNotError();
}

core::Status RedisFiasOutbox::Remove(const core::PropertyId& property, int64_t sequence) {
  ASSIGN_OR_RETURN(auto reply, pool_.Command({"HDEL", keys_.Property(property).FiasOutbox(),
                                              std::to_string(sequence)}));
  return reply.CheckNotError();
}

core::Result<std::vector<OutboxEntry>> RedisFiasOutbox::Outstanding(
    const core::PropertyId& property) {
  ASSIGN_OR_RETURN(auto reply, pool_.Command({"HGETALL", keys_.Property(property).FiasOutbox()}));
  ASSIGN_OR_RETURN(auto pairs, reply.Pairs());
  std::vector<OutboxEntry> entries;
  for (const auto& [sequence, value] : pairs) {
    ASSIGN_OR_RETURN(OutboxEntry entry, Decode(sequence, value));
    entries.push_back(std::move(entry));
  }
  std::sort(entries.begin(), entries.end(),
            [](const OutboxEntry& a, const OutboxEntry& b) { return a.sequence < b.sequence; });
  return entries;
}

}  // namespace chansync::fias_pms
