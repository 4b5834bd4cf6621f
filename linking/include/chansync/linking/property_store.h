#pragma once

#include <vector>

#include "chansync/core/catalog.h"
#include "chansync/core/error.h"
#include "chansync/core/ids.h"
#include "chansync/core/property.h"

namespace chansync::linking {

// The catalog port: properties, channels, what each channel sells for each property (channel
// products with their options) and the PMS catalog of each property. It knows nothing of links;
// replace channel products or a PMS catalog through LinkRegistry so that links to vanished items
// are pruned. All methods are thread-safe. Any method may fail STORE_UNAVAILABLE (retry later)
// or INTERNAL (stored data unreadable); identifiers that are not valid (core::ValidateId) fail
// INVALID_ARGUMENT.
class PropertyStore {
 public:
  virtual ~PropertyStore() = default;

  // ALREADY_EXISTS when the id is taken; INVALID_ARGUMENT via core::ValidateProperty.
  virtual core::Status CreateProperty(const core::Property& property) = 0;
  // Replaces every field. NOT_FOUND for an unknown id; INVALID_ARGUMENT via ValidateProperty.
  // Change `multi_link` through LinkRegistry::SetMultiLink, which keeps it consistent with links.
  virtual core::Status UpdateProperty(const core::Property& property) = 0;
  virtual core::Result<core::Property> GetProperty(const core::PropertyId& id) = 0;  // NOT_FOUND
  // GetProperty of each id, in order, in one round trip: each entry is the property or that
  // id's error (NOT_FOUND, INVALID_ARGUMENT, INTERNAL); STORE_UNAVAILABLE fails the whole call.
  virtual core::Result<std::vector<core::Result<core::Property>>> GetProperties(
      const std::vector<core::PropertyId>& ids) = 0;
  virtual core::Result<std::vector<core::Property>> ListProperties() = 0;  // sorted by id

  // ALREADY_EXISTS when the id is taken; INVALID_ARGUMENT via core::ValidateChannel.
  virtual core::Status CreateChannel(const core::Channel& channel) = 0;
  virtual core::Status UpdateChannel(const core::Channel& channel) = 0;           // NOT_FOUND
  virtual core::Result<core::Channel> GetChannel(const core::ChannelId& id) = 0;  // NOT_FOUND
  virtual core::Result<std::vector<core::Channel>> ListChannels() = 0;            // sorted by id

  // Replaces what `channel` sells for `property`; an empty list withdraws the channel from the
  // property. NOT_FOUND for an unknown property or channel; INVALID_ARGUMENT via
  // core::ValidateChannelProducts. Links are not touched.
  virtual core::Status SetChannelProducts(const core::PropertyId& property,
                                          const core::ChannelId& channel,
                                          const std::vector<core::ChannelProduct>& products) = 0;
  // Empty when none declared; NOT_FOUND for an unknown property or channel.
  virtual core::Result<std::vector<core::ChannelProduct>> GetChannelProducts(
      const core::PropertyId& property, const core::ChannelId& channel) = 0;
  // Channels that declared products for the property, sorted. NOT_FOUND for an unknown property.
  virtual core::Result<std::vector<core::ChannelId>> ListPropertyChannels(
      const core::PropertyId& property) = 0;

  // Replaces the property's PMS catalog. NOT_FOUND for an unknown property; INVALID_ARGUMENT via
  // core::ValidatePmsCatalog. Links are not touched.
  virtual core::Status SetPmsCatalog(const core::PropertyId& property,
                                     const core::PmsCatalog& catalog) = 0;
  // Empty when none was set; NOT_FOUND for an unknown property.
  virtual core::Result<core::PmsCatalog> GetPmsCatalog(const core::PropertyId& property) = 0;
};

}  // namespace chansync::linking
