#pragma once

#include "chansync/core/error.h"
#include "chansync/core/ids.h"

namespace chansync::linking {
class PropertyStore;
class LinkRegistry;
}  // namespace chansync::linking

namespace chansync::pms {
class PmsDirectory;
}  // namespace chansync::pms

namespace chansync::integration {

struct PmsCatalogSyncReport {
  int products = 0;
  int options = 0;
  int removed_links = 0;  // links to products or options the PMS no longer has
};

// Reads a property's products and options from its PMS and makes them the property's PMS
// catalog, so admins link against what the PMS really sells. Links to items the PMS dropped
// are removed (LinkRegistry::SetPmsCatalog). Thread-safe.
class PmsCatalogSync {
 public:
  PmsCatalogSync(linking::PropertyStore& properties, linking::LinkRegistry& registry,
                 pms::PmsDirectory& pms);

  // NOT_FOUND for an unknown property; INVALID_ARGUMENT when it has no PMS endpoint;
  // PMS_UNAVAILABLE / PMS_REJECTED from the PMS, in which case the catalog is left as it was.
  core::Result<PmsCatalogSyncReport> Sync(const core::PropertyId& property);

 private:
  linking::PropertyStore& properties_;
  linking::LinkRegistry& registry_;
  pms::PmsDirectory& pms_;
};

}  // namespace chansync::integration
