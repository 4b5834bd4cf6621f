#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "chansync/auth/api_key.h"
#include "chansync/auth/key_store.h"
#include "chansync/core/clock.h"

namespace chansync::auth {

struct KeyRequest {
  Role role = Role::kPortal;
  std::optional<core::ChannelId> channel;    // required for a portal key, refused for the others
  std::optional<core::PropertyId> property;  // required for a pos key, refused for the others
  std::optional<std::chrono::seconds> expires_in;  // none: the key does not expire
  std::string name;                                // at most 100 printable characters
};

// A key just made: the only time its text exists outside the client.
struct IssuedKey {
  ApiKey key;
  std::string text;  // "csk_<id>_<secret>"
};

// Makes, lists and revokes keys. Thread-safe as its store is.
class KeyManager {
 public:
  KeyManager(KeyStore& store, const core::Clock& clock) : store_(store), clock_(clock) {}

  // INVALID_ARGUMENT naming the field: a portal key without a channel (or a valid channel id),
  // a channel on another role, a pos key without a property (or a valid property id), a property
  // on another role, an expiry not in the future, a name with control characters or
  // too long.
  core::Result<IssuedKey> Create(const KeyRequest& request);
  core::Result<std::vector<ApiKey>> List();
  // NOT_FOUND for an unknown id; revoking twice is not an error.
  core::Status Revoke(std::string_view id);
  // For a first start: makes an admin key named `name` when no active admin or vendor key
  // exists, else nullopt.
  core::Result<std::optional<IssuedKey>> EnsureAdminKey(std::string name);

  // Whether a key holder of role `issuer` may make (or revoke) a key of role `role`: only a
  // vendor deals in vendor keys, so an admin cannot raise itself.
  static bool MayIssue(Role issuer, Role role);

 private:
  KeyStore& store_;
  const core::Clock& clock_;
};

}  // namespace chansync::auth
