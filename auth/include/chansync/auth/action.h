#pragma once

#include <optional>
#include <span>
#include <string_view>

#include "chansync/auth/role.h"

namespace chansync::auth {

// What a call does, as the authorisation table knows it. Every gRPC method and HTTP route maps
// to exactly one action (api/grpc's method table, the HTTP ingest routes).
enum class Action {
  kPushReservation,    // push, modify or cancel a reservation
  kCheckAvailability,  // re-check availability while a guest books
  kRefreshPlanning,    // push a property's planning again (a portal: its own properties)
  kReadDeclarations,   // properties, channels, products, options, gateway settings, refreshes
  kReadIntegrations,   // the integration log
  kForceIntegration,   // retry an integration, with or without overbooking
  kLink,               // catalogs and links of products and options
  kDeclareChannel,     // create or change a channel
  kUpdateProperty,     // change a property's settings
  kSetGateway,         // a property's mode and levels
  kEnableMultiLink,    // turn multi-link on (the source system reserves it to the vendor)
  kCreateProperty,
  kManageKeys,  // create, list, revoke API keys
  kReadAudit,
  kSearchGuests,     // the till's guest lookup (a pos key: its own property)
  kSubmitPosting,    // post a charge, a payment or a room-charge ticket
  kVoidPosting,      // void a posting or a whole ticket
  kReadPostings,     // one posting, a business day's report
  kForcePosting,     // send a failed posting to the PMS again
  kRunEndOfDay,      // a business day's revenue summary, sent to the PMS once
  kSetPostingSetup,  // closing time, mapping tables, spa switches
};

struct ActionRule {
  Action action;
  std::string_view name;  // stable: stored in the audit log, matched by `chansync audit --action`
  // Whether a staff member's call is written to the audit log: every action that changes state.
  bool changes_state;
  bool portal, operator_, admin, vendor, pos;  // who may
};

// The authorisation table, one row per action in the enum's order.
std::span<const ActionRule> ActionRules();
const ActionRule& RuleOf(Action action);
std::string_view ActionName(Action action);
std::optional<Action> ParseAction(std::string_view name);
// Whether `role` may perform `action` at all; a portal's scope is checked by the Authorizer.
bool RoleMay(Role role, Action action);

}  // namespace chansync::auth
