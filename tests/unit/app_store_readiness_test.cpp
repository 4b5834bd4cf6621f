#include <gtest/gtest.h>

#include <deque>

#include "chansync/core/testing/fake_clock.h"
#include "chansync/queue/testing/in_memory_work_queue.h"
#include "durability.h"
#include "store_readiness.h"

namespace chansync::app {
namespace {

using core::ErrorCode;

// A probe answering from a script, counting its calls.
struct ScriptedProbe {
  std::deque<core::Result<bool>> answers;
  int calls = 0;
  core::Result<bool> operator()() {
    ++calls;
    if (answers.empty()) return true;
    auto answer = answers.front();
    answers.pop_front();
    return answer;
  }
};

class StoreReadinessTest : public ::testing::Test {
 protected:
  core::testing::FakeClock clock_{std::chrono::system_clock::time_point(std::chrono::hours(1))};
  ScriptedProbe probe_;
};

TEST_F(StoreReadinessTest, ReadyStoreIsCheckedWithoutAProbe) {
  StoreReadiness readiness([this] { return probe_(); }, {}, clock_);
  readiness.Refresh();
  ASSERT_EQ(probe_.calls, 1);
  for (int i = 0; i < 10; ++i) EXPECT_TRUE(readiness.Check());
  EXPECT_EQ(probe_.calls, 1);
}

TEST_F(StoreReadinessTest, LostDeclarationsRefuseUntilTheProbeSeesThemBack) {
  probe_.answers = {false, false};
  StoreReadiness readiness([this] { return probe_(); }, {}, clock_);
  readiness.Refresh();
  auto refused = readiness.Check();  // probes again: still missing
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kStoreNotReady);
  EXPECT_TRUE(readiness.Check());  // an admin applied them meanwhile
  EXPECT_EQ(probe_.calls, 3);
}

TEST_F(StoreReadinessTest, ARepairAppliesTheDeclarationsAtOnce) {
  probe_.answers = {false, true};
  int repairs = 0;
  StoreReadiness readiness([this] { return probe_(); },
                           [&repairs] {
                             ++repairs;
                             return core::Ok();
                           },
                           clock_);
  readiness.Refresh();
  EXPECT_EQ(repairs, 1);
  EXPECT_TRUE(readiness.Check());
}

TEST_F(StoreReadinessTest, AFailedProbeKeepsTheLastAnswer) {
  probe_.answers = {false, core::Fail(ErrorCode::kStoreUnavailable, "down")};
  StoreReadiness readiness([this] { return probe_(); }, {}, clock_);
  readiness.Refresh();
  EXPECT_EQ(readiness.Check().error().code, ErrorCode::kStoreNotReady);
}

TEST_F(StoreReadinessTest, TheGateRefusesPushesButNotTheWorkersCalls) {
  probe_.answers = {false, false, false, false};
  StoreReadiness readiness([this] { return probe_(); }, {}, clock_);
  readiness.Refresh();
  queue::testing::InMemoryWorkQueue inner(clock_);
  ReadinessGatedQueue gated(inner, readiness);
  EXPECT_EQ(gated.Enqueue("riviera", "{}").error().code, ErrorCode::kStoreNotReady);
  EXPECT_EQ(gated.EnqueueBatch({{"riviera", "{}"}}).error().code, ErrorCode::kStoreNotReady);
  std::optional<core::Result<std::string>> async;
  gated.EnqueueAsync({"riviera", "{}"}, [&](core::Result<std::string> r) { async = r; });
  ASSERT_TRUE(async.has_value());
  EXPECT_EQ(async->error().code, ErrorCode::kStoreNotReady);
  EXPECT_TRUE(gated.Claim("w", 10, std::chrono::milliseconds(0)).has_value());

  EXPECT_TRUE(gated.Enqueue("riviera", "{}").has_value());  // the probe now says ready
  EXPECT_EQ(gated.Claim("w", 10, std::chrono::milliseconds(0))->size(), 1u);
}

TEST(DurabilityTest, ParsesTheThreeLevels) {
  EXPECT_EQ(ParseDurability("everysec"), Durability::kEverysec);
  EXPECT_EQ(ParseDurability("always"), Durability::kAlways);
  EXPECT_EQ(ParseDurability("replicated"), Durability::kReplicated);
  EXPECT_EQ(ParseDurability("sometimes").error().code, ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace chansync::app
