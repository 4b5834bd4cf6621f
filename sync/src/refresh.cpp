#include "chansync/sync/refresh.h"

#include <string>

namespace chansync::sync {

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
    if (text == RefreshKindName(kind)) return kind;
  }
  return core::Fail(core::ErrorCode::kInvalidArgument,
                    "unknown refresh kind \"" + std::string(text) + "\"");
}

}  // namespace chansync::sync
