#pragma once

#include <algorithm>

#include "chansync/auth/channel_pairing.h"
#include "chansync/linking/property_store.h"

namespace chansync::app {

// A property pairs a channel when its declarations give the channel products there
// (PropertyStore::ListPropertyChannels). An unknown property pairs nothing.
class PropertyStorePairing final : public auth::ChannelPairing {
 public:
  explicit PropertyStorePairing(linking::PropertyStore& properties) : properties_(properties) {}

  core::Result<bool> Pairs(const core::PropertyId& property,
                           const core::ChannelId& channel) override {
    if (!core::ValidateId("property", property)) return false;
    auto channels = properties_.ListPropertyChannels(property);
    if (!channels) {
      if (channels.error().code == core::ErrorCode::kNotFound) return false;
      return std::unexpected(channels.error());
    }
    return std::ranges::binary_search(*channels, channel);
  }

 private:
  linking::PropertyStore& properties_;
};

}  // namespace chansync::app
