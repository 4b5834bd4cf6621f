#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include "chansync/core/clock.h"
#include "chansync/core/testing/fake_clock.h"
#include "chansync/queue/redis_work_queue.h"
#include "chansync/test/key_space.h"
#include "chansync/test/redis_server.h"

namespace chansync::queue {
namespace {

using namespace std::chrono_literals;
using core::ErrorCode;
using redis::RedisReply;

std::map<std::string, std::string> FieldsOf(const RedisReply& flat) {
  std::map<std::string, std::string> fields;
  for (size_t i = 0; i + 1 < flat.elements.size(); i += 2) {
    fields[flat.elements[i].str] = flat.elements[i + 1].str;
  }
  return fields;
}

class QueueRedisTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { server_ = new test::RedisServer(); }
  static void TearDownTestSuite() { delete server_; }

  void SetUp() override { pool_ = server_->NewPool(8); }

  // Each test gets its own key prefix, so tests share the server without seeing each other.
  std::unique_ptr<RedisWorkQueue> Open(RedisWorkQueueOptions options = {},
                                       const core::Clock* clock = nullptr) {
    options.keys = test::KeySpaceOfCurrentTest(std::to_string(opened_++));
    auto queue = RedisWorkQueue::Open(*pool_, clock ? *clock : system_clock_, options);
    EXPECT_TRUE(queue.has_value()) << queue.error().ToString();
    return queue ? std::move(*queue) : nullptr;
  }

  std::vector<Message> Claim(RedisWorkQueue& queue, std::string_view consumer, size_t max = 100,
                             std::chrono::milliseconds block = 0ms) {
    auto claimed = queue.Claim(consumer, max, block);
    EXPECT_TRUE(claimed.has_value()) << claimed.error().ToString();
    return claimed.value_or(std::vector<Message>{});
  }

  long long Integer(const redis::RedisCommand& command) {
    auto reply = pool_->Command(command);
    EXPECT_TRUE(reply.has_value()) << reply.error().ToString();
    return reply ? reply->integer : -1;
  }

  // Entries still in the shard streams plus entries pending in the group, over all shards.
  long long Unsettled(RedisWorkQueue& queue) {
    long long total = 0;
    for (int shard = 0; shard < queue.options().shards; ++shard) {
      total += Integer({"XLEN", queue.StreamKey(shard)});
      auto pending = pool_->Command({"XPENDING", queue.StreamKey(shard), queue.options().group});
      EXPECT_TRUE(pending.has_value());
      if (pending) total += pending->elements[0].integer;
      total += Integer({"ZCARD", queue.DelayedKey(shard)});
    }
    return total;
  }

  std::vector<std::map<std::string, std::string>> DeadLetters(RedisWorkQueue& queue) {
    std::vector<std::map<std::string, std::string>> out;
    for (int shard = 0; shard < queue.options().shards; ++shard) {
      auto range = pool_->Command({"XRANGE", queue.DeadLetterKey(shard), "-", "+"});
      EXPECT_TRUE(range.has_value());
      if (!range) continue;
      for (const auto& entry : range->elements) out.push_back(FieldsOf(entry.elements[1]));
    }
    return out;
  }

  static test::RedisServer* server_;
  std::unique_ptr<redis::RedisPool> pool_;
  core::SystemClock system_clock_;
  int opened_ = 0;
};
test::RedisServer* QueueRedisTest::server_ = nullptr;

TEST_F(QueueRedisTest, EnqueueClaimAckRoundTrip) {
  auto queue = Open();
  auto id = queue->Enqueue("property-1", R"({"resv":"A"})");
  ASSERT_TRUE(id.has_value()) << id.error().ToString();

  auto messages = Claim(*queue, "w1");
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(messages[0].payload, R"({"resv":"A"})");
  EXPECT_EQ(messages[0].deliveries, 1);
  EXPECT_EQ(messages[0].tracking_id, *id);
  EXPECT_EQ(messages[0].shard, ShardFor("property-1", 4));
  EXPECT_TRUE(Claim(*queue, "w2").empty());

  ASSERT_TRUE(queue->Ack(messages).has_value());
  EXPECT_EQ(Unsettled(*queue), 0);
  EXPECT_TRUE(Claim(*queue, "w1").empty());
}

TEST_F(QueueRedisTest, AckSettlesABatchSpreadOverEveryShard) {
  auto queue = Open();
  std::vector<EnqueueItem> items;
  for (int i = 0; i < 200; ++i) items.push_back({"key-" + std::to_string(i), std::to_string(i)});
  ASSERT_TRUE(queue->EnqueueBatch(items).has_value());
  auto messages = Claim(*queue, "w1", 200);
  ASSERT_EQ(messages.size(), 200u);
  std::set<int> shards;
  for (const auto& m : messages) shards.insert(m.shard);
  EXPECT_EQ(shards.size(), 4u);

  ASSERT_TRUE(queue->Ack(messages).has_value());
  EXPECT_EQ(Unsettled(*queue), 0);
  // Acknowledging the same messages again changes nothing and is not an error.
  ASSERT_TRUE(queue->Ack(messages).has_value());
  EXPECT_EQ(Unsettled(*queue), 0);
}

TEST_F(QueueRedisTest, LateAckOfAReclaimedMessageLeavesItsRetryAlone) {
  core::testing::FakeClock clock(std::chrono::system_clock::now());
  auto queue = Open({.reclaim_idle = 100ms}, &clock);
  ASSERT_TRUE(queue->Enqueue("k", "slow").has_value());
  auto stalled = Claim(*queue, "stalls");
  ASSERT_EQ(stalled.size(), 1u);
  std::this_thread::sleep_for(150ms);
  auto reclaimed = Claim(*queue, "takes-over");
  ASSERT_EQ(reclaimed.size(), 1u);
  ASSERT_TRUE(queue->RetryLater(reclaimed[0], clock.Now() + 1min).has_value());

  // The first consumer wakes up and acknowledges its old delivery: the retry stays scheduled.
  ASSERT_TRUE(queue->Ack(stalled).has_value());
  EXPECT_EQ(Integer({"ZCARD", queue->DelayedKey(stalled[0].shard)}), 1);
  clock.Advance(1min);
  auto retried = Claim(*queue, "takes-over");
  ASSERT_EQ(retried.size(), 1u);
  EXPECT_EQ(retried[0].payload, "slow");
  ASSERT_TRUE(queue->Ack(retried).has_value());
  EXPECT_EQ(Unsettled(*queue), 0);
}

TEST_F(QueueRedisTest, EnqueueIsDurableWhenItReturns) {
  auto queue = Open();
  const std::string payload("binary\0payload\r\n", 16);
  auto id = queue->Enqueue("property-9", payload);
  ASSERT_TRUE(id.has_value());
  auto tracking = ParseTrackingId(*id);
  ASSERT_TRUE(tracking.has_value());

  // Another connection sees the entry as soon as Enqueue has returned.
  auto other = server_->NewPool(1);
  EXPECT_EQ(other->Command({"XLEN", queue->StreamKey(tracking->shard)})->integer, 1);
  auto range = other->Command(
      {"XRANGE", queue->StreamKey(tracking->shard), tracking->entry_id, tracking->entry_id});
  ASSERT_TRUE(range.has_value());
  ASSERT_EQ(range->elements.size(), 1u);
  EXPECT_EQ(FieldsOf(range->elements[0].elements[1])["payload"], payload);
}

TEST_F(QueueRedisTest, EnqueueBatchKeepsInputOrderAndSpreadsShards) {
  auto queue = Open();
  std::vector<EnqueueItem> items;
  for (int i = 0; i < 200; ++i) {
    items.push_back({"property-" + std::to_string(i), "payload-" + std::to_string(i)});
  }
  auto ids = queue->EnqueueBatch(items);
  ASSERT_TRUE(ids.has_value()) << ids.error().ToString();
  ASSERT_EQ(ids->size(), items.size());

  std::map<int, int> per_shard;
  for (size_t i = 0; i < items.size(); ++i) {
    auto tracking = ParseTrackingId((*ids)[i]);
    ASSERT_TRUE(tracking.has_value());
    EXPECT_EQ(tracking->shard, ShardFor(items[i].shard_key, 4));
    ++per_shard[tracking->shard];
    auto range = pool_->Command(
        {"XRANGE", queue->StreamKey(tracking->shard), tracking->entry_id, tracking->entry_id});
    ASSERT_EQ(range->elements.size(), 1u);
    EXPECT_EQ(FieldsOf(range->elements[0].elements[1])["payload"], items[i].payload);
  }
  EXPECT_EQ(per_shard.size(), 4u);
  for (const auto& [shard, count] : per_shard) EXPECT_GT(count, 20) << "shard " << shard;

  // Claims take up to max, and a budget of one still finds work on any shard.
  EXPECT_EQ(Claim(*queue, "w", 150).size(), 150u);
  size_t rest = 0;
  for (int i = 0; i < 60; ++i) rest += Claim(*queue, "w", 1).size();
  EXPECT_EQ(rest, 50u);
}

TEST_F(QueueRedisTest, DeadConsumersMessagesAreReclaimedExactlyOnce) {
  auto queue = Open({.reclaim_idle = 200ms});
  std::vector<EnqueueItem> items;
  for (int i = 0; i < 20; ++i) items.push_back({"k" + std::to_string(i), std::to_string(i)});
  ASSERT_TRUE(queue->EnqueueBatch(items).has_value());

  auto abandoned = Claim(*queue, "dies", 8);
  ASSERT_EQ(abandoned.size(), 8u);
  auto healthy = Claim(*queue, "lives");
  ASSERT_EQ(healthy.size(), 12u);
  ASSERT_TRUE(queue->Ack(healthy).has_value());
  EXPECT_TRUE(Claim(*queue, "lives").empty());  // not idle long enough yet

  std::this_thread::sleep_for(250ms);
  auto reclaimed = Claim(*queue, "lives");
  ASSERT_EQ(reclaimed.size(), 8u);
  std::set<std::string> abandoned_ids, reclaimed_ids;
  for (const auto& m : abandoned) abandoned_ids.insert(m.id);
  for (const auto& m : reclaimed) {
    reclaimed_ids.insert(m.id);
    EXPECT_EQ(m.deliveries, 2);
  }
  EXPECT_EQ(reclaimed_ids, abandoned_ids);
  ASSERT_TRUE(queue->Ack(reclaimed).has_value());
  EXPECT_EQ(Unsettled(*queue), 0);

  std::this_thread::sleep_for(250ms);
  EXPECT_TRUE(Claim(*queue, "lives").empty());
}

TEST_F(QueueRedisTest, PoisonMessageIsDeadLetteredAfterMaxDeliveries) {
  auto queue = Open({.reclaim_idle = 100ms, .max_deliveries = 2});
  auto id = queue->Enqueue("k", "poison");
  ASSERT_TRUE(id.has_value());
  for (int delivery = 1; delivery <= 2; ++delivery) {
    auto messages = Claim(*queue, "crashes-" + std::to_string(delivery));
    ASSERT_EQ(messages.size(), 1u);
    EXPECT_EQ(messages[0].deliveries, delivery);
    std::this_thread::sleep_for(120ms);
  }
  EXPECT_TRUE(Claim(*queue, "w").empty());

  auto dead = DeadLetters(*queue);
  ASSERT_EQ(dead.size(), 1u);
  EXPECT_EQ(dead[0]["payload"], "poison");
  EXPECT_EQ(dead[0]["original_id"], *id);
  EXPECT_EQ(dead[0]["deliveries"], "3");
  EXPECT_NE(dead[0]["reason"].find("max_deliveries 2"), std::string::npos) << dead[0]["reason"];
  EXPECT_EQ(Unsettled(*queue), 0);
}

TEST_F(QueueRedisTest, DeadLetterKeepsReasonAndSettles) {
  auto queue = Open();
  auto id = queue->Enqueue("k", "unlinked");
  auto messages = Claim(*queue, "w");
  ASSERT_EQ(messages.size(), 1u);
  ASSERT_TRUE(queue->DeadLetter(messages[0], "PRODUCT_NOT_LINKED: product 7").has_value());
  ASSERT_TRUE(queue->DeadLetter(messages[0], "twice").has_value());  // already settled: no-op

  auto dead = DeadLetters(*queue);
  ASSERT_EQ(dead.size(), 1u);
  EXPECT_EQ(dead[0]["reason"], "PRODUCT_NOT_LINKED: product 7");
  EXPECT_EQ(dead[0]["payload"], "unlinked");
  EXPECT_EQ(dead[0]["original_id"], *id);
  EXPECT_EQ(dead[0]["deliveries"], "1");
  EXPECT_EQ(Unsettled(*queue), 0);
}

TEST_F(QueueRedisTest, MalformedEntryIsDeadLetteredNotDelivered) {
  auto queue = Open({.shards = 1});
  ASSERT_TRUE(pool_->Command({"XADD", queue->StreamKey(0), "*", "junk", "1"}).has_value());
  ASSERT_TRUE(queue->Enqueue("k", "good").has_value());
  auto messages = Claim(*queue, "w");
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(messages[0].payload, "good");
  auto dead = DeadLetters(*queue);
  ASSERT_EQ(dead.size(), 1u);
  EXPECT_NE(dead[0]["reason"].find("malformed"), std::string::npos);
}

// Claims right after a claim that found work read fresh entries without the claim script;
// what the script would settle on delivery, the plain read settles the same way.
TEST_F(QueueRedisTest, BackToBackClaimsSettleBadFreshEntriesLikeTheScript) {
  auto queue = Open({.shards = 1, .max_deliveries = 3});
  ASSERT_TRUE(queue->Enqueue("k", "first").has_value());
  ASSERT_EQ(Claim(*queue, "w").size(), 1u);  // a full pass

  const std::string stream = queue->StreamKey(0);
  ASSERT_TRUE(pool_->Command({"XADD", stream, "*", "junk", "1"}).has_value());
  ASSERT_TRUE(
      pool_->Command({"XADD", stream, "*", "payload", "worn", "origin", "0/1-1", "prior", "3"})
          .has_value());
  ASSERT_TRUE(
      pool_->Command({"XADD", stream, "*", "payload", "again", "origin", "0/2-2", "prior", "2"})
          .has_value());
  ASSERT_TRUE(queue->Enqueue("k", "fresh").has_value());
  auto messages = Claim(*queue, "w");
  ASSERT_EQ(messages.size(), 2u);
  EXPECT_EQ(messages[0].payload, "again");
  EXPECT_EQ(messages[0].deliveries, 3);
  EXPECT_EQ(messages[0].tracking_id, "0/2-2");
  EXPECT_EQ(messages[1].payload, "fresh");
  EXPECT_EQ(messages[1].deliveries, 1);
  EXPECT_EQ(messages[1].tracking_id, FormatTrackingId(0, messages[1].id));

  auto dead = DeadLetters(*queue);
  ASSERT_EQ(dead.size(), 2u);
  EXPECT_NE(dead[0]["reason"].find("malformed"), std::string::npos);
  EXPECT_EQ(dead[1]["payload"], "worn");
  EXPECT_EQ(dead[1]["original_id"], "0/1-1");
  EXPECT_EQ(dead[1]["deliveries"], "4");
  EXPECT_NE(dead[1]["reason"].find("more than max_deliveries 3"), std::string::npos);
  ASSERT_TRUE(queue->Ack(messages).has_value());
  EXPECT_EQ(Integer({"XLEN", stream}), 1);  // the first message, never acknowledged
}

TEST_F(QueueRedisTest, DueRetriesAreDeliveredWhileFreshEntriesKeepComing) {
  core::testing::FakeClock clock(std::chrono::system_clock::now());
  auto queue = Open({.shards = 1}, &clock);
  ASSERT_TRUE(queue->Enqueue("k", "retry me").has_value());
  auto first = Claim(*queue, "w");
  ASSERT_EQ(first.size(), 1u);
  ASSERT_TRUE(queue->RetryLater(first[0], clock.Now() + 1min).has_value());
  clock.Advance(1min);

  // One fresh entry more than is claimed each time, so no claim ever finds the stream empty.
  bool retried = false;
  for (int round = 0; round < 40 && !retried; ++round) {
    ASSERT_TRUE(queue->Enqueue("k", "fresh " + std::to_string(round)).has_value());
    ASSERT_TRUE(queue->Enqueue("k", "fresh more " + std::to_string(round)).has_value());
    auto messages = Claim(*queue, "w", 1);
    ASSERT_EQ(messages.size(), 1u);
    retried = messages[0].payload == "retry me";
    ASSERT_TRUE(queue->Ack(messages).has_value());
    std::this_thread::sleep_for(20ms);
  }
  EXPECT_TRUE(retried) << "a due retry waited behind fresh entries for 40 claims";
}

TEST_F(QueueRedisTest, RetryLaterIsInvisibleUntilDue) {
  core::testing::FakeClock clock(std::chrono::system_clock::now());
  auto queue = Open({}, &clock);
  auto id = queue->Enqueue("k", "later");
  auto first = Claim(*queue, "w");
  ASSERT_EQ(first.size(), 1u);
  ASSERT_TRUE(queue->RetryLater(first[0], clock.Now() + 10min).has_value());
  EXPECT_EQ(Integer({"ZCARD", queue->DelayedKey(first[0].shard)}), 1);
  EXPECT_EQ(Integer({"XLEN", queue->StreamKey(first[0].shard)}), 0);

  clock.Advance(9min);
  EXPECT_TRUE(Claim(*queue, "w").empty());
  clock.Advance(1min);
  auto again = Claim(*queue, "w");
  ASSERT_EQ(again.size(), 1u);
  EXPECT_EQ(again[0].payload, "later");
  EXPECT_EQ(again[0].deliveries, 2);
  EXPECT_EQ(again[0].tracking_id, *id);
  EXPECT_NE(again[0].id, first[0].id);
  EXPECT_EQ(Integer({"ZCARD", queue->DelayedKey(first[0].shard)}), 0);

  // A stale settle of the first delivery must not schedule it again.
  ASSERT_TRUE(queue->RetryLater(first[0], clock.Now()).has_value());
  ASSERT_TRUE(queue->Ack(again).has_value());
  EXPECT_EQ(Unsettled(*queue), 0);
}

TEST_F(QueueRedisTest, RetriesCountTowardsMaxDeliveries) {
  core::testing::FakeClock clock(std::chrono::system_clock::now());
  auto queue = Open({.max_deliveries = 2}, &clock);
  auto id = queue->Enqueue("k", "flaky");
  for (int delivery = 1; delivery <= 2; ++delivery) {
    auto messages = Claim(*queue, "w");
    ASSERT_EQ(messages.size(), 1u);
    EXPECT_EQ(messages[0].deliveries, delivery);
    ASSERT_TRUE(queue->RetryLater(messages[0], clock.Now()).has_value());
  }
  EXPECT_TRUE(Claim(*queue, "w").empty());
  auto dead = DeadLetters(*queue);
  ASSERT_EQ(dead.size(), 1u);
  EXPECT_EQ(dead[0]["original_id"], *id);
  EXPECT_EQ(dead[0]["deliveries"], "3");
}

TEST_F(QueueRedisTest, BlockedClaimWakesOnEnqueue) {
  auto queue = Open();
  std::thread producer([&] {
    std::this_thread::sleep_for(100ms);
    ASSERT_TRUE(queue->Enqueue("k", "wake").has_value());
  });
  const auto start = std::chrono::steady_clock::now();
  auto messages = Claim(*queue, "w", 10, 5s);
  const auto waited = std::chrono::steady_clock::now() - start;
  producer.join();
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(messages[0].payload, "wake");
  EXPECT_LT(waited, 2s);

  const auto empty_start = std::chrono::steady_clock::now();
  EXPECT_TRUE(Claim(*queue, "w", 10, 150ms).empty());
  EXPECT_GE(std::chrono::steady_clock::now() - empty_start, 150ms);
}

TEST_F(QueueRedisTest, ConcurrentConsumersProcessEachMessageExactlyOnce) {
  auto queue = Open();
  constexpr int kMessages = 2000;
  for (int chunk = 0; chunk < kMessages / 200; ++chunk) {
    std::vector<EnqueueItem> items;
    for (int i = chunk * 200; i < (chunk + 1) * 200; ++i) {
      items.push_back({"property-" + std::to_string(i % 37), "resv-" + std::to_string(i)});
    }
    ASSERT_TRUE(queue->EnqueueBatch(items).has_value());
  }

  std::mutex mutex;
  std::map<std::string, int> seen;
  std::atomic<int> acked{0};
  std::atomic<bool> failed{false};
  std::vector<std::thread> consumers;
  const auto deadline = std::chrono::steady_clock::now() + 30s;
  for (int c = 0; c < 4; ++c) {
    consumers.emplace_back([&, c] {
      const std::string name = "consumer-" + std::to_string(c);
      while (acked.load() < kMessages && std::chrono::steady_clock::now() < deadline) {
        auto batch = queue->Claim(name, 50, 50ms);
        if (!batch || !queue->Ack(*batch)) {
          failed = true;
          return;
        }
        {
          std::lock_guard lock(mutex);
          for (const auto& m : *batch) ++seen[m.payload];
        }
        acked += static_cast<int>(batch->size());
      }
    });
  }
  for (auto& t : consumers) t.join();
  ASSERT_FALSE(failed.load());
  EXPECT_EQ(acked.load(), kMessages);
  ASSERT_EQ(seen.size(), static_cast<size_t>(kMessages));
  for (const auto& [payload, count] : seen) EXPECT_EQ(count, 1) << payload;
  EXPECT_EQ(Unsettled(*queue), 0);
}

TEST_F(QueueRedisTest, FullShardRefusesInsteadOfTrimming) {
  auto queue = Open({.shards = 1, .max_length = 3});
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(queue->Enqueue("k", "p").has_value());
  auto refused = queue->Enqueue("k", "p");
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, ErrorCode::kStoreUnavailable);
  EXPECT_EQ(Integer({"XLEN", queue->StreamKey(0)}), 3);

  auto messages = Claim(*queue, "w", 1);
  ASSERT_TRUE(queue->Ack(messages).has_value());
  EXPECT_TRUE(queue->Enqueue("k", "p").has_value());
}

TEST_F(QueueRedisTest, LostConsumerGroupsAreRecreated) {
  auto queue = Open({.shards = 2});
  for (int shard = 0; shard < 2; ++shard) {
    ASSERT_TRUE(pool_->Command({"XGROUP", "DESTROY", queue->StreamKey(shard), "workers"}));
  }
  ASSERT_TRUE(queue->Enqueue("k", "survives").has_value());
  auto messages = Claim(*queue, "w");
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(messages[0].payload, "survives");
}

TEST_F(QueueRedisTest, GroupsLostBetweenBackToBackClaimsAreRecreated) {
  auto queue = Open({.shards = 2});
  ASSERT_TRUE(queue->Enqueue("k", "before").has_value());
  auto before = Claim(*queue, "w");
  ASSERT_EQ(before.size(), 1u);
  ASSERT_TRUE(queue->Ack(before).has_value());
  for (int shard = 0; shard < 2; ++shard) {
    ASSERT_TRUE(pool_->Command({"XGROUP", "DESTROY", queue->StreamKey(shard), "workers"}));
  }
  ASSERT_TRUE(queue->Enqueue("k", "after").has_value());
  auto after = Claim(*queue, "w");
  ASSERT_EQ(after.size(), 1u);
  EXPECT_EQ(after[0].payload, "after");
}

TEST_F(QueueRedisTest, BadInputIsRejected) {
  auto queue = Open();
  EXPECT_EQ(queue->Enqueue("k", "").error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(queue->EnqueueBatch({{"k", "ok"}, {"k", ""}}).error().code,
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(queue->Claim("", 10, 0ms).error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(queue->Ack({Message{.id = "x", .shard = 0}}).error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(queue->DeadLetter(Message{.id = "1-0", .shard = 4}, "r").error().code,
            ErrorCode::kInvalidArgument);
  auto bad_options = RedisWorkQueue::Open(*pool_, system_clock_, {.shards = 0});
  EXPECT_EQ(bad_options.error().code, ErrorCode::kInvalidArgument);
  auto braces = RedisWorkQueue::Open(*pool_, system_clock_, {.stream = "a{b}"});
  EXPECT_EQ(braces.error().code, ErrorCode::kInvalidArgument);
}

TEST(QueueRedisDownTest, UnavailableRedisIsStoreUnavailableNotACrash) {
  test::RedisServer server;
  auto pool = server.NewPool(2);
  core::SystemClock clock;
  auto queue = RedisWorkQueue::Open(*pool, clock, {});
  ASSERT_TRUE(queue.has_value()) << queue.error().ToString();
  ASSERT_TRUE((*queue)->Enqueue("k", "before").has_value());
  auto messages = (*queue)->Claim("w", 10, 0ms);
  ASSERT_TRUE(messages.has_value());
  ASSERT_EQ(messages->size(), 1u);

  server.Kill();
  EXPECT_EQ((*queue)->Enqueue("k", "after").error().code, ErrorCode::kStoreUnavailable);
  EXPECT_EQ((*queue)->EnqueueBatch({{"k", "after"}}).error().code, ErrorCode::kStoreUnavailable);
  EXPECT_EQ((*queue)->Claim("w", 10, 100ms).error().code, ErrorCode::kStoreUnavailable);
  EXPECT_EQ((*queue)->Ack(*messages).error().code, ErrorCode::kStoreUnavailable);
  EXPECT_EQ((*queue)->RetryLater((*messages)[0], clock.Now()).error().code,
            ErrorCode::kStoreUnavailable);
  EXPECT_EQ((*queue)->DeadLetter((*messages)[0], "r").error().code, ErrorCode::kStoreUnavailable);
  auto reopened = RedisWorkQueue::Open(*pool, clock, {});
  EXPECT_EQ(reopened.error().code, ErrorCode::kStoreUnavailable);
}

}  // namespace
}  // namespace chansync::queue
