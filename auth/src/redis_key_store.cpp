#include "chansync/auth/redis_key_store.h"

#include <algorithm>

#include "api_key_json.h"
#include "chansync/redis/script.h"

namespace chansync::auth {
namespace {

// Sets the record only where it exists, so a revoke racing a deletion never resurrects a key.
const redis::RedisScript kReplaceScript(R"lua(
if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 0 then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
return 1
)lua");

core::Error KeyNotFound(std::string_view id) {
  return {core::ErrorCode::kNotFound, "API key \"" + std::string(id) + "\" not found"};
}

}  // namespace

core::Status RedisKeyStore::Create(const ApiKey& key) {
  ASSIGN_OR_RETURN(auto reply,
                   pool_.Command({"HSETNX", keys_.ApiKeys(), key.id, ApiKeyToJson(key)}));
  ASSIGN_OR_RETURN(const long long created, reply.Integer());
  if (created != 1) {
    return core::Fail(core::ErrorCode::kAlreadyExists, "API key \"" + key.id + "\" already exists");
  }
  return core::Ok();
}

core::Result<ApiKey> RedisKeyStore::Get(std::string_view id) {
  ASSIGN_OR_RETURN(auto reply, pool_.Command({"HGET", keys_.ApiKeys(), std::string(id)}));
  ASSIGN_OR_RETURN(const auto json, reply.StringOrNil());
  if (!json) return std::unexpected(KeyNotFound(id));
  return ApiKeyFromJson(*json);
}

core::Result<std::vector<ApiKey>> RedisKeyStore::List() {
  ASSIGN_OR_RETURN(auto reply, pool_.Command({"HVALS", keys_.ApiKeys()}));
  ASSIGN_OR_RETURN(const auto values, reply.Array());
  std::vector<ApiKey> keys;
  for (const auto& value : values) {
    ASSIGN_OR_RETURN(const std::string_view json, value.String());
    ASSIGN_OR_RETURN(ApiKey key, ApiKeyFromJson(json));
    keys.push_back(std::move(key));
  }
  std::ranges::sort(keys, [](const ApiKey& a, const ApiKey& b) {
    return std::tie(a.created_at, a.id) < std::tie(b.created_at, b.id);
  });
  return keys;
}

core::Status RedisKeyStore::Revoke(std::string_view id, core::Timestamp at) {
  ASSIGN_OR_RETURN(ApiKey key, Get(id));
  if (key.revoked_at) return core::Ok();
  key.revoked_at = at;
  ASSIGN_OR_RETURN(auto reply,
                   kReplaceScript.Run(pool_, {keys_.ApiKeys()}, {key.id, ApiKeyToJson(key)}));
  ASSIGN_OR_RETURN(const long long replaced, reply.Integer());
  if (replaced != 1) return std::unexpected(KeyNotFound(id));
  return core::Ok();
}

}  // namespace chansync::auth
