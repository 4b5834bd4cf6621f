#pragma once

#include <vector>

#include "chansync/core/civil_date.h"
#include "chansync/core/ids.h"

namespace chansync::core {

// Free units of one channel product on consecutive nights: free_units[i] is the night starting
// on from.AddDays(i). A run is never empty.
struct PlanningRun {
  CivilDate from;
  std::vector<int> free_units;

  CivilDate to() const { return from.AddDays(static_cast<int64_t>(free_units.size())); }
  friend bool operator==(const PlanningRun&, const PlanningRun&) = default;
};

// What changes in a channel's planning for one of its products: disjoint runs sorted by date.
struct ProductPlanning {
  ChannelProductId product;
  std::vector<PlanningRun> runs;

  friend bool operator==(const ProductPlanning&, const ProductPlanning&) = default;
};

// One push to one channel for one property: every changed run of every changed product.
struct PlanningPush {
  PropertyId property;
  ChannelId channel;
  std::vector<ProductPlanning> products;

  // Total nights carried, summed over runs.
  int64_t Cells() const;
  friend bool operator==(const PlanningPush&, const PlanningPush&) = default;
};

}  // namespace chansync::core
