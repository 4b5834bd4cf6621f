#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "chansync/core/civil_date.h"
#include "chansync/core/planning.h"

namespace chansync::portalsim {

// What the portal knows of one night of one product.
struct NightPlanning {
  core::CivilDate date;
  int free = 0;
  int64_t updates = 0;         // how many requests wrote this night
  int64_t received_at_us = 0;  // when the last one was applied, microseconds since the Unix epoch
};

struct PlanningStats {
  int64_t requests = 0;         // planning requests applied
  int64_t cells = 0;            // cells applied, summed over requests
  int64_t rejected = 0;         // planning requests refused (4xx)
  int64_t faults_injected = 0;  // planning requests failed on purpose (/admin/faults)
};

// The planning the portal received, per (channel, property, product, night), last write wins.
// Thread-safe; every Apply is atomic with respect to Nights and other Applies.
class PlanningBook {
 public:
  // Stores every cell of `push` (already validated) with `received_at_us`.
  void Apply(const core::PlanningPush& push, int64_t received_at_us);
  // Nights known for one product, sorted by date, restricted to [from, to) when given.
  std::vector<NightPlanning> Nights(const std::string& channel, const std::string& property,
                                    const std::string& product, std::optional<core::CivilDate> from,
                                    std::optional<core::CivilDate> to) const;

  void CountRejected();
  void CountFault();
  PlanningStats Stats() const;
  void Clear();

 private:
  using ProductKey = std::tuple<std::string, std::string, std::string>;
  mutable std::mutex mutex_;
  std::map<ProductKey, std::map<core::CivilDate, NightPlanning>> products_;
  PlanningStats stats_;
};

}  // namespace chansync::portalsim
