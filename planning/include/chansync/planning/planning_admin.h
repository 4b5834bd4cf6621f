#pragma once

#include <chrono>
#include <optional>
#include <vector>

#include "chansync/core/civil_date.h"
#include "chansync/core/error.h"
#include "chansync/core/property.h"
#include "chansync/planning/refresh.h"

namespace chansync::linking {
class PropertyStore;
}  // namespace chansync::linking

namespace chansync::planning::nightly {
class NightlyCoordination;
class NightlyScheduler;
}  // namespace chansync::planning::nightly

namespace chansync::planning {

class RefreshStatusStore;

// Where a property's planning stands, as `chansync status` shows it.
struct PropertyPlanningStatus {
  core::Property property;
  bool nightly_enabled = false;                 // PMS mode with level 1 on
  std::optional<RefreshStatus> last;            // the last refresh run, whatever its kind
  std::optional<core::CivilDate> last_nightly;  // local date of the last successful nightly run
  std::optional<std::chrono::system_clock::time_point> next_nightly;  // when nightly is enabled
};

// The admin side of planning (SPEC §1.5): force a refresh and see how refreshes went.
// Thread-safe.
class PlanningAdmin {
 public:
  // `scheduler` and `coordination` may be null (no nightly information then). All must outlive
  // the admin.
  PlanningAdmin(linking::PropertyStore& properties, Refresher& refresher,
                RefreshStatusStore& statuses, nightly::NightlyCoordination* coordination,
                nightly::NightlyScheduler* scheduler);

  // Runs a full refresh of the property now and returns when it is done. NOT_FOUND;
  // GATEWAY_CLASSIC_MODE; otherwise the refresher's errors.
  core::Result<RefreshSummary> ForceRefresh(const core::PropertyId& property);

  // One property (NOT_FOUND when unknown) or, without `property`, every property by id.
  core::Result<std::vector<PropertyPlanningStatus>> Status(
      const std::optional<core::PropertyId>& property);

 private:
  linking::PropertyStore& properties_;
  Refresher& refresher_;
  RefreshStatusStore& statuses_;
  nightly::NightlyCoordination* coordination_;
  nightly::NightlyScheduler* scheduler_;
};

}  // namespace chansync::planning
