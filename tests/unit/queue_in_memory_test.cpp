#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "chansync/core/testing/fake_clock.h"
#include "chansync/queue/testing/in_memory_work_queue.h"

namespace chansync::queue {
namespace {

using namespace std::chrono_literals;
using core::ErrorCode;
using testing::InMemoryWorkQueue;
using testing::InMemoryWorkQueueOptions;

class QueueInMemoryTest : public ::testing::Test {
 protected:
  QueueInMemoryTest()
      : clock_(std::chrono::system_clock::time_point(1'732'350'000'000ms)),
        queue_(clock_,
               InMemoryWorkQueueOptions{.shards = 4, .reclaim_idle = 30s, .max_deliveries = 3}) {}

  std::vector<Message> Claim(std::string_view consumer, size_t max = 100) {
    auto claimed = queue_.Claim(consumer, max, 0ms);
    EXPECT_TRUE(claimed.has_value()) << claimed.error().ToString();
    return claimed.value_or(std::vector<Message>{});
  }

  core::testing::FakeClock clock_;
  InMemoryWorkQueue queue_;
};

TEST_F(QueueInMemoryTest, EnqueueClaimAckRoundTrip) {
  auto id = queue_.Enqueue("property-1", R"({"resv":"A"})");
  ASSERT_TRUE(id.has_value());
  auto tracking = ParseTrackingId(*id);
  ASSERT_TRUE(tracking.has_value());
  EXPECT_EQ(tracking->shard, ShardFor("property-1", 4));

  auto messages = Claim("w1");
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(messages[0].payload, R"({"resv":"A"})");
  EXPECT_EQ(messages[0].deliveries, 1);
  EXPECT_EQ(messages[0].tracking_id, *id);
  EXPECT_EQ(FormatTrackingId(messages[0].shard, messages[0].id), *id);
  EXPECT_EQ(queue_.pending_count("w1"), 1u);
  EXPECT_TRUE(Claim("w2").empty());

  ASSERT_TRUE(queue_.Ack(messages).has_value());
  EXPECT_EQ(queue_.unsettled_count(), 0u);
}

TEST_F(QueueInMemoryTest, ClaimHonoursMaxAndBatchKeepsInputOrder) {
  std::vector<EnqueueItem> items;
  for (int i = 0; i < 10; ++i)
    items.push_back({"key-" + std::to_string(i), "p" + std::to_string(i)});
  auto ids = queue_.EnqueueBatch(items);
  ASSERT_TRUE(ids.has_value());
  ASSERT_EQ(ids->size(), 10u);
  for (int i = 0; i < 10; ++i) {
    EXPECT_EQ(ParseTrackingId((*ids)[i])->shard, ShardFor("key-" + std::to_string(i), 4));
  }
  EXPECT_EQ(Claim("w1", 4).size(), 4u);
  EXPECT_EQ(Claim("w2", 100).size(), 6u);
  EXPECT_EQ(queue_.ready_count(), 0u);
  EXPECT_EQ(queue_.pending_count(), 10u);
}

TEST_F(QueueInMemoryTest, StalledMessagesAreReclaimedAfterIdleTime) {
  ASSERT_TRUE(queue_.Enqueue("k", "payload").has_value());
  auto first = Claim("dead-worker");
  ASSERT_EQ(first.size(), 1u);

  clock_.Advance(29s);
  EXPECT_TRUE(Claim("w2").empty());
  clock_.Advance(1s);
  auto reclaimed = Claim("w2");
  ASSERT_EQ(reclaimed.size(), 1u);
  EXPECT_EQ(reclaimed[0].id, first[0].id);
  EXPECT_EQ(reclaimed[0].deliveries, 2);
  EXPECT_EQ(queue_.pending_count("dead-worker"), 0u);
  EXPECT_EQ(queue_.pending_count("w2"), 1u);

  // The slow first worker acknowledging late settles it; the second ack is a no-op.
  ASSERT_TRUE(queue_.Ack(first).has_value());
  ASSERT_TRUE(queue_.Ack(reclaimed).has_value());
  EXPECT_EQ(queue_.unsettled_count(), 0u);
}

TEST_F(QueueInMemoryTest, PoisonMessageIsDeadLetteredAfterMaxDeliveries) {
  auto id = queue_.Enqueue("k", "poison");
  ASSERT_TRUE(id.has_value());
  for (int delivery = 1; delivery <= 3; ++delivery) {
    auto messages = Claim("w");
    ASSERT_EQ(messages.size(), 1u);
    EXPECT_EQ(messages[0].deliveries, delivery);
    clock_.Advance(31s);
  }
  EXPECT_TRUE(Claim("w").empty());
  auto dead = queue_.dead_letters();
  ASSERT_EQ(dead.size(), 1u);
  EXPECT_EQ(dead[0].payload, "poison");
  EXPECT_EQ(dead[0].original_id, *id);
  EXPECT_EQ(dead[0].deliveries, 4);
  EXPECT_NE(dead[0].reason.find("max_deliveries"), std::string::npos);
  EXPECT_EQ(queue_.unsettled_count(), 0u);
}

TEST_F(QueueInMemoryTest, RetryLaterIsInvisibleUntilDueAndCountsDeliveries) {
  auto id = queue_.Enqueue("k", "later");
  auto first = Claim("w");
  ASSERT_EQ(first.size(), 1u);
  ASSERT_TRUE(queue_.RetryLater(first[0], clock_.Now() + 10min).has_value());
  EXPECT_EQ(queue_.delayed_count(), 1u);
  EXPECT_EQ(queue_.pending_count(), 0u);

  clock_.Advance(9min);
  EXPECT_TRUE(Claim("w").empty());
  clock_.Advance(1min);
  auto again = Claim("w");
  ASSERT_EQ(again.size(), 1u);
  EXPECT_EQ(again[0].payload, "later");
  EXPECT_EQ(again[0].deliveries, 2);
  EXPECT_EQ(again[0].tracking_id, *id);
  EXPECT_NE(again[0].id, first[0].id);

  // Retries count against max_deliveries (3): the fourth delivery is dead-lettered.
  ASSERT_TRUE(queue_.RetryLater(again[0], clock_.Now()).has_value());
  auto third = Claim("w");
  ASSERT_EQ(third.size(), 1u);
  EXPECT_EQ(third[0].deliveries, 3);
  ASSERT_TRUE(queue_.RetryLater(third[0], clock_.Now()).has_value());
  EXPECT_TRUE(Claim("w").empty());
  ASSERT_EQ(queue_.dead_letters().size(), 1u);
  EXPECT_EQ(queue_.dead_letters()[0].original_id, *id);
}

TEST_F(QueueInMemoryTest, DeadLetterRecordsReasonAndSettles) {
  auto id = queue_.Enqueue("k", "bad");
  auto messages = Claim("w");
  ASSERT_EQ(messages.size(), 1u);
  ASSERT_TRUE(queue_.DeadLetter(messages[0], "PRODUCT_NOT_LINKED: product 7").has_value());
  auto dead = queue_.dead_letters();
  ASSERT_EQ(dead.size(), 1u);
  EXPECT_EQ(dead[0].reason, "PRODUCT_NOT_LINKED: product 7");
  EXPECT_EQ(dead[0].original_id, *id);
  EXPECT_EQ(dead[0].deliveries, 1);
  EXPECT_EQ(queue_.unsettled_count(), 0u);
  // Settling twice does nothing more.
  ASSERT_TRUE(queue_.DeadLetter(messages[0], "again").has_value());
  ASSERT_TRUE(queue_.RetryLater(messages[0], clock_.Now()).has_value());
  EXPECT_EQ(queue_.dead_letters().size(), 1u);
  EXPECT_EQ(queue_.delayed_count(), 0u);
}

TEST_F(QueueInMemoryTest, BadInputIsRejectedWithStableCodes) {
  EXPECT_EQ(queue_.Enqueue("k", "").error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(queue_.Claim("", 1, 0ms).error().code, ErrorCode::kInvalidArgument);
  Message forged{.id = "not-an-id", .shard = 0, .payload = "x"};
  EXPECT_EQ(queue_.Ack({forged}).error().code, ErrorCode::kInvalidArgument);
  forged.id = "1-0";
  forged.shard = 9;
  EXPECT_EQ(queue_.RetryLater(forged, clock_.Now()).error().code, ErrorCode::kInvalidArgument);
  forged.shard = 0;
  forged.tracking_id = "0/1-0\nx";
  EXPECT_EQ(queue_.DeadLetter(forged, "r").error().code, ErrorCode::kInvalidArgument);
}

TEST_F(QueueInMemoryTest, UnavailableStoreFailsEveryCall) {
  queue_.SetUnavailable(true);
  EXPECT_EQ(queue_.Enqueue("k", "p").error().code, ErrorCode::kStoreUnavailable);
  EXPECT_EQ(queue_.Claim("w", 1, 0ms).error().code, ErrorCode::kStoreUnavailable);
  EXPECT_EQ(queue_.Ack({}).error().code, ErrorCode::kStoreUnavailable);
  queue_.SetUnavailable(false);
  EXPECT_TRUE(queue_.Enqueue("k", "p").has_value());
}

TEST_F(QueueInMemoryTest, BlockedClaimWakesOnEnqueue) {
  std::thread producer([&] {
    queue_.WaitForBlockedClaims(1);
    ASSERT_TRUE(queue_.Enqueue("k", "wake").has_value());
  });
  auto messages = queue_.Claim("w", 1, 5s);
  producer.join();
  ASSERT_TRUE(messages.has_value());
  ASSERT_EQ(messages->size(), 1u);
  EXPECT_EQ((*messages)[0].payload, "wake");
}

}  // namespace
}  // namespace chansync::queue
