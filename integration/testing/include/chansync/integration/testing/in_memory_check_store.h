#pragma once

#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "chansync/integration/check_store.h"

namespace chansync::integration::testing {

// The CheckStore contract in memory, for unit tests; nothing expires. Thread-safe.
class InMemoryCheckStore final : public CheckStore {
 public:
  core::Status Put(const StoredCheck& check) override;
  core::Result<std::vector<std::optional<StoredCheck>>> GetMany(
      const std::vector<CheckKey>& keys) override;

  // While set, every call fails with STORE_UNAVAILABLE, as when Redis is down.
  void SetUnavailable(bool unavailable);
  size_t size() const;
  int get_many_calls() const;  // round trips a Redis store would have made for reads

 private:
  mutable std::mutex mutex_;
  bool unavailable_ = false;
  int get_many_calls_ = 0;
  std::map<std::pair<std::string, std::string>, StoredCheck> checks_;  // by (property, check_id)
};

}  // namespace chansync::integration::testing
