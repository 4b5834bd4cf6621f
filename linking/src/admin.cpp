#include "chansync/linking/admin.h"

#include "chansync/linking/link_registry.h"
#include "chansync/linking/property_store.h"

namespace chansync::linking {

GatewaySettings GatewayOf(const core::Property& property) {
  return {property.id, property.mode, property.levels, property.multi_link};
}

Admin::Admin(linking::PropertyStore& properties, linking::LinkRegistry& registry)
    : properties_(properties), registry_(registry) {}

core::Result<core::Property> Admin::CreateProperty(const core::Property& property) {
  RETURN_IF_ERROR(core::ValidateProperty(property));
  RETURN_IF_ERROR(properties_.CreateProperty(property));
  return properties_.GetProperty(property.id);
}

core::Result<core::Property> Admin::UpdateProperty(const core::Property& property) {
  RETURN_IF_ERROR(core::ValidateProperty(property));
  ASSIGN_OR_RETURN(auto stored, properties_.GetProperty(property.id));
  core::Property updated = property;
  updated.multi_link = stored.multi_link;
  if (updated.pms.credentials.empty()) updated.pms.credentials = stored.pms.credentials;
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
