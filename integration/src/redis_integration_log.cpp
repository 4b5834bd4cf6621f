#include "chansync/integration/redis_integration_log.h"

#include <algorithm>
#include <map>
#include <set>

#include "integration_record_json.h"
#include "redis_integration_log_scripts.h"

namespace chansync::integration {
namespace {

// A script answers STALE only when a record's stored header names indexes the caller did not
// pass (Put passes none a record leaves until told, Replace every class of the months it knows);
// each retry passes those too, so only writers moving the same record again and again between
// our attempts exhaust these.
constexpr int kMaxScriptAttempts = 4;

constexpr std::string_view kStale = "STALE ";

using IndexClass = RedisIntegrationLog::IndexClass;
constexpr IndexClass kEveryClass[] = {IndexClass::kSucceeded, IndexClass::kFailed,
                                      IndexClass::kPending};

std::string_view ClassName(IndexClass index_class) {
  switch (index_class) {
    case IndexClass::kSucceeded:
      return "succeeded";
    case IndexClass::kFailed:
      return "failed";
    case IndexClass::kPending:
      return "pending";
  }
  return "pending";
}

std::string_view ClassNameOf(const IntegrationRecord& record) {
  return ClassName(RedisIntegrationLog::ClassOf(record));
}

// A month token as record headers and index names spell it: "sale:YYYY-MM" or "stay:YYYY-MM".
std::string MonthToken(MonthIndex by, core::YearMonth month) {
  return (by == MonthIndex::kBySaleDate ? "sale:" : "stay:") + month.ToString();
}

std::string MonthTokens(core::YearMonth sale_month, const core::Stay& stay) {
  std::string out = MonthToken(MonthIndex::kBySaleDate, sale_month);
  for (const auto& month : StayMonthsOf(stay)) {
    out.append(1, ' ').append(MonthToken(MonthIndex::kByStayDate, month));
  }
  return out;
}

void AddTokens(std::string_view tokens, std::set<std::string>* months) {
  size_t start = 0;
  while (start < tokens.size()) {
    size_t end = tokens.find(' ', start);
    if (end == std::string_view::npos) end = tokens.size();
    if (end > start) months->emplace(tokens.substr(start, end - start));
    start = end + 1;
  }
}

// Sets a script's index keys to those of every class of `months`: KEYS and ARGV keep their first
// `fixed_keys` and `fixed_args` entries, then KEYS gets the index keys and ARGV their names,
// "<month>:<class>", in the same order.
void SetIndexes(const redis::PropertyKeys& keys, const std::set<std::string>& months,
                size_t fixed_keys, size_t fixed_args, std::vector<std::string>* script_keys,
                std::vector<std::string>* args) {
  script_keys->resize(fixed_keys);
  args->resize(fixed_args);
  for (const std::string& month : months) {
    for (IndexClass index_class : kEveryClass) {
      const std::string_view name = ClassName(index_class);
      script_keys->push_back(keys.IntegrationIndex(month, name));
      args->push_back(month + ":" + std::string(name));
    }
  }
}

std::string MemberOf(const core::Reservation& r) {
  return r.channel + ":" + r.channel_reservation_id;
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

core::Error KeptChanging(std::string_view what) {
  return {core::ErrorCode::kConflict,
          std::string(what) + " kept moving between month indexes while it was written; retry"};
}

// The "<class>\n<months>\n" header of a stored record and the record JSON after it.
struct StoredParts {
  std::string_view index_class;
  std::string_view months;
  std::string_view json;
};

std::optional<StoredParts> SplitStored(std::string_view stored) {
  const size_t first = stored.find('\n');
  if (first == std::string_view::npos) return std::nullopt;
  const size_t second = stored.find('\n', first + 1);
  if (second == std::string_view::npos) return std::nullopt;
  return StoredParts{stored.substr(0, first), stored.substr(first + 1, second - first - 1),
                     stored.substr(second + 1)};
}

core::Result<IntegrationRecord> DecodeStored(std::string_view stored) {
  auto parts = SplitStored(stored);
  if (!parts) {
    return core::Fail(core::ErrorCode::kInternal, "stored integration record has no header");
  }
  return DecodeIntegrationRecord(parts->json);
}

bool IsNoScript(const redis::RedisReply& reply) {
  return reply.is_error() && reply.str.starts_with("NOSCRIPT");
}

// The key of a Put STALE token, "<month>:<class>" (e.g. "stay:2026-10:failed").
core::Result<std::string> IndexKeyNamed(const redis::PropertyKeys& keys, std::string_view name) {
  const size_t colon = name.rfind(':');
  const std::string_view index_class =
      colon == std::string_view::npos ? "" : name.substr(colon + 1);
  const bool known_class = std::any_of(std::begin(kEveryClass), std::end(kEveryClass),
                                       [&](IndexClass c) { return ClassName(c) == index_class; });
  if (!known_class) {
    return core::Fail(core::ErrorCode::kInternal,
                      "integration index \"" + std::string(name) + "\" is not <month>:<class>");
  }
  return keys.IntegrationIndex(name.substr(0, colon), index_class);
}

// One Put script call: the records of one property. It passes the indexes each record joins
// (its class's, one per month) and, once a STALE answer named them, the indexes records leave:
// a record keeping its class and months, or a new one, needs no other index key, so the common
// call stays as small as the script's work.
struct PutCall {
  redis::PropertyKeys property_keys;
  size_t records = 0;
  std::vector<std::string> joined;  // per record, the index keys of its months, in their order
  std::vector<std::string> keys;    // the records' keys, then `joined`, then leaving index keys
  std::vector<std::string> args;    // n, per record: member, score, stored, months, class; names
  size_t fixed_keys = 0;
  size_t fixed_args = 0;
  std::set<std::string> leaving;  // "<month>:<class>" names from STALE answers

  // Appends `joined` to the records' keys; KEYS and ARGV up to here stay for every attempt.
  void Seal() {
    args[0] = std::to_string(records);
    keys.insert(keys.end(), std::make_move_iterator(joined.begin()),
                std::make_move_iterator(joined.end()));
    joined.clear();
    fixed_keys = keys.size();
    fixed_args = args.size();
  }

  // Adds the indexes a STALE answer named to those passed, with their names.
  core::Status PassLeaving(std::string_view names) {
    AddTokens(names, &leaving);
    keys.resize(fixed_keys);
    args.resize(fixed_args);
    for (const std::string& name : leaving) {
      ASSIGN_OR_RETURN(std::string key, IndexKeyNamed(property_keys, name));
      keys.push_back(std::move(key));
      args.push_back(name);
    }
    return core::Ok();
  }
};

// Runs every call in one pipeline; removes the calls that wrote their records and gives each
// stale one the indexes its answer named.
core::Status RunPutCalls(redis::RedisPool& pool, std::map<core::PropertyId, PutCall>* calls) {
  ASSIGN_OR_RETURN(auto connection, pool.Acquire());
  std::vector<redis::RedisCommand> commands;
  for (const auto& [property, call] : *calls) {
    ASSIGN_OR_RETURN(auto command, PutScript().EvalShaCommand(*connection, call.keys, call.args));
    commands.push_back(std::move(command));
  }
  ASSIGN_OR_RETURN(auto replies, connection->Pipeline(commands));
  size_t i = 0;
  for (auto it = calls->begin(); it != calls->end(); ++i) {
    PutCall& call = it->second;
    redis::RedisReply reply = std::move((replies)[i]);
    if (IsNoScript(reply)) {
      // Redis restarted and forgot the script; Run loads it again.
      ASSIGN_OR_RETURN(auto rerun, PutScript().Run(*connection, call.keys, call.args));
      reply = std::move(rerun);
    }
    RETURN_IF_ERROR(reply.CheckNotError());
    // The count of records written, or the indexes stale headers named.
    const auto text = reply.String();
    if (text && text->starts_with(kStale)) {
      RETURN_IF_ERROR(call.PassLeaving(text->substr(kStale.size())));
      ++it;
    } else {
      it = calls->erase(it);
    }
  }
  return core::Ok();
}

// Whether a stored record's header still places it in the listed month index and classes.
bool InListedIndex(const StoredParts& parts, std::string_view month,
                   const std::vector<IndexClass>& classes) {
  const bool listed_class = std::any_of(classes.begin(), classes.end(), [&](IndexClass c) {
    return ClassName(c) == parts.index_class;
  });
  if (!listed_class) return false;
  std::set<std::string> months;
  AddTokens(parts.months, &months);
  return months.contains(std::string(month));
}

}  // namespace

std::string RedisIntegrationLog::RecordKey(const IntegrationKey& key, const redis::KeySpace& keys) {
  return keys.Property(key.property).IntegrationRecord(key.channel, key.channel_reservation_id);
}

std::string RedisIntegrationLog::IndexKey(const core::PropertyId& property, MonthIndex by,
                                          core::YearMonth month, IndexClass index_class,
                                          const redis::KeySpace& keys) {
  return keys.Property(property).IntegrationIndex(MonthToken(by, month), ClassName(index_class));
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
  std::map<core::PropertyId, PutCall> calls;
  for (const auto& record : records) {
    const core::Reservation& r = record.reservation;
    if (auto s = CheckKeyParts(r); !s) return s;
    ASSIGN_OR_RETURN(auto sale_month, SaleMonthOf(r.sold_at, timezone));
    auto it = calls.find(r.property);
    if (it == calls.end()) {
      it = calls.emplace(r.property, PutCall{keys_.Property(r.property)}).first;
      it->second.args.push_back("");  // the record count, once known
    }
    PutCall& call = it->second;
    ++call.records;
    call.keys.push_back(call.property_keys.IntegrationRecord(r.channel, r.channel_reservation_id));
    call.args.push_back(MemberOf(r));
    call.args.push_back(std::to_string(ToEpochMillis(r.sold_at)));
    const std::string_view class_name = ClassNameOf(record);
    std::string months = MonthToken(MonthIndex::kBySaleDate, sale_month);
    call.joined.push_back(call.property_keys.IntegrationIndex(months, class_name));
    for (const auto& month : StayMonthsOf(r.stay)) {
      const std::string token = MonthToken(MonthIndex::kByStayDate, month);
      call.joined.push_back(call.property_keys.IntegrationIndex(token, class_name));
      months.append(1, ' ').append(token);
    }
    std::string stored;
    std::string data = EncodeIntegrationRecord(record);
    stored.reserve(class_name.size() + months.size() + data.size() + 2);
    stored.append(class_name).append(1, '\n').append(months).append(1, '\n').append(data);
    call.args.push_back(std::move(stored));
    call.args.push_back(std::move(months));
    call.args.push_back(std::string(class_name));
  }
  for (auto& [property, call] : calls) call.Seal();
  for (int attempt = 0; !calls.empty(); ++attempt) {
    if (attempt == kMaxScriptAttempts) {
      return std::unexpected(KeptChanging("an integration record of " + calls.begin()->first));
    }
    if (auto s = RunPutCalls(pool_, &calls); !s) return s;
  }
  return core::Ok();
}

core::Result<std::optional<IntegrationRecord>> RedisIntegrationLog::Get(const IntegrationKey& key) {
  ASSIGN_OR_RETURN(auto many, GetMany({key}));
  return std::move(many.front());
}

core::Result<std::vector<std::optional<IntegrationRecord>>> RedisIntegrationLog::GetMany(
    const std::vector<IntegrationKey>& keys) {
  std::vector<std::optional<IntegrationRecord>> out;
  if (keys.empty()) return out;
  // GET per key rather than MGET: keys of several properties live in several Cluster slots.
  std::vector<redis::RedisCommand> commands;
  commands.reserve(keys.size());
  for (const auto& key : keys) commands.push_back({"GET", RecordKey(key, keys_)});
  ASSIGN_OR_RETURN(auto replies, pool_.Pipeline(commands));
  out.reserve(keys.size());
  for (const auto& reply : replies) {
    ASSIGN_OR_RETURN(const std::optional<std::string_view> stored, reply.StringOrNil());
    if (!stored) {
      out.emplace_back();
      continue;
    }
    ASSIGN_OR_RETURN(IntegrationRecord record, DecodeStored(*stored));
    out.emplace_back(std::move(record));
  }
  return out;
}

core::Result<std::vector<IntegrationRecord>> RedisIntegrationLog::List(
    const IntegrationQuery& query) {
  RETURN_IF_ERROR(core::ValidateId("property", query.property));
  std::vector<IndexClass> classes;
  switch (query.filter) {
    case OutcomeFilter::kAll:
      classes.assign(std::begin(kEveryClass), std::end(kEveryClass));
      break;
    case OutcomeFilter::kSucceeded:
      classes = {IndexClass::kSucceeded};
      break;
    case OutcomeFilter::kFailed:
      classes = {IndexClass::kFailed};
      break;
  }
  const redis::PropertyKeys property_keys = keys_.Property(query.property);
  const std::string month = MonthToken(query.by, query.month);
  redis::RedisCommand members_of;
  if (classes.size() == 1) {
    members_of = {"ZRANGE", property_keys.IntegrationIndex(month, ClassName(classes[0])), "0",
                  "-1"};
  } else {
    // ZUNION orders like ZRANGE, and a record is in one class index only, so its score is its
    // sale time.
    members_of = {"ZUNION", std::to_string(classes.size())};
    for (IndexClass index_class : classes) {
      members_of.push_back(property_keys.IntegrationIndex(month, ClassName(index_class)));
    }
  }
  ASSIGN_OR_RETURN(const redis::RedisReply members_reply, pool_.Command(members_of));
  ASSIGN_OR_RETURN(const auto members, members_reply.Array());
  std::vector<IntegrationRecord> out;
  if (members.empty()) return out;
  // Newest sale first; equal sale times in descending member order, as ZREVRANGE gives them.
  redis::RedisCommand mget{"MGET"};
  mget.reserve(members.size() + 1);
  for (auto it = members.rbegin(); it != members.rend(); ++it) {
    ASSIGN_OR_RETURN(const std::string_view member, it->String());
    const size_t colon = member.find(':');
    if (colon == std::string_view::npos) {
      return core::Fail(
          core::ErrorCode::kInternal,
          "integration index member \"" + std::string(member) + "\" is not <channel>:<id>");
    }
    mget.push_back(
        property_keys.IntegrationRecord(member.substr(0, colon), member.substr(colon + 1)));
  }
  ASSIGN_OR_RETURN(const redis::RedisReply stored_reply, pool_.Command(mget));
  ASSIGN_OR_RETURN(const auto stored, stored_reply.Array());
  out.reserve(stored.size());
  for (const auto& element : stored) {
    ASSIGN_OR_RETURN(const std::optional<std::string_view> text, element.StringOrNil());
    if (!text) continue;
    auto parts = SplitStored(*text);
    // A record that moved to another month or class since the index was read is no longer in
    // this list; one that joined it meanwhile is left out as if written a moment later.
    if (parts && !InListedIndex(*parts, month, classes)) continue;
    ASSIGN_OR_RETURN(IntegrationRecord record, DecodeStored(*text));
    out.push_back(std::move(record));
  }
  return out;
}

core::Status RedisIntegrationLog::Replace(const IntegrationRecord& record,
                                          core::Timestamp seen_updated_at) {
  const core::Reservation& r = record.reservation;
  if (auto s = CheckKeyParts(r); !s) return s;
  const redis::PropertyKeys property_keys = keys_.Property(r.property);
  std::vector<std::string> keys{
      property_keys.IntegrationRecord(r.channel, r.channel_reservation_id)};
  std::vector<std::string> args{MemberOf(r),
                                std::to_string(ToEpochMillis(seen_updated_at)),
                                EncodeIntegrationRecord(record),
                                std::string(ClassNameOf(record)),
                                std::to_string(ToEpochMillis(r.sold_at)),
                                r.stay.arrival.ToString(),
                                r.stay.departure.ToString()};
  const size_t fixed_args = args.size();
  // The stored months are the record's stay months and its sale month in the property's
  // timezone, which Replace is not given: the sale month in UTC is right but near a month's end.
  std::set<std::string> months;
  if (auto utc_sale_month = SaleMonthOf(r.sold_at, "UTC")) {
    AddTokens(MonthTokens(*utc_sale_month, r.stay), &months);
  }
  for (int attempt = 0; attempt < kMaxScriptAttempts; ++attempt) {
    SetIndexes(property_keys, months, 1, fixed_args, &keys, &args);
    ASSIGN_OR_RETURN(const redis::RedisReply reply, ReplaceScript().Run(pool_, keys, args));
    ASSIGN_OR_RETURN(const std::string_view outcome, reply.String());
    if (outcome == "OK") return core::Ok();
    if (outcome == "NOT_FOUND") {
      return core::Fail(core::ErrorCode::kNotFound, "no integration " + record.id());
    }
    if (outcome == "MOVED") {
      return core::Fail(core::ErrorCode::kConflict,
                        "integration " + record.id() + ": its sale time or stay changed");
    }
    if (!outcome.starts_with(kStale)) {
      return core::Fail(core::ErrorCode::kConflict,
                        "integration " + record.id() + " changed meanwhile; look at it again");
    }
    AddTokens(outcome.substr(kStale.size()), &months);
  }
  return std::unexpected(KeptChanging("integration " + record.id()));
}

}  // namespace chansync::integration
