#pragma once

#include "chansync/core/civil_date.h"
#include "chansync/core/ids.h"

namespace chansync::integration {

// Told by the integration worker each time a reservation it integrated, modified or cancelled
// changed the PMS, so the affected nights reach the channels without waiting for midnight.
// Must not block: implementations queue and return.
class PmsChangeListener {
 public:
  virtual ~PmsChangeListener() = default;
  virtual void PmsReservationChanged(const core::PropertyId& property,
                                     const core::PmsProductId& pms_product,
                                     const core::Stay& stay) = 0;
};

}  // namespace chansync::integration
