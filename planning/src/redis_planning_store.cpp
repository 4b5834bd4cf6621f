#include "chansync/planning/redis_planning_store.h"

#include <charconv>
#include <string>
#include <string_view>

#include "chansync/redis/redis.h"

namespace chansync::planning {
namespace {

// KEYS: the channel products of one push. ARGV[1]: keep_from (days since epoch). ARGV[i + 1]:
// the runs pushed for KEYS[i], "<from>:<v>,<v>;<from>:<v>" (days since epoch). Values stay
// strings: they are copied, never computed on. A value left with no known night is deleted.
const redis::RedisScript kRecordScript(R"lua(
local keep = tonumber(ARGV[1])
for i, key in ipairs(KEYS) do
  local cells = {}
  local first, last = nil, nil
  local function put(day, value)
    if value == '' or day < keep then return end
    cells[day] = value
    if first == nil or day < first then first = day end
    if last == nil or day > last then last = day end
  end
  local function each_value(start, values)
    local day = start
    for value in string.gmatch(values .. ',', '([^,]*),') do
      put(day, value)
      day = day + 1
    end
  end
  local stored = redis.call('GET', key)
  if stored then
    local start, values = string.match(stored, '^(%-?%d+):(.*)$')
    if start then each_value(tonumber(start), values) end
  end
  for start, values in string.gmatch(ARGV[i + 1], '(%-?%d+):([^;]*)') do
    each_value(tonumber(start), values)
  end
  if first == nil then
    redis.call('DEL', key)
  else
    local out = {}
    for day = first, last do out[#out + 1] = cells[day] or '' end
    redis.call('SET', key, first .. ':' .. table.concat(out, ','))
  end
end
return #KEYS
)lua");

bool ParseInt(std::string_view text, int64_t* value) {
  if (text.empty()) return false;
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, *value);
  return ec == std::errc() && ptr == end;
}

// Fills `nights` (indexed from `from`) with the values of one stored string.
core::Status Decode(std::string_view stored, core::CivilDate from,
                    std::vector<std::optional<int>>* nights, const std::string& key) {
  auto unreadable = [&] {
    return core::Fail(core::ErrorCode::kInternal, "planning " + key + " is unreadable");
  };
  const size_t colon = stored.find(':');
  int64_t start = 0;
  if (colon == std::string_view::npos || !ParseInt(stored.substr(0, colon), &start)) {
    return unreadable();
  }
  const int64_t offset = start - from.DaysSinceEpoch();
  std::string_view values = stored.substr(colon + 1);
  for (int64_t night = offset;; ++night) {
    const size_t comma = values.find(',');
    const std::string_view value = values.substr(0, comma);
    if (!value.empty()) {
      int64_t units = 0;
      if (!ParseInt(value, &units)) return unreadable();
      if (night >= 0 && night < static_cast<int64_t>(nights->size())) {
        (*nights)[static_cast<size_t>(night)] = static_cast<int>(units);
      }
    }
    if (comma == std::string_view::npos) break;
    values.remove_prefix(comma + 1);
  }
  return core::Ok();
}

std::string EncodeRuns(const std::vector<core::PlanningRun>& runs) {
  std::string out;
  for (const auto& run : runs) {
    if (!out.empty()) out += ';';
    out += std::to_string(run.from.DaysSinceEpoch());
    out += ':';
    for (size_t i = 0; i < run.free_units.size(); ++i) {
      if (i > 0) out += ',';
      out += std::to_string(run.free_units[i]);
    }
  }
  return out;
}

}  // namespace

RedisPlanningStore::RedisPlanningStore(redis::RedisPool& pool, redis::KeySpace keys)
    : pool_(pool), keys_(std::move(keys)) {}

core::Result<std::vector<std::vector<std::optional<int>>>> RedisPlanningStore::Load(
    const core::PropertyId& property, const std::vector<ChannelProductKey>& keys,
    core::CivilDate from, int nights) {
  if (nights < 0) return core::Fail(core::ErrorCode::kInvalidArgument, "nights must be >= 0");
  std::vector<std::vector<std::optional<int>>> planning(
      keys.size(), std::vector<std::optional<int>>(static_cast<size_t>(nights)));
  if (keys.empty() || nights == 0) return planning;
  redis::RedisCommand mget{"MGET"};
  mget.reserve(keys.size() + 1);
  const redis::PropertyKeys property_keys = keys_.Property(property);
  for (const auto& key : keys) mget.push_back(property_keys.Plan(key.channel, key.product));
  ASSIGN_OR_RETURN(auto reply, pool_.Command(mget));
  ASSIGN_OR_RETURN(const auto values, reply.Array(keys.size()));
  for (size_t i = 0; i < keys.size(); ++i) {
    ASSIGN_OR_RETURN(const std::optional<std::string_view> stored, values[i].StringOrNil());
    if (!stored) continue;
    RETURN_IF_ERROR(Decode(*stored, from, &planning[i], mget[i + 1]));
  }
  return planning;
}

core::Status RedisPlanningStore::Record(const core::PlanningPush& push, core::CivilDate keep_from) {
  if (push.products.empty()) return core::Ok();
  std::vector<std::string> keys;
  std::vector<std::string> args;
  keys.reserve(push.products.size());
  args.reserve(push.products.size() + 1);
  args.push_back(std::to_string(keep_from.DaysSinceEpoch()));
  const redis::PropertyKeys property_keys = keys_.Property(push.property);
  for (const auto& product : push.products) {
    keys.push_back(property_keys.Plan(push.channel, product.product));
    args.push_back(EncodeRuns(product.runs));
  }
  ASSIGN_OR_RETURN(auto reply, kRecordScript.Run(pool_, keys, args));
  return core::Ok();
}

core::Status RedisPlanningStore::Forget(const core::PropertyId& property,
                                        const std::vector<ChannelProductKey>& keys) {
  if (keys.empty()) return core::Ok();
  redis::RedisCommand del{"DEL"};
  del.reserve(keys.size() + 1);
  const redis::PropertyKeys property_keys = keys_.Property(property);
  for (const auto& key : keys) del.push_back(property_keys.Plan(key.channel, key.product));
  ASSIGN_OR_RETURN(auto reply, pool_.Command(del));
  return core::Ok();
}

}  // namespace chansync::planning
