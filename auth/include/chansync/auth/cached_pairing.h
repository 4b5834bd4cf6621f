#pragma once

#include <chrono>
#include <utility>

#include "chansync/auth/channel_pairing.h"
#include "chansync/core/clock.h"
#include "chansync/core/ttl_cache.h"

namespace chansync::auth {

// Remembers the answers of another ChannelPairing for `ttl`, so a portal pushing many
// reservations for one property costs one store read per ttl, not one per push. A pairing
// changes with the declarations, rarely; a change counts within `ttl`. Errors are not kept.
// Thread-safe.
class CachedPairing final : public ChannelPairing {
 public:
  CachedPairing(ChannelPairing& source, const core::Clock& clock,
                std::chrono::milliseconds ttl = std::chrono::seconds(1))
      : source_(source), answers_(clock, ttl, kMaxAnswers) {}

  core::Result<bool> Pairs(const core::PropertyId& property,
                           const core::ChannelId& channel) override;
  // The kept answer while it is fresh.
  std::optional<bool> PairsIfKnown(const core::PropertyId& property,
                                   const core::ChannelId& channel) override;

 private:
  // Bounds the memory a portal naming ever new properties can take.
  static constexpr size_t kMaxAnswers = 100000;

  ChannelPairing& source_;
  core::TtlCache<std::pair<core::PropertyId, core::ChannelId>, bool> answers_;
};

}  // namespace chansync::auth
