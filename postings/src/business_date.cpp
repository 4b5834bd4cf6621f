#include "chansync/postings/business_date.h"

#include <absl/time/civil_time.h>
#include <absl/time/time.h>

#include <cstdio>

namespace chansync::postings {
namespace {

using core::CivilDate;
using core::ErrorCode;
using core::Fail;

core::Result<absl::TimeZone> LoadZone(std::string_view timezone) {
  absl::TimeZone zone;
  if (timezone.empty() || !absl::LoadTimeZone(std::string(timezone), &zone)) {
    return Fail(ErrorCode::kInvalidArgument, "unknown timezone \"" + std::string(timezone) + "\"");
  }
  return zone;
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// The instant the wall clock of `zone` shows `end_of_day` on `day`. When it never shows it (a
// skipped hour), the instant the clocks jump; when it shows it twice, the first time.
absl::Time ClosingOn(absl::CivilDay day, const absl::TimeZone& zone, EndOfDay end_of_day) {
  const absl::CivilSecond closing(day.year(), day.month(), day.day(), end_of_day.hour,
                                  end_of_day.minute);
  const absl::TimeZone::TimeInfo info = zone.At(closing);
  return info.kind == absl::TimeZone::TimeInfo::SKIPPED ? info.trans : info.pre;
}

}  // namespace

core::Result<EndOfDay> EndOfDay::Parse(std::string_view text) {
  const bool shaped = text.size() == 5 && IsDigit(text[0]) && IsDigit(text[1]) && text[2] == ':' &&
                      IsDigit(text[3]) && IsDigit(text[4]);
  if (shaped) {
    const int hour = (text[0] - '0') * 10 + (text[1] - '0');
    const int minute = (text[3] - '0') * 10 + (text[4] - '0');
    if (hour < 24 && minute < 60) return EndOfDay{hour, minute};
  }
  return Fail(
      ErrorCode::kInvalidArgument,
      "end of day must be HH:MM between 00:00 and 23:59, got \"" + std::string(text) + "\"");
}

std::string EndOfDay::ToString() const {
  char text[8];
  std::snprintf(text, sizeof text, "%02d:%02d", hour % 100, minute % 100);
  return text;
}

core::Result<CivilDate> BusinessDateAt(std::chrono::system_clock::time_point instant,
                                       std::string_view timezone, EndOfDay end_of_day) {
  ASSIGN_OR_RETURN(auto zone, LoadZone(timezone));
  const absl::Time at = absl::FromChrono(instant);
  const absl::CivilDay local_day = absl::ToCivilDay(at, zone);
  // Compared as instants, not wall times, so that an hour the clocks repeat after the closing
  // time's first pass already belongs to the new day.
  const absl::CivilDay day =
      at < ClosingOn(local_day, zone, end_of_day) ? local_day - 1 : local_day;
  return CivilDate::FromYmd(static_cast<int>(day.year()), day.month(), day.day());
}

core::Result<std::chrono::system_clock::time_point> BusinessDayEnd(CivilDate date,
                                                                   std::string_view timezone,
                                                                   EndOfDay end_of_day) {
  ASSIGN_OR_RETURN(auto zone, LoadZone(timezone));
  const CivilDate next = date.AddDays(1);
  return absl::ToChronoTime(
      ClosingOn(absl::CivilDay(next.year(), next.month(), next.day()), zone, end_of_day));
}

core::Status CheckVoidWindow(CivilDate ticket_date, CivilDate void_date) {
  const int64_t days = core::DaysBetween(ticket_date, void_date);
  if (days == 0 || days == 1) return core::Ok();
  return Fail(ErrorCode::kVoidWindowClosed,
              "a ticket of business date " + ticket_date.ToString() +
                  " may be voided on that date or the next only, not on " + void_date.ToString());
}

CivilDate RefundDate(CivilDate today, const core::Stay& stay) {
  return stay.arrival > today ? stay.arrival : today;
}

}  // namespace chansync::postings
