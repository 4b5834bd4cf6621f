#include "chansync/linking/redis_property_store.h"

#include <algorithm>
#include <string>

#include "catalog_json.h"

namespace chansync::linking {
namespace {

using core::ErrorCode;
using core::Fail;

// HSET only when the field exists: 1 when updated, 0 when absent.
const redis::RedisScript kUpdateScript(R"lua(
if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 0 then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
return 1
)lua");

std::string Quote(std::string_view id) { return "\"" + std::string(id) + "\""; }

core::Error PropertyNotFound(const core::PropertyId& id) {
  return {ErrorCode::kNotFound, "property " + Quote(id) + " not found"};
}

core::Error ChannelNotFound(const core::ChannelId& id) {
  return {ErrorCode::kNotFound, "channel " + Quote(id) + " not found"};
}

redis::RedisCommand Exists(const std::string& hash, const std::string& id) {
  return {"HEXISTS", hash, id};
}

// Error replies inside a pipeline become INTERNAL here.
core::Status CheckReplies(const std::vector<redis::RedisReply>& replies) {
  for (const auto& reply : replies) RETURN_IF_ERROR(reply.CheckNotError());
  return core::Ok();
}

// Runs `checks` (HEXISTS commands, each 1 when fine) followed by `reads` in one round trip.
// Returns the replies of `reads`, or the error of the first failed check.
core::Result<std::vector<redis::RedisReply>> CheckedPipeline(
    redis::RedisPool& pool, const std::vector<std::pair<redis::RedisCommand, core::Error>>& checks,
    const std::vector<redis::RedisCommand>& reads) {
  std::vector<redis::RedisCommand> commands;
  for (const auto& [command, error] : checks) commands.push_back(command);
  commands.insert(commands.end(), reads.begin(), reads.end());
  ASSIGN_OR_RETURN(auto replies, pool.Pipeline(commands));
  RETURN_IF_ERROR(CheckReplies(replies));
  for (size_t i = 0; i < checks.size(); ++i) {
    ASSIGN_OR_RETURN(const long long exists, (replies)[i].Integer());
    if (exists != 1) return std::unexpected(checks[i].second);
  }
  return std::vector<redis::RedisReply>(replies.begin() + checks.size(), replies.end());
}

core::Status CreateRecord(redis::RedisPool& pool, std::string_view key, const std::string& id,
                          std::string json, std::string_view what) {
  ASSIGN_OR_RETURN(auto reply, pool.Command({"HSETNX", std::string(key), id, std::move(json)}));
  ASSIGN_OR_RETURN(const long long created, reply.Integer());
  if (created != 1) {
    return Fail(ErrorCode::kAlreadyExists, std::string(what) + " " + Quote(id) + " already exists");
  }
  return core::Ok();
}

core::Status UpdateRecord(redis::RedisPool& pool, std::string_view key, const std::string& id,
                          std::string json, core::Error not_found) {
  ASSIGN_OR_RETURN(auto reply, kUpdateScript.Run(pool, {std::string(key)}, {id, std::move(json)}));
  ASSIGN_OR_RETURN(const long long updated, reply.Integer());
  if (updated != 1) return std::unexpected(std::move(not_found));
  return core::Ok();
}

template <typename Record, typename Decode>
core::Result<Record> GetRecord(redis::RedisPool& pool, std::string_view field, std::string_view key,
                               const std::string& id, Decode decode, core::Error not_found) {
  RETURN_IF_ERROR(core::ValidateId(field, id));
  ASSIGN_OR_RETURN(auto reply, pool.Command({"HGET", std::string(key), id}));
  ASSIGN_OR_RETURN(const std::optional<std::string_view> json, reply.StringOrNil());
  if (!json) return std::unexpected(std::move(not_found));
  return decode(*json);
}

template <typename Record, typename Decode>
core::Result<std::vector<Record>> ListRecords(redis::RedisPool& pool, std::string_view key,
                                              Decode decode) {
  ASSIGN_OR_RETURN(auto reply, pool.Command({"HGETALL", std::string(key)}));
  ASSIGN_OR_RETURN(const redis::StringPairs fields, reply.Pairs());
  std::vector<Record> records;
  for (const auto& [id, json] : fields) {
    ASSIGN_OR_RETURN(auto record, decode(json));
    records.push_back(std::move(record));
  }
  std::sort(records.begin(), records.end(),
            [](const Record& a, const Record& b) { return a.id < b.id; });
  return records;
}

core::Status ValidatePropertyAndChannel(const core::PropertyId& property,
                                        const core::ChannelId& channel) {
  if (auto valid = core::ValidateId("property", property); !valid) return valid;
  return core::ValidateId("channel", channel);
}

}  // namespace

RedisPropertyStore::RedisPropertyStore(redis::RedisPool& pool, redis::KeySpace keys)
    : pool_(pool),
      keys_(std::move(keys)),
      properties_key_(keys_.Properties()),
      channels_key_(keys_.Channels()) {}

core::Status RedisPropertyStore::CreateProperty(const core::Property& property) {
  if (auto valid = core::ValidateProperty(property); !valid) return valid;
  return CreateRecord(pool_, properties_key_, property.id, EncodeProperty(property), "property");
}

core::Status RedisPropertyStore::UpdateProperty(const core::Property& property) {
  if (auto valid = core::ValidateProperty(property); !valid) return valid;
  return UpdateRecord(pool_, properties_key_, property.id, EncodeProperty(property),
                      PropertyNotFound(property.id));
}

core::Result<core::Property> RedisPropertyStore::GetProperty(const core::PropertyId& id) {
  return GetRecord<core::Property>(pool_, "property", properties_key_, id, DecodeProperty,
                                   PropertyNotFound(id));
}

core::Result<std::vector<core::Result<core::Property>>> RedisPropertyStore::GetProperties(
    const std::vector<core::PropertyId>& ids) {
  // Invalid ids get their error in place and are not asked; the others go in one HMGET.
  std::vector<core::Result<core::Property>> properties;
  properties.reserve(ids.size());
  redis::RedisCommand hmget{"HMGET", properties_key_};
  std::vector<size_t> asked;  // index in `ids` of each HMGET field
  for (size_t i = 0; i < ids.size(); ++i) {
    auto valid = core::ValidateId("property", ids[i]);
    properties.push_back(
        valid ? core::Result<core::Property>(std::unexpected(PropertyNotFound(ids[i])))
              : core::Result<core::Property>(std::unexpected(valid.error())));
    if (valid) {
      hmget.push_back(ids[i]);
      asked.push_back(i);
    }
  }
  if (asked.empty()) return properties;
  ASSIGN_OR_RETURN(auto reply, pool_.Command(hmget));
  ASSIGN_OR_RETURN(const auto values, reply.Array(asked.size()));
  for (size_t k = 0; k < asked.size(); ++k) {
    ASSIGN_OR_RETURN(const std::optional<std::string_view> json, values[k].StringOrNil());
    if (json) properties[asked[k]] = DecodeProperty(*json);
  }
  return properties;
}

core::Result<std::vector<core::Property>> RedisPropertyStore::ListProperties() {
  return ListRecords<core::Property>(pool_, properties_key_, DecodeProperty);
}

core::Status RedisPropertyStore::CreateChannel(const core::Channel& channel) {
  if (auto valid = core::ValidateChannel(channel); !valid) return valid;
  return CreateRecord(pool_, channels_key_, channel.id, EncodeChannel(channel), "channel");
}

core::Status RedisPropertyStore::UpdateChannel(const core::Channel& channel) {
  if (auto valid = core::ValidateChannel(channel); !valid) return valid;
  return UpdateRecord(pool_, channels_key_, channel.id, EncodeChannel(channel),
                      ChannelNotFound(channel.id));
}

core::Result<core::Channel> RedisPropertyStore::GetChannel(const core::ChannelId& id) {
  return GetRecord<core::Channel>(pool_, "channel", channels_key_, id, DecodeChannel,
                                  ChannelNotFound(id));
}

core::Result<std::vector<core::Channel>> RedisPropertyStore::ListChannels() {
  return ListRecords<core::Channel>(pool_, channels_key_, DecodeChannel);
}

core::Status RedisPropertyStore::SetChannelProducts(
    const core::PropertyId& property, const core::ChannelId& channel,
    const std::vector<core::ChannelProduct>& products) {
  if (auto valid = ValidatePropertyAndChannel(property, channel); !valid) return valid;
  if (auto valid = core::ValidateChannelProducts(products); !valid) return valid;
  ASSIGN_OR_RETURN(auto checked,
                   CheckedPipeline(pool_,
                                   {{Exists(properties_key_, property), PropertyNotFound(property)},
                                    {Exists(channels_key_, channel), ChannelNotFound(channel)}},
                                   {}));
  redis::RedisCommand write =
      products.empty()
          ? redis::RedisCommand{"HDEL", keys_.Property(property).ChannelProducts(), channel}
          : redis::RedisCommand{"HSET", keys_.Property(property).ChannelProducts(), channel,
                                EncodeChannelProducts(products)};
  RETURN_IF_ERROR(pool_.Command(write));
  return core::Ok();
}

core::Result<std::vector<core::ChannelProduct>> RedisPropertyStore::GetChannelProducts(
    const core::PropertyId& property, const core::ChannelId& channel) {
  RETURN_IF_ERROR(ValidatePropertyAndChannel(property, channel));
  ASSIGN_OR_RETURN(
      auto replies,
      CheckedPipeline(pool_,
                      {{Exists(properties_key_, property), PropertyNotFound(property)},
                       {Exists(channels_key_, channel), ChannelNotFound(channel)}},
                      {{"HGET", keys_.Property(property).ChannelProducts(), channel}}));
  ASSIGN_OR_RETURN(const std::optional<std::string_view> json, replies.front().StringOrNil());
  if (!json) return std::vector<core::ChannelProduct>{};
  return DecodeChannelProducts(*json);
}

core::Result<std::vector<core::ChannelId>> RedisPropertyStore::ListPropertyChannels(
    const core::PropertyId& property) {
  RETURN_IF_ERROR(core::ValidateId("property", property));
  ASSIGN_OR_RETURN(
      auto replies,
      CheckedPipeline(pool_, {{Exists(properties_key_, property), PropertyNotFound(property)}},
                      {{"HKEYS", keys_.Property(property).ChannelProducts()}}));
  ASSIGN_OR_RETURN(const auto fields, replies.front().Array());
  std::vector<core::ChannelId> channels;
  for (const auto& field : fields) {
    ASSIGN_OR_RETURN(const std::string_view channel, field.String());
    channels.emplace_back(channel);
  }
  std::sort(channels.begin(), channels.end());
  return channels;
}

core::Status RedisPropertyStore::SetPmsCatalog(const core::PropertyId& property,
                                               const core::PmsCatalog& catalog) {
  if (auto valid = core::ValidateId("property", property); !valid) return valid;
  if (auto valid = core::ValidatePmsCatalog(catalog); !valid) return valid;
  ASSIGN_OR_RETURN(
      auto checked,
      CheckedPipeline(pool_, {{Exists(properties_key_, property), PropertyNotFound(property)}},
                      {}));
  ASSIGN_OR_RETURN(auto reply, pool_.Command({"SET", keys_.Property(property).PmsCatalog(),
                                              EncodePmsCatalog(catalog)}));
  return core::Ok();
}

core::Result<core::PmsCatalog> RedisPropertyStore::GetPmsCatalog(const core::PropertyId& property) {
  RETURN_IF_ERROR(core::ValidateId("property", property));
  ASSIGN_OR_RETURN(
      auto replies,
      CheckedPipeline(pool_, {{Exists(properties_key_, property), PropertyNotFound(property)}},
                      {{"GET", keys_.Property(property).PmsCatalog()}}));
  ASSIGN_OR_RETURN(const std::optional<std::string_view> json, replies.front().StringOrNil());
  if (!json) return core::PmsCatalog{};
  return DecodePmsCatalog(*json);
}

}  // namespace chansync::linking
