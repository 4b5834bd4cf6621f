#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <utility>

#include "chansync/auth/channel_pairing.h"
#include "chansync/core/clock.h"

namespace chansync::auth {

// Remembers the answers of another ChannelPairing for `ttl`, so a portal pushing many
// reservations for one property costs one store read per ttl, not one per push. A pairing
// changes with the declarations, rarely; a change counts within `ttl`. Errors are not kept.
// Thread-safe.
class CachedPairing final : public ChannelPairing {
 public:
  CachedPairing(ChannelPairing& source, const core::Clock& clock,
                std::chrono::milliseconds ttl = std::chrono::seconds(1))
      : source_(source), clock_(clock), ttl_(ttl) {}

  core::Result<bool> Pairs(const core::PropertyId& property,
                           const core::ChannelId& channel) override;
  // The kept answer while it is fresh.
  std::optional<bool> PairsIfKnown(const core::PropertyId& property,
                                   const core::ChannelId& channel) override;

 private:
  struct Answer {
    bool paired;
    std::chrono::steady_clock::time_point at;
  };

  ChannelPairing& source_;
  const core::Clock& clock_;
  const std::chrono::milliseconds ttl_;
  std::mutex mutex_;
  std::map<std::pair<core::PropertyId, core::ChannelId>, Answer> answers_;
};

}  // namespace chansync::auth
