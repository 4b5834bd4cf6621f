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
  auto property = properties_.GetProperty(property_id);
  if (!property) return std::unexpected(property.error());
  auto pms = pms_.For(*property);
  if (!pms) return std::unexpected(pms.error());
  auto products = (*pms)->ListProducts(property_id);
  if (!products) return std::unexpected(products.error());
  auto options = (*pms)->ListOptions(property_id);
  if (!options) return std::unexpected(options.error());
  core::PmsCatalog catalog{std::move(*products), std::move(*options)};
  if (auto valid = core::ValidatePmsCatalog(catalog); !valid) {
    return core::Fail(core::ErrorCode::kPmsRejected, "the PMS catalog of " + property_id +
                                                         " is unusable: " + valid.error().message);
  }
  auto removed = registry_.SetPmsCatalog(property_id, catalog);
  if (!removed) return std::unexpected(removed.error());
  return PmsCatalogSyncReport{static_cast<int>(catalog.products.size()),
                              static_cast<int>(catalog.options.size()), *removed};
}

}  // namespace chansync::integration
