#include <gtest/gtest.h>

#include <chrono>

#include "chansync/fias/wire_values.h"

namespace chansync::fias {
namespace {

using namespace std::chrono_literals;

TEST(FiasWireValuesTest, AmountsAreMinorUnitsWithoutSeparator) {
  EXPECT_EQ(ParseAmount("1050").value(), 1050);
  EXPECT_EQ(ParseAmount("-300").value(), -300);
  EXPECT_EQ(ParseAmount("0").value(), 0);
  EXPECT_EQ(ParseAmount("000000000000001").value(), 1);
  for (const char* bad : {"", "-", "10.50", "10,50", "+5", "1e3", "1234567890123456", " 1"}) {
    EXPECT_FALSE(ParseAmount(bad)) << bad;
  }
  EXPECT_EQ(FormatAmount(1050), "1050");
  EXPECT_EQ(FormatAmount(-300), "-300");
}

TEST(FiasWireValuesTest, DatesAreYymmdd) {
  auto date = ParseDate("260701");
  ASSERT_TRUE(date);
  EXPECT_EQ(date->ToString(), "2026-07-01");
  EXPECT_EQ(ParseDate("000229")->ToString(), "2000-02-29");
  for (const char* bad : {"260230", "261301", "2607011", "26071", "26-7-1", "abcdef"}) {
    EXPECT_FALSE(ParseDate(bad)) << bad;
  }
  EXPECT_EQ(FormatDate(*core::CivilDate::Parse("2026-07-01")), "260701");
  EXPECT_EQ(FormatDate(*core::CivilDate::Parse("2009-12-31")), "091231");
}

TEST(FiasWireValuesTest, TimesAreHhmmss) {
  EXPECT_EQ(ParseTime("143005").value(), 14h + 30min + 5s);
  EXPECT_EQ(ParseTime("000000").value(), 0s);
  for (const char* bad : {"240000", "126000", "120060", "1200", "12:00:00"}) {
    EXPECT_FALSE(ParseTime(bad)) << bad;
  }
  EXPECT_EQ(FormatTime(14h + 30min + 5s), "143005");
  EXPECT_EQ(FormatTime(0s), "000000");
}

TEST(FiasWireValuesTest, DateAndTimeOfAnInstantAreUtc) {
  const auto instant =
      std::chrono::sys_days{std::chrono::July / 1 / 2026} + 23h + 59min + 58s + 700ms;
  const WireDateTime wire = WireDateTimeOf(instant);
  EXPECT_EQ(wire.date, "260701");
  EXPECT_EQ(wire.time, "235958");
}

}  // namespace
}  // namespace chansync::fias
