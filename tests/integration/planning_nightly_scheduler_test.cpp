#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "chansync/core/local_time.h"
#include "chansync/core/reservation_json.h"
#include "chansync/core/testing/fake_clock.h"
#include "chansync/linking/redis_property_store.h"
#include "chansync/planning/nightly/nightly_scheduler.h"
#include "chansync/planning/nightly/redis_nightly_coordination.h"
#include "chansync/planning/testing/recording_refresher.h"
#include "chansync/redis/key_space.h"
#include "chansync/redis/redis.h"
#include "chansync/test/process.h"
#include "chansync/test/redis_server.h"

namespace chansync::planning::nightly {
namespace {

using std::chrono::hours;
using std::chrono::milliseconds;
using std::chrono::seconds;

// Two `chansync serve` instances as two schedulers with their own Redis pools, sharing one Redis,
// one property list and one clock.
class NightlySchedulerRedisTest : public ::testing::Test {
 protected:
  NightlySchedulerRedisTest() { clock_.Set(*core::ParseTimestamp("2026-06-15T10:00:00Z")); }

  NightlySchedulerOptions Options(std::string instance,
                                  milliseconds lease_ttl = milliseconds(30'000)) {
    return {.instance = std::move(instance), .lease_ttl = lease_ttl, .parallelism = 4};
  }
  void AddProperty(const std::string& id, const std::string& zone) {
    ASSERT_TRUE(properties_.CreateProperty({.id = id, .name = "Property " + id, .timezone = zone}));
    ids_.push_back(id);
    zones_.push_back(zone);
  }
  core::CivilDate LocalToday(size_t i) { return *core::LocalDateAt(clock_.Now(), zones_[i]); }

  test::RedisServer redis_;
  std::unique_ptr<redis::RedisPool> pool_a_ = redis_.NewPool(6);
  std::unique_ptr<redis::RedisPool> pool_b_ = redis_.NewPool(6);
  const redis::KeySpace keys_;
  linking::RedisPropertyStore properties_{*pool_a_, keys_};
  RedisNightlyCoordination coordination_a_{*pool_a_, keys_};
  RedisNightlyCoordination coordination_b_{*pool_b_, keys_};
  core::testing::FakeClock clock_;
  planning::testing::RecordingRefresher refresher_;
  std::vector<std::string> ids_;
  std::vector<std::string> zones_;
};

TEST_F(NightlySchedulerRedisTest, TwoInstancesRefreshEachPropertyOncePerLocalDate) {
  const char* zones[] = {
      "Europe/Paris", "Pacific/Kiritimati", "Pacific/Pago_Pago", "America/Santiago",
      "UTC",          "Asia/Tokyo"};
  for (int i = 0; i < 12; ++i) AddProperty("prop-" + std::to_string(i), zones[i % 6]);
  for (size_t i = 0; i < ids_.size(); ++i) {
    ASSERT_TRUE(coordination_a_.MarkNightlyDone(ids_[i], LocalToday(i)));
  }
  refresher_.SetDelay(milliseconds(200));
  NightlyScheduler a(properties_, refresher_, coordination_a_, clock_, Options("serve-a"));
  NightlyScheduler b(properties_, refresher_, coordination_b_, clock_, Options("serve-b"));

  // Nothing is due until each property's next local midnight.
  ASSERT_EQ(a.RunDue()->due, 0);
  clock_.Advance(hours(24));  // every property is now one local date further

  std::atomic<int> refreshed{0};
  auto rounds = [&](NightlyScheduler& scheduler) {
    for (int round = 0; round < 3; ++round) {
      auto report = scheduler.RunDue();
      ASSERT_TRUE(report) << report.error().ToString();
      EXPECT_EQ(report->failed + report->errors, 0);
      refreshed += report->refreshed;
    }
  };
  {
    std::jthread instance_a([&] { rounds(a); });
    std::jthread instance_b([&] { rounds(b); });
  }
  EXPECT_EQ(refreshed.load(), 12);
  for (size_t i = 0; i < ids_.size(); ++i) {
    EXPECT_EQ(refresher_.PropertyRefreshes(ids_[i]), 1) << ids_[i];
    EXPECT_EQ(*coordination_b_.LastNightlyDone(ids_[i]), LocalToday(i)) << ids_[i];
    EXPECT_TRUE(pool_a_->Command({"GET", keys_.Property(ids_[i]).RefreshLease()})->is_nil());
  }
  EXPECT_EQ(refresher_.Overlaps(), 0);
  EXPECT_GT(refresher_.MaxConcurrentRefreshes(), 1) << "both instances and their threads work";
}

TEST_F(NightlySchedulerRedisTest, AThousandPropertiesRunOnceAcrossTwoInstances) {
  for (int i = 0; i < 1000; ++i) {
    AddProperty("p" + std::to_string(i), i % 2 == 0 ? "Europe/Paris" : "America/Santiago");
  }
  NightlyScheduler a(properties_, refresher_, coordination_a_, clock_, Options("serve-a"));
  NightlyScheduler b(properties_, refresher_, coordination_b_, clock_, Options("serve-b"));
  std::atomic<int> refreshed{0};
  const auto started = std::chrono::steady_clock::now();
  {
    std::jthread instance_b([&] { refreshed += b.RunDue()->refreshed; });
    refreshed += a.RunDue()->refreshed;
  }
  const auto elapsed = std::chrono::steady_clock::now() - started;
  EXPECT_EQ(refreshed.load(), 1000);
  EXPECT_EQ(refresher_.TotalPropertyRefreshes(), 1000);
  for (const auto& id : ids_) ASSERT_EQ(refresher_.PropertyRefreshes(id), 1) << id;

  // The next ticks find everything done without reading the nightly state again.
  const auto tick_started = std::chrono::steady_clock::now();
  EXPECT_EQ(a.RunDue()->due, 0);
  EXPECT_EQ(b.RunDue()->due, 0);
  const auto tick = std::chrono::steady_clock::now() - tick_started;
  std::printf("1000 properties: nightly run %lld ms on two instances, idle scan %lld us each\n",
              static_cast<long long>(std::chrono::duration_cast<milliseconds>(elapsed).count()),
              static_cast<long long>(
                  std::chrono::duration_cast<std::chrono::microseconds>(tick).count() / 2));
}

TEST_F(NightlySchedulerRedisTest, DeadLeadersLeaseIsTakenOverAfterItExpires) {
  AddProperty("riviera", "Europe/Paris");
  // A leader that took the lease and died: nobody renews it.
  ASSERT_TRUE(pool_a_->Command(
      {"SET", keys_.Property("riviera").RefreshLease(), "serve-ghost", "NX", "PX", "400"}));
  NightlyScheduler a(properties_, refresher_, coordination_a_, clock_, Options("serve-a"));

  auto held = a.RunDue();
  ASSERT_TRUE(held);
  EXPECT_EQ(held->skipped, 1);
  EXPECT_EQ(refresher_.PropertyRefreshes("riviera"), 0);

  int refreshed = 0;
  ASSERT_TRUE(test::WaitUntil(
      [&] {
        auto report = a.RunDue();
        refreshed += report ? report->refreshed : 0;
        return refreshed > 0;
      },
      seconds(5)));
  EXPECT_EQ(refresher_.PropertyRefreshes("riviera"), 1);
  EXPECT_EQ(a.RunDue()->due, 0);
  EXPECT_EQ(refresher_.PropertyRefreshes("riviera"), 1);
}

TEST_F(NightlySchedulerRedisTest, RenewedLeaseKeepsARefreshLongerThanItsTtlExclusive) {
  AddProperty("riviera", "Europe/Paris");
  refresher_.SetDelay(milliseconds(1'200));
  NightlyScheduler a(properties_, refresher_, coordination_a_, clock_,
                     Options("serve-a", milliseconds(300)));
  NightlyScheduler b(properties_, refresher_, coordination_b_, clock_,
                     Options("serve-b", milliseconds(300)));

  std::atomic<bool> a_done{false};
  std::jthread leader([&] {
    auto report = a.RunDue();
    EXPECT_TRUE(report && report->refreshed == 1);
    a_done = true;
  });
  ASSERT_TRUE(test::WaitUntil([&] { return refresher_.PropertyRefreshes("riviera") == 1; }));
  int b_attempts = 0;
  while (!a_done) {
    auto report = b.RunDue();
    ASSERT_TRUE(report);
    EXPECT_EQ(report->refreshed, 0);
    ++b_attempts;
    std::this_thread::sleep_for(milliseconds(50));
  }
  leader.join();
  EXPECT_GT(b_attempts, 10) << "the second instance kept trying across several ttls";
  EXPECT_EQ(refresher_.PropertyRefreshes("riviera"), 1);
  EXPECT_EQ(refresher_.Overlaps(), 0);
  EXPECT_EQ(b.RunDue()->due, 0);
}

}  // namespace
}  // namespace chansync::planning::nightly
