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
  if (auto s = core::ValidateProperty(property); !s) return std::unexpected(s.error());
  if (auto s = properties_.CreateProperty(property); !s) return std::unexpected(s.error());
  return properties_.GetProperty(property.id);
}

core::Result<core::Property> Admin::UpdateProperty(const core::Property& property) {
  if (auto s = core::ValidateProperty(property); !s) return std::unexpected(s.error());
  auto stored = properties_.GetProperty(property.id);
  if (!stored) return std::unexpected(stored.error());
  core::Property updated = property;
  updated.multi_link = stored->multi_link;
  if (updated.pms.credentials.empty()) updated.pms.credentials = stored->pms.credentials;
  if (auto s = properties_.UpdateProperty(updated); !s) return std::unexpected(s.error());
  return updated;
}

core::Result<GatewaySettings> Admin::GetGateway(const core::PropertyId& property) {
  auto stored = properties_.GetProperty(property);
  if (!stored) return std::unexpected(stored.error());
  return GatewayOf(*stored);
}

core::Result<GatewaySettings> Admin::SetGateway(const core::PropertyId& property,
                                                const GatewayChange& change) {
  // The multi-link flag first: it is the only change that can be refused, and the registry
  // owns its consistency with concurrent link requests.
  if (change.multi_link) {
    if (auto s = registry_.SetMultiLink(property, *change.multi_link); !s) {
      return std::unexpected(s.error());
    }
  }
  const bool touches_property = change.mode || change.nightly_planning ||
                                change.availability_recheck || change.auto_integration;
  auto stored = properties_.GetProperty(property);
  if (!stored) return std::unexpected(stored.error());
  if (!touches_property) return GatewayOf(*stored);
  if (change.mode) stored->mode = *change.mode;
  if (change.nightly_planning) stored->levels.nightly_planning = *change.nightly_planning;
  if (change.availability_recheck) {
    stored->levels.availability_recheck = *change.availability_recheck;
  }
  if (change.auto_integration) stored->levels.auto_integration = *change.auto_integration;
  if (auto s = properties_.UpdateProperty(*stored); !s) return std::unexpected(s.error());
  return GatewayOf(*stored);
}

}  // namespace chansync::linking
