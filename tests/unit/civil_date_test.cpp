#include "chansync/core/civil_date.h"

#include <gtest/gtest.h>

namespace chansync::core {
namespace {

TEST(CivilDateTest, ParsesAndPrintsIsoDates) {
  auto date = CivilDate::Parse("2026-09-14");
  ASSERT_TRUE(date.has_value());
  EXPECT_EQ(date->year(), 2026);
  EXPECT_EQ(date->month(), 9);
  EXPECT_EQ(date->day(), 14);
  EXPECT_EQ(date->ToString(), "2026-09-14");
}

TEST(CivilDateTest, RejectsImpossibleDaysAndBadShapes) {
  for (const char* text : {"2026-02-29", "2026-13-01", "2026-00-10", "2026-04-31", "26-04-01",
                           "2026/04/01", "2026-4-1", "", "2026-04-01T00:00", "+026-04-01"}) {
    auto date = CivilDate::Parse(text);
    ASSERT_FALSE(date.has_value()) << text;
    EXPECT_EQ(date.error().code, ErrorCode::kInvalidArgument) << text;
  }
  EXPECT_TRUE(CivilDate::Parse("2028-02-29").has_value());
  EXPECT_FALSE(CivilDate::Parse("2100-02-29").has_value());
  EXPECT_TRUE(CivilDate::Parse("2000-02-29").has_value());
}

TEST(CivilDateTest, DayArithmeticRoundTripsAcrossYearsAndLeapDays) {
  EXPECT_EQ(CivilDate::Parse("1970-01-01")->DaysSinceEpoch(), 0);
  EXPECT_EQ(CivilDate::Parse("2000-03-01")->DaysSinceEpoch(), 11017);
  const CivilDate start = *CivilDate::Parse("1999-12-25");
  for (int i = -800; i < 800; ++i) {
    const CivilDate d = start.AddDays(i);
    EXPECT_EQ(d.DaysSinceEpoch(), start.DaysSinceEpoch() + i);
    EXPECT_EQ(*CivilDate::Parse(d.ToString()), d);
  }
  EXPECT_EQ(CivilDate::Parse("2028-02-28")->AddDays(1).ToString(), "2028-02-29");
  EXPECT_EQ(CivilDate::Parse("2026-12-31")->AddDays(1).ToString(), "2027-01-01");
}

TEST(StayTest, CountsNightsAndRefusesEmptyStays) {
  const auto arrival = *CivilDate::Parse("2026-08-30");
  const auto departure = *CivilDate::Parse("2026-09-06");
  auto stay = Stay::Make(arrival, departure);
  ASSERT_TRUE(stay.has_value());
  EXPECT_EQ(stay->Nights(), 7);
  EXPECT_FALSE(Stay::Make(arrival, arrival).has_value());
  EXPECT_FALSE(Stay::Make(departure, arrival).has_value());
}

TEST(YearMonthTest, Parses) {
  auto month = YearMonth::Parse("2026-09");
  ASSERT_TRUE(month.has_value());
  EXPECT_EQ(month->ToString(), "2026-09");
  EXPECT_FALSE(YearMonth::Parse("2026-9").has_value());
  EXPECT_FALSE(YearMonth::Parse("2026-13").has_value());
  EXPECT_EQ(YearMonth::Of(*CivilDate::Parse("2026-09-30")), *month);
}

}  // namespace
}  // namespace chansync::core
