#include "chansync/planning/planning_deltas.h"

#include <gtest/gtest.h>

#include <chrono>
#include <ostream>
#include <string>
#include <thread>
#include <vector>

#include "chansync/core/testing/fake_clock.h"
#include "chansync/planning/testing/recording_refresher.h"

namespace chansync::planning {

// Readable failures: gtest finds this by argument-dependent lookup.
void PrintTo(const DeltaFlushReport& r, std::ostream* out) {
  *out << "{refreshed " << r.refreshed << ", retrying " << r.retrying << ", dropped " << r.dropped
       << "}";
}

namespace {

using core::CivilDate;
using core::ErrorCode;
using std::chrono::milliseconds;
using std::chrono::seconds;
using NightsCall = testing::RecordingRefresher::NightsCall;

CivilDate Date(const std::string& text) { return *CivilDate::Parse(text); }
core::Stay Stay(const std::string& arrival, const std::string& departure) {
  return {Date(arrival), Date(departure)};
}

class PlanningDeltasTest : public ::testing::Test {
 protected:
  core::testing::FakeClock clock_;
  testing::RecordingRefresher refresher_;
  PlanningDeltas deltas_{refresher_, clock_};
};

TEST_F(PlanningDeltasTest, ChangesOfOnePropertyBecomeOneRefreshOfTheirUnion) {
  deltas_.PmsReservationChanged("riviera", "MH4", Stay("2026-07-10", "2026-07-12"));
  deltas_.PmsReservationChanged("riviera", "CH2", Stay("2026-07-08", "2026-07-09"));
  deltas_.PmsReservationChanged("riviera", "MH4", Stay("2026-07-11", "2026-07-20"));
  EXPECT_EQ(deltas_.pending(), 1u);

  EXPECT_EQ(deltas_.Flush(), (DeltaFlushReport{.refreshed = 1}));
  EXPECT_EQ(refresher_.NightsCalls(),
            (std::vector<NightsCall>{
                {"riviera", {"CH2", "MH4"}, Date("2026-07-08"), Date("2026-07-20")}}));
  EXPECT_EQ(deltas_.pending(), 0u);
  EXPECT_EQ(deltas_.Flush(), DeltaFlushReport{});
  EXPECT_EQ(refresher_.TotalPropertyRefreshes(), 0) << "deltas never run a full refresh";
}

TEST_F(PlanningDeltasTest, SeparatePropertiesGetSeparateRefreshes) {
  deltas_.PmsReservationChanged("riviera", "MH4", Stay("2026-07-10", "2026-07-12"));
  deltas_.PmsReservationChanged("seaside", "MH4", Stay("2026-08-01", "2026-08-03"));
  EXPECT_EQ(deltas_.Flush(), (DeltaFlushReport{.refreshed = 2}));
  EXPECT_EQ(
      refresher_.NightsCalls(),
      (std::vector<NightsCall>{{"riviera", {"MH4"}, Date("2026-07-10"), Date("2026-07-12")},
                               {"seaside", {"MH4"}, Date("2026-08-01"), Date("2026-08-03")}}));
}

TEST_F(PlanningDeltasTest, FailedRefreshIsRetriedAfterTheBackoffWithChangesThatCameMeanwhile) {
  refresher_.FailNext(1);
  deltas_.PmsReservationChanged("riviera", "MH4", Stay("2026-07-10", "2026-07-12"));
  EXPECT_EQ(deltas_.Flush(), (DeltaFlushReport{.retrying = 1}));
  EXPECT_EQ(deltas_.pending(), 1u);

  deltas_.PmsReservationChanged("riviera", "CH2", Stay("2026-07-15", "2026-07-16"));
  EXPECT_EQ(deltas_.Flush(), DeltaFlushReport{}) << "waits for the backoff";
  clock_.Advance(milliseconds(999));
  EXPECT_EQ(deltas_.Flush(), DeltaFlushReport{});
  clock_.Advance(milliseconds(1));
  EXPECT_EQ(deltas_.Flush(), (DeltaFlushReport{.refreshed = 1}));

  const auto calls = refresher_.NightsCalls();
  ASSERT_EQ(calls.size(), 2u);
  EXPECT_EQ(calls[1],
            (NightsCall{"riviera", {"CH2", "MH4"}, Date("2026-07-10"), Date("2026-07-16")}));
}

TEST_F(PlanningDeltasTest, RefreshFailingEveryRetryIsDropped) {
  refresher_.FailNext(10);
  deltas_.PmsReservationChanged("riviera", "MH4", Stay("2026-07-10", "2026-07-12"));
  EXPECT_EQ(deltas_.Flush(), (DeltaFlushReport{.retrying = 1}));
  for (int retry = 1; retry <= 2; ++retry) {
    clock_.Advance(seconds(1));
    EXPECT_EQ(deltas_.Flush(), (DeltaFlushReport{.retrying = 1})) << retry;
  }
  clock_.Advance(seconds(1));
  EXPECT_EQ(deltas_.Flush(), (DeltaFlushReport{.dropped = 1}));
  EXPECT_EQ(refresher_.NightsCalls().size(), 4u) << "one try and three retries";
  EXPECT_EQ(deltas_.pending(), 0u);
}

TEST_F(PlanningDeltasTest, PermanentErrorsAreNotRetried) {
  refresher_.FailNext(1, ErrorCode::kInvalidArgument);
  deltas_.PmsReservationChanged("riviera", "MH4", Stay("2026-07-10", "2026-07-12"));
  EXPECT_EQ(deltas_.Flush(), (DeltaFlushReport{.dropped = 1}));
  EXPECT_EQ(deltas_.pending(), 0u);
}

TEST_F(PlanningDeltasTest, ErrorsRetriedAfterAHintAreRetriedToo) {
  refresher_.FailNext(1, ErrorCode::kRateLimited);
  deltas_.PmsReservationChanged("riviera", "MH4", Stay("2026-07-10", "2026-07-12"));
  EXPECT_EQ(deltas_.Flush(), (DeltaFlushReport{.retrying = 1}));
  clock_.Advance(seconds(1));
  EXPECT_EQ(deltas_.Flush(), (DeltaFlushReport{.refreshed = 1}));
}

TEST_F(PlanningDeltasTest, MalformedChangesAreDropped) {
  deltas_.PmsReservationChanged("", "MH4", Stay("2026-07-10", "2026-07-12"));
  deltas_.PmsReservationChanged("riviera", "", Stay("2026-07-10", "2026-07-12"));
  deltas_.PmsReservationChanged("riviera", "MH4", Stay("2026-07-12", "2026-07-12"));
  deltas_.PmsReservationChanged("riviera", "MH4", Stay("2026-07-12", "2026-07-10"));
  EXPECT_EQ(deltas_.pending(), 0u);
  EXPECT_EQ(deltas_.Flush(), DeltaFlushReport{});
}

class PlanningDeltasRunTest : public ::testing::Test {
 protected:
  // When Run waits with nothing pending: only a change or a stop request ends that wait.
  static constexpr auto kUntilAChange = std::chrono::steady_clock::time_point::max();

  core::testing::FakeClock clock_;
  testing::RecordingRefresher refresher_{clock_};
  PlanningDeltas deltas_{refresher_, clock_};
};

TEST_F(PlanningDeltasRunTest, DeliversCoalescedChangesWhenTheWindowCloses) {
  std::jthread runner([&](std::stop_token stop) { deltas_.Run(stop); });
  ASSERT_TRUE(clock_.WaitForWaiter(kUntilAChange));

  const auto sent = clock_.SteadyNow();
  deltas_.PmsReservationChanged("riviera", "MH4", Stay("2026-07-10", "2026-07-12"));
  deltas_.PmsReservationChanged("riviera", "MH6", Stay("2026-07-11", "2026-07-14"));
  ASSERT_TRUE(clock_.WaitForWaiter(sent + milliseconds(50))) << "waits for the window";
  clock_.Advance(milliseconds(49));
  ASSERT_TRUE(clock_.WaitForWaiter(sent + milliseconds(50)));
  EXPECT_TRUE(refresher_.NightsCalls().empty()) << "nothing goes out before the window closes";

  clock_.Advance(milliseconds(1));
  ASSERT_TRUE(clock_.WaitForWaiter(kUntilAChange));
  EXPECT_EQ(refresher_.NightsCalls(),
            (std::vector<NightsCall>{
                {"riviera", {"MH4", "MH6"}, Date("2026-07-10"), Date("2026-07-14")}}));

  deltas_.PmsReservationChanged("seaside", "MH4", Stay("2026-08-01", "2026-08-02"));
  ASSERT_TRUE(clock_.WaitForWaiter(clock_.SteadyNow() + milliseconds(50)));
  clock_.Advance(milliseconds(50));
  ASSERT_TRUE(clock_.WaitForWaiter(kUntilAChange));
  EXPECT_EQ(refresher_.NightsCalls().size(), 2u);
}

TEST_F(PlanningDeltasRunTest, RetriesAFailedRefreshAfterTheBackoff) {
  refresher_.FailNext(1);
  std::jthread runner([&](std::stop_token stop) { deltas_.Run(stop); });
  ASSERT_TRUE(clock_.WaitForWaiter(kUntilAChange));
  deltas_.PmsReservationChanged("riviera", "MH4", Stay("2026-07-10", "2026-07-12"));
  clock_.Advance(milliseconds(50));
  ASSERT_TRUE(clock_.WaitForWaiter(clock_.SteadyNow() + seconds(1))) << "waits for the retry";
  EXPECT_EQ(refresher_.NightsCalls().size(), 1u);
  EXPECT_EQ(deltas_.pending(), 1u);

  clock_.Advance(seconds(1));
  ASSERT_TRUE(clock_.WaitForWaiter(kUntilAChange));
  EXPECT_EQ(refresher_.NightsCalls().size(), 2u);
  EXPECT_EQ(deltas_.pending(), 0u);
}

TEST_F(PlanningDeltasRunTest, StoppingFlushesWhatIsPending) {
  PlanningDeltas deltas(refresher_, clock_, {.window = std::chrono::hours(1)});
  {
    std::jthread runner([&](std::stop_token stop) { deltas.Run(stop); });
    ASSERT_TRUE(clock_.WaitForWaiter(kUntilAChange));
    deltas.PmsReservationChanged("riviera", "MH4", Stay("2026-07-10", "2026-07-12"));
    ASSERT_TRUE(clock_.WaitForWaiter(clock_.SteadyNow() + std::chrono::hours(1)));
  }  // requests stop and joins
  EXPECT_EQ(refresher_.NightsCalls().size(), 1u);
  EXPECT_EQ(deltas.pending(), 0u);
}

}  // namespace
}  // namespace chansync::planning
