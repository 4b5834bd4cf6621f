#include "chansync/core/planning.h"

namespace chansync::core {

int64_t PlanningPush::Cells() const {
  int64_t cells = 0;
  for (const auto& product : products) {
    for (const auto& run : product.runs) cells += static_cast<int64_t>(run.free_units.size());
  }
  return cells;
}

}  // namespace chansync::core
