#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "chansync/core/civil_date.h"
#include "chansync/core/error.h"

namespace chansync::loadgen {

// Scenario 5's estate, named the same way by tests/bench/run.sh when it writes the declarations
// and the pmssim data: properties pl0000.. with products p00.. sold on channel plch as
// "plch-p00".., all in Europe/Paris, plus the property "big" (more products, level 1 off so the
// nightly run leaves it to the forced refresh).
inline constexpr const char* kPlanningChannel = "plch";
inline constexpr const char* kPlanningTimezone = "Europe/Paris";
inline constexpr const char* kBigProperty = "big";

std::string PlanningPropertyName(int index);           // "pl0042"
std::string PlanningPmsProduct(int index);             // "p07"
std::string PlanningChannelProduct(int index);         // "plch-p07"
bool IsPlanningProperty(const std::string& property);  // "pl" followed by digits

// One night as the portal simulator shows it.
struct PortalNight {
  core::CivilDate date;
  int free = 0;
  int64_t received_at_us = 0;  // when the portal applied it, microseconds since the Unix epoch
};

// Reads what portalsim (--portal http://HOST:PORT) received. Keeps one connection open.
// Thread-compatible.
class PortalReader {
 public:
  explicit PortalReader(const std::string& base_url);
  ~PortalReader();

  // The nights of [from, to) the portal has for one channel product, sorted by date.
  // CHANNEL_UNAVAILABLE when the portal cannot be reached or fails, INTERNAL when its answer
  // is unreadable.
  core::Result<std::vector<PortalNight>> Nights(const std::string& property,
                                                const std::string& product, core::CivilDate from,
                                                core::CivilDate to);
  // Cells applied since the portal started (/admin/stats).
  core::Result<int64_t> Cells();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Today in the estate's timezone.
core::CivilDate PlanningToday();

}  // namespace chansync::loadgen
