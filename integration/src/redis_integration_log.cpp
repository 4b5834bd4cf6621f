#include "chansync/integration/redis_integration_log.h"

#include <map>

#include "integration_record_json.h"

namespace chansync::integration {
namespace {

// A stored record is one string, "<class>\n<months>\n<record JSON>": a hash would leave its
// compact encoding as soon as the JSON passes 64 bytes and cost twice the memory. The JSON never
// holds a raw newline. The header says which indexes hold the record, so a Put can take it out
// of those it leaves without searching.
//
// KEYS: record keys of one property. ARGV[1]: "cs:{p:P}:integ:"; then per record: score, the
// stored string, months (space-separated "sale:YYYY-MM stay:YYYY-MM ..."), class. The record goes
// into one index per month, its class's; it leaves the indexes of months or a class it no longer
// has. The caller builds the stored string, so the script copies no record text; SET ... GET
// reads the previous header in the same call that writes the new one.
// A ZADD of an unchanged member and score changes nothing and is not written to the AOF, so it
// is not worth skipping (the score, the sale time, may change with a revision).
const redis::RedisScript kPutScript(R"lua(
local prefix = ARGV[1]
for i, key in ipairs(KEYS) do
  local a = 4 * i - 2
  local score, stored, months, class = ARGV[a], ARGV[a + 1], ARGV[a + 2], ARGV[a + 3]
  local member = string.sub(key, #prefix + 1)
  local old = redis.call('SET', key, stored, 'GET')
  if old then
    local old_class, old_months = string.match(old, '^(%l*)\n([^\n]*)\n')
    if old_class and (old_class ~= class or old_months ~= months) then
      local spaced = ' ' .. months .. ' '
      for m in string.gmatch(old_months, '%S+') do
        if old_class ~= class or not string.find(spaced, ' ' .. m .. ' ', 1, true) then
          redis.call('ZREM', prefix .. m .. ':' .. old_class, member)
        end
      end
    end
  end
  for m in string.gmatch(months, '%S+') do
    redis.call('ZADD', prefix .. m .. ':' .. class, score, member)
  end
end
return #KEYS
)lua");

// KEYS[1]: record key. ARGV: prefix, seen updated_at ms, data, class, sale ms, arrival,
// departure. Compare-and-set on updated_at; the months stay, the record changes class index
// in each of them when its class changes.
const redis::RedisScript kReplaceScript(R"lua(
local prefix = ARGV[1]
local stored = redis.call('GET', KEYS[1])
if not stored then return 'NOT_FOUND' end
local was, months, data = string.match(stored, '^(%l*)\n([^\n]*)\n(.*)$')
local old = cjson.decode(data)
if old.u ~= tonumber(ARGV[2]) then return 'CHANGED' end
if old.sa ~= tonumber(ARGV[5]) or old.a ~= ARGV[6] or old.d ~= ARGV[7] then return 'MOVED' end
local now = ARGV[4]
if was ~= now then
  local member = string.sub(KEYS[1], #prefix + 1)
  for base in string.gmatch(months, '%S+') do
    redis.call('ZREM', prefix .. base .. ':' .. was, member)
    redis.call('ZADD', prefix .. base .. ':' .. now, ARGV[5], member)
  end
end
redis.call('SET', KEYS[1], now .. '\n' .. months .. '\n' .. ARGV[3])
return 'OK'
)lua");

// KEYS: the class indexes of one month to read. ARGV[1]: "cs:{p:P}:integ:". The records, newest
// sale first; equal sale times in descending member order, as ZREVRANGE gives them. ZUNION
// orders like ZRANGE, and a record is in one class index only, so its score is its sale time.
const redis::RedisScript kListScript(R"lua(
local members
if #KEYS == 1 then
  members = redis.call('ZRANGE', KEYS[1], 0, -1)
else
  members = redis.call('ZUNION', #KEYS, unpack(KEYS))
end
local out = {}
for i = #members, 1, -1 do
  local data = redis.call('GET', ARGV[1] .. members[i])
  if data then out[#out + 1] = data end
end
return out
)lua");

std::string PropertyPrefix(const core::PropertyId& property) {
  return "cs:{p:" + property + "}:integ:";
}

std::string_view ClassName(RedisIntegrationLog::IndexClass index_class) {
  switch (index_class) {
    case RedisIntegrationLog::IndexClass::kSucceeded:
      return "succeeded";
    case RedisIntegrationLog::IndexClass::kFailed:
      return "failed";
    case RedisIntegrationLog::IndexClass::kPending:
      return "pending";
  }
  return "pending";
}

std::string_view ClassNameOf(const IntegrationRecord& record) {
  return ClassName(RedisIntegrationLog::ClassOf(record));
}

std::string MonthSuffixes(core::YearMonth sale_month, const core::Stay& stay) {
  std::string out = "sale:" + sale_month.ToString();
  for (const auto& month : StayMonthsOf(stay)) out += " stay:" + month.ToString();
  return out;
}

core::Status CheckKeyParts(const core::Reservation& r) {
  for (const auto& [field, value] :
       {std::pair<std::string_view, const std::string&>{"reservation.property", r.property},
        {"reservation.channel", r.channel},
        {"reservation.channel_reservation_id", r.channel_reservation_id}}) {
    if (auto s = core::ValidateId(field, value); !s) return s;
  }
  return core::Ok();
}

// The record JSON after the "<class>\n<months>\n" header.
core::Result<IntegrationRecord> DecodeStored(std::string_view stored) {
  const size_t first = stored.find('\n');
  const size_t second = first == std::string_view::npos ? first : stored.find('\n', first + 1);
  if (second == std::string_view::npos) {
    return core::Fail(core::ErrorCode::kInternal, "stored integration record has no header");
  }
  return DecodeIntegrationRecord(stored.substr(second + 1));
}

bool IsNoScript(const redis::RedisReply& reply) {
  return reply.is_error() && reply.str.starts_with("NOSCRIPT");
}

}  // namespace

std::string RedisIntegrationLog::RecordKey(const IntegrationKey& key) {
  return PropertyPrefix(key.property) + key.channel + ":" + key.channel_reservation_id;
}

std::string RedisIntegrationLog::IndexKey(const core::PropertyId& property, MonthIndex by,
                                          core::YearMonth month, IndexClass index_class) {
  return PropertyPrefix(property) + (by == MonthIndex::kBySaleDate ? "sale:" : "stay:") +
         month.ToString() + ":" + std::string(ClassName(index_class));
}

RedisIntegrationLog::IndexClass RedisIntegrationLog::ClassOf(const IntegrationRecord& record) {
  if (MatchesOutcome(record, OutcomeFilter::kSucceeded)) return IndexClass::kSucceeded;
  if (MatchesOutcome(record, OutcomeFilter::kFailed)) return IndexClass::kFailed;
  return IndexClass::kPending;
}

core::Status RedisIntegrationLog::Put(const std::vector<IntegrationRecord>& records,
                                      std::string_view timezone) {
  if (records.empty()) return core::Ok();
  // One script call per property: its keys share a slot, and a call stays atomic.
  struct Group {
    std::vector<std::string> keys;
    std::vector<std::string> args;
  };
  std::map<core::PropertyId, Group> groups;
  for (const auto& record : records) {
    const core::Reservation& r = record.reservation;
    if (auto s = CheckKeyParts(r); !s) return s;
    auto sale_month = SaleMonthOf(r.sold_at, timezone);
    if (!sale_month) return std::unexpected(sale_month.error());
    Group& group = groups[r.property];
    if (group.args.empty()) group.args.push_back(PropertyPrefix(r.property));
    group.keys.push_back(RecordKey({r.property, r.channel, r.channel_reservation_id}));
    group.args.push_back(std::to_string(ToEpochMillis(r.sold_at)));
    std::string months = MonthSuffixes(*sale_month, r.stay);
    const std::string_view class_name = ClassNameOf(record);
    std::string stored;
    std::string data = EncodeIntegrationRecord(record);
    stored.reserve(class_name.size() + months.size() + data.size() + 2);
    stored.append(class_name).append(1, '\n').append(months).append(1, '\n').append(data);
    group.args.push_back(std::move(stored));
    group.args.push_back(std::move(months));
    group.args.push_back(std::string(class_name));
  }
  ASSIGN_OR_RETURN(auto connection, pool_.Acquire());
  std::vector<redis::RedisCommand> commands;
  for (const auto& [property, group] : groups) {
    auto command = kPutScript.EvalShaCommand(*connection, group.keys, group.args);
    if (!command) return std::unexpected(command.error());
    commands.push_back(std::move(*command));
  }
  auto replies = connection->Pipeline(commands);
  if (!replies) return std::unexpected(replies.error());
  size_t i = 0;
  for (const auto& [property, group] : groups) {
    const redis::RedisReply& reply = (*replies)[i++];
    if (IsNoScript(reply)) {
      // Redis restarted and forgot the script; Run loads it again. Putting twice is harmless.
      auto rerun = kPutScript.Run(*connection, group.keys, group.args);
      if (!rerun) return std::unexpected(rerun.error());
      continue;
    }
    RETURN_IF_ERROR(reply.CheckNotError());
  }
  return core::Ok();
}

core::Result<std::optional<IntegrationRecord>> RedisIntegrationLog::Get(const IntegrationKey& key) {
  auto many = GetMany({key});
  if (!many) return std::unexpected(many.error());
  return std::move(many->front());
}

core::Result<std::vector<std::optional<IntegrationRecord>>> RedisIntegrationLog::GetMany(
    const std::vector<IntegrationKey>& keys) {
  std::vector<std::optional<IntegrationRecord>> out;
  if (keys.empty()) return out;
  // GET per key rather than MGET: keys of several properties live in several Cluster slots.
  std::vector<redis::RedisCommand> commands;
  commands.reserve(keys.size());
  for (const auto& key : keys) commands.push_back({"GET", RecordKey(key)});
  auto replies = pool_.Pipeline(commands);
  if (!replies) return std::unexpected(replies.error());
  out.reserve(keys.size());
  for (const auto& reply : *replies) {
    ASSIGN_OR_RETURN(const std::optional<std::string_view> stored, reply.StringOrNil());
    if (!stored) {
      out.emplace_back();
      continue;
    }
    auto record = DecodeStored(*stored);
    if (!record) return std::unexpected(record.error());
    out.emplace_back(std::move(*record));
  }
  return out;
}

core::Result<std::vector<IntegrationRecord>> RedisIntegrationLog::List(
    const IntegrationQuery& query) {
  if (auto s = core::ValidateId("property", query.property); !s) return std::unexpected(s.error());
  std::vector<std::string> keys;
  switch (query.filter) {
    case OutcomeFilter::kAll:
      for (auto index_class : {IndexClass::kSucceeded, IndexClass::kFailed, IndexClass::kPending}) {
        keys.push_back(IndexKey(query.property, query.by, query.month, index_class));
      }
      break;
    case OutcomeFilter::kSucceeded:
      keys.push_back(IndexKey(query.property, query.by, query.month, IndexClass::kSucceeded));
      break;
    case OutcomeFilter::kFailed:
      keys.push_back(IndexKey(query.property, query.by, query.month, IndexClass::kFailed));
      break;
  }
  auto reply = kListScript.Run(pool_, keys, {PropertyPrefix(query.property)});
  if (!reply) return std::unexpected(reply.error());
  ASSIGN_OR_RETURN(const auto elements, reply->Array());
  std::vector<IntegrationRecord> out;
  out.reserve(elements.size());
  for (const auto& element : elements) {
    ASSIGN_OR_RETURN(const std::string_view stored, element.String());
    auto record = DecodeStored(stored);
    if (!record) return std::unexpected(record.error());
    out.push_back(std::move(*record));
  }
  return out;
}

core::Status RedisIntegrationLog::Replace(const IntegrationRecord& record,
                                          core::Timestamp seen_updated_at) {
  const core::Reservation& r = record.reservation;
  if (auto s = CheckKeyParts(r); !s) return s;
  auto reply = kReplaceScript.Run(
      pool_, {RecordKey({r.property, r.channel, r.channel_reservation_id})},
      {PropertyPrefix(r.property), std::to_string(ToEpochMillis(seen_updated_at)),
       EncodeIntegrationRecord(record), std::string(ClassNameOf(record)),
       std::to_string(ToEpochMillis(r.sold_at)), r.stay.arrival.ToString(),
       r.stay.departure.ToString()});
  if (!reply) return std::unexpected(reply.error());
  ASSIGN_OR_RETURN(const std::string_view outcome, reply->String());
  if (outcome == "OK") return core::Ok();
  if (outcome == "NOT_FOUND") {
    return core::Fail(core::ErrorCode::kNotFound, "no integration " + record.id());
  }
  if (outcome == "MOVED") {
    return core::Fail(core::ErrorCode::kConflict,
                      "integration " + record.id() + ": its sale time or stay changed");
  }
  return core::Fail(core::ErrorCode::kConflict,
                    "integration " + record.id() + " changed meanwhile; look at it again");
}

}  // namespace chansync::integration
