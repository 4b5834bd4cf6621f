#include "chansync/auth/authorizer.h"

namespace chansync::auth {
namespace {

core::Error Denied(const Principal& principal, Action action) {
  return {core::ErrorCode::kPermissionDenied, "a " + std::string(RoleName(principal.role)) +
                                                  " key may not " +
                                                  std::string(ActionName(action)) + " here"};
}

// The verdict, with the pairing from `paired(property, channel)`: a Result<bool>, or nullopt
// when it is not known, which makes the verdict unknown too.
template <typename Paired>
std::optional<core::Status> Decide(const Principal& principal, Action action, const Scope& scope,
                                   Paired paired) {
  const core::Status denied = std::unexpected(Denied(principal, action));
  if (!RoleMay(principal.role, action)) return denied;
  if (principal.role == Role::kPos) {
    // A till acts for its one property: a call naming none (or a key read back without one) is
    // refused rather than taken as "any".
    if (!principal.property || !scope.property || *scope.property != *principal.property) {
      return denied;
    }
    return core::Ok();
  }
  if (principal.role != Role::kPortal) return core::Ok();
  // A portal key without its channel cannot be made; one read back broken acts for nobody.
  if (!principal.channel) return denied;
  if (scope.channel && *scope.channel != *principal.channel) return denied;
  if (scope.property) {
    const std::optional<core::Result<bool>> answer = paired(*scope.property, *principal.channel);
    if (!answer) return std::nullopt;
    if (!*answer) return core::Status(std::unexpected(answer->error()));
    if (!**answer) return denied;
  }
  return core::Ok();
}

}  // namespace

core::Status Authorizer::Authorize(const Principal& principal, Action action,
                                   const Scope& scope) const {
  return *Decide(principal, action, scope,
                 [this](const core::PropertyId& property, const core::ChannelId& channel) {
                   return std::optional(pairing_.Pairs(property, channel));
                 });
}

std::optional<core::Status> Authorizer::AuthorizeIfKnown(const Principal& principal, Action action,
                                                         const Scope& scope) const {
  return Decide(principal, action, scope,
                [this](const core::PropertyId& property,
                       const core::ChannelId& channel) -> std::optional<core::Result<bool>> {
                  const std::optional<bool> known = pairing_.PairsIfKnown(property, channel);
                  if (!known) return std::nullopt;
                  return *known;
                });
}

}  // namespace chansync::auth
