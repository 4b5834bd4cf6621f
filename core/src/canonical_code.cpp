#include "chansync/core/canonical_code.h"

#include <array>

namespace chansync::core {
namespace {

struct Row {
  absl::StatusCode canonical;
  RetryClass retry;
};

constexpr std::array<Row, kErrorCodeCount> kRows{{
#define CHANSYNC_CANONICAL_ROW(enumerator, name, canonical, retry, http, grpc) \
  {absl::StatusCode::canonical, RetryClass::retry},
    CHANSYNC_ERROR_CODES(CHANSYNC_CANONICAL_ROW)
#undef CHANSYNC_CANONICAL_ROW
}};

constexpr bool RetryClassesAgreeWithCanonicalCodes() {
  for (const Row& row : kRows) {
    if (IsRetried(row.retry) != IsTransient(row.canonical)) return false;
  }
  return true;
}
static_assert(RetryClassesAgreeWithCanonicalCodes(),
              "error_codes.h: a row's retry class contradicts its canonical code");

}  // namespace

absl::StatusCode CanonicalCodeOf(ErrorCode code) {
  const auto index = static_cast<size_t>(code);
  return index < kRows.size() ? kRows[index].canonical : absl::StatusCode::kInternal;
}

}  // namespace chansync::core
