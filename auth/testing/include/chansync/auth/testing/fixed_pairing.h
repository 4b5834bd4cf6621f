#pragma once

#include <mutex>
#include <set>
#include <utility>

#include "chansync/auth/channel_pairing.h"

namespace chansync::auth::testing {

// Pairs exactly the (property, channel) pairs it was told; counts the questions. Thread-safe.
class FixedPairing final : public ChannelPairing {
 public:
  void Pair(core::PropertyId property, core::ChannelId channel) {
    std::lock_guard lock(mutex_);
    pairs_.emplace(std::move(property), std::move(channel));
  }
  core::Result<bool> Pairs(const core::PropertyId& property,
                           const core::ChannelId& channel) override {
    std::lock_guard lock(mutex_);
    ++asked_;
    return pairs_.contains({property, channel});
  }
  int asked() const {
    std::lock_guard lock(mutex_);
    return asked_;
  }

 private:
  mutable std::mutex mutex_;
  std::set<std::pair<core::PropertyId, core::ChannelId>> pairs_;
  int asked_ = 0;
};

}  // namespace chansync::auth::testing
