#include "planning_book.h"

namespace chansync::portalsim {

void PlanningBook::Apply(const core::PlanningPush& push, int64_t received_at_us) {
  std::lock_guard lock(mutex_);
  for (const auto& product : push.products) {
    auto& nights = products_[{push.channel, push.property, product.product}];
    for (const auto& run : product.runs) {
      for (size_t i = 0; i < run.free_units.size(); ++i) {
        const core::CivilDate date = run.from.AddDays(static_cast<int64_t>(i));
        NightPlanning& night = nights[date];
        night.date = date;
        night.free = run.free_units[i];
        ++night.updates;
        night.received_at_us = received_at_us;
      }
    }
  }
  ++stats_.requests;
  stats_.cells += push.Cells();
}

std::vector<NightPlanning> PlanningBook::Nights(const std::string& channel,
                                                const std::string& property,
                                                const std::string& product,
                                                std::optional<core::CivilDate> from,
                                                std::optional<core::CivilDate> to) const {
  std::lock_guard lock(mutex_);
  std::vector<NightPlanning> out;
  auto found = products_.find({channel, property, product});
  if (found == products_.end()) return out;
  const auto& nights = found->second;
  auto it = from ? nights.lower_bound(*from) : nights.begin();
  const auto end = to ? nights.lower_bound(*to) : nights.end();
  for (; it != end && (!to || it->first < *to); ++it) out.push_back(it->second);
  return out;
}

void PlanningBook::CountRejected() {
  std::lock_guard lock(mutex_);
  ++stats_.rejected;
}

void PlanningBook::CountFault() {
  std::lock_guard lock(mutex_);
  ++stats_.faults_injected;
}

PlanningStats PlanningBook::Stats() const {
  std::lock_guard lock(mutex_);
  return stats_;
}

void PlanningBook::Clear() {
  std::lock_guard lock(mutex_);
  products_.clear();
  stats_ = {};
}

}  // namespace chansync::portalsim
