#include "chansync/core/error.h"

#include <array>

namespace chansync::core {
namespace {

struct Row {
  std::string_view name;
  RetryClass retry;
  int http_status;
};

// Indexed by ErrorCode: the enum and this array are generated from the same rows.
constexpr std::array<Row, kErrorCodeCount> kRows{{
#define CHANSYNC_ERROR_ROW(enumerator, name, canonical, retry, http, grpc) \
  {name, RetryClass::retry, http},
    CHANSYNC_ERROR_CODES(CHANSYNC_ERROR_ROW)
#undef CHANSYNC_ERROR_ROW
}};

constexpr bool NamesAreUnique() {
  for (size_t i = 0; i < kRows.size(); ++i) {
    if (kRows[i].name.empty()) return false;
    for (size_t j = i + 1; j < kRows.size(); ++j) {
      if (kRows[i].name == kRows[j].name) return false;
    }
  }
  return true;
}
static_assert(NamesAreUnique(), "error_codes.h: every code needs its own non-empty name");

// A portal must be able to tell a refusal from a fault: only INTERNAL may answer 500.
constexpr bool HttpStatusesAreDeliberate() {
  for (size_t i = 0; i < kRows.size(); ++i) {
    const int status = kRows[i].http_status;
    if (status < 400 || status > 599) return false;
    if ((status == 500) != (static_cast<ErrorCode>(i) == ErrorCode::kInternal)) return false;
  }
  return true;
}
static_assert(HttpStatusesAreDeliberate(),
              "error_codes.h: HTTP statuses are 4xx/5xx and 500 is INTERNAL's alone");

const Row& RowOf(ErrorCode code) {
  const auto index = static_cast<size_t>(code);
  // A value cast from outside the enum is reported as INTERNAL rather than read out of bounds.
  return index < kRows.size() ? kRows[index] : kRows[static_cast<size_t>(ErrorCode::kInternal)];
}

}  // namespace

std::string_view CodeName(ErrorCode code) { return RowOf(code).name; }

bool ParseCodeName(std::string_view name, ErrorCode* code) {
  for (size_t i = 0; i < kRows.size(); ++i) {
    if (kRows[i].name == name) {
      *code = static_cast<ErrorCode>(i);
      return true;
    }
  }
  return false;
}

RetryClass RetryClassOf(ErrorCode code) { return RowOf(code).retry; }

int HttpStatusOf(ErrorCode code) { return RowOf(code).http_status; }

std::string Error::ToString() const {
  std::string out(CodeName(code));
  out += ": ";
  out += message;
  return out;
}

}  // namespace chansync::core
