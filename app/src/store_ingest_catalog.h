#pragma once

#include <string>
#include <vector>

#include "chansync/channel/ingest_catalog.h"

namespace chansync::linking {
class PropertyStore;
}  // namespace chansync::linking

namespace chansync::app {

class StoreReadiness;

// The ingest catalog read from the declarations in the property store. A store that lost its
// declarations answers STORE_NOT_READY rather than NOT_FOUND: the property is not unknown, the
// store forgot it.
class StoreIngestCatalog final : public channel::IngestCatalog {
 public:
  StoreIngestCatalog(linking::PropertyStore& properties, StoreReadiness& readiness)
      : properties_(properties), readiness_(readiness) {}

  core::Result<std::vector<std::string>> ChannelProducts(const core::PropertyId& property,
                                                         const core::ChannelId& channel) override;

 private:
  linking::PropertyStore& properties_;
  StoreReadiness& readiness_;
};

}  // namespace chansync::app
