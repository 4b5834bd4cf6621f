#include "chansync/sync/redis_integration_log.h"

#include <map>
#include <set>

#include "integration_record_json.h"

namespace chansync::sync {
namespace {

// A stored record is one string, "<outcome>\n<month indexes>\n<record JSON>": a hash would leave
// its compact encoding as soon as the JSON passes 64 bytes and cost twice the memory. The JSON
// never holds a raw newline.
//
// KEYS: record keys of one property. ARGV[1]: "cs:{p:P}:integ:"; then per record: score, data,
// month indexes (space-separated suffixes), outcome ("" while pending). Index entries the
// record no longer belongs to (a revision moved the stay, the outcome changed) are removed.
const core::RedisScript kPutScript(R"lua(
local prefix = ARGV[1]
local function each(months, outcome, fn)
  for base in string.gmatch(months, '%S+') do
    fn(base)
    if outcome ~= '' then fn(base .. ':' .. outcome) end
  end
end
for i, key in ipairs(KEYS) do
  local a = 2 + 4 * (i - 1)
  local score, data, months, outcome = ARGV[a], ARGV[a + 1], ARGV[a + 2], ARGV[a + 3]
  local member = string.sub(key, #prefix + 1)
  local old = redis.call('GET', key)
  local keep = {}
  each(months, outcome, function(s)
    keep[s] = true
    redis.call('ZADD', prefix .. s, score, member)
  end)
  if old then
    local old_outcome, old_months = string.match(old, '^([^\n]*)\n([^\n]*)\n')
    each(old_months, old_outcome, function(s)
      if not keep[s] then redis.call('ZREM', prefix .. s, member) end
    end)
  end
  redis.call('SET', key, outcome .. '\n' .. months .. '\n' .. data)
end
return #KEYS
)lua");

// KEYS[1]: record key. ARGV: prefix, seen updated_at ms, data, outcome, sale ms, arrival,
// departure. Compare-and-set on updated_at; the months stay, the outcome indexes follow.
const core::RedisScript kReplaceScript(R"lua(
local prefix = ARGV[1]
local stored = redis.call('GET', KEYS[1])
if not stored then return 'NOT_FOUND' end
local was, months, data = string.match(stored, '^([^\n]*)\n([^\n]*)\n(.*)$')
local old = cjson.decode(data)
if old.u ~= tonumber(ARGV[2]) then return 'CHANGED' end
if old.sa ~= tonumber(ARGV[5]) or old.a ~= ARGV[6] or old.d ~= ARGV[7] then return 'MOVED' end
local member = string.sub(KEYS[1], #prefix + 1)
local now = ARGV[4]
for base in string.gmatch(months, '%S+') do
  if was ~= '' and was ~= now then redis.call('ZREM', prefix .. base .. ':' .. was, member) end
  if now ~= '' then redis.call('ZADD', prefix .. base .. ':' .. now, ARGV[5], member) end
end
redis.call('SET', KEYS[1], now .. '\n' .. months .. '\n' .. ARGV[3])
return 'OK'
)lua");

// KEYS[1]: a month index. ARGV[1]: "cs:{p:P}:integ:". The records, newest sale first.
const core::RedisScript kListScript(R"lua(
local members = redis.call('ZREVRANGE', KEYS[1], 0, -1)
local out = {}
for _, member in ipairs(members) do
  local data = redis.call('GET', ARGV[1] .. member)
  if data then out[#out + 1] = data end
end
return out
)lua");

std::string PropertyPrefix(const core::PropertyId& property) {
  return "cs:{p:" + property + "}:integ:";
}

std::string_view OutcomeTag(const IntegrationRecord& record) {
  if (MatchesOutcome(record, OutcomeFilter::kSucceeded)) return "succeeded";
  if (MatchesOutcome(record, OutcomeFilter::kFailed)) return "failed";
  return "";
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

core::Status ReplyError(const core::RedisReply& reply) {
  if (reply.is_error()) return core::Fail(core::ErrorCode::kInternal, "redis: " + reply.str);
  return core::Ok();
}

// The record JSON after the "<outcome>\n<months>\n" header.
core::Result<IntegrationRecord> DecodeStored(std::string_view stored) {
  const size_t first = stored.find('\n');
  const size_t second = first == std::string_view::npos ? first : stored.find('\n', first + 1);
  if (second == std::string_view::npos) {
    return core::Fail(core::ErrorCode::kInternal, "stored integration record has no header");
  }
  return DecodeIntegrationRecord(stored.substr(second + 1));
}

bool IsNoScript(const core::RedisReply& reply) {
  return reply.is_error() && reply.str.starts_with("NOSCRIPT");
}

}  // namespace

std::string RedisIntegrationLog::RecordKey(const IntegrationKey& key) {
  return PropertyPrefix(key.property) + key.channel + ":" + key.channel_reservation_id;
}

std::string RedisIntegrationLog::IndexKey(const core::PropertyId& property, MonthIndex by,
                                          core::YearMonth month, OutcomeFilter filter) {
  std::string key = PropertyPrefix(property) + (by == MonthIndex::kBySaleDate ? "sale:" : "stay:") +
                    month.ToString();
  if (filter == OutcomeFilter::kSucceeded) key += ":succeeded";
  if (filter == OutcomeFilter::kFailed) key += ":failed";
  return key;
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
    group.args.push_back(EncodeIntegrationRecord(record));
    group.args.push_back(MonthSuffixes(*sale_month, r.stay));
    group.args.push_back(std::string(OutcomeTag(record)));
  }
  auto connection = pool_.Acquire();
  std::vector<core::RedisCommand> commands;
  for (const auto& [property, group] : groups) {
    auto command = kPutScript.EvalShaCommand(*connection, group.keys, group.args);
    if (!command) return std::unexpected(command.error());
    commands.push_back(std::move(*command));
  }
  auto replies = connection->Pipeline(commands);
  if (!replies) return std::unexpected(replies.error());
  size_t i = 0;
  for (const auto& [property, group] : groups) {
    const core::RedisReply& reply = (*replies)[i++];
    if (IsNoScript(reply)) {
      // Redis restarted and forgot the script; Run loads it again. Putting twice is harmless.
      auto rerun = kPutScript.Run(*connection, group.keys, group.args);
      if (!rerun) return std::unexpected(rerun.error());
      continue;
    }
    if (auto s = ReplyError(reply); !s) return s;
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
  std::vector<core::RedisCommand> commands;
  commands.reserve(keys.size());
  for (const auto& key : keys) commands.push_back({"GET", RecordKey(key)});
  auto replies = pool_.Pipeline(commands);
  if (!replies) return std::unexpected(replies.error());
  out.reserve(keys.size());
  for (const auto& reply : *replies) {
    if (auto s = ReplyError(reply); !s) return std::unexpected(s.error());
    if (reply.is_nil()) {
      out.emplace_back();
      continue;
    }
    auto record = DecodeStored(reply.str);
    if (!record) return std::unexpected(record.error());
    out.emplace_back(std::move(*record));
  }
  return out;
}

core::Result<std::vector<IntegrationRecord>> RedisIntegrationLog::List(
    const IntegrationQuery& query) {
  if (auto s = core::ValidateId("property", query.property); !s) return std::unexpected(s.error());
  auto reply =
      kListScript.Run(pool_, {IndexKey(query.property, query.by, query.month, query.filter)},
                      {PropertyPrefix(query.property)});
  if (!reply) return std::unexpected(reply.error());
  std::vector<IntegrationRecord> out;
  out.reserve(reply->elements.size());
  for (const auto& element : reply->elements) {
    auto record = DecodeStored(element.str);
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
       EncodeIntegrationRecord(record), std::string(OutcomeTag(record)),
       std::to_string(ToEpochMillis(r.sold_at)), r.stay.arrival.ToString(),
       r.stay.departure.ToString()});
  if (!reply) return std::unexpected(reply.error());
  if (auto s = ReplyError(*reply); !s) return s;
  if (reply->str == "OK") return core::Ok();
  if (reply->str == "NOT_FOUND") {
    return core::Fail(core::ErrorCode::kNotFound, "no integration " + record.id());
  }
  if (reply->str == "MOVED") {
    return core::Fail(core::ErrorCode::kConflict,
                      "integration " + record.id() + ": its sale time or stay changed");
  }
  return core::Fail(core::ErrorCode::kConflict,
                    "integration " + record.id() + " changed meanwhile; look at it again");
}

}  // namespace chansync::sync
