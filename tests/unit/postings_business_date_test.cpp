#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "chansync/core/reservation_json.h"
#include "chansync/core/testing/fake_clock.h"
#include "chansync/postings/business_date.h"

namespace chansync::postings {
namespace {

using core::CivilDate;
using core::ErrorCode;
using std::chrono::hours;
using std::chrono::minutes;
using TimePoint = std::chrono::system_clock::time_point;

constexpr char kParis[] = "Europe/Paris";

TimePoint At(const std::string& utc) {
  auto parsed = core::ParseTimestamp(utc);
  EXPECT_TRUE(parsed) << utc;
  return parsed.value_or(TimePoint{});
}

CivilDate Date(const std::string& text) { return *CivilDate::Parse(text); }

CivilDate BusinessDate(TimePoint instant, const std::string& zone = kParis,
                       EndOfDay end_of_day = {}) {
  auto date = BusinessDateAt(instant, zone, end_of_day);
  EXPECT_TRUE(date) << zone;
  return date.value_or(CivilDate{});
}

TimePoint DayEnd(const std::string& date, const std::string& zone = kParis,
                 EndOfDay end_of_day = {}) {
  auto end = BusinessDayEnd(Date(date), zone, end_of_day);
  EXPECT_TRUE(end) << zone;
  return end.value_or(TimePoint{});
}

TEST(PostingsEndOfDayTest, DefaultsToHalfPastFiveAndParsesHoursAndMinutes) {
  EXPECT_EQ(EndOfDay{}.ToString(), "05:30");
  EXPECT_EQ(*EndOfDay::Parse("00:00"), (EndOfDay{0, 0}));
  EXPECT_EQ(*EndOfDay::Parse("23:59"), (EndOfDay{23, 59}));
  for (const char* bad : {"", "5:30", "24:00", "05:60", "05-30", "05:30 ", "ab:cd"}) {
    auto parsed = EndOfDay::Parse(bad);
    ASSERT_FALSE(parsed) << bad;
    EXPECT_EQ(parsed.error().code, ErrorCode::kInvalidArgument) << bad;
  }
}

TEST(PostingsBusinessDateTest, ChargeAtTenPastOneBelongsToThePreviousBusinessDate) {
  core::testing::FakeClock clock(At("2026-06-15T23:10:00Z"));  // 01:10 on the 16th in Paris
  EXPECT_EQ(BusinessDate(clock.Now()), Date("2026-06-15"));
  clock.Advance(hours(4) + minutes(19));  // 05:29
  EXPECT_EQ(BusinessDate(clock.Now()), Date("2026-06-15"));
  clock.Advance(minutes(1));  // 05:30: the new business day opens
  EXPECT_EQ(BusinessDate(clock.Now()), Date("2026-06-16"));
}

TEST(PostingsBusinessDateTest, FollowsTheConfiguredClosingTime) {
  const TimePoint ten_past_one = At("2026-06-15T23:10:00Z");
  EXPECT_EQ(BusinessDate(ten_past_one, kParis, EndOfDay{0, 0}), Date("2026-06-16"));
  EXPECT_EQ(BusinessDate(ten_past_one, kParis, EndOfDay{1, 10}), Date("2026-06-16"));
  EXPECT_EQ(BusinessDate(ten_past_one, kParis, EndOfDay{1, 11}), Date("2026-06-15"));
  EXPECT_EQ(BusinessDate(ten_past_one, "UTC"), Date("2026-06-15"));  // 23:10 UTC
  EXPECT_EQ(BusinessDate(At("2026-06-16T01:10:00Z"), "UTC"), Date("2026-06-15"));
}

// Paris moves from CET (+1) to CEST (+2) at 02:00 on 2026-03-29: the business day of the 28th
// runs from 05:30 CET to 05:30 CEST, 23 hours.
TEST(PostingsBusinessDateTest, SpringForwardInParisGivesA23HourBusinessDay) {
  EXPECT_EQ(DayEnd("2026-03-27"), At("2026-03-28T04:30:00Z"));
  EXPECT_EQ(DayEnd("2026-03-28"), At("2026-03-29T03:30:00Z"));
  EXPECT_EQ(DayEnd("2026-03-28") - DayEnd("2026-03-27"), hours(23));

  core::testing::FakeClock clock(At("2026-03-29T00:59:00Z"));  // 01:59 CET
  EXPECT_EQ(BusinessDate(clock.Now()), Date("2026-03-28"));
  clock.Advance(minutes(1));  // 03:00 CEST: the clocks jumped, still the night of the 28th
  EXPECT_EQ(BusinessDate(clock.Now()), Date("2026-03-28"));
  clock.Set(At("2026-03-29T03:29:59Z"));  // 05:29:59 CEST
  EXPECT_EQ(BusinessDate(clock.Now()), Date("2026-03-28"));
  clock.Set(At("2026-03-29T03:30:00Z"));  // 05:30 CEST
  EXPECT_EQ(BusinessDate(clock.Now()), Date("2026-03-29"));
}

// Paris moves back from CEST to CET at 03:00 on 2026-10-25: 02:00..03:00 happens twice and the
// business day of the 24th lasts 25 hours; both passes of the repeated hour are that night's.
TEST(PostingsBusinessDateTest, FallBackInParisGivesA25HourBusinessDay) {
  EXPECT_EQ(DayEnd("2026-10-24") - DayEnd("2026-10-23"), hours(25));
  EXPECT_EQ(DayEnd("2026-10-24"), At("2026-10-25T04:30:00Z"));

  core::testing::FakeClock clock(At("2026-10-25T00:30:00Z"));  // 02:30 CEST, first pass
  EXPECT_EQ(BusinessDate(clock.Now()), Date("2026-10-24"));
  clock.Advance(hours(1));  // 02:30 CET, second pass
  EXPECT_EQ(BusinessDate(clock.Now()), Date("2026-10-24"));
  clock.Set(At("2026-10-25T04:29:00Z"));  // 05:29 CET
  EXPECT_EQ(BusinessDate(clock.Now()), Date("2026-10-24"));
  clock.Advance(minutes(1));
  EXPECT_EQ(BusinessDate(clock.Now()), Date("2026-10-25"));
}

TEST(PostingsBusinessDateTest, EveryInstantOfAYearHasTheBusinessDateWhoseWindowHoldsIt) {
  // Walk 2026 in Paris by 10 minutes: a date changes exactly at each day's end and never skips.
  TimePoint instant = At("2026-01-01T12:00:00Z");
  CivilDate date = BusinessDate(instant);
  for (; instant < At("2027-01-01T12:00:00Z"); instant += minutes(10)) {
    const CivilDate now = BusinessDate(instant);
    if (now != date) {
      EXPECT_EQ(now, date.AddDays(1)) << core::FormatTimestamp(instant);
      EXPECT_LE(DayEnd(date.ToString()), instant);
      EXPECT_GT(DayEnd(date.ToString()) + minutes(10), instant);
      date = now;
    }
  }
  EXPECT_EQ(date, Date("2027-01-01"));
}

TEST(PostingsBusinessDateTest, ClosingTimeInASkippedHourEndsTheDayWhenTheClocksJump) {
  const EndOfDay half_past_two{2, 30};  // never shown on Paris clocks on 2026-03-29
  EXPECT_EQ(DayEnd("2026-03-28", kParis, half_past_two), At("2026-03-29T01:00:00Z"));
  EXPECT_EQ(BusinessDate(At("2026-03-29T00:59:00Z"), kParis, half_past_two), Date("2026-03-28"));
  EXPECT_EQ(BusinessDate(At("2026-03-29T01:00:00Z"), kParis, half_past_two), Date("2026-03-29"));
}

TEST(PostingsBusinessDateTest, ClosingTimeInARepeatedHourEndsTheDayAtItsFirstPass) {
  const EndOfDay half_past_two{2, 30};  // shown twice on Paris clocks on 2026-10-25
  EXPECT_EQ(DayEnd("2026-10-24", kParis, half_past_two), At("2026-10-25T00:30:00Z"));
  EXPECT_EQ(BusinessDate(At("2026-10-25T00:29:00Z"), kParis, half_past_two), Date("2026-10-24"));
  // 02:29 on the wall again, but after the first 02:30: the new business day has begun.
  EXPECT_EQ(BusinessDate(At("2026-10-25T01:29:00Z"), kParis, half_past_two), Date("2026-10-25"));
}

TEST(PostingsBusinessDateTest, UnknownZoneIsRefused) {
  auto date = BusinessDateAt(At("2026-06-15T12:00:00Z"), "Mars/Olympus", {});
  ASSERT_FALSE(date);
  EXPECT_EQ(date.error().code, ErrorCode::kInvalidArgument);
  EXPECT_FALSE(BusinessDayEnd(Date("2026-06-15"), "", {}));
}

TEST(PostingsVoidWindowTest, SameOrNextBusinessDateOnly) {
  EXPECT_TRUE(CheckVoidWindow(Date("2026-06-15"), Date("2026-06-15")));
  EXPECT_TRUE(CheckVoidWindow(Date("2026-06-15"), Date("2026-06-16")));
  for (const char* late : {"2026-06-17", "2026-07-15", "2026-06-14"}) {
    auto status = CheckVoidWindow(Date("2026-06-15"), Date(late));
    ASSERT_FALSE(status) << late;
    EXPECT_EQ(status.error().code, ErrorCode::kVoidWindowClosed);
    EXPECT_NE(status.error().message.find("2026-06-15"), std::string::npos);
    EXPECT_NE(status.error().message.find(late), std::string::npos);
  }
}

TEST(PostingsRefundDateTest, AFutureStayIsRefundedOnItsArrivalDate) {
  const core::Stay future{Date("2026-08-01"), Date("2026-08-05")};
  EXPECT_EQ(RefundDate(Date("2026-06-15"), future), Date("2026-08-01"));
  const core::Stay in_house{Date("2026-06-14"), Date("2026-06-18")};
  EXPECT_EQ(RefundDate(Date("2026-06-15"), in_house), Date("2026-06-15"));
}

}  // namespace
}  // namespace chansync::postings
