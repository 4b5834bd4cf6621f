#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <map>
#include <mutex>
#include <optional>
#include <utility>

#include "chansync/core/clock.h"

namespace chansync::core {

// Values kept for `ttl` after they were read from a slower source, by the clock's steady time.
// For data that changes rarely and may be seen up to `ttl` late (declarations, set-ups), so a
// hot path pays one store read per ttl instead of one per call. Thread-safe.
template <typename Key, typename Value>
class TtlCache {
 public:
  // `max_entries` bounds the memory callers naming ever new keys can take: a Keep that would
  // pass it starts the cache afresh.
  TtlCache(const Clock& clock, std::chrono::milliseconds ttl,
           size_t max_entries = std::numeric_limits<size_t>::max())
      : clock_(clock), ttl_(ttl), max_entries_(max_entries) {}

  // The value kept for `key` while it is fresh.
  std::optional<Value> Find(const Key& key) const {
    std::lock_guard lock(mutex_);
    auto it = entries_.find(key);
    if (it == entries_.end() || clock_.SteadyNow() - it->second.second >= ttl_) {
      return std::nullopt;
    }
    return it->second.first;
  }

  // Counts Forget calls. Take it before reading the source and hand it to Keep, so a read that
  // raced a change (and may have seen the old value) is not kept.
  uint64_t Generation() const {
    std::lock_guard lock(mutex_);
    return generation_;
  }

  // Keeps `value` unless something was forgotten since `generation`.
  void Keep(const Key& key, Value value, uint64_t generation) {
    std::lock_guard lock(mutex_);
    if (generation != generation_) return;
    if (entries_.size() >= max_entries_ && !entries_.contains(key)) entries_.clear();
    entries_.insert_or_assign(key, std::pair{std::move(value), clock_.SteadyNow()});
  }

  void Forget(const Key& key) {
    std::lock_guard lock(mutex_);
    ++generation_;
    entries_.erase(key);
  }

 private:
  const Clock& clock_;
  const std::chrono::milliseconds ttl_;
  const size_t max_entries_;
  mutable std::mutex mutex_;
  uint64_t generation_ = 0;
  std::map<Key, std::pair<Value, std::chrono::steady_clock::time_point>> entries_;
};

}  // namespace chansync::core
