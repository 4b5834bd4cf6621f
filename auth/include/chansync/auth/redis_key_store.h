#pragma once

#include "chansync/auth/key_store.h"
#include "chansync/redis/key_space.h"
#include "chansync/redis/pool.h"

namespace chansync::auth {

// Keys in one Redis hash, KeySpace::ApiKeys(): id -> key record (JSON, the secret's hash only).
// STORE_UNAVAILABLE when Redis cannot be reached. Thread-safe.
class RedisKeyStore final : public KeyStore {
 public:
  explicit RedisKeyStore(redis::RedisPool& pool, redis::KeySpace keys = {})
      : pool_(pool), keys_(std::move(keys)) {}

  core::Status Create(const ApiKey& key) override;
  core::Result<ApiKey> Get(std::string_view id) override;
  core::Result<std::vector<ApiKey>> List() override;
  core::Status Revoke(std::string_view id, core::Timestamp at) override;

 private:
  redis::RedisPool& pool_;
  const redis::KeySpace keys_;
};

}  // namespace chansync::auth
