#pragma once

#include <string_view>
#include <vector>

#include "chansync/auth/api_key.h"
#include "chansync/core/error.h"

namespace chansync::auth {

// Where API keys are kept (hashed secrets only). Implementations are thread-safe.
class KeyStore {
 public:
  virtual ~KeyStore() = default;

  // ALREADY_EXISTS when a key with this id exists.
  virtual core::Status Create(const ApiKey& key) = 0;
  // NOT_FOUND when there is no such key.
  virtual core::Result<ApiKey> Get(std::string_view id) = 0;
  // Every key, revoked and expired ones included, oldest first.
  virtual core::Result<std::vector<ApiKey>> List() = 0;
  // Marks the key revoked at `at`; a key already revoked keeps its first time. NOT_FOUND when
  // there is no such key.
  virtual core::Status Revoke(std::string_view id, core::Timestamp at) = 0;
};

}  // namespace chansync::auth
