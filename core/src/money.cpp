#include "chansync/core/money.h"

namespace chansync::core {

bool IsCurrencyCode(std::string_view code) {
  if (code.size() != 3) return false;
  for (char c : code) {
    if (c < 'A' || c > 'Z') return false;
  }
  return true;
}

Result<Money> Money::Make(int64_t minor_units, std::string_view currency) {
  if (!IsCurrencyCode(currency)) {
    return Fail(
        ErrorCode::kInvalidArgument,
        "currency must be an ISO 4217 code such as EUR, got \"" + std::string(currency) + "\"");
  }
  return Money{minor_units, std::string(currency)};
}

}  // namespace chansync::core
