#include "chansync/channel/testing/in_memory_planning_sink.h"

namespace chansync::channel::testing {

core::Status InMemoryPlanningSink::Push(
    const core::Channel& channel, const core::PlanningPush& push,
    std::optional<std::chrono::steady_clock::time_point> /*deadline*/) {
  std::lock_guard lock(mutex_);
  if (failure_) return std::unexpected(*failure_);
  if (channel.planning_endpoint.empty()) {
    return core::Fail(core::ErrorCode::kInvalidArgument,
                      "channel \"" + channel.id + "\" has no planning endpoint");
  }
  pushes_.push_back(push);
  for (const auto& product : push.products) {
    for (const auto& run : product.runs) {
      for (size_t i = 0; i < run.free_units.size(); ++i) {
        cells_[{push.channel, push.property, product.product,
                run.from.AddDays(static_cast<int64_t>(i))}] = run.free_units[i];
        ++cells_pushed_;
      }
    }
  }
  return core::Ok();
}

void InMemoryPlanningSink::FailWith(std::optional<core::Error> error) {
  std::lock_guard lock(mutex_);
  failure_ = std::move(error);
}

std::vector<core::PlanningPush> InMemoryPlanningSink::pushes() const {
  std::lock_guard lock(mutex_);
  return pushes_;
}

std::optional<int> InMemoryPlanningSink::FreeUnits(const core::ChannelId& channel,
                                                   const core::PropertyId& property,
                                                   const core::ChannelProductId& product,
                                                   core::CivilDate night) const {
  std::lock_guard lock(mutex_);
  auto it = cells_.find({channel, property, product, night});
  if (it == cells_.end()) return std::nullopt;
  return it->second;
}

int64_t InMemoryPlanningSink::cells_pushed() const {
  std::lock_guard lock(mutex_);
  return cells_pushed_;
}

}  // namespace chansync::channel::testing
