#include "chansync/planning/refresh.h"

#include <string>
#include <utility>

namespace chansync::planning {

std::string_view RefreshKindName(RefreshKind kind) {
  switch (kind) {
    case RefreshKind::kNightly:
      return "nightly";
    case RefreshKind::kForced:
      return "forced";
    case RefreshKind::kDelta:
      return "delta";
  }
  return "forced";
}

core::Result<RefreshKind> ParseRefreshKind(std::string_view text) {
  for (RefreshKind kind : {RefreshKind::kNightly, RefreshKind::kForced, RefreshKind::kDelta}) {
    if (RefreshKindName(kind) == text) return kind;
  }
  return core::Fail(core::ErrorCode::kInvalidArgument,
                    "unknown refresh kind \"" + std::string(text) + "\"");
}

core::Result<RefreshSummary> Refresher::RefreshNights(
    const core::PropertyId& property, const std::vector<core::PmsProductId>& pms_products,
    core::CivilDate from, core::CivilDate to) {
  auto results = RefreshNightsMany({{property, pms_products, from, to}});
  if (results.size() != 1) {
    return core::Fail(core::ErrorCode::kInternal, "planning refresh of " + property + " answered " +
                                                      std::to_string(results.size()) +
                                                      " results for one request");
  }
  return std::move(results.front());
}

}  // namespace chansync::planning
