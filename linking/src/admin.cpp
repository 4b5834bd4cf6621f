#include "chansync/linking/admin.h"

#include "chansync/linking/link_registry.h"
#include "chansync/linking/property_store.h"

namespace chansync::linking {

GatewaySettings GatewayOf(const core::Property& property) {
  return {property.id, property.mode, property.levels, property.multi_link};
}

core::Status CheckActivation(LinkRegistry& registry, const core::PropertyId& property) {
  ASSIGN_OR_RETURN(const auto snapshots, registry.Snapshots({property}));
  if (snapshots.empty() || snapshots.front().products.empty()) {
    return core::Fail(core::ErrorCode::kPropertyNotLinked,
                      "property \"" + property +
                          "\" has no linked product: link its channel products to PMS products "
                          "before switching it to PMS mode");
  }
  return core::Ok();
}

Admin::Admin(linking::PropertyStore& properties, linking::LinkRegistry& registry)
    : properties_(properties), registry_(registry) {}

core::Result<core::Property> Admin::CreateProperty(const core::Property& property) {
  RETURN_IF_ERROR(core::ValidateProperty(property));
  if (property.mode == core::GatewayMode::kPms) {
    return core::Fail(core::ErrorCode::kPropertyNotLinked,
                      "property \"" + property.id +
                          "\" is new and has no linked product: create it in classic mode, link "
                          "its products, then switch it to PMS mode");
  }
  RETURN_IF_ERROR(properties_.CreateProperty(property));
  return properties_.GetProperty(property.id);
}

core::Result<core::Property> Admin::UpdateProperty(const core::Property& property) {
  RETURN_IF_ERROR(core::ValidateProperty(property));
  ASSIGN_OR_RETURN(auto stored, properties_.GetProperty(property.id));
  core::Property updated = property;
  updated.multi_link = stored.multi_link;
  if (updated.pms.credentials.empty() && updated.pms.endpoint == stored.pms.endpoint &&
      updated.pms.kind == stored.pms.kind) {
    updated.pms.credentials = stored.pms.credentials;
  }
  if (stored.mode == core::GatewayMode::kClassic && updated.mode == core::GatewayMode::kPms) {
    RETURN_IF_ERROR(CheckActivation(registry_, property.id));
  }
  RETURN_IF_ERROR(properties_.UpdateProperty(updated));
  return updated;
}

core::Result<GatewaySettings> Admin::GetGateway(const core::PropertyId& property) {
  ASSIGN_OR_RETURN(auto stored, properties_.GetProperty(property));
  return GatewayOf(stored);
}

core::Result<GatewaySettings> Admin::SetGateway(const core::PropertyId& property,
                                                const GatewayChange& change) {
  // The multi-link flag first: it is the only change that can be refused, and the registry
  // owns its consistency with concurrent link requests.
  if (change.multi_link) {
    RETURN_IF_ERROR(registry_.SetMultiLink(property, *change.multi_link));
  }
  const bool touches_property = change.mode || change.nightly_planning ||
                                change.availability_recheck || change.auto_integration;
  ASSIGN_OR_RETURN(auto stored, properties_.GetProperty(property));
  if (!touches_property) return GatewayOf(stored);
  if (change.mode == core::GatewayMode::kPms && stored.mode == core::GatewayMode::kClassic) {
    RETURN_IF_ERROR(CheckActivation(registry_, property));
  }
  if (change.mode) stored.mode = *change.mode;
  if (change.nightly_planning) stored.levels.nightly_planning = *change.nightly_planning;
  if (change.availability_recheck) {
    stored.levels.availability_recheck = *change.availability_recheck;
  }
  if (change.auto_integration) stored.levels.auto_integration = *change.auto_integration;
  RETURN_IF_ERROR(properties_.UpdateProperty(stored));
  return GatewayOf(stored);
}

}  // namespace chansync::linking
