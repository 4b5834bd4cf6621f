#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <set>
#include <thread>
#include <vector>

#include "chansync/core/testing/fake_clock.h"
#include "chansync/queue/group_commit_queue.h"
#include "chansync/queue/testing/in_memory_work_queue.h"

namespace chansync::queue {
namespace {

using namespace std::chrono_literals;
using core::ErrorCode;

// The in-memory queue with a store round trip's worth of delay on every batch, so callers
// arriving meanwhile pile up as they do in front of Redis.
class SlowQueue final : public WorkQueue {
 public:
  explicit SlowQueue(WorkQueue& inner) : inner_(inner) {}
  core::Result<std::string> Enqueue(std::string_view key, std::string_view payload) override {
    std::this_thread::sleep_for(1ms);
    return inner_.Enqueue(key, payload);
  }
  core::Result<std::vector<std::string>> EnqueueBatch(
      const std::vector<EnqueueItem>& items) override {
    std::this_thread::sleep_for(1ms);
    largest_batch = std::max(largest_batch.load(), items.size());
    return inner_.EnqueueBatch(items);
  }
  core::Result<std::vector<Message>> Claim(std::string_view consumer, size_t max,
                                           std::chrono::milliseconds block) override {
    return inner_.Claim(consumer, max, block);
  }
  core::Status Ack(const std::vector<Message>& messages) override { return inner_.Ack(messages); }
  core::Status RetryLater(const Message& message, core::Timestamp due) override {
    return inner_.RetryLater(message, due);
  }
  core::Status DeadLetter(const Message& message, std::string_view reason) override {
    return inner_.DeadLetter(message, reason);
  }
  std::atomic<size_t> largest_batch = 0;

 private:
  WorkQueue& inner_;
};

class GroupCommitQueueTest : public ::testing::Test {
 protected:
  // Every payload on the queue, claimed and acknowledged.
  std::multiset<std::string> DrainPayloads() {
    std::multiset<std::string> payloads;
    while (true) {
      auto claimed = memory_.Claim("c", 500, 0ms);
      EXPECT_TRUE(claimed);
      if (!claimed || claimed->empty()) return payloads;
      for (const auto& m : *claimed) payloads.insert(m.payload);
      EXPECT_TRUE(memory_.Ack(*claimed));
    }
  }

  core::testing::FakeClock clock_;
  testing::InMemoryWorkQueue memory_{clock_};
  SlowQueue slow_{memory_};
  GroupCommitQueue queue_{slow_, 64};
};

TEST_F(GroupCommitQueueTest, ALoneCallIsStoredAtOnceWithItsTrackingId) {
  auto id = queue_.Enqueue("riviera", "one");
  ASSERT_TRUE(id) << id.error().ToString();
  EXPECT_TRUE(ParseTrackingId(*id));
  EXPECT_EQ(queue_.batches_sent(), 1u);
  auto claimed = memory_.Claim("c", 10, 0ms);
  ASSERT_TRUE(claimed);
  ASSERT_EQ(claimed->size(), 1u);
  EXPECT_EQ((*claimed)[0].payload, "one");
  EXPECT_EQ((*claimed)[0].tracking_id, *id);
}

TEST_F(GroupCommitQueueTest, ConcurrentCallsLeaveInFewerBatchesEachWithItsOwnId) {
  constexpr int kThreads = 16;
  constexpr int kPerThread = 50;
  std::vector<std::vector<std::string>> ids(kThreads);
  {
    std::vector<std::jthread> threads;
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&, t] {
        for (int i = 0; i < kPerThread; ++i) {
          auto id =
              queue_.Enqueue("p" + std::to_string(t), std::to_string(t) + "/" + std::to_string(i));
          ASSERT_TRUE(id) << id.error().ToString();
          ids[t].push_back(*id);
        }
      });
    }
  }
  std::set<std::string> distinct;
  for (const auto& per_thread : ids) distinct.insert(per_thread.begin(), per_thread.end());
  EXPECT_EQ(distinct.size(), size_t{kThreads * kPerThread});
  auto payloads = DrainPayloads();
  EXPECT_EQ(payloads.size(), size_t{kThreads * kPerThread});
  for (int t = 0; t < kThreads; ++t) {
    for (int i = 0; i < kPerThread; ++i) {
      EXPECT_EQ(payloads.count(std::to_string(t) + "/" + std::to_string(i)), 1u);
    }
  }
  EXPECT_LT(queue_.batches_sent(), uint64_t{kThreads * kPerThread} / 2);
  EXPECT_GT(slow_.largest_batch.load(), 1u);
  EXPECT_LE(slow_.largest_batch.load(), 64u);
}

TEST_F(GroupCommitQueueTest, ABadPayloadFailsItsOwnCallerOnly) {
  std::atomic<int> stored = 0;
  std::atomic<int> refused = 0;
  {
    std::vector<std::jthread> threads;
    for (int t = 0; t < 8; ++t) {
      threads.emplace_back([&, t] {
        for (int i = 0; i < 20; ++i) {
          const bool bad = t == 0 && i % 2 == 0;
          auto id = queue_.Enqueue("p", bad ? "" : "ok-" + std::to_string(t));
          if (id) ++stored;
          if (!id && id.error().code == ErrorCode::kInvalidArgument && bad) ++refused;
        }
      });
    }
  }
  EXPECT_EQ(refused, 10);
  EXPECT_EQ(stored, 150);
  EXPECT_EQ(DrainPayloads().size(), 150u);
}

TEST_F(GroupCommitQueueTest, AStoreOutageFailsTheCallersAndTheNextCallsSucceed) {
  memory_.SetUnavailable(true);
  auto down = queue_.Enqueue("p", "x");
  ASSERT_FALSE(down);
  EXPECT_EQ(down.error().code, ErrorCode::kStoreUnavailable);
  memory_.SetUnavailable(false);
  EXPECT_TRUE(queue_.Enqueue("p", "y"));
  EXPECT_EQ(DrainPayloads(), std::multiset<std::string>{"y"});
}

}  // namespace
}  // namespace chansync::queue
