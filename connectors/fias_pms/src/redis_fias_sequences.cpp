#include "chansync/fias_pms/redis_fias_sequences.h"

#include "chansync/redis/redis.h"

namespace chansync::fias_pms {
namespace {

// KEYS: the key -> P# hash, the counter. ARGV: the idempotency key ("" for a P# of its own),
// kMaxSequence. The key's P# when it has one, else the next of the counter (1 after the
// maximum), recorded for the key.
const redis::RedisScript kAllocate(R"lua(
if ARGV[1] ~= '' then
  local known = redis.call('HGET', KEYS[1], ARGV[1])
  if known then return tonumber(known) end
end
local next = redis.call('INCR', KEYS[2])
if next > tonumber(ARGV[2]) then
  next = 1
  redis.call('SET', KEYS[2], next)
end
if ARGV[1] ~= '' then redis.call('HSET', KEYS[1], ARGV[1], next) end
return next
)lua");

// KEYS: the key -> P# hash. ARGV: the idempotency key, its P#. Compare and delete.
const redis::RedisScript kForget(R"lua(
if redis.call('HGET', KEYS[1], ARGV[1]) == ARGV[2] then
  return redis.call('HDEL', KEYS[1], ARGV[1])
end
return 0
)lua");

}  // namespace

RedisFiasSequences::RedisFiasSequences(redis::RedisPool& pool, redis::KeySpace keys)
    : pool_(pool), keys_(std::move(keys)) {}

core::Result<int64_t> RedisFiasSequences::SequenceOf(const core::PropertyId& property,
                                                     const std::string& key) {
  if (key.empty()) {
    return core::Fail(core::ErrorCode::kInvalidArgument, "a FIAS posting needs a key for its P#");
  }
  const redis::PropertyKeys keys = keys_.Property(property);
  ASSIGN_OR_RETURN(auto reply, kAllocate.Run(pool_, {keys.FiasSequences(), keys.FiasLastSequence()},
                                             {key, std::to_string(kMaxSequence)}));
  return reply.Integer();
}

core::Result<int64_t> RedisFiasSequences::NewSequence(const core::PropertyId& property) {
  const redis::PropertyKeys keys = keys_.Property(property);
  ASSIGN_OR_RETURN(auto reply, kAllocate.Run(pool_, {keys.FiasSequences(), keys.FiasLastSequence()},
                                             {"", std::to_string(kMaxSequence)}));
  return reply.Integer();
}

core::Status RedisFiasSequences::Forget(const core::PropertyId& property, const std::string& key,
                                        int64_t sequence) {
  ASSIGN_OR_RETURN(auto reply, kForget.Run(pool_, {keys_.Property(property).FiasSequences()},
                                           {key, std::to_string(sequence)}));
  return reply.CheckNotError();
}

}  // namespace chansync::fias_pms
