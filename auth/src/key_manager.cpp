#include "chansync/auth/key_manager.h"

#include <algorithm>

namespace chansync::auth {
namespace {

constexpr size_t kMaxNameBytes = 100;

core::Status ValidateRequest(const KeyRequest& request) {
  if (request.role == Role::kPortal) {
    if (!request.channel) {
      return core::Fail(core::ErrorCode::kInvalidArgument,
                        "channel: a portal key is bound to one channel");
    }
    RETURN_IF_ERROR(core::ValidateId("channel", *request.channel));
  } else if (request.channel) {
    return core::Fail(core::ErrorCode::kInvalidArgument,
                      "channel: only a portal key is bound to a channel");
  }
  if (request.role == Role::kPos) {
    if (!request.property) {
      return core::Fail(core::ErrorCode::kInvalidArgument,
                        "property: a pos key is bound to one property");
    }
    RETURN_IF_ERROR(core::ValidateId("property", *request.property));
  } else if (request.property) {
    return core::Fail(core::ErrorCode::kInvalidArgument,
                      "property: only a pos key is bound to a property");
  }
  if (request.expires_in && request.expires_in->count() <= 0) {
    return core::Fail(core::ErrorCode::kInvalidArgument, "expires_in: must be in the future");
  }
  if (request.name.size() > kMaxNameBytes) {
    return core::Fail(core::ErrorCode::kInvalidArgument,
                      "name: at most " + std::to_string(kMaxNameBytes) + " bytes");
  }
  if (std::ranges::any_of(request.name, [](unsigned char c) { return c < 0x20 || c == 0x7f; })) {
    return core::Fail(core::ErrorCode::kInvalidArgument, "name: no control characters");
  }
  return core::Ok();
}

}  // namespace

core::Result<IssuedKey> KeyManager::Create(const KeyRequest& request) {
  RETURN_IF_ERROR(ValidateRequest(request));
  const KeyText text = NewKeyText();
  ApiKey key;
  key.id = text.id;
  key.name = request.name;
  key.role = request.role;
  key.channel = request.channel;
  key.property = request.property;
  key.created_at = std::chrono::time_point_cast<std::chrono::milliseconds>(clock_.Now());
  if (request.expires_in) key.expires_at = key.created_at + *request.expires_in;
  key.secret_hash = HashSecret(text.secret);
  RETURN_IF_ERROR(store_.Create(key));
  return IssuedKey{std::move(key), FormatKey(text)};
}

core::Result<std::vector<ApiKey>> KeyManager::List() { return store_.List(); }

core::Status KeyManager::Revoke(std::string_view id) {
  return store_.Revoke(id, std::chrono::time_point_cast<std::chrono::milliseconds>(clock_.Now()));
}

core::Result<std::optional<IssuedKey>> KeyManager::EnsureAdminKey(std::string name) {
  ASSIGN_OR_RETURN(const auto keys, store_.List());
  const auto now = clock_.Now();
  const bool has_admin = std::ranges::any_of(keys, [&](const ApiKey& key) {
    return (key.role == Role::kAdmin || key.role == Role::kVendor) && key.ActiveAt(now);
  });
  if (has_admin) return std::optional<IssuedKey>();
  ASSIGN_OR_RETURN(auto issued, Create({.role = Role::kAdmin, .name = std::move(name)}));
  return std::optional<IssuedKey>(std::move(issued));
}

bool KeyManager::MayIssue(Role issuer, Role role) {
  if (issuer == Role::kVendor) return true;
  return issuer == Role::kAdmin && role != Role::kVendor;
}

}  // namespace chansync::auth
