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

  // A new property starts inactive: in classic mode, until an admin links its products and
  // switches it to PMS mode. INVALID_ARGUMENT naming the field; ALREADY_EXISTS;
  // PROPERTY_NOT_LINKED when `property` asks for PMS mode (it has no link yet).
  core::Result<core::Property> CreateProperty(const core::Property& property);
  // Replaces name, timezone, mode, levels and PMS connection. The multi-link flag is kept: it
  // changes only through SetGateway, which checks the links. An empty credentials field keeps
  // the stored credentials (the service never returns them, so clients cannot echo them back)
  // while the endpoint stays the same; a new endpoint drops them, so a token is never sent to
  // an endpoint it was not given for. PROPERTY_NOT_LINKED when it switches a property to PMS
  // mode before any of its products is linked (CheckActivation).
  core::Result<core::Property> UpdateProperty(const core::Property& property);

  core::Result<GatewaySettings> GetGateway(const core::PropertyId& property);
  // Mode and levels take effect at once. Switching a classic property to PMS mode is refused
  // with PROPERTY_NOT_LINKED while none of its channel products is linked. Turning multi-link
  // off is refused with PMS_PRODUCT_ALREADY_LINKED while a PMS product is linked several times.
  core::Result<GatewaySettings> SetGateway(const core::PropertyId& property,
                                           const GatewayChange& change);

 private:
  linking::PropertyStore& properties_;
  linking::LinkRegistry& registry_;
};

GatewaySettings GatewayOf(const core::Property& property);

// Whether `property` may leave classic mode: PROPERTY_NOT_LINKED unless one of its channel
// products is linked, so no sale reaches the PMS before its product can be resolved. Checked
// on the links as they are now; a later unlink is not prevented (its sales then fail
// PRODUCT_NOT_LINKED, as any unlinked product's).
core::Status CheckActivation(LinkRegistry& registry, const core::PropertyId& property);

}  // namespace chansync::linking
