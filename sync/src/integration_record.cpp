#include "chansync/sync/integration_log.h"

namespace chansync::sync {

std::string IntegrationRecord::id() const {
  return reservation.property + "/" + reservation.channel + "/" +
         reservation.channel_reservation_id;
}

}  // namespace chansync::sync
