#include <gtest/gtest.h>

#include <memory>

#include "chansync/core/reservation_json.h"
#include "chansync/integration/redis_check_store.h"
#include "chansync/redis/key_space.h"
#include "chansync/redis/redis.h"
#include "chansync/test/redis_server.h"

namespace chansync::integration {
namespace {

using channel::CheckOutcome;
using core::ErrorCode;

StoredCheck Check(std::string id, std::string property = "riviera") {
  return StoredCheck{
      .check_id = std::move(id),
      .property = std::move(property),
      .channel = "secureholiday",
      .product = "SH-MH4",
      .stay = {*core::CivilDate::Parse("2026-09-01"), *core::CivilDate::Parse("2026-09-08")},
      .outcome = CheckOutcome::kAvailable,
      .units_left = 7,
      .at = *core::ParseTimestamp("2026-08-01T10:15:00.123Z")};
}

class RedisCheckStoreTest : public ::testing::Test {
 protected:
  test::RedisServer redis_;
  std::unique_ptr<redis::RedisPool> pool_ = redis_.NewPool(2);
};

TEST_F(RedisCheckStoreTest, StoredChecksComeBackInOrderWithGapsForUnknownOnes) {
  RedisCheckStore store(*pool_);
  auto unavailable = Check("chk-b", "seaside");
  unavailable.outcome = CheckOutcome::kUnavailable;
  unavailable.units_left = 0;
  ASSERT_TRUE(store.Put(Check("chk-a")));
  ASSERT_TRUE(store.Put(unavailable));

  auto got = store.GetMany({{"seaside", "chk-b"},
                            {"riviera", "chk-unknown"},
                            {"riviera", "chk-a"},
                            {"seaside", "chk-a"}});
  ASSERT_TRUE(got) << got.error().ToString();
  ASSERT_EQ(got->size(), 4u);
  ASSERT_TRUE((*got)[0]);
  EXPECT_EQ(*(*got)[0], unavailable);
  EXPECT_FALSE((*got)[1]);
  ASSERT_TRUE((*got)[2]);
  EXPECT_EQ(*(*got)[2], Check("chk-a"));
  EXPECT_FALSE((*got)[3]) << "a check belongs to its property";
  EXPECT_TRUE(store.GetMany({})->empty());
}

TEST_F(RedisCheckStoreTest, ChecksExpireAfterTheirTtl) {
  RedisCheckStore day(*pool_);
  ASSERT_TRUE(day.Put(Check("chk-day")));
  auto ttl = pool_->Command({"PTTL", redis::KeySpace().Property("riviera").Check("chk-day")});
  ASSERT_TRUE(ttl);
  EXPECT_GT(ttl->integer, 23 * 3600 * 1000LL);

  RedisCheckStore brief(*pool_, std::chrono::milliseconds(50));
  ASSERT_TRUE(brief.Put(Check("chk-brief")));
  EXPECT_TRUE(test::WaitUntil([&] {
    auto got = brief.GetMany({{"riviera", "chk-brief"}});
    return got && !(*got)[0];
  }));
}

TEST_F(RedisCheckStoreTest, UnreadableDataIsInternalAndRedisDownIsStoreUnavailable) {
  RedisCheckStore store(*pool_);
  ASSERT_TRUE(pool_->Command(
      {"SET", redis::KeySpace().Property("riviera").Check("chk-bad"), "{\"channel\": 1}"}));
  auto bad = store.GetMany({{"riviera", "chk-bad"}});
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, ErrorCode::kInternal);

  redis_.Kill();
  auto down = store.GetMany({{"riviera", "chk-a"}});
  ASSERT_FALSE(down);
  EXPECT_EQ(down.error().code, ErrorCode::kStoreUnavailable);
  auto put = store.Put(Check("chk-a"));
  ASSERT_FALSE(put);
  EXPECT_EQ(put.error().code, ErrorCode::kStoreUnavailable);
}

}  // namespace
}  // namespace chansync::integration
