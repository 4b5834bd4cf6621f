#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "chansync/planning/nightly/redis_nightly_coordination.h"
#include "chansync/redis/redis.h"
#include "chansync/test/key_space.h"
#include "chansync/test/redis_server.h"

namespace chansync::planning::nightly {
namespace {

using core::CivilDate;
using core::ErrorCode;
using std::chrono::milliseconds;
using std::chrono::seconds;

CivilDate Date(const std::string& text) { return *CivilDate::Parse(text); }

class RedisNightlyCoordinationTest : public ::testing::Test {
 protected:
  std::string LeaseKey(const std::string& property) const {
    return keys_.Property(property).RefreshLease();
  }
  std::string StateKey(const std::string& property) const {
    return keys_.Property(property).NightlyRefresh();
  }

  test::RedisServer redis_;
  std::unique_ptr<redis::RedisPool> pool_ = redis_.NewPool(4);
  const redis::KeySpace keys_ = test::KeySpaceOfCurrentTest();
  RedisNightlyCoordination coordination_{*pool_, keys_};
};

TEST_F(RedisNightlyCoordinationTest, LeaseIsExclusiveAndOnlyItsOwnerRenewsOrReleasesIt) {
  EXPECT_TRUE(*coordination_.TryAcquireLease("riviera", "serve-a", seconds(30)));
  EXPECT_FALSE(*coordination_.TryAcquireLease("riviera", "serve-b", seconds(30)));
  EXPECT_FALSE(*coordination_.TryAcquireLease("riviera", "serve-a", seconds(30)));
  EXPECT_TRUE(*coordination_.TryAcquireLease("seaside", "serve-b", seconds(30)))
      << "one lease per property";
  EXPECT_EQ(pool_->Command({"GET", LeaseKey("riviera")})->str, "serve-a");

  EXPECT_FALSE(*coordination_.RenewLease("riviera", "serve-b", seconds(30)));
  ASSERT_TRUE(pool_->Command({"PEXPIRE", LeaseKey("riviera"), "5000"}));
  EXPECT_TRUE(*coordination_.RenewLease("riviera", "serve-a", seconds(60)));
  EXPECT_GT(pool_->Command({"PTTL", LeaseKey("riviera")})->integer, 50'000);

  ASSERT_TRUE(coordination_.ReleaseLease("riviera", "serve-b"));
  EXPECT_EQ(pool_->Command({"GET", LeaseKey("riviera")})->str, "serve-a")
      << "another owner's release leaves the lease alone";
  ASSERT_TRUE(coordination_.ReleaseLease("riviera", "serve-a"));
  EXPECT_TRUE(pool_->Command({"GET", LeaseKey("riviera")})->is_nil());
  EXPECT_FALSE(*coordination_.RenewLease("riviera", "serve-a", seconds(30)));
  EXPECT_TRUE(*coordination_.TryAcquireLease("riviera", "serve-b", seconds(30)));
}

TEST_F(RedisNightlyCoordinationTest, ExpiredLeaseGoesToTheNextTakerAndTheOldOwnerCannotRenewIt) {
  ASSERT_TRUE(*coordination_.TryAcquireLease("riviera", "serve-a", milliseconds(100)));
  std::this_thread::sleep_for(milliseconds(150));
  EXPECT_TRUE(*coordination_.TryAcquireLease("riviera", "serve-b", seconds(30)));
  EXPECT_FALSE(*coordination_.RenewLease("riviera", "serve-a", seconds(30)));
  ASSERT_TRUE(coordination_.ReleaseLease("riviera", "serve-a"));
  EXPECT_EQ(pool_->Command({"GET", LeaseKey("riviera")})->str, "serve-b");
}

TEST_F(RedisNightlyCoordinationTest, ScriptsSurviveAScriptFlush) {
  ASSERT_TRUE(*coordination_.TryAcquireLease("riviera", "serve-a", seconds(30)));
  ASSERT_TRUE(*coordination_.RenewLease("riviera", "serve-a", seconds(30)));
  ASSERT_TRUE(pool_->Command({"SCRIPT", "FLUSH"}));
  EXPECT_TRUE(*coordination_.RenewLease("riviera", "serve-a", seconds(30)));
  EXPECT_TRUE(coordination_.ReleaseLease("riviera", "serve-a"));
  EXPECT_TRUE(pool_->Command({"GET", LeaseKey("riviera")})->is_nil());
}

TEST_F(RedisNightlyCoordinationTest, DoneDateOnlyMovesForwardAndClearsTheRetry) {
  EXPECT_EQ(*coordination_.LastNightlyDone("riviera"), std::nullopt);
  const auto retry_at = std::chrono::system_clock::time_point(milliseconds(1'781'000'000'123));
  ASSERT_TRUE(coordination_.SetRetryNotBefore("riviera", retry_at));
  EXPECT_EQ(*coordination_.RetryNotBefore("riviera"), retry_at);

  ASSERT_TRUE(coordination_.MarkNightlyDone("riviera", Date("2026-06-15")));
  EXPECT_EQ(*coordination_.LastNightlyDone("riviera"), Date("2026-06-15"));
  EXPECT_EQ(*coordination_.RetryNotBefore("riviera"), std::nullopt);
  ASSERT_TRUE(coordination_.MarkNightlyDone("riviera", Date("2026-06-14")));
  EXPECT_EQ(*coordination_.LastNightlyDone("riviera"), Date("2026-06-15"));
  ASSERT_TRUE(coordination_.MarkNightlyDone("riviera", Date("2027-01-01")));
  EXPECT_EQ(*coordination_.LastNightlyDone("riviera"), Date("2027-01-01"));
  EXPECT_EQ(pool_->Command({"HGET", StateKey("riviera"), "done"})->str, "2027-01-01");
}

TEST_F(RedisNightlyCoordinationTest, CombinedCallsTakeAndReadThenMarkAndRelease) {
  ASSERT_TRUE(coordination_.MarkNightlyDone("riviera", Date("2026-06-14")));
  auto taken = coordination_.TryAcquireLeaseAndReadState("riviera", "serve-a", seconds(30));
  ASSERT_TRUE(taken) << taken.error().ToString();
  ASSERT_TRUE(*taken);
  EXPECT_EQ((*taken)->last_done, Date("2026-06-14"));
  EXPECT_EQ(*coordination_.TryAcquireLeaseAndReadState("riviera", "serve-b", seconds(30)),
            std::nullopt);

  ASSERT_TRUE(coordination_.MarkNightlyDoneAndRelease("riviera", "serve-b", Date("2026-06-15")));
  EXPECT_EQ(*coordination_.LastNightlyDone("riviera"), Date("2026-06-15"));
  EXPECT_EQ(pool_->Command({"GET", LeaseKey("riviera")})->str, "serve-a")
      << "only the holder's lease is released";
  ASSERT_TRUE(coordination_.MarkNightlyDoneAndRelease("riviera", "serve-a", Date("2026-06-14")));
  EXPECT_EQ(*coordination_.LastNightlyDone("riviera"), Date("2026-06-15")) << "forward only";
  EXPECT_TRUE(pool_->Command({"GET", LeaseKey("riviera")})->is_nil());

  ASSERT_TRUE(pool_->Command({"HSET", StateKey("seaside"), "done", "garbage"}));
  EXPECT_EQ(
      coordination_.TryAcquireLeaseAndReadState("seaside", "serve-a", seconds(30)).error().code,
      ErrorCode::kInternal);
  EXPECT_TRUE(pool_->Command({"GET", LeaseKey("seaside")})->is_nil())
      << "a lease that cannot be used is not kept";
}

TEST_F(RedisNightlyCoordinationTest, StatesOfManyPropertiesComeInOneBatchInOrder) {
  std::vector<core::PropertyId> properties;
  for (int i = 0; i < 1000; ++i) properties.push_back("prop-" + std::to_string(i));
  for (int i = 0; i < 1000; i += 3) {
    ASSERT_TRUE(coordination_.MarkNightlyDone(properties[i], Date("2026-06-15")));
  }
  const auto retry_at = std::chrono::system_clock::time_point(milliseconds(1'781'000'000'000));
  ASSERT_TRUE(coordination_.SetRetryNotBefore(properties[1], retry_at));

  const auto started = std::chrono::steady_clock::now();
  auto states = coordination_.States(properties);
  const auto elapsed = std::chrono::steady_clock::now() - started;
  ASSERT_TRUE(states) << states.error().ToString();
  ASSERT_EQ(states->size(), 1000u);
  for (int i = 0; i < 1000; ++i) {
    EXPECT_EQ((*states)[i].last_done, i % 3 == 0 ? std::optional(Date("2026-06-15")) : std::nullopt)
        << i;
  }
  EXPECT_EQ((*states)[1].retry_not_before, retry_at);
  EXPECT_EQ((*states)[2], NightlyState{});
  // One pipeline: far below the 50-75 ms that 1,000 separate round trips would cost.
  EXPECT_LT(elapsed, milliseconds(500));
  EXPECT_TRUE(coordination_.States({})->empty());
}

TEST_F(RedisNightlyCoordinationTest, BadInputAndUnreadableStateHaveClearCodes) {
  EXPECT_EQ(coordination_.TryAcquireLease("riviera", "", seconds(1)).error().code,
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(coordination_.TryAcquireLease("riviera", "serve-a", milliseconds(0)).error().code,
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(coordination_.RenewLease("bad}id", "serve-a", seconds(1)).error().code,
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(coordination_.States({"ok", "bad id"}).error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(coordination_.MarkNightlyDone("", Date("2026-06-15")).error().code,
            ErrorCode::kInvalidArgument);

  ASSERT_TRUE(pool_->Command({"HSET", StateKey("riviera"), "done", "yesterday"}));
  EXPECT_EQ(coordination_.LastNightlyDone("riviera").error().code, ErrorCode::kInternal);
  ASSERT_TRUE(pool_->Command({"HSET", StateKey("seaside"), "retry_at", "soon"}));
  EXPECT_EQ(coordination_.States({"seaside"}).error().code, ErrorCode::kInternal);
}

TEST(RedisNightlyCoordinationDownTest, UnreachableRedisIsStoreUnavailable) {
  std::unique_ptr<redis::RedisPool> pool;
  {
    test::RedisServer redis;
    pool = redis.NewPool(1);
  }
  RedisNightlyCoordination coordination(*pool);
  EXPECT_EQ(coordination.TryAcquireLease("riviera", "serve-a", seconds(1)).error().code,
            ErrorCode::kStoreUnavailable);
  EXPECT_EQ(coordination.States({"riviera"}).error().code, ErrorCode::kStoreUnavailable);
}

}  // namespace
}  // namespace chansync::planning::nightly
