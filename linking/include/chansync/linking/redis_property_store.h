#pragma once

#include "chansync/linking/property_store.h"
#include "chansync/redis/key_space.h"
#include "chansync/redis/redis.h"

namespace chansync::linking {

class TokenCipher;

// How RedisPropertyStore keeps PMS tokens (docs/ARCHITECTURE.md, "Secrets").
struct TokenStorage {
  // Seals every token written and opens those read. Null when no secrets key is configured:
  // writing a token then fails SECRETS_NOT_CONFIGURED unless `allow_plain`.
  const TokenCipher* cipher = nullptr;
  // Without a cipher, keep tokens readable in Redis: for local work only.
  bool allow_plain = false;
};

// What RedisPropertyStore::SealStoredTokens found and did.
struct TokenSealReport {
  int sealed_now = 0;  // plain tokens it replaced with sealed ones
  int sealed = 0;      // tokens already sealed (each opened with the key)
  int plain = 0;       // plain tokens kept, when plain storage is allowed
};

// PropertyStore on Redis. Records are JSON. Keys (redis::KeySpace):
//   Properties()                          hash  property id -> property
//   Channels()                            hash  channel id -> channel
//   Property(p).ChannelProducts()         hash  channel id -> that channel's products
//   Property(p).PmsCatalog()              string
// Creates are HSETNX and updates a Lua check-and-set, so both are atomic. Reads of per-property
// records check the property (and channel) in the same pipeline: one round trip. Properties and
// channels are never deleted, so checking them before a write cannot go stale. A property's PMS
// token is stored as `tokens` says: sealed under the secrets key (the record never holds the
// token itself), or plain only when allowed; writing a token otherwise fails
// SECRETS_NOT_CONFIGURED, and so does reading a sealed token without the key that sealed it.
// Thread-safe.
class RedisPropertyStore final : public PropertyStore {
 public:
  // `pool` (and `tokens.cipher`) must outlive the store; its keys live in `keys`.
  explicit RedisPropertyStore(redis::RedisPool& pool, redis::KeySpace keys = {},
                              TokenStorage tokens = {});

  // Run once at start: reads every property record, seals the plain tokens written before
  // tokens were sealed (each replaced only if unchanged since read), and checks that every
  // sealed token opens. SECRETS_NOT_CONFIGURED naming the property when a sealed token does not
  // open (no key, or another key), or when plain tokens are stored, no key is configured and
  // plain storage is not allowed; nothing is changed then.
  core::Result<TokenSealReport> SealStoredTokens();

  core::Status CreateProperty(const core::Property& property) override;
  core::Status UpdateProperty(const core::Property& property) override;
  core::Result<core::Property> GetProperty(const core::PropertyId& id) override;
  core::Result<std::vector<core::Result<core::Property>>> GetProperties(
      const std::vector<core::PropertyId>& ids) override;
  core::Result<std::vector<core::Property>> ListProperties() override;
  core::Status CreateChannel(const core::Channel& channel) override;
  core::Status UpdateChannel(const core::Channel& channel) override;
  core::Result<core::Channel> GetChannel(const core::ChannelId& id) override;
  core::Result<std::vector<core::Channel>> ListChannels() override;
  core::Status SetChannelProducts(const core::PropertyId& property, const core::ChannelId& channel,
                                  const std::vector<core::ChannelProduct>& products) override;
  core::Result<std::vector<core::ChannelProduct>> GetChannelProducts(
      const core::PropertyId& property, const core::ChannelId& channel) override;
  core::Result<std::vector<core::ChannelId>> ListPropertyChannels(
      const core::PropertyId& property) override;
  core::Status SetPmsCatalog(const core::PropertyId& property,
                             const core::PmsCatalog& catalog) override;
  core::Result<core::PmsCatalog> GetPmsCatalog(const core::PropertyId& property) override;

 private:
  core::Result<std::string> Encode(const core::Property& property) const;
  core::Result<core::Property> Decode(std::string_view json) const;

  redis::RedisPool& pool_;
  const redis::KeySpace keys_;
  const std::string properties_key_;
  const std::string channels_key_;
  const TokenStorage tokens_;
};

}  // namespace chansync::linking
