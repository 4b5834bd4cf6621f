// PlanningDeltas sends the properties that fall due together in one RefreshNightsMany call, with
// a test clock: when that happens, what waits, and that no change goes out after its window.
#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "chansync/core/testing/fake_clock.h"
#include "chansync/planning/planning_deltas.h"
#include "chansync/planning/testing/recording_refresher.h"

namespace chansync::planning {
namespace {

using core::CivilDate;
using std::chrono::milliseconds;
using NightsCall = testing::RecordingRefresher::NightsCall;

CivilDate Date(const std::string& text) { return *CivilDate::Parse(text); }
core::Stay July(int arrival, int departure) {
  return {Date("2026-07-01").AddDays(arrival - 1), Date("2026-07-01").AddDays(departure - 1)};
}

// The properties of each RefreshNightsMany call, in call order.
std::vector<std::vector<core::PropertyId>> BatchedProperties(
    const testing::RecordingRefresher& refresher) {
  std::vector<std::vector<core::PropertyId>> batches;
  for (const auto& batch : refresher.NightsBatches()) {
    batches.emplace_back();
    for (const auto& call : batch) batches.back().push_back(call.property);
  }
  return batches;
}

using Batches = std::vector<std::vector<core::PropertyId>>;

class DeltaBatchTest : public ::testing::Test {
 protected:
  void Change(const core::PropertyId& property) {
    deltas_.PmsReservationChanged(property, "MH4", July(10, 12));
  }

  core::testing::FakeClock clock_;
  testing::RecordingRefresher refresher_{clock_};
  // The defaults, spelled out because the tests count in them.
  PlanningDeltas deltas_{refresher_,
                         clock_,
                         {.window = milliseconds(50),
                          .batch_slack = milliseconds(25),
                          .max_retries = 3,
                          .retry_backoff = milliseconds(1'000)}};
};

TEST_F(DeltaBatchTest, StaggeredWindowsClosingWithinTheSlackGoOutInOneCall) {
  Change("riviera");  // window closes at 50
  clock_.Advance(milliseconds(10));
  Change("seaside");  // 60
  clock_.Advance(milliseconds(10));
  Change("lagoon");  // 70
  clock_.Advance(milliseconds(20));
  Change("harbor");  // 90: more than the slack after the first window
  clock_.Advance(milliseconds(9));

  EXPECT_EQ(deltas_.FlushDue(), DeltaFlushReport{}) << "no window has closed yet (t=49)";
  EXPECT_TRUE(refresher_.NightsBatches().empty());

  clock_.Advance(milliseconds(1));
  EXPECT_EQ(deltas_.FlushDue(), (DeltaFlushReport{.refreshed = 3}));
  EXPECT_EQ(BatchedProperties(refresher_), (Batches{{"lagoon", "riviera", "seaside"}}));
  EXPECT_EQ(deltas_.pending(), 1u);

  clock_.Advance(milliseconds(39));
  EXPECT_EQ(deltas_.FlushDue(), DeltaFlushReport{});
  clock_.Advance(milliseconds(1));
  EXPECT_EQ(deltas_.FlushDue(), (DeltaFlushReport{.refreshed = 1}));
  EXPECT_EQ(BatchedProperties(refresher_), (Batches{{"lagoon", "riviera", "seaside"}, {"harbor"}}));
  EXPECT_EQ(deltas_.pending(), 0u);
}

TEST_F(DeltaBatchTest, EachRequestCarriesItsOwnPropertysUnion) {
  deltas_.PmsReservationChanged("riviera", "MH4", July(10, 12));
  clock_.Advance(milliseconds(5));
  deltas_.PmsReservationChanged("seaside", "CH2", July(3, 4));
  deltas_.PmsReservationChanged("riviera", "CH2", July(8, 9));
  deltas_.PmsReservationChanged("seaside", "CH2", July(5, 6));
  clock_.Advance(milliseconds(45));

  EXPECT_EQ(deltas_.FlushDue(), (DeltaFlushReport{.refreshed = 2}));
  EXPECT_EQ(refresher_.NightsBatches(),
            (std::vector<std::vector<NightsCall>>{
                {{"riviera", {"CH2", "MH4"}, Date("2026-07-08"), Date("2026-07-12")},
                 {"seaside", {"CH2"}, Date("2026-07-03"), Date("2026-07-06")}}}));
}

TEST_F(DeltaBatchTest, WithoutSlackEachWindowGoesOutAlone) {
  PlanningDeltas exact(refresher_, clock_, {.batch_slack = milliseconds(0)});
  exact.PmsReservationChanged("riviera", "MH4", July(10, 12));
  clock_.Advance(milliseconds(1));
  exact.PmsReservationChanged("seaside", "MH4", July(10, 12));
  clock_.Advance(milliseconds(49));
  EXPECT_EQ(exact.FlushDue(), (DeltaFlushReport{.refreshed = 1}));
  clock_.Advance(milliseconds(1));
  EXPECT_EQ(exact.FlushDue(), (DeltaFlushReport{.refreshed = 1}));
  EXPECT_EQ(BatchedProperties(refresher_), (Batches{{"riviera"}, {"seaside"}}));
}

// Changes of 40 properties at random times, and a loop that does what Run does: FlushDue each
// time the clock moves. Every change goes out no later than its window and no earlier than the
// slack allows, and far fewer calls are made than properties refreshed.
TEST_F(DeltaBatchTest, NoChangeIsHeldPastItsWindowNorSentBeforeTheSlack) {
  std::mt19937 random(20260701);
  std::uniform_int_distribution<int> gap_ms(0, 4);
  std::uniform_int_distribution<int> property_of(0, 39);
  std::map<core::PropertyId, std::chrono::steady_clock::time_point> window_end;
  int refreshed = 0;
  size_t seen_batches = 0;

  const auto flush_and_check = [&] {
    refreshed += deltas_.FlushDue().refreshed;
    const auto batches = refresher_.NightsBatches();
    for (; seen_batches < batches.size(); ++seen_batches) {
      for (const auto& call : batches[seen_batches]) {
        ASSERT_TRUE(window_end.contains(call.property)) << call.property;
        const auto end = window_end.at(call.property);
        EXPECT_LE(clock_.SteadyNow(), end) << call.property << " held past its window";
        EXPECT_GE(clock_.SteadyNow(), end - milliseconds(25)) << call.property << " sent early";
        window_end.erase(call.property);
      }
    }
  };

  for (int change = 0; change < 2'000; ++change) {
    const core::PropertyId property = "p" + std::to_string(property_of(random));
    if (!window_end.contains(property)) {
      window_end[property] = clock_.SteadyNow() + milliseconds(50);
    }
    Change(property);
    for (int step = gap_ms(random); step > 0; --step) {
      clock_.Advance(milliseconds(1));
      flush_and_check();
    }
  }
  for (int step = 0; step < 60; ++step) {
    clock_.Advance(milliseconds(1));
    flush_and_check();
  }
  EXPECT_EQ(deltas_.pending(), 0u);
  EXPECT_TRUE(window_end.empty());
  const auto batches = refresher_.NightsBatches().size();
  EXPECT_EQ(refresher_.NightsCalls().size(), static_cast<size_t>(refreshed));
  EXPECT_LT(batches * 4, static_cast<size_t>(refreshed))
      << batches << " calls for " << refreshed << " property refreshes";
}

TEST_F(DeltaBatchTest, AFailedPropertyOfABatchIsRetriedAloneAfterItsBackoff) {
  Change("riviera");
  clock_.Advance(milliseconds(10));
  Change("seaside");
  clock_.Advance(milliseconds(40));
  refresher_.FailNext(1);  // the first request of the next call: riviera
  EXPECT_EQ(deltas_.FlushDue(), (DeltaFlushReport{.refreshed = 1, .retrying = 1}));
  EXPECT_EQ(deltas_.pending(), 1u);

  // t=1050 is riviera's retry time. Seaside's next window closes at 1040, within the slack of
  // that retry: it goes without it, the retry is not brought forward.
  clock_.Advance(milliseconds(940));
  Change("seaside");  // t=990, closes at 1040
  clock_.Advance(milliseconds(30));
  Change("lagoon");  // t=1020, closes at 1070: beyond the slack of 1040, within that of 1050
  clock_.Advance(milliseconds(20));
  EXPECT_EQ(deltas_.FlushDue(), (DeltaFlushReport{.refreshed = 1}));
  EXPECT_EQ(BatchedProperties(refresher_).back(), (std::vector<core::PropertyId>{"seaside"}));
  EXPECT_EQ(deltas_.pending(), 2u);

  clock_.Advance(milliseconds(9));
  EXPECT_EQ(deltas_.FlushDue(), DeltaFlushReport{}) << "t=1049";
  clock_.Advance(milliseconds(1));
  EXPECT_EQ(deltas_.FlushDue(), (DeltaFlushReport{.refreshed = 2}));
  EXPECT_EQ(BatchedProperties(refresher_).back(),
            (std::vector<core::PropertyId>{"lagoon", "riviera"}));
  EXPECT_EQ(deltas_.pending(), 0u);
}

TEST_F(DeltaBatchTest, FlushSendsEveryFreshPropertyInOneCallAndLeavesRetriesWaiting) {
  refresher_.FailNext(1);
  Change("riviera");
  EXPECT_EQ(deltas_.Flush(), (DeltaFlushReport{.retrying = 1}));

  Change("seaside");
  clock_.Advance(milliseconds(30));
  Change("lagoon");
  Change("harbor");
  EXPECT_EQ(deltas_.Flush(), (DeltaFlushReport{.refreshed = 3}));
  EXPECT_EQ(BatchedProperties(refresher_), (Batches{{"riviera"}, {"harbor", "lagoon", "seaside"}}));
  EXPECT_EQ(deltas_.pending(), 1u) << "riviera waits for its retry time";
  EXPECT_EQ(deltas_.Flush(), DeltaFlushReport{});
  EXPECT_EQ(refresher_.NightsBatches().size(), 2u) << "nothing to send makes no call";

  clock_.Advance(milliseconds(970));
  EXPECT_EQ(deltas_.Flush(), (DeltaFlushReport{.refreshed = 1}));
}

TEST_F(DeltaBatchTest, PermanentFailuresInABatchAreDroppedOthersRetried) {
  Change("lagoon");
  Change("riviera");
  Change("seaside");
  refresher_.FailNext(1, core::ErrorCode::kInvalidArgument);
  refresher_.FailNext(1, core::ErrorCode::kStoreUnavailable);
  EXPECT_EQ(deltas_.Flush(), (DeltaFlushReport{.refreshed = 1, .retrying = 1, .dropped = 1}));
  EXPECT_EQ(deltas_.pending(), 1u);
  clock_.Advance(milliseconds(1'000));
  EXPECT_EQ(deltas_.Flush(), (DeltaFlushReport{.refreshed = 1}));
  EXPECT_EQ(BatchedProperties(refresher_),
            (Batches{{"lagoon", "riviera", "seaside"}, {"riviera"}}));
}

TEST_F(DeltaBatchTest, RunSendsStaggeredWindowsTogether) {
  PlanningDeltas deltas(refresher_, clock_,
                        {.window = milliseconds(400), .batch_slack = milliseconds(200)});
  std::jthread runner([&](std::stop_token stop) { deltas.Run(stop); });
  const auto nothing_pending = std::chrono::steady_clock::time_point::max();
  ASSERT_TRUE(clock_.WaitForWaiter(nothing_pending));

  const auto first = clock_.SteadyNow();
  for (const char* property : {"riviera", "seaside", "lagoon"}) {
    deltas.PmsReservationChanged(property, "MH4", July(10, 12));
    ASSERT_TRUE(clock_.WaitForWaiter(first + milliseconds(400))) << "the first window's end";
    clock_.Advance(milliseconds(20));
  }
  EXPECT_TRUE(refresher_.NightsBatches().empty()) << "the window is waited";
  clock_.Advance(milliseconds(340));
  ASSERT_TRUE(clock_.WaitForWaiter(nothing_pending));
  EXPECT_EQ(BatchedProperties(refresher_), (Batches{{"lagoon", "riviera", "seaside"}}));
}

}  // namespace
}  // namespace chansync::planning
