#include "http_authorizer.h"

namespace chansync::app {

channel::IngestAuthorizer MakeHttpAuthorizer(const auth::Guard& guard) {
  return
      [guard](std::string_view authorization, channel::IngestRoute route, std::string_view channel,
              std::optional<std::string_view> property) -> core::Status {
        const auth::Action action = route == channel::IngestRoute::kCheckAvailability
                                        ? auth::Action::kCheckAvailability
                                        : auth::Action::kPushReservation;
        auth::Scope scope{.channel = std::string(channel)};
        if (property) scope.property = std::string(*property);
        RETURN_IF_ERROR(guard.Admit(authorization, action, scope));
        return core::Ok();
      };
}

}  // namespace chansync::app
