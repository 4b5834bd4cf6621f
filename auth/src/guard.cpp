#include "chansync/auth/guard.h"

namespace chansync::auth {

core::Result<Principal> Guard::Admit(std::string_view authorization, Action action,
                                     const Scope& scope) const {
  ASSIGN_OR_RETURN(Principal principal, Authenticate(authorization));
  RETURN_IF_ERROR(authorizer_->Authorize(principal, action, scope));
  return principal;
}

std::optional<core::Result<Principal>> Guard::AdmitIfKnown(std::string_view authorization,
                                                           Action action,
                                                           const Scope& scope) const {
  if (!enabled()) return Admit(authorization, action, scope);  // reads nothing
  auto principal = authenticator_->AuthenticateIfKnown(authorization);
  if (!principal || !*principal) return principal;
  const std::optional<core::Status> allowed =
      authorizer_->AuthorizeIfKnown(**principal, action, scope);
  if (!allowed) return std::nullopt;
  if (!*allowed) return core::Result<Principal>(std::unexpected(allowed->error()));
  return principal;
}

core::Result<Principal> Guard::Authenticate(std::string_view authorization) const {
  if (!enabled()) return Principal{.key_id = "-", .key_name = "auth off", .role = Role::kVendor};
  return authenticator_->Authenticate(authorization);
}

core::Status Guard::Authorize(const Principal& principal, Action action, const Scope& scope) const {
  if (!enabled()) return core::Ok();
  return authorizer_->Authorize(principal, action, scope);
}

}  // namespace chansync::auth
