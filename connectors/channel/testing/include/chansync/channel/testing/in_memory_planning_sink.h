#pragma once

#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "chansync/channel/planning_sink.h"

namespace chansync::channel::testing {

// Remembers every push and the resulting planning per (channel, property, product, night).
// `FailWith` makes the next pushes fail (nothing applied) until `FailWith(std::nullopt)`.
class InMemoryPlanningSink final : public PlanningSink {
 public:
  core::Status Push(const core::Channel& channel, const core::PlanningPush& push,
                    std::optional<std::chrono::steady_clock::time_point> deadline = {}) override;

  void FailWith(std::optional<core::Error> error);
  std::vector<core::PlanningPush> pushes() const;
  // The last value pushed for one night, nullopt when never pushed.
  std::optional<int> FreeUnits(const core::ChannelId& channel, const core::PropertyId& property,
                               const core::ChannelProductId& product, core::CivilDate night) const;
  int64_t cells_pushed() const;

 private:
  using CellKey = std::tuple<std::string, std::string, std::string, core::CivilDate>;
  mutable std::mutex mutex_;
  std::optional<core::Error> failure_;
  std::vector<core::PlanningPush> pushes_;
  std::map<CellKey, int> cells_;
  int64_t cells_pushed_ = 0;
};

}  // namespace chansync::channel::testing
