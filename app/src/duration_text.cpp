#include "duration_text.h"

#include <charconv>
#include <string>

namespace chansync::app {

core::Result<std::chrono::seconds> ParseDurationText(std::string_view text) {
  auto invalid = [&] {
    return core::Fail(
        core::ErrorCode::kInvalidArgument,
        "expected a duration such as 90s, 30m, 12h or 30d, got \"" + std::string(text) + "\"");
  };
  int64_t unit = 1;
  std::string_view digits = text;
  if (!digits.empty()) {
    switch (digits.back()) {
      case 's':
        unit = 1;
        break;
      case 'm':
        unit = 60;
        break;
      case 'h':
        unit = 3600;
        break;
      case 'd':
        unit = 86400;
        break;
      default:
        unit = 0;
    }
    if (unit != 0) digits.remove_suffix(1);
    if (unit == 0) unit = 1;
  }
  int64_t count = 0;
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), count);
  // Ten years is past any key's sensible life and keeps the product far from overflow.
  constexpr int64_t kMaxSeconds = 10LL * 366 * 86400;
  if (digits.empty() || error != std::errc() || end != digits.data() + digits.size() ||
      count <= 0 || count > kMaxSeconds / unit) {
    return invalid();
  }
  return std::chrono::seconds(count * unit);
}

}  // namespace chansync::app
