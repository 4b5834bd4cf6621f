#pragma once

#include <optional>

#include "chansync/core/error.h"
#include "chansync/core/property.h"

namespace chansync::linking {
class PropertyStore;
class LinkRegistry;
}  // namespace chansync::linking

namespace chansync::linking {

struct GatewaySettings {
  core::PropertyId property;
  core::GatewayMode mode = core::GatewayMode::kPms;
  core::GatewayLevels levels;
  bool multi_link = false;
};

// Only the fields that are set change.
struct GatewayChange {
  std::optional<core::GatewayMode> mode;
  std::optional<bool> nightly_planning;
  std::optional<bool> availability_recheck;
  std::optional<bool> auto_integration;
  std::optional<bool> multi_link;
};

// The admin use cases that are more than one store call: property life cycle and the gateway's
// mode, levels and multi-link flag (SPEC §1.4). Thread-safe.
class Admin {
 public:
  Admin(linking::PropertyStore& properties, linking::LinkRegistry& registry);

  // INVALID_ARGUMENT naming the field; ALREADY_EXISTS.
  core::Result<core::Property> CreateProperty(const core::Property& property);
  // Replaces name, timezone, mode, levels and PMS connection. The multi-link flag is kept: it
  // changes only through SetGateway, which checks the links. An empty credentials field keeps
  // the stored credentials (the service never returns them, so clients cannot echo them back).
  core::Result<core::Property> UpdateProperty(const core::Property& property);

  core::Result<GatewaySettings> GetGateway(const core::PropertyId& property);
  // Mode and levels take effect at once. Turning multi-link off is refused with
  // PMS_PRODUCT_ALREADY_LINKED while a PMS product is linked several times.
  core::Result<GatewaySettings> SetGateway(const core::PropertyId& property,
                                           const GatewayChange& change);

 private:
  linking::PropertyStore& properties_;
  linking::LinkRegistry& registry_;
};

GatewaySettings GatewayOf(const core::Property& property);

}  // namespace chansync::linking
