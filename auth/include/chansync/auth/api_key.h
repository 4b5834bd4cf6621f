#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "chansync/auth/role.h"
#include "chansync/core/ids.h"
#include "chansync/core/reservation.h"

namespace chansync::auth {

// An API key as stored: everything but its secret, of which only a hash is kept. The id is
// public (lists, the audit log, `keys revoke`); the secret is shown once, when the key is made.
struct ApiKey {
  std::string id;    // 16 lowercase hex digits
  std::string name;  // who holds it, free text chosen at creation (may be empty)
  Role role = Role::kPortal;
  std::optional<core::ChannelId> channel;    // the one channel of a portal key; none otherwise
  std::optional<core::PropertyId> property;  // the one property of a pos key; none otherwise
  core::Timestamp created_at{};
  std::optional<core::Timestamp> expires_at;
  std::optional<core::Timestamp> revoked_at;
  std::string secret_hash;  // HashSecret(secret): 32 bytes

  // Neither expired nor revoked at `now`.
  bool ActiveAt(core::Timestamp now) const;
};

// The text a client sends: "csk_<id>_<secret>", the secret being 64 hex digits (256 random bits).
// Carrying the id lets the server find the one record to compare with instead of hashing
// against every key.
struct KeyText {
  std::string id;
  std::string secret;
};

// A fresh id and secret from libsodium's CSPRNG.
KeyText NewKeyText();
std::string FormatKey(const KeyText& key);
// nullopt for anything that is not of the form above.
std::optional<KeyText> ParseKey(std::string_view text);
// The stored form of a secret (BLAKE2b-256, libsodium's crypto_generichash).
std::string HashSecret(std::string_view secret);
// Compares two hashes in time independent of where they differ.
bool SameHash(std::string_view a, std::string_view b);

}  // namespace chansync::auth
