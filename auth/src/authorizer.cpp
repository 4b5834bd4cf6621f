#include "chansync/auth/authorizer.h"

namespace chansync::auth {
namespace {

core::Error Denied(const Principal& principal, Action action) {
  return {core::ErrorCode::kPermissionDenied, "a " + std::string(RoleName(principal.role)) +
                                                  " key may not " +
                                                  std::string(ActionName(action)) + " here"};
}

}  // namespace

core::Status Authorizer::Authorize(const Principal& principal, Action action,
                                   const Scope& scope) const {
  if (!RoleMay(principal.role, action)) return std::unexpected(Denied(principal, action));
  if (principal.role == Role::kPos) {
    // A till acts for its one property: a call naming none (or a key read back without one) is
    // refused rather than taken as "any".
    if (!principal.property || !scope.property || *scope.property != *principal.property) {
      return std::unexpected(Denied(principal, action));
    }
    return core::Ok();
  }
  if (principal.role != Role::kPortal) return core::Ok();
  // A portal key without its channel cannot be made; one read back broken acts for nobody.
  if (!principal.channel) return std::unexpected(Denied(principal, action));
  if (scope.channel && *scope.channel != *principal.channel) {
    return std::unexpected(Denied(principal, action));
  }
  if (scope.property) {
    ASSIGN_OR_RETURN(const bool paired, pairing_.Pairs(*scope.property, *principal.channel));
    if (!paired) return std::unexpected(Denied(principal, action));
  }
  return core::Ok();
}

}  // namespace chansync::auth
