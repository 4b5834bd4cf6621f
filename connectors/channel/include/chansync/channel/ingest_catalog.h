#pragma once

#include <string>
#include <vector>

#include "chansync/core/error.h"
#include "chansync/core/ids.h"

namespace chansync::channel {

// What ingest needs to know of the declarations: the products a channel sells at a property.
// Ingest refuses a reservation naming anything else, so nothing is queued that no one could
// integrate, list or expire.
class IngestCatalog {
 public:
  virtual ~IngestCatalog() = default;

  // The ids of the products `channel` declared for `property`, in any order; empty when the
  // channel sells nothing there. NOT_FOUND for an unknown property or channel (the message names
  // which); STORE_UNAVAILABLE or STORE_NOT_READY when the answer cannot be read.
  virtual core::Result<std::vector<std::string>> ChannelProducts(
      const core::PropertyId& property, const core::ChannelId& channel) = 0;
};

}  // namespace chansync::channel
