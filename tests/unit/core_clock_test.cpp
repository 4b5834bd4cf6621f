#include <gtest/gtest.h>

#include <chrono>
#include <optional>
#include <stop_token>
#include <thread>
#include <vector>

#include "chansync/core/clock.h"
#include "chansync/core/testing/fake_clock.h"

namespace chansync::core {
namespace {

using std::chrono::hours;
using std::chrono::milliseconds;
using std::chrono::seconds;
using SteadyTime = std::chrono::steady_clock::time_point;

// One thread parked in WaitUntil; result() joins it and tells what the wait returned.
class Waiting {
 public:
  Waiting(const Clock& clock, SteadyTime deadline)
      : thread_([&clock, deadline, this](std::stop_token stop) {
          reached_ = clock.WaitUntil(deadline, stop);
        }) {}
  void RequestStop() { thread_.request_stop(); }
  bool result() {
    thread_.join();
    return *reached_;
  }

 private:
  std::optional<bool> reached_;
  std::jthread thread_;  // last: starts once reached_ exists
};

TEST(FakeClockWaitTest, WakesWhenAdvanceReachesTheDeadline) {
  testing::FakeClock clock;
  const SteadyTime deadline = clock.SteadyNow() + seconds(10);
  Waiting waiting(clock, deadline);
  EXPECT_EQ(clock.WaitForWaiters(1), std::vector<SteadyTime>{deadline});

  clock.Advance(seconds(9));
  EXPECT_EQ(clock.WaitForWaiters(1), std::vector<SteadyTime>{deadline}) << "still parked";
  clock.Advance(seconds(1));
  EXPECT_EQ(clock.WaitForWaiters(0), std::vector<SteadyTime>{}) << "woken by the Advance";
  EXPECT_TRUE(waiting.result());
}

TEST(FakeClockWaitTest, SetPastTheDeadlineWakesOnlyTheWaitersItReached) {
  testing::FakeClock clock;
  const SteadyTime soon = clock.SteadyNow() + seconds(1);
  const SteadyTime later = clock.SteadyNow() + hours(1);
  Waiting first(clock, soon);
  Waiting second(clock, later);
  EXPECT_EQ(clock.WaitForWaiters(2), (std::vector<SteadyTime>{soon, later}));

  clock.Set(clock.Now() + seconds(1));
  EXPECT_TRUE(first.result());
  EXPECT_EQ(clock.WaitForWaiters(1), std::vector<SteadyTime>{later});
  second.RequestStop();
  EXPECT_FALSE(second.result());
}

TEST(FakeClockWaitTest, StopRequestEndsTheWaitWithoutMovingTheTime) {
  testing::FakeClock clock;
  const auto start = clock.Now();
  Waiting waiting(clock, clock.SteadyNow() + hours(1));
  ASSERT_EQ(clock.WaitForWaiters(1).size(), 1u);

  waiting.RequestStop();
  EXPECT_EQ(clock.WaitForWaiters(0), std::vector<SteadyTime>{}) << "no longer counted";
  EXPECT_FALSE(waiting.result());
  EXPECT_EQ(clock.Now(), start);
}

TEST(FakeClockWaitTest, PastDeadlineOrStoppedTokenReturnsAtOnce) {
  testing::FakeClock clock;
  clock.Advance(seconds(5));
  EXPECT_TRUE(clock.WaitUntil(clock.SteadyNow(), std::stop_token()));
  EXPECT_TRUE(clock.WaitFor(-seconds(1), std::stop_token()));

  std::stop_source stopped;
  stopped.request_stop();
  EXPECT_FALSE(clock.WaitUntil(clock.SteadyNow(), stopped.get_token()))
      << "a stop request wins over a deadline already reached";
  EXPECT_FALSE(clock.WaitFor(hours(1), stopped.get_token()));
}

TEST(FakeClockWaitTest, WaitForWaiterMatchesTheExactDeadline) {
  testing::FakeClock clock;
  const SteadyTime deadline = clock.SteadyNow() + seconds(3);
  Waiting waiting(clock, deadline);
  EXPECT_TRUE(clock.WaitForWaiter(deadline));
  EXPECT_FALSE(clock.WaitForWaiter(deadline + seconds(1), milliseconds(0)));
  clock.Advance(seconds(3));
  EXPECT_FALSE(clock.WaitForWaiter(deadline, milliseconds(0))) << "woken, no longer parked";
  EXPECT_TRUE(waiting.result());
}

TEST(FakeClockWaitTest, WaitForWaitersGivesUpWhenNobodyParks) {
  testing::FakeClock clock;
  EXPECT_EQ(clock.WaitForWaiters(1, milliseconds(0)), std::vector<SteadyTime>{});
}

TEST(SystemClockWaitTest, StopRequestEndsALongWaitPromptly) {
  SystemClock clock;
  const auto started = std::chrono::steady_clock::now();
  Waiting waiting(clock, clock.SteadyNow() + hours(1));
  waiting.RequestStop();
  EXPECT_FALSE(waiting.result());
  EXPECT_LT(std::chrono::steady_clock::now() - started, seconds(5));
}

TEST(SystemClockWaitTest, WaitingForeverEndsOnStop) {
  SystemClock clock;
  Waiting waiting(clock, SteadyTime::max());
  waiting.RequestStop();
  EXPECT_FALSE(waiting.result());
}

TEST(SystemClockWaitTest, PastDeadlineOrStoppedTokenReturnsAtOnce) {
  SystemClock clock;
  EXPECT_TRUE(clock.WaitUntil(clock.SteadyNow() - seconds(1), std::stop_token()));
  std::stop_source stopped;
  stopped.request_stop();
  EXPECT_FALSE(clock.WaitFor(hours(1), stopped.get_token()));
}

}  // namespace
}  // namespace chansync::core
