#include <gtest/gtest.h>

#include <chrono>
#include <optional>

#include "chansync/channel/ingestor.h"
#include "chansync/channel/work_item.h"
#include "chansync/core/reservation_json.h"
#include "chansync/core/testing/fake_clock.h"
#include "chansync/queue/testing/in_memory_work_queue.h"

namespace chansync::channel {
namespace {

using std::chrono::milliseconds;

core::Reservation Valid(std::string id = "SH-1001", std::string property = "riviera") {
  auto r = core::ReservationFromJson(R"({
    "channel": "secureholiday", "channel_reservation_id": "SH-1001", "property": "riviera",
    "arrival": "2026-09-01", "departure": "2026-09-08", "guest_name": "Jeanne Martin",
    "product": "SH-MH4", "options": [{"option": "SH-LINGE", "quantity": 2}],
    "price": {"amount_minor": 84900, "currency": "EUR"}})");
  EXPECT_TRUE(r.has_value());
  r->channel_reservation_id = std::move(id);
  r->property = std::move(property);
  return *r;
}

class IngestorTest : public ::testing::Test {
 protected:
  std::vector<queue::Message> ClaimAll() {
    auto claimed = queue_.Claim("test", 10000, milliseconds(0));
    EXPECT_TRUE(claimed.has_value());
    return claimed.value_or(std::vector<queue::Message>{});
  }

  const core::Timestamp now_ = *core::ParseTimestamp("2026-08-15T09:30:00Z");
  core::testing::FakeClock clock_{now_};
  queue::testing::InMemoryWorkQueue queue_{clock_};
  Ingestor ingestor_{queue_, clock_};
};

TEST_F(IngestorTest, PushQueuesAWorkItemOnThePropertyShard) {
  auto accepted = ingestor_.Push(Valid());
  ASSERT_TRUE(accepted.has_value()) << accepted.error().ToString();
  EXPECT_EQ(accepted->id, "riviera/secureholiday/SH-1001");
  EXPECT_TRUE(queue::ParseTrackingId(accepted->tracking_id).has_value()) << accepted->tracking_id;

  auto messages = ClaimAll();
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(messages[0].tracking_id, accepted->tracking_id);
  EXPECT_EQ(messages[0].shard, queue::ShardFor("riviera", 4));
  auto item = WorkItemFromJson(messages[0].payload);
  ASSERT_TRUE(item.has_value()) << item.error().ToString();
  EXPECT_EQ(item->received_at, now_);
  EXPECT_EQ(item->reservation.sold_at, now_) << "sold_at left out: the time of receipt";
  EXPECT_FALSE(item->forced);
  core::Reservation expected = Valid();
  expected.sold_at = now_;
  EXPECT_EQ(item->reservation, expected);
}

TEST_F(IngestorTest, PushKeepsTheSaleTimeThePortalSent) {
  core::Reservation r = Valid();
  r.sold_at = *core::ParseTimestamp("2026-08-01T12:00:00Z");
  ASSERT_TRUE(ingestor_.Push(r).has_value());
  auto messages = ClaimAll();
  ASSERT_EQ(messages.size(), 1u);
  auto item = WorkItemFromJson(messages[0].payload);
  ASSERT_TRUE(item.has_value());
  EXPECT_EQ(item->reservation.sold_at, r.sold_at);
  EXPECT_EQ(item->received_at, now_);
}

TEST_F(IngestorTest, PushRefusesAnInvalidReservationAndQueuesNothing) {
  core::Reservation r = Valid();
  r.price.currency = "euros";
  auto refused = ingestor_.Push(r);
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, core::ErrorCode::kInvalidReservation);
  EXPECT_NE(refused.error().message.find("price.currency"), std::string::npos);
  EXPECT_EQ(queue_.unsettled_count(), 0u);
}

TEST_F(IngestorTest, PushReportsTheStoreBeingDown) {
  queue_.SetUnavailable(true);
  auto refused = ingestor_.Push(Valid());
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, core::ErrorCode::kStoreUnavailable);
  queue_.SetUnavailable(false);
  EXPECT_EQ(queue_.unsettled_count(), 0u);
}

TEST_F(IngestorTest, PushBatchAnswersEachItemInOrder) {
  core::Reservation bad = Valid("SH-2");
  bad.stay.departure = bad.stay.arrival;
  auto results = ingestor_.PushBatch({Valid("SH-1"), bad, Valid("SH-3", "lagune")});
  ASSERT_EQ(results.size(), 3u);
  ASSERT_TRUE(results[0].has_value());
  EXPECT_EQ(results[0]->id, "riviera/secureholiday/SH-1");
  ASSERT_FALSE(results[1].has_value());
  EXPECT_EQ(results[1].error().code, core::ErrorCode::kInvalidReservation);
  EXPECT_NE(results[1].error().message.find("departure"), std::string::npos);
  ASSERT_TRUE(results[2].has_value());
  EXPECT_EQ(results[2]->id, "lagune/secureholiday/SH-3");
  EXPECT_NE(results[0]->tracking_id, results[2]->tracking_id);

  auto messages = ClaimAll();
  ASSERT_EQ(messages.size(), 2u);
  for (const auto& message : messages) {
    auto item = WorkItemFromJson(message.payload);
    ASSERT_TRUE(item.has_value());
    const auto& expected =
        item->reservation.channel_reservation_id == "SH-1" ? results[0] : results[2];
    EXPECT_EQ(message.tracking_id, expected->tracking_id);
    EXPECT_EQ(message.shard, queue::ShardFor(item->reservation.property, 4));
  }
}

TEST_F(IngestorTest, PushBatchWithTheStoreDownAcceptsNothing) {
  core::Reservation bad = Valid("SH-2");
  bad.guest_name.clear();
  queue_.SetUnavailable(true);
  auto results = ingestor_.PushBatch({Valid("SH-1"), bad});
  queue_.SetUnavailable(false);
  ASSERT_EQ(results.size(), 2u);
  ASSERT_FALSE(results[0].has_value());
  EXPECT_EQ(results[0].error().code, core::ErrorCode::kStoreUnavailable);
  ASSERT_FALSE(results[1].has_value());
  EXPECT_EQ(results[1].error().code, core::ErrorCode::kInvalidReservation);
  EXPECT_EQ(queue_.unsettled_count(), 0u);
}

TEST_F(IngestorTest, PushBatchOfOnlyInvalidItemsNeverTouchesTheQueue) {
  core::Reservation bad = Valid();
  bad.revision = 0;
  queue_.SetUnavailable(true);  // would turn any queue call into STORE_UNAVAILABLE
  auto results = ingestor_.PushBatch({bad, bad});
  queue_.SetUnavailable(false);
  ASSERT_EQ(results.size(), 2u);
  for (const auto& result : results) {
    ASSERT_FALSE(result.has_value());
    EXPECT_EQ(result.error().code, core::ErrorCode::kInvalidReservation);
  }
  EXPECT_TRUE(ingestor_.PushBatch({}).empty());
}

TEST_F(IngestorTest, AChannelBeyondItsRateLimitIsRefusedAndNothingIsQueued) {
  ChannelRateLimiter limiter({.per_second = 1, .burst = 1}, clock_);
  Ingestor limited(queue_, clock_, nullptr, &limiter);
  ASSERT_TRUE(limited.Push(Valid("SH-1")).has_value());
  auto refused = limited.Push(Valid("SH-2"));
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, core::ErrorCode::kRateLimited);
  EXPECT_EQ(refused.error().retry_after, milliseconds(1000));

  std::optional<core::Result<Acceptance>> async;
  limited.PushAsync(Valid("SH-3"), [&](core::Result<Acceptance> result) { async = result; });
  ASSERT_TRUE(async.has_value()) << "refused on the caller's thread";
  ASSERT_FALSE(async->has_value());
  EXPECT_EQ(async->error().code, core::ErrorCode::kRateLimited);
  EXPECT_EQ(ClaimAll().size(), 1u);

  clock_.Advance(std::chrono::seconds(1));
  EXPECT_TRUE(limited.Push(Valid("SH-4")).has_value()) << "the bucket refilled";
}

TEST_F(IngestorTest, InvalidReservationsTakeNoTokenOfTheirChannel) {
  ChannelRateLimiter limiter({.per_second = 1, .burst = 2}, clock_);
  Ingestor limited(queue_, clock_, nullptr, &limiter);
  core::Reservation bad = Valid("SH-BAD");
  bad.revision = 0;
  for (int i = 0; i < 5; ++i) {
    auto refused = limited.Push(bad);
    ASSERT_FALSE(refused.has_value());
    EXPECT_EQ(refused.error().code, core::ErrorCode::kInvalidReservation);
  }
  auto batch = limited.PushBatch({bad, bad, bad});
  for (const auto& result : batch) {
    ASSERT_FALSE(result.has_value());
    EXPECT_EQ(result.error().code, core::ErrorCode::kInvalidReservation);
  }
  EXPECT_TRUE(limited.Push(Valid("SH-1")).has_value()) << "the burst is intact";
  EXPECT_TRUE(limited.Push(Valid("SH-2")).has_value());
  EXPECT_EQ(limited.Push(Valid("SH-3")).error().code, core::ErrorCode::kRateLimited);
}

TEST_F(IngestorTest, ABatchTakesOneTokenPerReservation) {
  ChannelRateLimiter limiter({.per_second = 1, .burst = 2}, clock_);
  Ingestor limited(queue_, clock_, nullptr, &limiter);
  core::Reservation other_channel = Valid("AB-1");
  other_channel.channel = "abritel";
  auto results =
      limited.PushBatch({Valid("SH-1"), Valid("SH-2"), Valid("SH-3"), std::move(other_channel)});
  ASSERT_EQ(results.size(), 4u);
  EXPECT_TRUE(results[0].has_value());
  EXPECT_TRUE(results[1].has_value());
  ASSERT_FALSE(results[2].has_value());
  EXPECT_EQ(results[2].error().code, core::ErrorCode::kRateLimited);
  EXPECT_TRUE(results[3].has_value()) << "another channel has its own bucket";
  EXPECT_EQ(ClaimAll().size(), 3u);
}

}  // namespace
}  // namespace chansync::channel
