#include "redis_queue_scripts.h"

#include "chansync/redis/transient_error.h"

namespace chansync::queue {

const redis::RedisScript& ClaimScript() {
  static const redis::RedisScript script(R"lua(
local stream, delayed, dead = KEYS[1], KEYS[2], KEYS[3]
local group, consumer = ARGV[1], ARGV[2]
local budget = tonumber(ARGV[3])
local max_deliveries = tonumber(ARGV[7])
local shard = ARGV[8]

-- A delayed member is "<tracking id>\n<deliveries so far>\n<payload>".
for _, member in ipairs(redis.call('ZRANGEBYSCORE', delayed, '-inf', ARGV[4], 'LIMIT', 0, ARGV[9])) do
  local a = string.find(member, '\n', 1, true)
  local b = a and string.find(member, '\n', a + 1, true)
  if b then
    redis.call('XADD', stream, '*', 'payload', string.sub(member, b + 1),
               'origin', string.sub(member, 1, a - 1), 'prior', string.sub(member, a + 1, b - 1))
  else
    redis.call('XADD', dead, '*', 'payload', member, 'reason', 'malformed delayed retry',
               'original_id', '', 'deliveries', 0)
  end
  redis.call('ZREM', delayed, member)
end

local out = {}
local function settle(id, flat, deliveries)
  local f = {}
  for i = 1, #flat, 2 do f[flat[i]] = flat[i + 1] end
  local total = deliveries + (tonumber(f['prior']) or 0)
  local origin = f['origin'] or (shard .. '/' .. id)
  local reason
  if f['payload'] == nil then
    reason = 'malformed entry: no payload field'
  elseif total > max_deliveries then
    reason = 'delivered ' .. total .. ' times, more than max_deliveries ' .. max_deliveries
  end
  if reason then
    redis.call('XADD', dead, '*', 'payload', f['payload'] or '', 'reason', reason,
               'original_id', origin, 'deliveries', total)
    redis.call('XACK', stream, group, id)
    redis.call('XDEL', stream, id)
  else
    out[#out + 1] = {id, f['payload'], total, origin}
  end
end

local more = 0
local claimed = redis.call('XAUTOCLAIM', stream, group, consumer, ARGV[5], ARGV[6], 'COUNT', budget)
if #claimed[2] >= budget then more = 1 end
for _, e in ipairs(claimed[2]) do
  if type(e) == 'table' and type(e[2]) == 'table' then
    local p = redis.call('XPENDING', stream, group, e[1], e[1], 1)
    settle(e[1], e[2], (p[1] and p[1][4]) or 1)
  end
end

local remaining = budget - #out
if remaining > 0 then
  local r = redis.call('XREADGROUP', 'GROUP', group, consumer, 'COUNT', remaining,
                      'STREAMS', stream, '>')
  if r then
    local entries = r[1][2]
    if #entries >= remaining then more = 1 end
    for _, e in ipairs(entries) do settle(e[1], e[2], 1) end
  end
end

local last_delivered, next_due = '', ''
if #out == 0 and more == 0 then
  for _, g in ipairs(redis.call('XINFO', 'GROUPS', stream)) do
    local info = {}
    for i = 1, #g, 2 do info[g[i]] = g[i + 1] end
    if info['name'] == group then last_delivered = info['last-delivered-id'] end
  end
  local first = redis.call('ZRANGE', delayed, 0, 0, 'WITHSCORES')
  if first[2] then next_due = first[2] end
end
local reply = {claimed[1], more, last_delivered, next_due}
for _, m in ipairs(out) do reply[#reply + 1] = m end
return reply
)lua");
  return script;
}

const redis::RedisScript& RetryLaterScript() {
  static const redis::RedisScript script(R"lua(
local settled = redis.call('XACK', KEYS[1], ARGV[1], ARGV[2])
if settled == 1 then
  redis.call('ZADD', KEYS[2], ARGV[3], ARGV[4] .. '\n' .. ARGV[5] .. '\n' .. ARGV[6])
  redis.call('XDEL', KEYS[1], ARGV[2])
end
return settled
)lua");
  return script;
}

const redis::RedisScript& DeadLetterScript() {
  static const redis::RedisScript script(R"lua(
local settled = redis.call('XACK', KEYS[1], ARGV[1], ARGV[2])
if settled == 1 then
  redis.call('XADD', KEYS[2], '*', 'payload', ARGV[3], 'reason', ARGV[4],
             'original_id', ARGV[5], 'deliveries', ARGV[6])
  redis.call('XDEL', KEYS[1], ARGV[2])
end
return settled
)lua");
  return script;
}

const redis::RedisScript& BoundedAddScript() {
  static const redis::RedisScript script(R"lua(
if redis.call('XLEN', KEYS[1]) >= tonumber(ARGV[1]) then
  return redis.error_reply('QUEUEFULL ' .. KEYS[1] .. ' holds ' .. ARGV[1] .. ' unsettled entries')
end
return redis.call('XADD', KEYS[1], '*', 'payload', ARGV[2])
)lua");
  return script;
}

core::Error ReplyError(std::string_view context, std::string_view reply_text) {
  std::string message = std::string(context) + ": " + std::string(reply_text);
  return core::Error{redis::ErrorCodeOfReply(reply_text), std::move(message)};
}

}  // namespace chansync::queue
