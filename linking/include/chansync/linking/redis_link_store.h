#pragma once

#include "chansync/linking/link_store.h"
#include "chansync/redis/key_space.h"
#include "chansync/redis/redis.h"

namespace chansync::linking {

// LinkStore on Redis: one hash per property, KeySpace::Property(p).Links(), with fields
//   p|<channel>|<channel_product>                  -> PMS product
//   o|<channel>|<channel_product>|<channel_option> -> PMS option
//   version                                        -> version of the links
// Load is one HGETALL; Apply is one Lua script that checks the version and applies every
// removal and put: atomic, one round trip. The version field outlives the links, so a version
// never repeats. Thread-safe.
class RedisLinkStore final : public LinkStore {
 public:
  // `pool` must outlive the store; its keys live in `keys`.
  explicit RedisLinkStore(redis::RedisPool& pool, redis::KeySpace keys = {});

  core::Result<LinkSnapshot> Load(const core::PropertyId& property) override;
  core::Result<std::vector<LinkSnapshot>> LoadMany(
      const std::vector<core::PropertyId>& properties) override;
  core::Status Apply(const core::PropertyId& property, uint64_t expected_version,
                     const LinkChange& change) override;

 private:
  std::string LinksKey(const core::PropertyId& property) const;

  redis::RedisPool& pool_;
  const redis::KeySpace keys_;
};

}  // namespace chansync::linking
