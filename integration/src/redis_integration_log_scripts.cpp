#include "redis_integration_log_scripts.h"

namespace chansync::integration {

// A stored record is "<class>\n<months>\n<record JSON>": its header says which indexes hold it,
// so a Put takes it out of those it leaves without searching. A ZADD of an unchanged member and
// score changes nothing and is not written to the AOF, so it is not worth skipping (the score,
// the sale time, may change with a revision). Every record is checked before any is written,
// so a STALE answer leaves the whole call undone; a later record of the same key sees the header
// an earlier one of the call wrote. The indexes a record joins come in KEYS in the order of its
// months, so the common call (a new record, or one that keeps its class and months) builds no
// lookup table and concatenates no strings: the table of leaving indexes is built only when a
// record leaves one. Record fields are read by position (ARGV[5i - 3] .. ARGV[5i + 1]).
const redis::RedisScript& PutScript() {
  static const redis::RedisScript script(R"lua(
local n = tonumber(ARGV[1])
local leaving_count = #ARGV - 1 - 5 * n
local first_leaving = #KEYS - leaving_count + 1
local last_of = n > 1 and {} or nil
local leaving, leaves, stale
for i = 1, n do
  local key, months, class = KEYS[i], ARGV[5 * i], ARGV[5 * i + 1]
  local old_class, old_months
  local earlier = last_of and last_of[key]
  if earlier then
    old_months, old_class = ARGV[5 * earlier], ARGV[5 * earlier + 1]
  else
    local stored = redis.call('GET', key)
    if stored then old_class, old_months = string.match(stored, '^(%l*)\n([^\n]*)\n') end
  end
  if last_of then last_of[key] = i end
  if old_class and (old_class ~= class or old_months ~= months) then
    if not leaving then
      leaving, leaves, stale = {}, {}, {}
      for j = 1, leaving_count do leaving[ARGV[5 * n + 1 + j]] = KEYS[first_leaving - 1 + j] end
    end
    local spaced = ' ' .. months .. ' '
    local leave = {}
    for month in string.gmatch(old_months, '%S+') do
      if old_class ~= class or not string.find(spaced, ' ' .. month .. ' ', 1, true) then
        local name = month .. ':' .. old_class
        local index_key = leaving[name]
        if index_key then leave[#leave + 1] = index_key else stale[#stale + 1] = name end
      end
    end
    leaves[i] = leave
  end
end
if stale and #stale > 0 then return 'STALE ' .. table.concat(stale, ' ') end
local join = n
for i = 1, n do
  local member, score = ARGV[5 * i - 3], ARGV[5 * i - 2]
  redis.call('SET', KEYS[i], ARGV[5 * i - 1])
  local leave = leaves and leaves[i]
  if leave then
    for _, index_key in ipairs(leave) do redis.call('ZREM', index_key, member) end
  end
  for _ in string.gmatch(ARGV[5 * i], '%S+') do
    join = join + 1
    redis.call('ZADD', KEYS[join], score, member)
  end
end
return n
)lua");
  return script;
}

const redis::RedisScript& ReplaceScript() {
  static const redis::RedisScript script(R"lua(
local index = {}
for j = 2, #KEYS do index[ARGV[6 + j]] = KEYS[j] end
local member, seen, data, now, sale, arrival, departure = unpack(ARGV, 1, 7)
local stored = redis.call('GET', KEYS[1])
if not stored then return 'NOT_FOUND' end
local was, months, old_data = string.match(stored, '^(%l*)\n([^\n]*)\n(.*)$')
local old = cjson.decode(old_data)
if old.u ~= tonumber(seen) then return 'CHANGED' end
if old.sa ~= tonumber(sale) or old.a ~= arrival or old.d ~= departure then return 'MOVED' end
local moves, stale = {}, {}
if was ~= now then
  for month in string.gmatch(months, '%S+') do
    local from, to = index[month .. ':' .. was], index[month .. ':' .. now]
    if from and to then moves[#moves + 1] = {from, to} else stale[#stale + 1] = month end
  end
end
if #stale > 0 then return 'STALE ' .. table.concat(stale, ' ') end
for _, move in ipairs(moves) do
  redis.call('ZREM', move[1], member)
  redis.call('ZADD', move[2], sale, member)
end
redis.call('SET', KEYS[1], now .. '\n' .. months .. '\n' .. data)
return 'OK'
)lua");
  return script;
}

}  // namespace chansync::integration
