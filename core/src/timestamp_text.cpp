// FormatTimestamp and ParseTimestamp (declared in reservation_json.h). Every queued reservation
// carries two timestamps each way, so the canonical form ("2026-09-01T10:15:00.123Z") is written
// and read by hand; absl handles everything else RFC 3339 allows (offsets, lower-case
// separators, leap seconds, years outside 0001..9999).
#include <absl/time/time.h>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "chansync/core/civil_date.h"
#include "chansync/core/reservation_json.h"

namespace chansync::core {
namespace {

using std::chrono::nanoseconds;

constexpr int64_t kMillisPerDay = 86'400'000;

int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

// Reads exactly `width` decimal digits at `text[at]`; false on anything else.
bool Digits(std::string_view text, size_t at, size_t width, int* out) {
  if (at + width > text.size()) return false;
  int value = 0;
  for (size_t i = at; i < at + width; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
    value = value * 10 + (text[i] - '0');
  }
  *out = value;
  return true;
}

// "YYYY-MM-DDTHH:MM:SS[.fraction]Z" with a real calendar day and a time before 24:00:00;
// nullopt sends the text to the general parser.
std::optional<Timestamp> ParseCanonical(std::string_view text) {
  int hour, minute, second;
  if (text.size() < 20 || text[10] != 'T' || text[13] != ':' || text[16] != ':' ||
      text.back() != 'Z' || !Digits(text, 11, 2, &hour) || !Digits(text, 14, 2, &minute) ||
      !Digits(text, 17, 2, &second) || hour > 23 || minute > 59 || second > 59) {
    return std::nullopt;
  }
  auto date = CivilDate::Parse(text.substr(0, 10));
  // Timestamp counts nanoseconds in 64 bits (years 1678..2261); absl saturates beyond.
  if (!date || date->year() <= 1678 || date->year() >= 2261) return std::nullopt;
  int64_t nanos = 0;
  const std::string_view fraction = text.substr(19, text.size() - 20);
  if (!fraction.empty()) {
    if (fraction[0] != '.' || fraction.size() < 2 || fraction.size() > 10) return std::nullopt;
    int64_t scale = 100'000'000;
    for (size_t i = 1; i < fraction.size(); ++i, scale /= 10) {
      if (fraction[i] < '0' || fraction[i] > '9') return std::nullopt;
      nanos += (fraction[i] - '0') * scale;
    }
  }
  const int64_t seconds = date->DaysSinceEpoch() * 86'400 + hour * 3'600 + minute * 60 + second;
  return Timestamp(std::chrono::duration_cast<Timestamp::duration>(std::chrono::seconds(seconds) +
                                                                   nanoseconds(nanos)));
}

}  // namespace

std::string FormatTimestamp(Timestamp at) {
  const int64_t millis =
      std::chrono::floor<std::chrono::milliseconds>(at.time_since_epoch()).count();
  const int64_t days = FloorDiv(millis, kMillisPerDay);
  const CivilDate date = CivilDate::FromDaysSinceEpoch(days);
  if (date.year() < 1 || date.year() > 9999) {
    return absl::FormatTime("%Y-%m-%dT%H:%M:%E3SZ", absl::FromChrono(at), absl::UTCTimeZone());
  }
  int64_t in_day = millis - days * kMillisPerDay;
  std::string out = date.ToString() + "T00:00:00.000Z";
  auto put = [&out](size_t end, int64_t value) {
    for (size_t i = end; value > 0; --i, value /= 10) out[i] = static_cast<char>('0' + value % 10);
  };
  put(22, in_day % 1000);
  in_day /= 1000;
  put(18, in_day % 60);
  put(15, in_day / 60 % 60);
  put(12, in_day / 3600);
  return out;
}

Result<Timestamp> ParseTimestamp(std::string_view text) {
  if (auto fast = ParseCanonical(text)) return *fast;
  absl::Time time;
  std::string error;
  if (!absl::ParseTime(absl::RFC3339_full, std::string(text), &time, &error)) {
    return Fail(ErrorCode::kInvalidArgument,
                "expected an RFC 3339 time such as 2026-09-01T10:15:00Z, got \"" +
                    std::string(text) + "\"");
  }
  return absl::ToChronoTime(time);
}

}  // namespace chansync::core
