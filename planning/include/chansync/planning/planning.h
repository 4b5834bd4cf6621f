#pragma once

#include <map>
#include <optional>
#include <vector>

#include "chansync/core/civil_date.h"
#include "chansync/core/planning.h"
#include "chansync/linking/link_store.h"
#include "chansync/planning/planning_store.h"
#include "chansync/pms/pms.h"

namespace chansync::planning {

// What each channel product should show, night by night from the availability's first night.
struct DesiredPlanning {
  // Free units per channel product; every vector holds exactly `nights` values.
  std::map<ChannelProductKey, std::vector<int>> free_units;
  // Links left out because the availability has no complete answer for their PMS product
  // (missing, or fewer than `nights` nights): the caller reports them.
  std::vector<linking::ProductLink> skipped;
};

// A channel product shows, each night, the free units of the PMS product it is linked to.
// Under multi-link several channel products share one PMS product's units, and each of them
// shows that product's full free count: the PMS prevents overbooking when a reservation comes.
// `availability[i].free_units[n]` is night n counted from the same first night for every
// product; values past `nights` are ignored. Pure; never fails.
DesiredPlanning ComputePlanning(const std::vector<linking::ProductLink>& links,
                                const std::vector<pms::ProductAvailability>& availability,
                                int nights);

// The runs of consecutive nights where `desired` differs from `last` (what was last pushed for
// the same nights; nullopt = never pushed, which always differs), starting on `from`. A `last`
// shorter than `desired` counts its missing nights as never pushed. Runs are sorted, disjoint,
// non-empty and never adjacent. Pure; never fails.
std::vector<core::PlanningRun> DiffPlanning(const std::vector<int>& desired,
                                            const std::vector<std::optional<int>>& last,
                                            core::CivilDate from);

}  // namespace chansync::planning
