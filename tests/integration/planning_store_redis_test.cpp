// RedisPlanningStore and RedisRefreshStatusStore against a real redis-server.
#include <gtest/gtest.h>

#include <cstdio>
#include <memory>
#include <thread>

#include "chansync/planning/redis_planning_store.h"
#include "chansync/planning/redis_refresh_status_store.h"
#include "chansync/redis/redis.h"
#include "chansync/test/key_space.h"
#include "chansync/test/redis_server.h"

namespace chansync::planning {
namespace {

using core::ErrorCode;
using namespace std::chrono_literals;

core::CivilDate Day(const char* text) { return *core::CivilDate::Parse(text); }

const core::CivilDate kFrom = Day("2026-09-01");

core::PlanningPush Push(std::vector<core::ProductPlanning> products) {
  return {"riviera", "sh", std::move(products)};
}

std::vector<std::optional<int>> Nights(std::initializer_list<std::optional<int>> values) {
  return std::vector<std::optional<int>>(values);
}

class RedisPlanningStoreTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { redis_ = new test::RedisServer(); }
  static void TearDownTestSuite() {
    delete redis_;
    redis_ = nullptr;
  }
  // Tests share the server, each in its own key space.
  void SetUp() override {
    pool_ = redis_->NewPool(8);
    keys_ = test::KeySpaceOfCurrentTest();
    store_ = std::make_unique<RedisPlanningStore>(*pool_, keys_);
  }

  std::vector<std::optional<int>> LoadOne(const core::ChannelProductId& product,
                                          core::CivilDate from, int nights) {
    auto loaded = store_->Load("riviera", {{"sh", product}}, from, nights);
    EXPECT_TRUE(loaded) << loaded.error().ToString();
    return loaded ? (*loaded)[0] : std::vector<std::optional<int>>{};
  }

  std::string Raw(const std::string& key) {
    auto reply = pool_->Command({"GET", key});
    EXPECT_TRUE(reply);
    return reply ? reply->str : "";
  }

  static test::RedisServer* redis_;
  std::unique_ptr<redis::RedisPool> pool_;
  redis::KeySpace keys_;
  std::unique_ptr<RedisPlanningStore> store_;
};

test::RedisServer* RedisPlanningStoreTest::redis_ = nullptr;

TEST_F(RedisPlanningStoreTest, RecordedRunsLoadBackNightByNight) {
  ASSERT_TRUE(store_->Record(
      Push({{"SH-MH4", {{kFrom, {12, 11, 0}}}}, {"SH-CHALET", {{kFrom.AddDays(1), {4}}}}}), kFrom));
  auto loaded =
      store_->Load("riviera", {{"sh", "SH-CHALET"}, {"sh", "SH-MH4"}, {"sh", "SH-NEW"}}, kFrom, 4);
  ASSERT_TRUE(loaded) << loaded.error().ToString();
  ASSERT_EQ(loaded->size(), 3u);
  EXPECT_EQ((*loaded)[0], Nights({std::nullopt, 4, std::nullopt, std::nullopt}));
  EXPECT_EQ((*loaded)[1], Nights({12, 11, 0, std::nullopt}));
  EXPECT_EQ((*loaded)[2], std::vector<std::optional<int>>(4));
  EXPECT_EQ(Raw(keys_.Property("riviera").Plan("sh", "SH-MH4")),
            std::to_string(kFrom.DaysSinceEpoch()) + ":12,11,0");

  // A window that starts before and after what was stored.
  EXPECT_EQ(LoadOne("SH-MH4", kFrom.AddDays(-2), 3), Nights({std::nullopt, std::nullopt, 12}));
  EXPECT_EQ(LoadOne("SH-MH4", kFrom.AddDays(2), 2), Nights({0, std::nullopt}));
}

TEST_F(RedisPlanningStoreTest, MergingKeepsTheNightsThatWereNotPushed) {
  ASSERT_TRUE(store_->Record(Push({{"SH-MH4", {{kFrom, std::vector<int>(10, 5)}}}}), kFrom));
  ASSERT_TRUE(store_->Record(
      Push({{"SH-MH4", {{kFrom.AddDays(3), {1, 1}}, {kFrom.AddDays(12), {7}}}}}), kFrom));
  EXPECT_EQ(LoadOne("SH-MH4", kFrom, 13),
            Nights({5, 5, 5, 1, 1, 5, 5, 5, 5, 5, std::nullopt, std::nullopt, 7}));
  EXPECT_EQ(Raw(keys_.Property("riviera").Plan("sh", "SH-MH4")),
            std::to_string(kFrom.DaysSinceEpoch()) + ":5,5,5,1,1,5,5,5,5,5,,,7");
}

TEST_F(RedisPlanningStoreTest, NightsBeforeKeepFromAreDropped) {
  ASSERT_TRUE(store_->Record(Push({{"SH-MH4", {{kFrom, {1, 2, 3, 4, 5, 6}}}}}), kFrom));
  ASSERT_TRUE(store_->Record(Push({{"SH-MH4", {{kFrom.AddDays(7), {8}}}}}), kFrom.AddDays(4)));
  EXPECT_EQ(LoadOne("SH-MH4", kFrom, 8), Nights({std::nullopt, std::nullopt, std::nullopt,
                                                 std::nullopt, 5, 6, std::nullopt, 8}));
  EXPECT_EQ(Raw(keys_.Property("riviera").Plan("sh", "SH-MH4")),
            std::to_string(kFrom.AddDays(4).DaysSinceEpoch()) + ":5,6,,8");

  // Pushed nights that are already past are not kept either; nothing left deletes the key.
  ASSERT_TRUE(store_->Record(Push({{"SH-MH4", {{kFrom, {9}}}}}), kFrom.AddDays(30)));
  auto exists = pool_->Command({"EXISTS", keys_.Property("riviera").Plan("sh", "SH-MH4")});
  ASSERT_TRUE(exists);
  EXPECT_EQ(exists->integer, 0);
}

TEST_F(RedisPlanningStoreTest, ForgetDeletesEveryGivenChannelProduct) {
  ASSERT_TRUE(store_->Record(Push({{"SH-MH4", {{kFrom, {1}}}},
                                   {"SH-CHALET", {{kFrom, {2}}}},
                                   {"SH-PITCH", {{kFrom, {3}}}}}),
                             kFrom));
  ASSERT_TRUE(store_->Forget("riviera", {{"sh", "SH-MH4"}, {"sh", "SH-CHALET"}}));
  EXPECT_EQ(LoadOne("SH-MH4", kFrom, 1), Nights({std::nullopt}));
  EXPECT_EQ(LoadOne("SH-CHALET", kFrom, 1), Nights({std::nullopt}));
  EXPECT_EQ(LoadOne("SH-PITCH", kFrom, 1), Nights({3}));
  EXPECT_TRUE(store_->Forget("riviera", {}));
}

TEST_F(RedisPlanningStoreTest, AnUnreadableValueFailsWithInternal) {
  ASSERT_TRUE(pool_->Command({"SET", keys_.Property("riviera").Plan("sh", "SH-MH4"), "garbage"}));
  auto loaded = store_->Load("riviera", {{"sh", "SH-MH4"}}, kFrom, 3);
  ASSERT_FALSE(loaded);
  EXPECT_EQ(loaded.error().code, ErrorCode::kInternal);
  ASSERT_TRUE(pool_->Command({"SET", keys_.Property("riviera").Plan("sh", "SH-MH4"), "20000:1,x"}));
  loaded = store_->Load("riviera", {{"sh", "SH-MH4"}}, kFrom, 3);
  ASSERT_FALSE(loaded);
  EXPECT_EQ(loaded.error().code, ErrorCode::kInternal);
}

TEST_F(RedisPlanningStoreTest, ConcurrentRecordsToOneChannelProductLoseNothing) {
  constexpr int kThreads = 8;
  constexpr int kNightsPerThread = 40;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kNightsPerThread; ++i) {
        const int night = i * kThreads + t;
        auto recorded =
            store_->Record(Push({{"SH-MH4", {{kFrom.AddDays(night), {night}}}}}), kFrom);
        EXPECT_TRUE(recorded) << recorded.error().ToString();
      }
    });
  }
  for (auto& thread : threads) thread.join();
  auto loaded = LoadOne("SH-MH4", kFrom, kThreads * kNightsPerThread);
  ASSERT_EQ(loaded.size(), static_cast<size_t>(kThreads * kNightsPerThread));
  for (int night = 0; night < kThreads * kNightsPerThread; ++night) {
    EXPECT_EQ(loaded[static_cast<size_t>(night)], night) << "night " << night;
  }
}

TEST_F(RedisPlanningStoreTest, AYearOfOneChannelProductTakesLittleMemory) {
  std::vector<int> year(365);
  for (size_t i = 0; i < year.size(); ++i) year[i] = static_cast<int>(i * 7 % 13);  // 0..12
  ASSERT_TRUE(store_->Record(Push({{"SH-MH4", {{kFrom, year}}}}), kFrom));
  auto usage = pool_->Command({"MEMORY", "USAGE", keys_.Property("riviera").Plan("sh", "SH-MH4")});
  ASSERT_TRUE(usage) << usage.error().ToString();
  std::printf("planning memory: %lld bytes per channel product for 365 nights\n", usage->integer);
  EXPECT_GT(usage->integer, 0);
  EXPECT_LT(usage->integer, 3 * 1024);
  auto loaded = LoadOne("SH-MH4", kFrom, 365);
  for (size_t i = 0; i < year.size(); ++i) EXPECT_EQ(loaded[i], year[i]);
}

class RedisRefreshStatusStoreTest : public RedisPlanningStoreTest {
 protected:
  RefreshStatus Sample(const core::PropertyId& property, bool succeeded) {
    RefreshStatus status{
        .property = property,
        .kind = succeeded ? RefreshKind::kNightly : RefreshKind::kDelta,
        .started_at = std::chrono::system_clock::time_point(1'780'000'000'123ms),
        .finished_at = std::chrono::system_clock::time_point(1'780'000'002'456ms),
        .succeeded = succeeded,
        .summary = {.products = 50,
                    .days = 365,
                    .cells_changed = 18250,
                    .channels_pushed = 2,
                    .duration = 2333ms},
        .instance = "chansync-a",
    };
    if (!succeeded) status.error = core::Error{ErrorCode::kPmsUnavailable, "PMS timed out"};
    return status;
  }
};

bool Same(const RefreshStatus& a, const RefreshStatus& b) {
  return a.property == b.property && a.kind == b.kind && a.started_at == b.started_at &&
         a.finished_at == b.finished_at && a.succeeded == b.succeeded &&
         a.error.has_value() == b.error.has_value() &&
         (!a.error || (a.error->code == b.error->code && a.error->message == b.error->message)) &&
         a.summary == b.summary && a.instance == b.instance;
}

TEST_F(RedisRefreshStatusStoreTest, RecordReplacesTheStatusAndGetReadsItBack) {
  RedisRefreshStatusStore statuses(*pool_, keys_);
  auto none = statuses.Get("riviera");
  ASSERT_TRUE(none);
  EXPECT_FALSE(*none);

  const RefreshStatus failed = Sample("riviera", false);
  ASSERT_TRUE(statuses.Record(failed));
  auto got = statuses.Get("riviera");
  ASSERT_TRUE(got && *got);
  EXPECT_TRUE(Same(**got, failed));

  const RefreshStatus succeeded = Sample("riviera", true);
  ASSERT_TRUE(statuses.Record(succeeded));
  got = statuses.Get("riviera");
  ASSERT_TRUE(got && *got);
  EXPECT_TRUE(Same(**got, succeeded));
  EXPECT_FALSE((*got)->error);
  auto type = pool_->Command({"TYPE", keys_.Property("riviera").RefreshStatus()});
  ASSERT_TRUE(type);
  EXPECT_EQ(type->str, "hash");
}

TEST_F(RedisRefreshStatusStoreTest, GetManyKeepsTheOrderAndSkipsPropertiesNeverRefreshed) {
  RedisRefreshStatusStore statuses(*pool_, keys_);
  ASSERT_TRUE(statuses.Record(Sample("alpha", true)));
  ASSERT_TRUE(statuses.Record(Sample("gamma", false)));
  auto many = statuses.GetMany({"gamma", "beta", "alpha"});
  ASSERT_TRUE(many) << many.error().ToString();
  ASSERT_EQ(many->size(), 2u);
  EXPECT_TRUE(Same((*many)[0], Sample("gamma", false)));
  EXPECT_TRUE(Same((*many)[1], Sample("alpha", true)));
  auto empty = statuses.GetMany({});
  ASSERT_TRUE(empty);
  EXPECT_TRUE(empty->empty());
}

TEST_F(RedisRefreshStatusStoreTest, AnUnreadableStatusFailsWithInternal) {
  RedisRefreshStatusStore statuses(*pool_, keys_);
  ASSERT_TRUE(
      pool_->Command({"HSET", keys_.Property("riviera").RefreshStatus(), "kind", "weekly"}));
  auto got = statuses.Get("riviera");
  ASSERT_FALSE(got);
  EXPECT_EQ(got.error().code, ErrorCode::kInternal);
  auto many = statuses.GetMany({"riviera"});
  ASSERT_FALSE(many);
  EXPECT_EQ(many.error().code, ErrorCode::kInternal);
}

}  // namespace
}  // namespace chansync::planning
