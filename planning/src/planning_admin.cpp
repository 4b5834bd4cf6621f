#include "chansync/planning/planning_admin.h"

#include "chansync/linking/property_store.h"
#include "chansync/planning/nightly/nightly_coordination.h"
#include "chansync/planning/nightly/nightly_scheduler.h"
#include "chansync/planning/refresh_status_store.h"

namespace chansync::planning {

PlanningAdmin::PlanningAdmin(linking::PropertyStore& properties, Refresher& refresher,
                             RefreshStatusStore& statuses,
                             nightly::NightlyCoordination* coordination,
                             nightly::NightlyScheduler* scheduler)
    : properties_(properties),
      refresher_(refresher),
      statuses_(statuses),
      coordination_(coordination),
      scheduler_(scheduler) {}

core::Result<RefreshSummary> PlanningAdmin::ForceRefresh(const core::PropertyId& property) {
  return refresher_.RefreshProperty(property, RefreshKind::kForced);
}

core::Result<std::vector<PropertyPlanningStatus>> PlanningAdmin::Status(
    const std::optional<core::PropertyId>& property) {
  std::vector<core::Property> selected;
  if (property) {
    ASSIGN_OR_RETURN(auto one, properties_.GetProperty(*property));
    selected.push_back(std::move(one));
  } else {
    ASSIGN_OR_RETURN(selected, properties_.ListProperties());
  }
  std::vector<core::PropertyId> ids;
  for (const auto& p : selected) ids.push_back(p.id);
  ASSIGN_OR_RETURN(auto last_runs, statuses_.GetMany(ids));

  std::vector<nightly::NightlyState> nightly(selected.size());
  if (coordination_ != nullptr) {
    ASSIGN_OR_RETURN(nightly, coordination_->States(ids));
  }

  std::vector<PropertyPlanningStatus> out;
  for (size_t i = 0; i < selected.size(); ++i) {
    core::Property& p = selected[i];
    PropertyPlanningStatus status;
    status.nightly_enabled = p.mode == core::GatewayMode::kPms && p.levels.nightly_planning;
    for (const auto& run : last_runs) {
      if (run.property == p.id) status.last = run;
    }
    if (i < nightly.size()) status.last_nightly = nightly[i].last_done;
    if (scheduler_ != nullptr && status.nightly_enabled) {
      // A property whose timezone became unusable still shows its other fields.
      if (auto next = scheduler_->NextRunAt(p.id); next) status.next_nightly = *next;
    }
    status.property = std::move(p);
    out.push_back(std::move(status));
  }
  return out;
}

}  // namespace chansync::planning
