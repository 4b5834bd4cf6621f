#include "chansync/planning/planning.h"

#include <string>

namespace chansync::planning {

DesiredPlanning ComputePlanning(const std::vector<linking::ProductLink>& links,
                                const std::vector<pms::ProductAvailability>& availability,
                                int nights) {
  const size_t wanted = nights > 0 ? static_cast<size_t>(nights) : 0;
  std::map<core::PmsProductId, const std::vector<int>*> by_product;
  for (const auto& product : availability) by_product[product.product] = &product.free_units;

  DesiredPlanning planning;
  for (const auto& link : links) {
    auto it = by_product.find(link.pms_product);
    if (it == by_product.end() || it->second->size() < wanted) {
      planning.skipped.push_back(link);
      continue;
    }
    planning.free_units[{link.channel, link.channel_product}] =
        std::vector<int>(it->second->begin(), it->second->begin() + static_cast<int64_t>(wanted));
  }
  return planning;
}

std::vector<core::PlanningRun> DiffPlanning(const std::vector<int>& desired,
                                            const std::vector<std::optional<int>>& last,
                                            core::CivilDate from) {
  std::vector<core::PlanningRun> runs;
  bool in_run = false;
  for (size_t night = 0; night < desired.size(); ++night) {
    const bool changed = night >= last.size() || last[night] != desired[night];
    if (!changed) {
      in_run = false;
      continue;
    }
    if (!in_run) {
      runs.push_back({from.AddDays(static_cast<int64_t>(night)), {}});
      in_run = true;
    }
    runs.back().free_units.push_back(desired[night]);
  }
  return runs;
}

}  // namespace chansync::planning
