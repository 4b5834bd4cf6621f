#pragma once

#include <optional>

#include "chansync/core/error.h"
#include "chansync/core/ids.h"

namespace chansync::auth {

// Whether a property is paired with a channel: the channel sells products of the property (its
// declarations give the channel products there). A portal key acts only for the properties
// paired with its channel. Implementations are thread-safe.
class ChannelPairing {
 public:
  virtual ~ChannelPairing() = default;
  // False for an unknown property as for an unpaired one; STORE_UNAVAILABLE when unreadable.
  virtual core::Result<bool> Pairs(const core::PropertyId& property,
                                   const core::ChannelId& channel) = 0;
  // What Pairs would answer, when it is known without reading the store (a cache's fresh
  // answer); nullopt otherwise. Never blocks. By default nothing is known.
  virtual std::optional<bool> PairsIfKnown(const core::PropertyId&, const core::ChannelId&) {
    return std::nullopt;
  }
};

}  // namespace chansync::auth
