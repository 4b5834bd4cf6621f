#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "chansync/core/reservation.h"
#include "chansync/pms/pms.h"

namespace chansync::integration {

// What to do with a revision of a reservation the integration log has no record of, given what
// the PMS holds for the same (channel, channel reservation id). A log that lost its last writes
// (a Redis crash, a failover to a lagging replica) forgets reservations the PMS already has;
// creating them again would book the guest twice.
struct PmsAdoption {
  enum class Kind {
    kCreate,          // the PMS has none: the normal first create
    kWrite,           // adopt `held`, then modify or cancel it to this revision
    kAlreadyThere,    // the PMS holds this very revision (or the cancellation): nothing to write
    kStale,           // the PMS holds a newer revision: this one is dropped
    kCancelledInPms,  // the PMS reservation is cancelled and this revision would change it
  };
  Kind kind = Kind::kCreate;
  // The PMS reservation adopted: the oldest confirmed one, else the oldest. Null for kCreate.
  const pms::PmsReservation* held = nullptr;
};

// `found`: the PMS reservations of the channel reservation, oldest first (Pms::FindReservations).
// `forced`: an operator's force, which always writes. The result points into `found`.
PmsAdoption DecideAdoption(const core::Reservation& reservation, bool forced,
                           const std::vector<pms::PmsReservation>& found);

// The revision a PMS reservation holds, read back from the idempotency key of its last create or
// modify (IntegrationWorker::IdempotencyKey: "<channel>:<reservation>:r<revision>[:overbook]").
// nullopt when the key is not one chansync wrote for this channel reservation.
std::optional<int64_t> RevisionInIdempotencyKey(const std::string& channel,
                                                const std::string& channel_reservation_id,
                                                const std::string& key);

}  // namespace chansync::integration
