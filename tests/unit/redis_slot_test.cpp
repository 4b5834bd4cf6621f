#include <gtest/gtest.h>

#include "chansync/redis/slot.h"

namespace chansync::redis {
namespace {

// Vectors from the Redis Cluster specification (key distribution model and hash tags).
TEST(RedisSlotTest, MatchesTheClusterSpecification) {
  EXPECT_EQ(KeySlot("123456789"), 12739);  // CRC16/XMODEM check value 0x31C3
  EXPECT_EQ(KeySlot("{user1000}.following"), KeySlot("{user1000}.followers"));
  EXPECT_EQ(KeySlot("{user1000}.following"), KeySlot("user1000"));
}

TEST(RedisSlotTest, HashTagIsTheTextUpToTheFirstClosingBrace) {
  EXPECT_EQ(KeySlot("foo{{bar}}zap"), KeySlot("{bar"));
  EXPECT_EQ(KeySlot("foo{bar}{zap}"), KeySlot("bar"));
  EXPECT_EQ(KeySlot("cs:{p:riviera}:links"), KeySlot("p:riviera"));
}

TEST(RedisSlotTest, EmptyOrUnclosedTagHashesTheWholeKey) {
  // An empty tag does not count, and the scan stops there: "{bar}" is not a tag of this key.
  EXPECT_NE(KeySlot("foo{}{bar}"), KeySlot("bar"));
  EXPECT_NE(KeySlot("foo{bar"), KeySlot("bar"));
  EXPECT_LT(KeySlot("foo{}{bar}"), kClusterSlots);
}

TEST(RedisSlotTest, SameSlotCheckNamesTheKeysThatDiffer) {
  EXPECT_TRUE(CheckSameSlot({}).has_value());
  EXPECT_TRUE(CheckSameSlot({"cs:{p:a}:links"}).has_value());
  EXPECT_TRUE(CheckSameSlot({"cs:{p:a}:links", "cs:{p:a}:refresh:lease"}).has_value());

  auto mixed = CheckSameSlot({"cs:{p:a}:links", "cs:{p:a}:plan", "cs:{p:b}:links"});
  ASSERT_FALSE(mixed.has_value());
  EXPECT_EQ(mixed.error().code, core::ErrorCode::kInternal);
  EXPECT_NE(mixed.error().message.find("\"cs:{p:a}:links\" (slot " +
                                       std::to_string(KeySlot("p:a")) + ")"),
            std::string::npos)
      << mixed.error().message;
  EXPECT_NE(mixed.error().message.find("\"cs:{p:b}:links\" (slot " +
                                       std::to_string(KeySlot("p:b")) + ")"),
            std::string::npos)
      << mixed.error().message;
}

}  // namespace
}  // namespace chansync::redis
