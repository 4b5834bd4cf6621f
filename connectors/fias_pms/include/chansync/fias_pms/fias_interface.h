#pragma once

#include <memory>

#include "chansync/core/clock.h"
#include "chansync/fias/fias_link.h"
#include "chansync/fias/link_settings.h"
#include "chansync/fias_pms/fias_folio_client.h"
#include "chansync/fias_pms/guest_index.h"

namespace chansync::fias_pms {

// One property's FIAS interface, running: its FiasLink (started), the GuestIndex the link's
// guest events keep current, and the FiasFolioClient over both. Stopping (destruction) closes
// the link; the outbox keeps what was unanswered. Thread-safe.
class FiasInterface {
 public:
  // INVALID_ARGUMENT when the settings' code page is unknown. `sequences`, `outbox` and `clock`
  // must outlive the interface.
  static core::Result<std::unique_ptr<FiasInterface>> Start(
      core::PropertyId property, fias::LinkSettings settings, FiasSequences& sequences,
      FiasOutbox& outbox, const core::Clock& clock, FiasFolioClientOptions options = {});
  ~FiasInterface();

  FiasFolioClient& client() { return *client_; }
  fias::FiasLink& link() { return *link_; }

 private:
  FiasInterface() = default;

  GuestIndex index_;
  std::unique_ptr<fias::FiasLink> link_;
  std::unique_ptr<FiasFolioClient> client_;
};

}  // namespace chansync::fias_pms
