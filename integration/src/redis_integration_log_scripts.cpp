#include "redis_integration_log_scripts.h"

namespace chansync::integration {

// A stored record is "<class>\n<months>\n<record JSON>": its header says which indexes hold it,
// so a Put takes it out of those it leaves without searching. A ZADD of an unchanged member and
// score changes nothing and is not written to the AOF, so it is not worth skipping (the score,
// the sale time, may change with a revision). Every record is checked before any is written,
// so a STALE answer leaves the whole call undone; a later record of the same key sees the header
// an earlier one of the call wrote.
const redis::RedisScript& PutScript() {
  static const redis::RedisScript script(R"lua(
local n = tonumber(ARGV[1])
local index = {}
for j = n + 1, #KEYS do index[ARGV[1 + 5 * n + j - n]] = KEYS[j] end
local function arg(i, field) return ARGV[1 + 5 * (i - 1) + field] end
local headers, plans, stale = {}, {}, {}
for i = 1, n do
  local key, months, class = KEYS[i], arg(i, 4), arg(i, 5)
  local old = headers[key]
  if old == nil then
    local stored = redis.call('GET', key)
    local old_class, old_months = string.match(stored or '', '^(%l*)\n([^\n]*)\n')
    old = old_class and {old_class, old_months} or false
  end
  local leave, join = {}, {}
  if old and (old[1] ~= class or old[2] ~= months) then
    local spaced = ' ' .. months .. ' '
    for month in string.gmatch(old[2], '%S+') do
      if old[1] ~= class or not string.find(spaced, ' ' .. month .. ' ', 1, true) then
        local index_key = index[month .. ':' .. old[1]]
        if index_key then leave[#leave + 1] = index_key else stale[#stale + 1] = month end
      end
    end
  end
  for month in string.gmatch(months, '%S+') do
    local index_key = index[month .. ':' .. class]
    if not index_key then return redis.error_reply('ERR index ' .. month .. ':' .. class .. ' not in KEYS') end
    join[#join + 1] = index_key
  end
  headers[key] = {class, months}
  plans[i] = {leave, join}
end
if #stale > 0 then return 'STALE ' .. table.concat(stale, ' ') end
for i = 1, n do
  local member, score = arg(i, 1), arg(i, 2)
  redis.call('SET', KEYS[i], arg(i, 3))
  for _, index_key in ipairs(plans[i][1]) do redis.call('ZREM', index_key, member) end
  for _, index_key in ipairs(plans[i][2]) do redis.call('ZADD', index_key, score, member) end
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
