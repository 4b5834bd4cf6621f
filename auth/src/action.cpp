#include "chansync/auth/action.h"

#include <array>

namespace chansync::auth {
namespace {

// Staff may also push and check (the `chansync push` command replays a portal's file); only the
// portal's own calls are bound to a channel. A push is not audited: every reservation is already
// in the integration log, with its tracking id. Admin rights include the operator's, the vendor's
// include the admin's. A till's postings are not audited either, for the same reason: each is kept
// with its outcome in the postings report; staff never post or void on a till's behalf.
//                       action                     name                 state  port   oper   admin
//                       vendor pos
constexpr std::array kRules = {
    ActionRule{Action::kPushReservation, "push_reservation", false, true, false, true, true, false},
    ActionRule{Action::kCheckAvailability, "check_availability", false, true, false, true, true,
               false},
    ActionRule{Action::kRefreshPlanning, "refresh_planning", true, true, false, true, true, false},
    ActionRule{Action::kReadDeclarations, "read_declarations", false, false, true, true, true,
               false},
    ActionRule{Action::kReadIntegrations, "read_integrations", false, false, true, true, true,
               false},
    ActionRule{Action::kForceIntegration, "force_integration", true, false, true, true, true,
               false},
    ActionRule{Action::kLink, "link", true, false, false, true, true, false},
    ActionRule{Action::kDeclareChannel, "declare_channel", true, false, false, true, true, false},
    ActionRule{Action::kUpdateProperty, "update_property", true, false, false, true, true, false},
    ActionRule{Action::kSetGateway, "set_gateway", true, false, false, true, true, false},
    ActionRule{Action::kEnableMultiLink, "enable_multi_link", true, false, false, false, true,
               false},
    ActionRule{Action::kCreateProperty, "create_property", true, false, false, false, true, false},
    ActionRule{Action::kManageKeys, "manage_keys", true, false, false, true, true, false},
    ActionRule{Action::kReadAudit, "read_audit", false, false, false, true, true, false},
    ActionRule{Action::kSearchGuests, "search_guests", false, false, false, false, true, true},
    ActionRule{Action::kSubmitPosting, "submit_posting", false, false, false, false, true, true},
    ActionRule{Action::kVoidPosting, "void_posting", false, false, false, false, true, true},
    ActionRule{Action::kReadPostings, "read_postings", false, false, true, true, true, true},
    ActionRule{Action::kForcePosting, "force_posting", true, false, true, true, true, false},
    ActionRule{Action::kRunEndOfDay, "run_end_of_day", true, false, false, true, true, false},
    ActionRule{Action::kSetPostingSetup, "set_posting_setup", true, false, false, true, true,
               false},
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
    case Role::kPos:
      return rule.pos;
  }
  return false;
}

}  // namespace chansync::auth
