#include "store_ingest_catalog.h"

#include "chansync/linking/property_store.h"
#include "store_readiness.h"

namespace chansync::app {

core::Result<std::vector<std::string>> StoreIngestCatalog::ChannelProducts(
    const core::PropertyId& property, const core::ChannelId& channel) {
  RETURN_IF_ERROR(readiness_.Check());
  auto products = properties_.GetChannelProducts(property, channel);
  if (!products && products.error().code == core::ErrorCode::kNotFound) {
    // Asked again: the declarations may have been lost since the last probe.
    readiness_.Refresh();
    RETURN_IF_ERROR(readiness_.Check());
  }
  RETURN_IF_ERROR(products);
  std::vector<std::string> ids;
  ids.reserve(products->size());
  for (const auto& product : *products) ids.push_back(product.id);
  return ids;
}

}  // namespace chansync::app
