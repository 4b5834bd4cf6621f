#include "chansync/auth/testing/in_memory_key_store.h"

#include <algorithm>

namespace chansync::auth::testing {

core::Status InMemoryKeyStore::Create(const ApiKey& key) {
  std::lock_guard lock(mutex_);
  if (!keys_.emplace(key.id, key).second) {
    return core::Fail(core::ErrorCode::kAlreadyExists, "API key \"" + key.id + "\" already exists");
  }
  return core::Ok();
}

core::Result<ApiKey> InMemoryKeyStore::Get(std::string_view id) {
  std::lock_guard lock(mutex_);
  ++gets_;
  auto it = keys_.find(id);
  if (it == keys_.end()) {
    return core::Fail(core::ErrorCode::kNotFound, "API key \"" + std::string(id) + "\" not found");
  }
  return it->second;
}

core::Result<std::vector<ApiKey>> InMemoryKeyStore::List() {
  std::lock_guard lock(mutex_);
  std::vector<ApiKey> keys;
  for (const auto& [id, key] : keys_) keys.push_back(key);
  std::ranges::sort(keys, [](const ApiKey& a, const ApiKey& b) {
    return std::tie(a.created_at, a.id) < std::tie(b.created_at, b.id);
  });
  return keys;
}

core::Status InMemoryKeyStore::Revoke(std::string_view id, core::Timestamp at) {
  std::lock_guard lock(mutex_);
  auto it = keys_.find(id);
  if (it == keys_.end()) {
    return core::Fail(core::ErrorCode::kNotFound, "API key \"" + std::string(id) + "\" not found");
  }
  if (!it->second.revoked_at) it->second.revoked_at = at;
  return core::Ok();
}

int InMemoryKeyStore::gets() const {
  std::lock_guard lock(mutex_);
  return gets_;
}

}  // namespace chansync::auth::testing
