#include "api_key_json.h"

#include <sodium.h>

#include "chansync/core/json_fields.h"

namespace chansync::auth {
namespace {

using core::ErrorCode;

int64_t Millis(core::Timestamp at) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(at.time_since_epoch()).count();
}

core::Timestamp FromMillis(int64_t ms) { return core::Timestamp(std::chrono::milliseconds(ms)); }

std::string ToHex(std::string_view bytes) {
  std::string hex(bytes.size() * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                 bytes.size());
  hex.pop_back();
  return hex;
}

core::Result<std::string> FromHex(std::string_view hex) {
  std::string bytes(hex.size() / 2, '\0');
  size_t length = 0;
  if (sodium_hex2bin(reinterpret_cast<unsigned char*>(bytes.data()), bytes.size(), hex.data(),
                     hex.size(), nullptr, &length, nullptr) != 0 ||
      length != bytes.size()) {
    return core::Fail(ErrorCode::kInternal, "stored API key: hash: not hex");
  }
  return bytes;
}

core::Result<std::string> StringMember(const rapidjson::Value& object, const char* name) {
  const rapidjson::Value* value = core::json::Find(object, name);
  if (value == nullptr) return std::string();
  if (!value->IsString()) {
    return core::Fail(ErrorCode::kInternal,
                      std::string("stored API key: ") + name + ": not a string");
  }
  return std::string(value->GetString(), value->GetStringLength());
}

core::Result<std::optional<core::Timestamp>> TimeMember(const rapidjson::Value& object,
                                                        const char* name) {
  const rapidjson::Value* value = core::json::Find(object, name);
  if (value == nullptr || value->IsNull()) return std::optional<core::Timestamp>();
  if (!value->IsInt64()) {
    return core::Fail(ErrorCode::kInternal,
                      std::string("stored API key: ") + name + ": not a time in ms");
  }
  return std::optional<core::Timestamp>(FromMillis(value->GetInt64()));
}

}  // namespace

std::string ApiKeyToJson(const ApiKey& key) {
  rapidjson::StringBuffer buffer;
  core::json::Writer w(buffer);
  w.StartObject();
  core::json::Key(w, "id");
  core::json::String(w, key.id);
  core::json::Key(w, "name");
  core::json::String(w, key.name);
  core::json::Key(w, "role");
  core::json::String(w, RoleName(key.role));
  if (key.channel) {
    core::json::Key(w, "channel");
    core::json::String(w, *key.channel);
  }
  if (key.property) {
    core::json::Key(w, "property");
    core::json::String(w, *key.property);
  }
  core::json::Key(w, "created_ms");
  w.Int64(Millis(key.created_at));
  if (key.expires_at) {
    core::json::Key(w, "expires_ms");
    w.Int64(Millis(*key.expires_at));
  }
  if (key.revoked_at) {
    core::json::Key(w, "revoked_ms");
    w.Int64(Millis(*key.revoked_at));
  }
  core::json::Key(w, "hash");
  core::json::String(w, ToHex(key.secret_hash));
  w.EndObject();
  return core::json::Text(buffer);
}

core::Result<ApiKey> ApiKeyFromJson(std::string_view json) {
  auto parsed = core::json::ParseObject(json);
  if (!parsed) return core::Fail(ErrorCode::kInternal, "stored API key: not a JSON object");
  const rapidjson::Value& object = *parsed;
  ApiKey key;
  ASSIGN_OR_RETURN(key.id, StringMember(object, "id"));
  ASSIGN_OR_RETURN(key.name, StringMember(object, "name"));
  ASSIGN_OR_RETURN(const std::string role, StringMember(object, "role"));
  const auto parsed_role = ParseRole(role);
  if (!parsed_role) return core::Fail(ErrorCode::kInternal, "stored API key: role: unknown");
  key.role = *parsed_role;
  ASSIGN_OR_RETURN(const std::string channel, StringMember(object, "channel"));
  if (!channel.empty()) key.channel = channel;
  ASSIGN_OR_RETURN(const std::string property, StringMember(object, "property"));
  if (!property.empty()) key.property = property;
  ASSIGN_OR_RETURN(const auto created, TimeMember(object, "created_ms"));
  key.created_at = created.value_or(core::Timestamp{});
  ASSIGN_OR_RETURN(key.expires_at, TimeMember(object, "expires_ms"));
  ASSIGN_OR_RETURN(key.revoked_at, TimeMember(object, "revoked_ms"));
  ASSIGN_OR_RETURN(const std::string hash, StringMember(object, "hash"));
  ASSIGN_OR_RETURN(key.secret_hash, FromHex(hash));
  return key;
}

}  // namespace chansync::auth
