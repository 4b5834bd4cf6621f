#include <gtest/gtest.h>

#include <chrono>
#include <ostream>
#include <string>
#include <thread>
#include <vector>

#include "chansync/core/local_time.h"
#include "chansync/core/reservation_json.h"
#include "chansync/core/testing/fake_clock.h"
#include "chansync/linking/testing/in_memory_property_store.h"
#include "chansync/planning/nightly/nightly_scheduler.h"
#include "chansync/planning/nightly/testing/in_memory_nightly_coordination.h"
#include "chansync/planning/testing/recording_refresher.h"

namespace chansync::planning::nightly {

// Readable failures: gtest finds these by argument-dependent lookup.
void PrintTo(const NightlyRunReport& r, std::ostream* out) {
  *out << "{due " << r.due << ", refreshed " << r.refreshed << ", failed " << r.failed
       << ", skipped " << r.skipped << ", errors " << r.errors << "}";
}

namespace {

using core::CivilDate;
using core::ErrorCode;
using std::chrono::hours;
using std::chrono::milliseconds;
using std::chrono::minutes;
using std::chrono::seconds;
using TimePoint = std::chrono::system_clock::time_point;

TimePoint At(const std::string& utc) { return *core::ParseTimestamp(utc); }
CivilDate Date(const std::string& text) { return *CivilDate::Parse(text); }

core::Property Paris(std::string id) {
  return {.id = id, .name = "Property " + id, .timezone = "Europe/Paris"};
}

class NightlySchedulerTest : public ::testing::Test {
 protected:
  NightlySchedulerTest() { clock_.Set(At("2026-06-15T10:00:00Z")); }  // 12:00 in Paris

  NightlySchedulerOptions Options(std::string instance = "serve-a") {
    return {.instance = std::move(instance), .lease_ttl = seconds(30), .parallelism = 2};
  }
  NightlyScheduler& Scheduler() {
    if (!scheduler_) {
      scheduler_ =
          std::make_unique<NightlyScheduler>(store_, refresher_, coordination_, clock_, Options());
    }
    return *scheduler_;
  }
  NightlyRunReport RunDue() {
    auto report = Scheduler().RunDue();
    EXPECT_TRUE(report) << report.error().ToString();
    return report.value_or(NightlyRunReport{});
  }
  std::optional<CivilDate> Done(const std::string& property) {
    return *coordination_.LastNightlyDone(property);
  }

  core::testing::FakeClock clock_;
  linking::testing::InMemoryPropertyStore store_;
  planning::testing::RecordingRefresher refresher_{clock_};
  testing::InMemoryNightlyCoordination coordination_{clock_};
  std::unique_ptr<NightlyScheduler> scheduler_;
};

TEST_F(NightlySchedulerTest, NothingIsDueBeforeLocalMidnightAndItRunsRightAfter) {
  ASSERT_TRUE(store_.CreateProperty(Paris("riviera")));
  ASSERT_TRUE(coordination_.MarkNightlyDone("riviera", Date("2026-06-14")));
  clock_.Set(At("2026-06-14T21:59:59Z"));  // 23:59:59 CEST on the 14th

  EXPECT_EQ(RunDue(), NightlyRunReport{});
  EXPECT_EQ(refresher_.TotalPropertyRefreshes(), 0);

  clock_.Advance(seconds(1));  // midnight of the 15th in Paris
  EXPECT_EQ(RunDue(), (NightlyRunReport{.due = 1, .refreshed = 1}));
  EXPECT_EQ(refresher_.PropertyRefreshes("riviera"), 1);
  EXPECT_EQ(refresher_.Kinds(), std::vector<RefreshKind>{RefreshKind::kNightly});
  EXPECT_EQ(Done("riviera"), Date("2026-06-15"));
  EXPECT_EQ(coordination_.LeaseHolder("riviera"), "") << "the lease is released after the run";
}

TEST_F(NightlySchedulerTest, RunsOncePerLocalDate) {
  ASSERT_TRUE(store_.CreateProperty(Paris("riviera")));
  ASSERT_TRUE(coordination_.MarkNightlyDone("riviera", Date("2026-06-14")));
  clock_.Set(At("2026-06-14T22:00:01Z"));
  for (int i = 0; i < 5; ++i) {
    RunDue();
    clock_.Advance(hours(4));  // up to 16:00 local: still the 15th
  }
  EXPECT_EQ(refresher_.PropertyRefreshes("riviera"), 1);
  clock_.Set(At("2026-06-15T22:00:00Z"));  // midnight of the 16th
  RunDue();
  RunDue();
  EXPECT_EQ(refresher_.PropertyRefreshes("riviera"), 2);
  EXPECT_EQ(Done("riviera"), Date("2026-06-16"));
}

TEST_F(NightlySchedulerTest, ClassicModeAndLevelOneOffNeverRun) {
  core::Property classic = Paris("classic");
  classic.mode = core::GatewayMode::kClassic;
  core::Property level_off = Paris("leveloff");
  level_off.levels.nightly_planning = false;
  ASSERT_TRUE(store_.CreateProperty(classic));
  ASSERT_TRUE(store_.CreateProperty(level_off));
  ASSERT_TRUE(store_.CreateProperty(Paris("pms")));

  EXPECT_EQ(RunDue(), (NightlyRunReport{.due = 1, .refreshed = 1}));
  clock_.Advance(hours(24));
  EXPECT_EQ(RunDue(), (NightlyRunReport{.due = 1, .refreshed = 1}));
  EXPECT_EQ(refresher_.PropertyRefreshes("classic"), 0);
  EXPECT_EQ(refresher_.PropertyRefreshes("leveloff"), 0);
  EXPECT_EQ(refresher_.PropertyRefreshes("pms"), 2);
  EXPECT_EQ(*Scheduler().NextRunAt("classic"), std::nullopt);
  EXPECT_EQ(*Scheduler().NextRunAt("leveloff"), std::nullopt);
}

TEST_F(NightlySchedulerTest, CatchesUpAtStartWhenMidnightWasMissed) {
  ASSERT_TRUE(store_.CreateProperty(Paris("never")));
  ASSERT_TRUE(store_.CreateProperty(Paris("stale")));
  ASSERT_TRUE(store_.CreateProperty(Paris("fresh")));
  ASSERT_TRUE(coordination_.MarkNightlyDone("stale", Date("2026-06-12")));  // down two nights
  ASSERT_TRUE(coordination_.MarkNightlyDone("fresh", Date("2026-06-15")));

  EXPECT_EQ(RunDue(), (NightlyRunReport{.due = 2, .refreshed = 2}));
  EXPECT_EQ(refresher_.PropertyRefreshes("never"), 1);
  EXPECT_EQ(refresher_.PropertyRefreshes("stale"), 1) << "one catch-up run, not one per night";
  EXPECT_EQ(refresher_.PropertyRefreshes("fresh"), 0);
  EXPECT_EQ(Done("stale"), Date("2026-06-15"));
  EXPECT_EQ(RunDue(), NightlyRunReport{});
}

TEST_F(NightlySchedulerTest, FailedRunIsRetriedOnlyAfterThePauseThenMarkedDone) {
  ASSERT_TRUE(store_.CreateProperty(Paris("riviera")));
  refresher_.FailNext(2);
  const TimePoint first = clock_.Now();

  EXPECT_EQ(RunDue(), (NightlyRunReport{.due = 1, .failed = 1}));
  EXPECT_EQ(Done("riviera"), std::nullopt);
  EXPECT_EQ(*coordination_.RetryNotBefore("riviera"), first + minutes(5));
  EXPECT_EQ(*Scheduler().NextRunAt("riviera"), first + minutes(5));

  clock_.Advance(minutes(5) - seconds(1));
  EXPECT_EQ(RunDue(), NightlyRunReport{});
  EXPECT_EQ(refresher_.PropertyRefreshes("riviera"), 1);

  clock_.Advance(seconds(1));
  EXPECT_EQ(RunDue(), (NightlyRunReport{.due = 1, .failed = 1}));
  clock_.Advance(minutes(5));
  EXPECT_EQ(RunDue(), (NightlyRunReport{.due = 1, .refreshed = 1}));
  EXPECT_EQ(refresher_.PropertyRefreshes("riviera"), 3);
  EXPECT_EQ(Done("riviera"), Date("2026-06-15"));
  EXPECT_EQ(*coordination_.RetryNotBefore("riviera"), std::nullopt);
  EXPECT_EQ(RunDue(), NightlyRunReport{});
}

TEST_F(NightlySchedulerTest, NextRunIsTheNextLocalMidnightOnceToday_sRunIsDone) {
  ASSERT_TRUE(store_.CreateProperty(Paris("riviera")));
  EXPECT_EQ(*Scheduler().NextRunAt("riviera"), clock_.Now()) << "never done: due now";
  RunDue();
  EXPECT_EQ(*Scheduler().NextRunAt("riviera"), At("2026-06-15T22:00:00Z"));
  EXPECT_EQ(Scheduler().NextRunAt("nowhere").error().code, ErrorCode::kNotFound);
}

TEST_F(NightlySchedulerTest, TwoSchedulersSharingCoordinationRunEachPropertyOnce) {
  std::vector<std::string> ids;
  for (int i = 0; i < 12; ++i) {
    ids.push_back("prop-" + std::to_string(i));
    ASSERT_TRUE(store_.CreateProperty(Paris(ids.back())));
  }
  NightlyScheduler a(store_, refresher_, coordination_, clock_, Options("serve-a"));
  NightlyScheduler b(store_, refresher_, coordination_, clock_, Options("serve-b"));
  for (int round = 0; round < 3; ++round) {
    std::jthread other([&] { ASSERT_TRUE(b.RunDue()); });
    ASSERT_TRUE(a.RunDue());
  }
  for (const auto& id : ids) EXPECT_EQ(refresher_.PropertyRefreshes(id), 1) << id;
  EXPECT_EQ(refresher_.Overlaps(), 0);
}

TEST_F(NightlySchedulerTest, DeadHoldersLeaseIsTakenOverOnceItExpires) {
  ASSERT_TRUE(store_.CreateProperty(Paris("riviera")));
  ASSERT_TRUE(*coordination_.TryAcquireLease("riviera", "serve-dead", seconds(30)));

  EXPECT_EQ(RunDue(), (NightlyRunReport{.due = 1, .skipped = 1}));
  EXPECT_EQ(refresher_.PropertyRefreshes("riviera"), 0);
  clock_.Advance(seconds(29));
  EXPECT_EQ(RunDue(), (NightlyRunReport{.due = 1, .skipped = 1}));
  clock_.Advance(seconds(1));
  EXPECT_EQ(RunDue(), (NightlyRunReport{.due = 1, .refreshed = 1}));
  EXPECT_EQ(refresher_.PropertyRefreshes("riviera"), 1);
}

TEST_F(NightlySchedulerTest, RefreshesUpToParallelismPropertiesAtOnce) {
  for (int i = 0; i < 8; ++i) ASSERT_TRUE(store_.CreateProperty(Paris("p" + std::to_string(i))));
  refresher_.SetDelay(milliseconds(30));
  std::jthread run([&] { EXPECT_EQ(RunDue(), (NightlyRunReport{.due = 8, .refreshed = 8})); });
  for (int round = 0; round < 4; ++round) {
    // The lease keeper and two refreshes, each parked until its 30 ms have passed.
    const auto parked = clock_.WaitForWaiters(3);
    ASSERT_EQ(parked.size(), 3u) << round;
    EXPECT_EQ(parked[0], parked[1]) << "two refreshes in flight at once";
    EXPECT_EQ(parked[0], clock_.SteadyNow() + milliseconds(30));
    clock_.Advance(milliseconds(30));
  }
  run.join();
  EXPECT_EQ(refresher_.MaxConcurrentRefreshes(), 2);
}

TEST_F(NightlySchedulerTest, ScanReadsStateInOneBatchAndNotAtAllOnceAllAreDone) {
  for (int i = 0; i < 50; ++i) ASSERT_TRUE(store_.CreateProperty(Paris("p" + std::to_string(i))));
  RunDue();
  // One batch for the scan, plus one re-read per property under its lease.
  EXPECT_EQ(coordination_.states_calls(), 1 + 50);
  RunDue();
  RunDue();
  EXPECT_EQ(coordination_.states_calls(), 51) << "known done dates need no store read";
}

TEST_F(NightlySchedulerTest, StoreOutageFailsTheScanWithoutRefreshing) {
  ASSERT_TRUE(store_.CreateProperty(Paris("riviera")));
  coordination_.SetUnavailable(true);
  auto report = Scheduler().RunDue();
  ASSERT_FALSE(report);
  EXPECT_EQ(report.error().code, ErrorCode::kStoreUnavailable);
  EXPECT_EQ(refresher_.TotalPropertyRefreshes(), 0);
  coordination_.SetUnavailable(false);
  EXPECT_EQ(RunDue(), (NightlyRunReport{.due = 1, .refreshed = 1}));
}

// Moves the clock in 10-minute steps across a week and checks that the run fires once per local
// date, within one step of the day's start.
void ExpectOneRunPerLocalDate(const std::string& zone, const std::string& from_utc) {
  core::testing::FakeClock clock(At(from_utc));
  linking::testing::InMemoryPropertyStore store;
  planning::testing::RecordingRefresher refresher(clock);
  testing::InMemoryNightlyCoordination coordination(clock);
  ASSERT_TRUE(store.CreateProperty({.id = "p", .name = "P", .timezone = zone}));
  const CivilDate first = *core::LocalDateAt(clock.Now(), zone);
  ASSERT_TRUE(coordination.MarkNightlyDone("p", first));
  NightlyScheduler scheduler(store, refresher, coordination, clock, {.instance = "serve-a"});

  for (int step = 0; step < 7 * 24 * 6; ++step) {
    const int before = refresher.PropertyRefreshes("p");
    ASSERT_TRUE(scheduler.RunDue());
    if (refresher.PropertyRefreshes("p") != before) {
      const CivilDate today = *core::LocalDateAt(clock.Now(), zone);
      const TimePoint start = *core::StartOfLocalDay(today, zone);
      EXPECT_LT(clock.Now() - start, minutes(10)) << zone << " " << today.ToString();
      EXPECT_EQ(*coordination.LastNightlyDone("p"), today);
    }
    clock.Advance(minutes(10));
  }
  EXPECT_EQ(refresher.PropertyRefreshes("p"), 7) << zone << " from " << from_utc;
}

TEST(NightlySchedulerDstTest, ParisChangeoverWeeksRunOncePerLocalDate) {
  ExpectOneRunPerLocalDate("Europe/Paris", "2026-03-26T12:05:00Z");
  ExpectOneRunPerLocalDate("Europe/Paris", "2026-10-22T12:05:00Z");
}

TEST(NightlySchedulerDstTest, SkippedAndRepeatedMidnightsRunOncePerLocalDate) {
  ExpectOneRunPerLocalDate("America/Santiago", "2026-09-03T12:05:00Z");
  ExpectOneRunPerLocalDate("America/Havana", "2026-10-29T12:05:00Z");
  ExpectOneRunPerLocalDate("Pacific/Kiritimati", "2026-06-15T12:05:00Z");
  ExpectOneRunPerLocalDate("Pacific/Pago_Pago", "2026-06-15T12:05:00Z");
}

TEST_F(NightlySchedulerTest, RunThatLostItsLeaseStillMarksSuccessButLeavesFailureToTheNewHolder) {
  refresher_.SetDelay(seconds(1));
  refresher_.FailNext(1);  // the first run, of "bad"
  for (const std::string property : {"bad", "ok"}) {
    linking::testing::InMemoryPropertyStore store;
    ASSERT_TRUE(store.CreateProperty(Paris(property)));
    NightlyScheduler scheduler(store, refresher_, coordination_, clock_,
                               {.instance = "serve-a", .lease_ttl = milliseconds(30)});
    const auto start = clock_.SteadyNow();
    std::jthread run([&] { EXPECT_TRUE(scheduler.RunDue()); });
    // The keeper renews every 10 ms; the refresh answers after 1 s.
    ASSERT_EQ(clock_.WaitForWaiters(2),
              (std::vector{start + milliseconds(10), start + seconds(1)}));

    // This process stalls past the ttl: the keeper's renewal comes too late, and another
    // instance takes the lease.
    clock_.Advance(milliseconds(31));
    EXPECT_TRUE(*coordination_.TryAcquireLease(property, "serve-b", seconds(30)));
    ASSERT_TRUE(clock_.WaitForWaiter(start + milliseconds(41))) << "the keeper renewed";
    clock_.Advance(seconds(1));  // the refresh answers
    run.join();
    EXPECT_EQ(coordination_.LeaseHolder(property), "serve-b") << "the new holder keeps its lease";
  }
  EXPECT_EQ(Done("bad"), std::nullopt);
  EXPECT_EQ(*coordination_.RetryNotBefore("bad"), std::nullopt)
      << "the instance now holding the lease decides about retries";
  EXPECT_EQ(Done("ok"), Date("2026-06-15")) << "a successful full refresh is recorded";
}

TEST_F(NightlySchedulerTest, RunScansEveryTickOnTheClockAndStopEndsTheWait) {
  ASSERT_TRUE(store_.CreateProperty(Paris("riviera")));
  NightlyScheduler scheduler(store_, refresher_, coordination_, clock_,
                             {.instance = "serve-a", .tick = milliseconds(20)});
  auto next_tick = [&] { return clock_.SteadyNow() + milliseconds(20); };
  {
    std::jthread runner([&](std::stop_token stop) { scheduler.Run(stop); });
    ASSERT_TRUE(clock_.WaitForWaiter(next_tick()));
    EXPECT_EQ(refresher_.PropertyRefreshes("riviera"), 1) << "catch-up at start";

    clock_.Advance(milliseconds(20));
    ASSERT_TRUE(clock_.WaitForWaiter(next_tick()));
    EXPECT_EQ(refresher_.PropertyRefreshes("riviera"), 1) << "scanned again, done for today";

    clock_.Set(At("2026-06-15T22:00:00Z"));  // midnight of the 16th in Paris
    ASSERT_TRUE(clock_.WaitForWaiter(next_tick()));
    EXPECT_EQ(refresher_.PropertyRefreshes("riviera"), 2) << "the first tick after midnight";
  }

  NightlyScheduler slow(store_, refresher_, coordination_, clock_,
                        {.instance = "serve-a", .tick = hours(1)});
  const auto before = clock_.Now();
  std::jthread runner([&](std::stop_token stop) { slow.Run(stop); });
  ASSERT_TRUE(clock_.WaitForWaiter(clock_.SteadyNow() + hours(1)));
  runner.request_stop();
  runner.join();  // returns without the hour passing
  EXPECT_EQ(clock_.Now(), before);
  EXPECT_EQ(refresher_.PropertyRefreshes("riviera"), 2);
}

TEST(InMemoryNightlyCoordinationTest, KeepsTheRedisContract) {
  core::testing::FakeClock clock(At("2026-06-15T10:00:00Z"));
  testing::InMemoryNightlyCoordination coordination(clock);
  EXPECT_TRUE(*coordination.TryAcquireLease("p", "a", seconds(10)));
  EXPECT_FALSE(*coordination.TryAcquireLease("p", "b", seconds(10)));
  EXPECT_FALSE(*coordination.RenewLease("p", "b", seconds(10)));
  clock.Advance(seconds(9));
  EXPECT_TRUE(*coordination.RenewLease("p", "a", seconds(10)));
  clock.Advance(seconds(9));
  EXPECT_EQ(coordination.LeaseHolder("p"), "a");
  ASSERT_TRUE(coordination.ReleaseLease("p", "b"));
  EXPECT_EQ(coordination.LeaseHolder("p"), "a");
  clock.Advance(seconds(1));
  EXPECT_EQ(coordination.LeaseHolder("p"), "") << "expired";
  EXPECT_FALSE(*coordination.RenewLease("p", "a", seconds(10)));
  EXPECT_TRUE(*coordination.TryAcquireLease("p", "b", seconds(10)));
  EXPECT_EQ(coordination.TryAcquireLease("p", "", seconds(10)).error().code,
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(coordination.RenewLease("p", "b", milliseconds(0)).error().code,
            ErrorCode::kInvalidArgument);

  ASSERT_TRUE(coordination.SetRetryNotBefore("p", clock.Now()));
  ASSERT_TRUE(coordination.MarkNightlyDone("p", Date("2026-06-15")));
  ASSERT_TRUE(coordination.MarkNightlyDone("p", Date("2026-06-01")));
  EXPECT_EQ(*coordination.States({"p", "q"}),
            (std::vector<NightlyState>{{.last_done = Date("2026-06-15")}, {}}));

  EXPECT_EQ(*coordination.TryAcquireLeaseAndReadState("p", "c", seconds(10)), std::nullopt);
  auto taken = coordination.TryAcquireLeaseAndReadState("q", "c", seconds(10));
  ASSERT_TRUE(taken && *taken);
  EXPECT_EQ(**taken, NightlyState{});
  ASSERT_TRUE(coordination.MarkNightlyDoneAndRelease("q", "c", Date("2026-06-16")));
  EXPECT_EQ(*coordination.LastNightlyDone("q"), Date("2026-06-16"));
  EXPECT_EQ(coordination.LeaseHolder("q"), "");
}

TEST(NightlySchedulerOptionsTest, OutOfRangeOptionsAreNamed) {
  EXPECT_TRUE(ValidateNightlySchedulerOptions({}));
  EXPECT_EQ(ValidateNightlySchedulerOptions({.instance = ""}).error().code,
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(ValidateNightlySchedulerOptions({.lease_ttl = milliseconds(1)}).error().code,
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(ValidateNightlySchedulerOptions({.parallelism = 0}).error().code,
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(ValidateNightlySchedulerOptions({.tick = milliseconds(0)}).error().code,
            ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace chansync::planning::nightly
