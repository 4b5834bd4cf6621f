#include "chansync/integration/integration_log.h"

namespace chansync::integration {

std::string IntegrationRecord::id() const {
  return reservation.property + "/" + reservation.channel + "/" +
         reservation.channel_reservation_id;
}

}  // namespace chansync::integration
