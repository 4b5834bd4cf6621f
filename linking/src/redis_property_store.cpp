#include "chansync/linking/redis_property_store.h"

#include <algorithm>
#include <string>

#include "catalog_json.h"
#include "chansync/linking/token_cipher.h"

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

// HSET only when the field still holds what was read: 1 when replaced, 0 when it changed.
const redis::RedisScript kReplaceIfUnchangedScript(R"lua(
if redis.call('HGET', KEYS[1], ARGV[1]) ~= ARGV[2] then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
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

RedisPropertyStore::RedisPropertyStore(redis::RedisPool& pool, redis::KeySpace keys,
                                       TokenStorage tokens)
    : pool_(pool),
      keys_(std::move(keys)),
      properties_key_(keys_.Properties()),
      channels_key_(keys_.Channels()),
      tokens_(tokens) {}

core::Result<std::string> RedisPropertyStore::Encode(const core::Property& property) const {
  const std::string& token = property.pms.credentials;
  if (token.empty()) return EncodeProperty(property, {});
  if (tokens_.cipher != nullptr) {
    return EncodeProperty(property,
                          {StoredToken::Form::kSealed, tokens_.cipher->Seal(token, property.id)});
  }
  if (tokens_.allow_plain) return EncodeProperty(property, {StoredToken::Form::kPlain, token});
  return Fail(ErrorCode::kSecretsNotConfigured,
              "cannot store the PMS token of property " + Quote(property.id) +
                  ": no secrets key is configured (serve --secrets-key-file FILE)");
}

core::Result<core::Property> RedisPropertyStore::Decode(std::string_view json) const {
  ASSIGN_OR_RETURN(auto stored, DecodeProperty(json));
  core::Property& property = stored.property;
  switch (stored.token.form) {
    case StoredToken::Form::kNone:
      break;
    case StoredToken::Form::kPlain:
      property.pms.credentials = std::move(stored.token.text);
      break;
    case StoredToken::Form::kSealed:
      if (tokens_.cipher == nullptr) {
        return Fail(ErrorCode::kSecretsNotConfigured,
                    "the PMS token of property " + Quote(property.id) +
                        " is sealed and no secrets key is configured (serve --secrets-key-file "
                        "FILE, with the key that sealed it)");
      }
      ASSIGN_OR_RETURN(property.pms.credentials,
                       tokens_.cipher->Open(stored.token.text, property.id));
      break;
  }
  return std::move(property);
}

core::Result<TokenSealReport> RedisPropertyStore::SealStoredTokens() {
  ASSIGN_OR_RETURN(auto reply, pool_.Command({"HGETALL", properties_key_}));
  ASSIGN_OR_RETURN(const redis::StringPairs records, reply.Pairs());
  TokenSealReport report;
  std::vector<std::pair<std::string, std::string>> to_seal;  // id, record as read
  for (const auto& [id, json] : records) {
    ASSIGN_OR_RETURN(auto stored, DecodeProperty(json));
    if (stored.token.form == StoredToken::Form::kSealed) {
      RETURN_IF_ERROR(Decode(json));
      ++report.sealed;
    } else if (stored.token.form == StoredToken::Form::kPlain) {
      if (tokens_.cipher == nullptr && !tokens_.allow_plain) {
        return Fail(ErrorCode::kSecretsNotConfigured,
                    "property " + Quote(id) +
                        " holds a plain PMS token: configure a secrets key (serve "
                        "--secrets-key-file FILE) and it is sealed at start");
      }
      if (tokens_.cipher == nullptr) {
        ++report.plain;
      } else {
        to_seal.emplace_back(id, json);
      }
    }
  }
  for (const auto& [id, json] : to_seal) {
    ASSIGN_OR_RETURN(const auto property, Decode(json));
    ASSIGN_OR_RETURN(auto sealed, Encode(property));
    ASSIGN_OR_RETURN(auto replaced,
                     kReplaceIfUnchangedScript.Run(pool_, {properties_key_}, {id, json, sealed}));
    ASSIGN_OR_RETURN(const long long done, replaced.Integer());
    // A record changed since it was read was written by a store, which sealed its token.
    report.sealed_now += done == 1 ? 1 : 0;
  }
  return report;
}

core::Status RedisPropertyStore::CreateProperty(const core::Property& property) {
  if (auto valid = core::ValidateProperty(property); !valid) return valid;
  ASSIGN_OR_RETURN(auto json, Encode(property));
  return CreateRecord(pool_, properties_key_, property.id, std::move(json), "property");
}

core::Status RedisPropertyStore::UpdateProperty(const core::Property& property) {
  if (auto valid = core::ValidateProperty(property); !valid) return valid;
  ASSIGN_OR_RETURN(auto json, Encode(property));
  return UpdateRecord(pool_, properties_key_, property.id, std::move(json),
                      PropertyNotFound(property.id));
}

core::Result<core::Property> RedisPropertyStore::GetProperty(const core::PropertyId& id) {
  return GetRecord<core::Property>(
      pool_, "property", properties_key_, id,
      [this](std::string_view json) { return Decode(json); }, PropertyNotFound(id));
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
    if (json) properties[asked[k]] = Decode(*json);
  }
  return properties;
}

core::Result<std::vector<core::Property>> RedisPropertyStore::ListProperties() {
  return ListRecords<core::Property>(pool_, properties_key_,
                                     [this](std::string_view json) { return Decode(json); });
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
