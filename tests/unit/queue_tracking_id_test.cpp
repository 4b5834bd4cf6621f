#include <gtest/gtest.h>

#include <set>

#include "chansync/queue/work_queue.h"

namespace chansync::queue {
namespace {

TEST(QueueTrackingIdTest, FormatsAndParsesBack) {
  const std::string text = FormatTrackingId(3, "1732350000000-7");
  EXPECT_EQ(text, "3/1732350000000-7");
  auto parsed = ParseTrackingId(text);
  ASSERT_TRUE(parsed.has_value()) << parsed.error().ToString();
  EXPECT_EQ(*parsed, (TrackingId{3, "1732350000000-7"}));
}

TEST(QueueTrackingIdTest, RejectsMalformedIdsWithInvalidArgument) {
  for (const char* bad : {"", "3", "/1-0", "x/1-0", "-1/1-0", "3/", "3/17", "3/a-0", "3/1-", "3/-1",
                          "3/1-0-0", "3/1-0/", "99999999999/1-0"}) {
    auto parsed = ParseTrackingId(bad);
    ASSERT_FALSE(parsed.has_value()) << bad;
    EXPECT_EQ(parsed.error().code, core::ErrorCode::kInvalidArgument);
  }
}

TEST(QueueTrackingIdTest, ValidatesEntryIds) {
  EXPECT_TRUE(IsValidEntryId("0-0"));
  EXPECT_TRUE(IsValidEntryId("1732350000000-12"));
  EXPECT_FALSE(IsValidEntryId("1732350000000"));
  EXPECT_FALSE(IsValidEntryId("*"));
  EXPECT_FALSE(IsValidEntryId("1-0\n"));
}

TEST(QueueShardForTest, IsStableAndSpreadsKeys) {
  EXPECT_EQ(ShardFor("property-42", 4), ShardFor("property-42", 4));
  EXPECT_EQ(ShardFor("anything", 1), 0);
  // FNV-1a 64 of "a" is 0xaf63dc4c8601ec8c; pinned so shards never move between versions.
  EXPECT_EQ(ShardFor("a", 1000), static_cast<int>(0xaf63dc4c8601ec8cull % 1000));
  std::set<int> seen;
  for (int i = 0; i < 100; ++i) {
    const int shard = ShardFor("property-" + std::to_string(i), 4);
    ASSERT_GE(shard, 0);
    ASSERT_LT(shard, 4);
    seen.insert(shard);
  }
  EXPECT_EQ(seen.size(), 4u);
}

}  // namespace
}  // namespace chansync::queue
