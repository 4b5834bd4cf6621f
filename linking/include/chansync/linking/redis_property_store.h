#pragma once

#include "chansync/linking/property_store.h"
#include "chansync/redis/key_space.h"
#include "chansync/redis/redis.h"

namespace chansync::linking {

// PropertyStore on Redis. Records are JSON. Keys (redis::KeySpace):
//   Properties()                          hash  property id -> property
//   Channels()                            hash  channel id -> channel
//   Property(p).ChannelProducts()         hash  channel id -> that channel's products
//   Property(p).PmsCatalog()              string
// Creates are HSETNX and updates a Lua check-and-set, so both are atomic. Reads of per-property
// records check the property (and channel) in the same pipeline: one round trip. Properties and
// channels are never deleted, so checking them before a write cannot go stale. Thread-safe.
class RedisPropertyStore final : public PropertyStore {
 public:
  // `pool` must outlive the store; its keys live in `keys`.
  explicit RedisPropertyStore(redis::RedisPool& pool, redis::KeySpace keys = {});

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
  redis::RedisPool& pool_;
  const redis::KeySpace keys_;
  const std::string properties_key_;
  const std::string channels_key_;
};

}  // namespace chansync::linking
