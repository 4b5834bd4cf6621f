#include "chansync/fias/wire_values.h"

#include <cstdio>

namespace chansync::fias {
namespace {

constexpr size_t kMaxAmountDigits = 15;

core::Error BadValue(std::string_view what, std::string_view text) {
  return core::Error{core::ErrorCode::kInvalidArgument,
                     "bad FIAS " + std::string(what) + " '" + std::string(text) + "'"};
}

bool AllDigits(std::string_view text) {
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// The number written by the two digits at `at` (checked digits).
int TwoDigits(std::string_view text, size_t at) {
  return (text[at] - '0') * 10 + text[at + 1] - '0';
}

}  // namespace

core::Result<int64_t> ParseAmount(std::string_view text) {
  const bool negative = !text.empty() && text.front() == '-';
  std::string_view digits = negative ? text.substr(1) : text;
  if (digits.empty() || digits.size() > kMaxAmountDigits || !AllDigits(digits)) {
    return std::unexpected(BadValue("amount", text));
  }
  int64_t value = 0;
  for (char c : digits) value = value * 10 + (c - '0');
  return negative ? -value : value;
}

std::string FormatAmount(int64_t minor_units) { return std::to_string(minor_units); }

core::Result<core::CivilDate> ParseDate(std::string_view text) {
  if (text.size() != 6 || !AllDigits(text)) return std::unexpected(BadValue("date", text));
  auto date =
      core::CivilDate::FromYmd(2000 + TwoDigits(text, 0), TwoDigits(text, 2), TwoDigits(text, 4));
  if (!date) return std::unexpected(BadValue("date", text));
  return *date;
}

std::string FormatDate(core::CivilDate date) {
  char out[8];
  std::snprintf(out, sizeof out, "%02d%02d%02d", ((date.year() % 100) + 100) % 100, date.month(),
                date.day());
  return out;
}

core::Result<std::chrono::seconds> ParseTime(std::string_view text) {
  if (text.size() != 6 || !AllDigits(text)) return std::unexpected(BadValue("time", text));
  const int hours = TwoDigits(text, 0);
  const int minutes = TwoDigits(text, 2);
  const int seconds = TwoDigits(text, 4);
  if (hours > 23 || minutes > 59 || seconds > 59) return std::unexpected(BadValue("time", text));
  return std::chrono::seconds(hours * 3600 + minutes * 60 + seconds);
}

std::string FormatTime(std::chrono::seconds since_midnight) {
  const int64_t total = ((since_midnight.count() % 86400) + 86400) % 86400;
  char out[8];
  std::snprintf(out, sizeof out, "%02d%02d%02d", static_cast<int>(total / 3600),
                static_cast<int>(total / 60 % 60), static_cast<int>(total % 60));
  return out;
}

WireDateTime WireDateTimeOf(std::chrono::system_clock::time_point instant) {
  const auto day = std::chrono::floor<std::chrono::days>(instant);
  const auto date = core::CivilDate::FromDaysSinceEpoch(day.time_since_epoch().count());
  const auto since_midnight = std::chrono::floor<std::chrono::seconds>(instant - day);
  return {FormatDate(date), FormatTime(since_midnight)};
}

}  // namespace chansync::fias
