#pragma once

#include "chansync/integration/pms_change_listener.h"
#include "chansync/planning/planning_deltas.h"

namespace chansync::app {

// The integration worker tells of PMS changes through its own port; planning's delta pusher
// hears them. Wiring the two here keeps either engine free of the other's headers.
class DeltasListener final : public integration::PmsChangeListener {
 public:
  explicit DeltasListener(planning::PlanningDeltas& deltas) : deltas_(deltas) {}

  void PmsReservationChanged(const core::PropertyId& property,
                             const core::PmsProductId& pms_product,
                             const core::Stay& stay) override {
    deltas_.PmsReservationChanged(property, pms_product, stay);
  }

 private:
  planning::PlanningDeltas& deltas_;
};

}  // namespace chansync::app
