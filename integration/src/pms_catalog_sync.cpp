#include "chansync/integration/pms_catalog_sync.h"

#include "chansync/linking/link_registry.h"
#include "chansync/linking/property_store.h"
#include "chansync/pms/pms.h"
#include "chansync/pms/pms_directory.h"

namespace chansync::integration {

PmsCatalogSync::PmsCatalogSync(linking::PropertyStore& properties, linking::LinkRegistry& registry,
                               pms::PmsDirectory& pms)
    : properties_(properties), registry_(registry), pms_(pms) {}

core::Result<PmsCatalogSyncReport> PmsCatalogSync::Sync(const core::PropertyId& property_id) {
  ASSIGN_OR_RETURN(auto property, properties_.GetProperty(property_id));
  ASSIGN_OR_RETURN(auto pms, pms_.For(property));
  ASSIGN_OR_RETURN(auto products, pms->ListProducts(property_id));
  ASSIGN_OR_RETURN(auto options, pms->ListOptions(property_id));
  core::PmsCatalog catalog{std::move(products), std::move(options)};
  if (auto valid = core::ValidatePmsCatalog(catalog); !valid) {
    return core::Fail(core::ErrorCode::kPmsRejected, "the PMS catalog of " + property_id +
                                                         " is unusable: " + valid.error().message);
  }
  ASSIGN_OR_RETURN(auto removed, registry_.SetPmsCatalog(property_id, catalog));
  return PmsCatalogSyncReport{static_cast<int>(catalog.products.size()),
                              static_cast<int>(catalog.options.size()), removed};
}

}  // namespace chansync::integration
