#include "chansync/core/civil_date.h"

#include <charconv>
#include <cstdio>

namespace chansync::core {
namespace {

bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysInMonth(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

bool ParseFixedInt(std::string_view text, int* out) {
  if (text.empty()) return false;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), *out);
  return ec == std::errc() && ptr == text.data() + text.size();
}

}  // namespace

Result<CivilDate> CivilDate::FromYmd(int year, int month, int day) {
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 ||
      day > DaysInMonth(year, month)) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d is not a calendar date", year, month, day);
    return Fail(ErrorCode::kInvalidArgument, buf);
  }
  return CivilDate(year, month, day);
}

Result<CivilDate> CivilDate::Parse(std::string_view text) {
  int y = 0, m = 0, d = 0;
  if (text.size() != 10 || text[4] != '-' || text[7] != '-' ||
      !ParseFixedInt(text.substr(0, 4), &y) || !ParseFixedInt(text.substr(5, 2), &m) ||
      !ParseFixedInt(text.substr(8, 2), &d)) {
    return Fail(ErrorCode::kInvalidArgument,
                "expected a date as YYYY-MM-DD, got \"" + std::string(text) + "\"");
  }
  return FromYmd(y, m, d);
}

// Howard Hinnant's days_from_civil / civil_from_days: exact for the whole Gregorian range.
int64_t CivilDate::DaysSinceEpoch() const {
  const int64_t y = month_ <= 2 ? year_ - 1 : year_;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t mp = (month_ + 9) % 12;
  const int64_t doy = (153 * mp + 2) / 5 + day_ - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

CivilDate CivilDate::FromDaysSinceEpoch(int64_t z) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  const int y = static_cast<int>(yoe + era * 400 + (m <= 2 ? 1 : 0));
  return CivilDate(y, m, d);
}

CivilDate CivilDate::AddDays(int64_t days) const {
  return FromDaysSinceEpoch(DaysSinceEpoch() + days);
}

std::string CivilDate::ToString() const {
  if (year_ < 0 || year_ > 9999) {  // only reachable through AddDays far out of range
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year_, month_, day_);
    return buf;
  }
  // By hand: snprintf cost more than the rest of a reservation's JSON.
  std::string out = "0000-00-00";
  auto put = [&out](size_t end, int value) {
    for (size_t i = end; value > 0; --i, value /= 10) out[i] = static_cast<char>('0' + value % 10);
  };
  put(3, year_);
  put(6, month_);
  put(9, day_);
  return out;
}

int64_t DaysBetween(CivilDate from, CivilDate to) {
  return to.DaysSinceEpoch() - from.DaysSinceEpoch();
}

Result<Stay> Stay::Make(CivilDate arrival, CivilDate departure) {
  if (departure <= arrival) {
    return Fail(ErrorCode::kInvalidArgument, "departure " + departure.ToString() +
                                                 " must be after arrival " + arrival.ToString());
  }
  return Stay{arrival, departure};
}

Result<YearMonth> YearMonth::Parse(std::string_view text) {
  int y = 0, m = 0;
  if (text.size() != 7 || text[4] != '-' || !ParseFixedInt(text.substr(0, 4), &y) ||
      !ParseFixedInt(text.substr(5, 2), &m) || m < 1 || m > 12 || y < 1) {
    return Fail(ErrorCode::kInvalidArgument,
                "expected a month as YYYY-MM, got \"" + std::string(text) + "\"");
  }
  return YearMonth{y, m};
}

std::string YearMonth::ToString() const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d", year, month);
  return buf;
}

}  // namespace chansync::core
