#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "chansync/core/error.h"

namespace chansync::core {

// A calendar day with no time and no zone: arrival and departure days are civil dates in the
// property's own timezone, never instants.
class CivilDate {
 public:
  constexpr CivilDate() = default;

  // Fails with INVALID_ARGUMENT when the triple is not a real day of the proleptic Gregorian
  // calendar (e.g. 2026-02-30).
  static Result<CivilDate> FromYmd(int year, int month, int day);
  // Accepts exactly "YYYY-MM-DD".
  static Result<CivilDate> Parse(std::string_view text);
  static CivilDate FromDaysSinceEpoch(int64_t days);

  int year() const { return year_; }
  int month() const { return month_; }
  int day() const { return day_; }

  // Days since 1970-01-01 (negative before).
  int64_t DaysSinceEpoch() const;
  CivilDate AddDays(int64_t days) const;
  std::string ToString() const;  // "YYYY-MM-DD"

  friend auto operator<=>(const CivilDate&, const CivilDate&) = default;

 private:
  constexpr CivilDate(int y, int m, int d) : year_(y), month_(m), day_(d) {}
  int year_ = 1970;
  int month_ = 1;
  int day_ = 1;
};

// Days from `from` to `to` (positive when `to` is later).
int64_t DaysBetween(CivilDate from, CivilDate to);

// A stay: the guest arrives on `arrival` and leaves on `departure`; nights = departure - arrival.
struct Stay {
  CivilDate arrival;
  CivilDate departure;

  // Fails with INVALID_ARGUMENT unless departure is after arrival.
  static Result<Stay> Make(CivilDate arrival, CivilDate departure);
  int64_t Nights() const { return DaysBetween(arrival, departure); }

  friend bool operator==(const Stay&, const Stay&) = default;
};

// A calendar month, used to index the integration log ("2026-09").
struct YearMonth {
  int year = 1970;
  int month = 1;

  static Result<YearMonth> Parse(std::string_view text);
  static YearMonth Of(CivilDate date) { return {date.year(), date.month()}; }
  std::string ToString() const;
  friend auto operator<=>(const YearMonth&, const YearMonth&) = default;
};

}  // namespace chansync::core
