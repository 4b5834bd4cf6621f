#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "chansync/core/local_time.h"
#include "chansync/core/reservation_json.h"
#include "chansync/planning/nightly/nightly_schedule.h"

namespace chansync::planning::nightly {
namespace {

using core::CivilDate;
using core::ErrorCode;
using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;
using TimePoint = std::chrono::system_clock::time_point;

TimePoint At(const std::string& utc) {
  auto parsed = core::ParseTimestamp(utc);
  EXPECT_TRUE(parsed) << utc;
  return parsed.value_or(TimePoint{});
}

CivilDate Date(const std::string& text) { return *CivilDate::Parse(text); }

CivilDate LocalDate(TimePoint instant, const std::string& zone) {
  auto date = core::LocalDateAt(instant, zone);
  EXPECT_TRUE(date) << zone;
  return date.value_or(CivilDate{});
}

TimePoint DayStart(const std::string& date, const std::string& zone) {
  auto start = core::StartOfLocalDay(Date(date), zone);
  EXPECT_TRUE(start) << zone;
  return start.value_or(TimePoint{});
}

TimePoint Next(const std::string& zone, TimePoint now) {
  auto next = NextNightlyAt(zone, now);
  EXPECT_TRUE(next) << zone;
  return next.value_or(TimePoint{});
}

// --- LocalDateAt / StartOfLocalDay -------------------------------------------------------------

TEST(SyncNightlyLocalTimeTest, LocalDateFollowsTheZoneNotUtc) {
  const TimePoint instant = At("2026-06-15T05:00:00Z");
  EXPECT_EQ(LocalDate(instant, "UTC"), Date("2026-06-15"));
  EXPECT_EQ(LocalDate(instant, "Europe/Paris"), Date("2026-06-15"));
  EXPECT_EQ(LocalDate(instant, "Pacific/Pago_Pago"), Date("2026-06-14"));  // 18:00 the day before
  EXPECT_EQ(LocalDate(At("2026-06-15T10:00:00Z"), "Pacific/Kiritimati"), Date("2026-06-16"));
  EXPECT_EQ(LocalDate(At("2026-06-15T09:59:59Z"), "Pacific/Kiritimati"), Date("2026-06-15"));
}

TEST(SyncNightlyLocalTimeTest, DayStartsAtLocalMidnightOnEitherSideOfUtc) {
  EXPECT_EQ(DayStart("2026-06-16", "Pacific/Kiritimati"), At("2026-06-15T10:00:00Z"));  // +14
  EXPECT_EQ(DayStart("2026-06-15", "Pacific/Pago_Pago"), At("2026-06-15T11:00:00Z"));   // -11
  EXPECT_EQ(DayStart("2026-06-15", "UTC"), At("2026-06-15T00:00:00Z"));
}

TEST(SyncNightlyLocalTimeTest, ParisChangeoverDaysStartAtMidnightOfTheRightOffset) {
  EXPECT_EQ(DayStart("2026-03-29", "Europe/Paris"), At("2026-03-28T23:00:00Z"));  // CET
  EXPECT_EQ(DayStart("2026-03-30", "Europe/Paris"), At("2026-03-29T22:00:00Z"));  // CEST
  EXPECT_EQ(DayStart("2026-10-25", "Europe/Paris"), At("2026-10-24T22:00:00Z"));  // CEST
  EXPECT_EQ(DayStart("2026-10-26", "Europe/Paris"), At("2026-10-25T23:00:00Z"));  // CET
  EXPECT_EQ(DayStart("2026-03-30", "Europe/Paris") - DayStart("2026-03-29", "Europe/Paris"),
            hours(23));
  EXPECT_EQ(DayStart("2026-10-26", "Europe/Paris") - DayStart("2026-10-25", "Europe/Paris"),
            hours(25));
}

// America/Santiago springs forward at 24:00 on 2026-09-05 (zdump: 03:59:59 UT = 23:59:59 -04,
// 04:00:00 UT = 01:00:00 -03): 2026-09-06 has no midnight and starts at 01:00 local.
TEST(SyncNightlyLocalTimeTest, DayWhoseMidnightIsSkippedStartsWhenTheClocksJump) {
  const TimePoint start = DayStart("2026-09-06", "America/Santiago");
  EXPECT_EQ(start, At("2026-09-06T04:00:00Z"));  // 01:00 at -03
  EXPECT_EQ(LocalDate(start, "America/Santiago"), Date("2026-09-06"));
  EXPECT_EQ(LocalDate(start - seconds(1), "America/Santiago"), Date("2026-09-05"));
  // The 5th lasts 24 hours (it ends at 01:00 -03); the 6th, 23.
  EXPECT_EQ(DayStart("2026-09-06", "America/Santiago") - DayStart("2026-09-05", "America/Santiago"),
            hours(24));
  EXPECT_EQ(DayStart("2026-09-07", "America/Santiago") - DayStart("2026-09-06", "America/Santiago"),
            hours(23));
}

// America/Havana falls back at 01:00 CDT on 2026-11-01 to 00:00 CST: midnight happens twice and
// the day starts at the first one.
TEST(SyncNightlyLocalTimeTest, DayWhoseMidnightRepeatsStartsAtTheFirstOne) {
  EXPECT_EQ(DayStart("2026-11-01", "America/Havana"), At("2026-11-01T04:00:00Z"));
  EXPECT_EQ(LocalDate(At("2026-11-01T05:00:00Z"), "America/Havana"), Date("2026-11-01"));
}

TEST(SyncNightlyLocalTimeTest, UnknownZonesAreInvalidArguments) {
  EXPECT_EQ(core::LocalDateAt(At("2026-06-15T00:00:00Z"), "Mars/Olympus").error().code,
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(core::LocalDateAt(At("2026-06-15T00:00:00Z"), "").error().code,
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(core::StartOfLocalDay(Date("2026-06-15"), "Mars/Olympus").error().code,
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(NightlyDue("Mars/Olympus", At("2026-06-15T00:00:00Z"), std::nullopt).error().code,
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(NextNightlyAt("Mars/Olympus", At("2026-06-15T00:00:00Z")).error().code,
            ErrorCode::kInvalidArgument);
}

// --- NightlyDue / NextNightlyAt -----------------------------------------------------------------

TEST(SyncNightlyScheduleTest, DueWhenNeverDoneOrDoneBeforeLocalToday) {
  const TimePoint now = At("2026-06-15T12:00:00Z");
  EXPECT_TRUE(*NightlyDue("Europe/Paris", now, std::nullopt));
  EXPECT_TRUE(*NightlyDue("Europe/Paris", now, Date("2026-06-14")));
  EXPECT_TRUE(*NightlyDue("Europe/Paris", now, Date("2026-01-01")));
  EXPECT_FALSE(*NightlyDue("Europe/Paris", now, Date("2026-06-15")));
  EXPECT_FALSE(*NightlyDue("Europe/Paris", now, Date("2026-06-16")));
}

TEST(SyncNightlyScheduleTest, DueFlipsExactlyAtLocalMidnight) {
  const TimePoint midnight = At("2026-06-14T22:00:00Z");  // 2026-06-15 00:00 CEST
  EXPECT_FALSE(*NightlyDue("Europe/Paris", midnight - seconds(1), Date("2026-06-14")));
  EXPECT_TRUE(*NightlyDue("Europe/Paris", midnight, Date("2026-06-14")));
  EXPECT_EQ(Next("Europe/Paris", midnight - seconds(1)), midnight);
  EXPECT_EQ(Next("Europe/Paris", midnight), At("2026-06-15T22:00:00Z"));
}

TEST(SyncNightlyScheduleTest, FarFromUtcTheLocalDateDecides) {
  // 2026-06-15 05:00 UTC is 2026-06-14 18:00 in Pago Pago: done for the 14th means not due.
  EXPECT_FALSE(*NightlyDue("Pacific/Pago_Pago", At("2026-06-15T05:00:00Z"), Date("2026-06-14")));
  EXPECT_EQ(Next("Pacific/Pago_Pago", At("2026-06-15T05:00:00Z")), At("2026-06-15T11:00:00Z"));
  // 2026-06-15 10:00 UTC is already 2026-06-16 00:00 in Kiritimati.
  EXPECT_TRUE(*NightlyDue("Pacific/Kiritimati", At("2026-06-15T10:00:00Z"), Date("2026-06-15")));
  EXPECT_FALSE(*NightlyDue("Pacific/Kiritimati", At("2026-06-15T09:59:00Z"), Date("2026-06-15")));
  EXPECT_EQ(Next("Pacific/Kiritimati", At("2026-06-15T09:59:00Z")), At("2026-06-15T10:00:00Z"));
}

TEST(SyncNightlyScheduleTest, ParisSpringForwardNightIsOneMinuteAfter2359) {
  // 2026-03-28 23:59 CET -> midnight of the 29th one minute later.
  EXPECT_EQ(Next("Europe/Paris", At("2026-03-28T22:59:00Z")), At("2026-03-28T23:00:00Z"));
  // On the 29th itself (23 hours long) 23:59 CEST is followed by midnight one minute later.
  EXPECT_EQ(Next("Europe/Paris", At("2026-03-29T21:59:00Z")), At("2026-03-29T22:00:00Z"));
  // From just after midnight across the jump at 02:00, the next midnight is 23 hours later.
  EXPECT_EQ(Next("Europe/Paris", At("2026-03-28T23:00:00Z")), At("2026-03-29T22:00:00Z"));
}

TEST(SyncNightlyScheduleTest, ParisFallBackNightIsOneMinuteAfter2359) {
  EXPECT_EQ(Next("Europe/Paris", At("2026-10-24T21:59:00Z")), At("2026-10-24T22:00:00Z"));
  EXPECT_EQ(Next("Europe/Paris", At("2026-10-25T22:59:00Z")), At("2026-10-25T23:00:00Z"));
  // Both passes through 02:30 on the 25th belong to the same day: one midnight follows.
  EXPECT_EQ(Next("Europe/Paris", At("2026-10-25T00:30:00Z")), At("2026-10-25T23:00:00Z"));
  EXPECT_EQ(Next("Europe/Paris", At("2026-10-25T01:30:00Z")), At("2026-10-25T23:00:00Z"));
}

TEST(SyncNightlyScheduleTest, ParisChangeoverNightsComeOncePerLocalDay) {
  // Walk both changeover weeks minute by minute: the due date changes exactly at each
  // NextNightlyAt, once per local date, and never in between.
  for (const char* start : {"2026-03-26T12:00:00Z", "2026-10-22T12:00:00Z"}) {
    TimePoint now = At(start);
    std::optional<CivilDate> done = LocalDate(now, "Europe/Paris");
    TimePoint next = Next("Europe/Paris", now);
    int nights = 0;
    for (int minute = 0; minute < 7 * 24 * 60; ++minute, now += minutes(1)) {
      const bool due = *NightlyDue("Europe/Paris", now, done);
      EXPECT_EQ(due, now >= next) << "at minute " << minute << " from " << start;
      if (due) {
        ++nights;
        const CivilDate today = LocalDate(now, "Europe/Paris");
        EXPECT_EQ(today, done->AddDays(1)) << "one local date after the other";
        done = today;
        next = Next("Europe/Paris", now);
      }
    }
    EXPECT_EQ(nights, 7) << start;
  }
}

TEST(SyncNightlyScheduleTest, SkippedMidnightStillGivesOneNight) {
  // Santiago, 2026-09-05 23:59 -04: the next day starts one minute later, at 01:00 -03.
  EXPECT_EQ(Next("America/Santiago", At("2026-09-06T03:59:00Z")), At("2026-09-06T04:00:00Z"));
  EXPECT_FALSE(*NightlyDue("America/Santiago", At("2026-09-06T03:59:59Z"), Date("2026-09-05")));
  EXPECT_TRUE(*NightlyDue("America/Santiago", At("2026-09-06T04:00:00Z"), Date("2026-09-05")));
}

}  // namespace
}  // namespace chansync::planning::nightly
