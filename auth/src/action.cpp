#include "chansync/auth/action.h"

#include <array>

namespace chansync::auth {
namespace {

// Staff may also push and check (the `chansync push` command replays a portal's file); only the
// portal's own calls are bound to a channel. A push is not audited: every reservation is already
// in the integration log, with its tracking id. Admin rights include the operator's, the vendor's
// include the admin's.
//                       action                     name                 state  port   oper   admin
//                       vendor
constexpr std::array kRules = {
    ActionRule{Action::kPushReservation, "push_reservation", false, true, false, true, true},
    ActionRule{Action::kCheckAvailability, "check_availability", false, true, false, true, true},
    ActionRule{Action::kRefreshPlanning, "refresh_planning", true, true, false, true, true},
    ActionRule{Action::kReadDeclarations, "read_declarations", false, false, true, true, true},
    ActionRule{Action::kReadIntegrations, "read_integrations", false, false, true, true, true},
    ActionRule{Action::kForceIntegration, "force_integration", true, false, true, true, true},
    ActionRule{Action::kLink, "link", true, false, false, true, true},
    ActionRule{Action::kDeclareChannel, "declare_channel", true, false, false, true, true},
    ActionRule{Action::kUpdateProperty, "update_property", true, false, false, true, true},
    ActionRule{Action::kSetGateway, "set_gateway", true, false, false, true, true},
    ActionRule{Action::kEnableMultiLink, "enable_multi_link", true, false, false, false, true},
    ActionRule{Action::kCreateProperty, "create_property", true, false, false, false, true},
    ActionRule{Action::kManageKeys, "manage_keys", true, false, false, true, true},
    ActionRule{Action::kReadAudit, "read_audit", false, false, false, true, true},
};

constexpr bool RowsFollowTheEnum() {
  for (size_t i = 0; i < kRules.size(); ++i) {
    if (static_cast<size_t>(kRules[i].action) != i) return false;
  }
  return true;
}
static_assert(RowsFollowTheEnum(), "action.cpp: one row per Action, in the enum's order");

// The vendor's rights include the admin's, the admin's the operator's.
constexpr bool RightsNest() {
  for (const ActionRule& rule : kRules) {
    if (rule.operator_ && !rule.admin) return false;
    if (rule.admin && !rule.vendor) return false;
  }
  return true;
}
static_assert(RightsNest(), "action.cpp: operator < admin < vendor");

}  // namespace

std::span<const ActionRule> ActionRules() { return kRules; }

const ActionRule& RuleOf(Action action) { return kRules[static_cast<size_t>(action)]; }

std::string_view ActionName(Action action) { return RuleOf(action).name; }

std::optional<Action> ParseAction(std::string_view name) {
  for (const ActionRule& rule : kRules) {
    if (rule.name == name) return rule.action;
  }
  return std::nullopt;
}

bool RoleMay(Role role, Action action) {
  const ActionRule& rule = RuleOf(action);
  switch (role) {
    case Role::kPortal:
      return rule.portal;
    case Role::kOperator:
      return rule.operator_;
    case Role::kAdmin:
      return rule.admin;
    case Role::kVendor:
      return rule.vendor;
  }
  return false;
}

}  // namespace chansync::auth
