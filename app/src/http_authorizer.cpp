#include "http_authorizer.h"

namespace chansync::app {
namespace {

core::Status Verdict(const core::Result<auth::Principal>& admitted) {
  if (!admitted) return std::unexpected(admitted.error());
  return core::Ok();
}

}  // namespace

channel::IngestAuthorizer MakeHttpAuthorizer(const auth::Guard& guard) {
  return [guard](std::string_view authorization, channel::IngestRoute route,
                 std::string_view channel, std::optional<std::string_view> property,
                 channel::AuthorizeWait wait) -> std::optional<core::Status> {
    const auth::Action action = route == channel::IngestRoute::kCheckAvailability
                                    ? auth::Action::kCheckAvailability
                                    : auth::Action::kPushReservation;
    auth::Scope scope{.channel = std::string(channel)};
    if (property) scope.property = std::string(*property);
    if (wait == channel::AuthorizeWait::kMayWait) {
      return Verdict(guard.Admit(authorization, action, scope));
    }
    const auto admitted = guard.AdmitIfKnown(authorization, action, scope);
    if (!admitted) return std::nullopt;
    return Verdict(*admitted);
  };
}

}  // namespace chansync::app
