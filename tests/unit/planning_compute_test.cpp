#include <gtest/gtest.h>

#include "chansync/planning/planning.h"

namespace chansync::planning {
namespace {

core::CivilDate Day(const char* text) { return *core::CivilDate::Parse(text); }

TEST(ComputePlanningTest, EachChannelProductShowsItsPmsProductsFreeUnits) {
  const std::vector<linking::ProductLink> links{{"sh", "SH-MH4", "mh-4p"},
                                                {"sh", "SH-CHALET", "chalet"}};
  const std::vector<pms::ProductAvailability> availability{
      {"mh-4p", {12, 11, 0}}, {"chalet", {4, 4, 3}}, {"pitch", {30, 30, 30}}};
  DesiredPlanning planning = ComputePlanning(links, availability, 3);
  EXPECT_TRUE(planning.skipped.empty());
  ASSERT_EQ(planning.free_units.size(), 2u);
  EXPECT_EQ((planning.free_units[{"sh", "SH-MH4"}]), (std::vector<int>{12, 11, 0}));
  EXPECT_EQ((planning.free_units[{"sh", "SH-CHALET"}]), (std::vector<int>{4, 4, 3}));
}

TEST(ComputePlanningTest, ValuesPastTheRequestedNightsAreIgnored) {
  DesiredPlanning planning =
      ComputePlanning({{"sh", "SH-MH4", "mh-4p"}}, {{"mh-4p", {5, 6, 7, 8}}}, 2);
  EXPECT_EQ((planning.free_units[{"sh", "SH-MH4"}]), (std::vector<int>{5, 6}));
}

TEST(ComputePlanningTest, MultiLinkOnOneChannelGivesEveryProductTheFullCount) {
  DesiredPlanning planning =
      ComputePlanning({{"sh", "SH-CHALET", "chalet"}, {"sh", "SH-CHALET-PROMO", "chalet"}},
                      {{"chalet", {4, 0, 2}}}, 3);
  ASSERT_EQ(planning.free_units.size(), 2u);
  EXPECT_EQ((planning.free_units[{"sh", "SH-CHALET"}]), (std::vector<int>{4, 0, 2}));
  EXPECT_EQ((planning.free_units[{"sh", "SH-CHALET-PROMO"}]), (std::vector<int>{4, 0, 2}));
}

TEST(ComputePlanningTest, MultiLinkAcrossChannelsGivesEveryChannelTheFullCount) {
  DesiredPlanning planning = ComputePlanning(
      {{"sh", "SH-CHALET", "chalet"}, {"cf", "CF-CHALET", "chalet"}}, {{"chalet", {1, 1}}}, 2);
  ASSERT_EQ(planning.free_units.size(), 2u);
  EXPECT_EQ((planning.free_units[{"sh", "SH-CHALET"}]), (std::vector<int>{1, 1}));
  EXPECT_EQ((planning.free_units[{"cf", "CF-CHALET"}]), (std::vector<int>{1, 1}));
}

TEST(ComputePlanningTest, LinksWithoutCompleteAvailabilityAreSkippedAndReported) {
  const std::vector<linking::ProductLink> links{
      {"sh", "SH-MH4", "mh-4p"}, {"sh", "SH-GONE", "vanished"}, {"sh", "SH-SHORT", "short"}};
  DesiredPlanning planning = ComputePlanning(links, {{"mh-4p", {1, 2, 3}}, {"short", {1, 2}}}, 3);
  ASSERT_EQ(planning.free_units.size(), 1u);
  EXPECT_TRUE(planning.free_units.contains({"sh", "SH-MH4"}));
  EXPECT_EQ(planning.skipped, (std::vector<linking::ProductLink>{links[1], links[2]}));
}

TEST(DiffPlanningTest, NothingChangedGivesNoRun) {
  EXPECT_TRUE(DiffPlanning({3, 2, 1}, {3, 2, 1}, Day("2026-09-01")).empty());
}

TEST(DiffPlanningTest, OneChangedNightGivesASingleNightRun) {
  auto runs = DiffPlanning({3, 2, 1}, {3, 5, 1}, Day("2026-09-01"));
  EXPECT_EQ(runs, (std::vector<core::PlanningRun>{{Day("2026-09-02"), {2}}}));
}

TEST(DiffPlanningTest, UnchangedNightsSplitRuns) {
  auto runs = DiffPlanning({1, 2, 3, 4, 5, 6}, {0, 0, 3, 4, 0, 6}, Day("2026-12-30"));
  EXPECT_EQ(runs, (std::vector<core::PlanningRun>{{Day("2026-12-30"), {1, 2}},
                                                  {Day("2027-01-03"), {5}}}));
}

TEST(DiffPlanningTest, AllUnknownGivesOneRunOfEveryNight) {
  const std::vector<std::optional<int>> unknown(4);
  auto runs = DiffPlanning({4, 3, 2, 1}, unknown, Day("2026-09-01"));
  EXPECT_EQ(runs, (std::vector<core::PlanningRun>{{Day("2026-09-01"), {4, 3, 2, 1}}}));
}

TEST(DiffPlanningTest, UnknownNightsDifferAndAShortHistoryCountsAsUnknown) {
  auto runs = DiffPlanning({0, 0, 0, 0}, {0, std::nullopt, 0}, Day("2026-09-01"));
  EXPECT_EQ(runs,
            (std::vector<core::PlanningRun>{{Day("2026-09-02"), {0}}, {Day("2026-09-04"), {0}}}));
}

}  // namespace
}  // namespace chansync::planning
