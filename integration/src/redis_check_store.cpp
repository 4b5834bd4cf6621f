#include "chansync/integration/redis_check_store.h"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "chansync/core/pooled_json_document.h"
#include "chansync/redis/redis.h"

namespace chansync::integration {
namespace {

std::string ToJson(const StoredCheck& check) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  auto string = [&](const char* key, std::string_view value) {
    w.Key(key);
    w.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
  };
  w.StartObject();
  string("channel", check.channel);
  string("product", check.product);
  string("arrival", check.stay.arrival.ToString());
  string("departure", check.stay.departure.ToString());
  string("outcome", channel::CheckOutcomeName(check.outcome));
  w.Key("units_left");
  w.Int(check.units_left);
  w.Key("at");
  w.Int64(
      std::chrono::duration_cast<std::chrono::milliseconds>(check.at.time_since_epoch()).count());
  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

core::Result<StoredCheck> FromJson(const CheckKey& key, std::string_view json) {
  auto unreadable = [&](std::string_view why) {
    return core::Fail(core::ErrorCode::kInternal, "check " + key.property + "/" + key.check_id +
                                                      " is unreadable: " + std::string(why));
  };
  core::PooledJsonDocument doc;
  doc.Parse(json.data(), json.size());
  if (doc.HasParseError() || !doc.IsObject()) return unreadable("not a JSON object");
  auto string = [&](const char* name) -> std::optional<std::string> {
    auto it = doc.FindMember(name);
    if (it == doc.MemberEnd() || !it->value.IsString()) return std::nullopt;
    return std::string(it->value.GetString(), it->value.GetStringLength());
  };
  auto channel = string("channel"), product = string("product"), arrival = string("arrival"),
       departure = string("departure"), outcome = string("outcome");
  if (!channel || !product || !arrival || !departure || !outcome) {
    return unreadable("a field is missing");
  }
  auto from = core::CivilDate::Parse(*arrival);
  auto to = core::CivilDate::Parse(*departure);
  auto parsed_outcome = channel::ParseCheckOutcome(*outcome);
  auto units = doc.FindMember("units_left");
  auto at = doc.FindMember("at");
  if (!from || !to || !parsed_outcome || units == doc.MemberEnd() || !units->value.IsInt() ||
      at == doc.MemberEnd() || !at->value.IsInt64()) {
    return unreadable("a field is malformed");
  }
  return StoredCheck{
      .check_id = key.check_id,
      .property = key.property,
      .channel = std::move(*channel),
      .product = std::move(*product),
      .stay = core::Stay{*from, *to},
      .outcome = *parsed_outcome,
      .units_left = units->value.GetInt(),
      .at = core::Timestamp(std::chrono::milliseconds(at->value.GetInt64())),
  };
}

}  // namespace

RedisCheckStore::RedisCheckStore(redis::RedisPool& pool, std::chrono::milliseconds ttl,
                                 redis::KeySpace keys)
    : pool_(pool), ttl_(ttl), keys_(std::move(keys)) {}

core::Status RedisCheckStore::Put(const StoredCheck& check) {
  ASSIGN_OR_RETURN(auto reply,
                   pool_.Command({"SET", keys_.Property(check.property).Check(check.check_id),
                                  ToJson(check), "PX", std::to_string(ttl_.count())}));
  return core::Ok();
}

core::Result<std::vector<std::optional<StoredCheck>>> RedisCheckStore::GetMany(
    const std::vector<CheckKey>& keys) {
  std::vector<std::optional<StoredCheck>> checks(keys.size());
  if (keys.empty()) return checks;
  std::vector<redis::RedisCommand> commands;
  commands.reserve(keys.size());
  for (const auto& key : keys)
    commands.push_back({"GET", keys_.Property(key.property).Check(key.check_id)});
  ASSIGN_OR_RETURN(auto replies, pool_.Pipeline(commands));
  for (size_t i = 0; i < keys.size(); ++i) {
    ASSIGN_OR_RETURN(const std::optional<std::string_view> stored, (replies)[i].StringOrNil());
    if (!stored) continue;
    ASSIGN_OR_RETURN(auto check, FromJson(keys[i], *stored));
    checks[i] = std::move(check);
  }
  return checks;
}

}  // namespace chansync::integration
