#pragma once

#include <map>
#include <mutex>
#include <string>

#include "chansync/auth/key_store.h"

namespace chansync::auth::testing {

// KeyStore in a map, with RedisKeyStore's answers. Thread-safe.
class InMemoryKeyStore final : public KeyStore {
 public:
  core::Status Create(const ApiKey& key) override;
  core::Result<ApiKey> Get(std::string_view id) override;
  core::Result<std::vector<ApiKey>> List() override;
  core::Status Revoke(std::string_view id, core::Timestamp at) override;

  int gets() const;  // how many Get calls reached the store

 private:
  mutable std::mutex mutex_;
  std::map<std::string, ApiKey, std::less<>> keys_;
  int gets_ = 0;
};

}  // namespace chansync::auth::testing
