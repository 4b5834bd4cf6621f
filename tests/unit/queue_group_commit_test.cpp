#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <iterator>
#include <map>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "chansync/core/testing/fake_clock.h"
#include "chansync/queue/group_commit_queue.h"
#include "chansync/queue/testing/gated_work_queue.h"
#include "chansync/queue/testing/in_memory_work_queue.h"

namespace chansync::queue {
namespace {

using namespace std::chrono_literals;
using core::ErrorCode;

constexpr size_t kMaxBatch = 8;

class GroupCommitQueueTest : public ::testing::Test {
 protected:
  struct Call {
    std::string payload;
    core::Result<std::string> id;
  };

  // Every entry on the queue, claimed and acknowledged: tracking id → payload.
  std::map<std::string, std::string> Drain() {
    std::map<std::string, std::string> stored;
    while (true) {
      auto claimed = memory_.Claim("c", 500, 0ms);
      EXPECT_TRUE(claimed);
      if (!claimed || claimed->empty()) return stored;
      for (const auto& m : *claimed) stored.emplace(m.tracking_id, m.payload);
      EXPECT_TRUE(memory_.Ack(*claimed));
    }
  }

  // One caller's item is held at the gate on its way to the store; `behind` more callers
  // enqueue meanwhile, each on its own thread. The gate opens once the queue counts all of
  // them waiting, so which items travel together depends on the queue alone. Returns every
  // call, the held one first.
  std::vector<Call> EnqueueBehindAHeldBatch(size_t behind) {
    std::vector<Call> calls(behind + 1);
    for (size_t i = 0; i < calls.size(); ++i) calls[i].payload = "call-" + std::to_string(i);
    auto enqueue = [&](size_t i) { calls[i].id = queue_.Enqueue("riviera", calls[i].payload); };
    std::vector<std::jthread> callers;
    callers.emplace_back(enqueue, size_t{0});
    gated_.WaitForBatches(1);
    for (size_t i = 1; i < calls.size(); ++i) callers.emplace_back(enqueue, i);
    while (queue_.waiting() < behind) std::this_thread::yield();
    gated_.Open();
    callers.clear();  // joins
    return calls;
  }

  void ExpectEachStoredUnderItsOwnId(const std::vector<Call>& calls) {
    auto stored = Drain();
    EXPECT_EQ(stored.size(), calls.size());
    for (const auto& call : calls) {
      ASSERT_TRUE(call.id) << call.payload << ": " << call.id.error().ToString();
      EXPECT_EQ(stored[*call.id], call.payload);
    }
  }

  core::testing::FakeClock clock_;
  testing::InMemoryWorkQueue memory_{clock_};
  testing::GatedWorkQueue gated_{memory_};
  GroupCommitQueue queue_{gated_, kMaxBatch};
};

TEST_F(GroupCommitQueueTest, ALoneCallIsStoredAtOnceWithItsTrackingId) {
  gated_.Open();
  auto id = queue_.Enqueue("riviera", "one");
  ASSERT_TRUE(id) << id.error().ToString();
  EXPECT_TRUE(ParseTrackingId(*id));
  EXPECT_EQ(queue_.batches_sent(), 1u);
  EXPECT_EQ(gated_.batch_sizes(), std::vector<size_t>{1});
  auto claimed = memory_.Claim("c", 10, 0ms);
  ASSERT_TRUE(claimed);
  ASSERT_EQ(claimed->size(), 1u);
  EXPECT_EQ((*claimed)[0].payload, "one");
  EXPECT_EQ((*claimed)[0].tracking_id, *id);
}

TEST_F(GroupCommitQueueTest, CallersArrivingWhileABatchIsOnItsWayLeaveTogetherInTheNext) {
  auto calls = EnqueueBehindAHeldBatch(kMaxBatch);
  EXPECT_EQ(gated_.batch_sizes(), (std::vector<size_t>{1, kMaxBatch}));
  EXPECT_EQ(queue_.batches_sent(), 2u);
  EXPECT_EQ(queue_.waiting(), 0u);
  ExpectEachStoredUnderItsOwnId(calls);
}

TEST_F(GroupCommitQueueTest, MaxBatchBoundsHowManyWaitingCallersLeaveTogether) {
  auto calls = EnqueueBehindAHeldBatch(2 * kMaxBatch + 3);
  EXPECT_EQ(gated_.batch_sizes(), (std::vector<size_t>{1, kMaxBatch, kMaxBatch, 3}));
  EXPECT_EQ(queue_.batches_sent(), 4u);
  ExpectEachStoredUnderItsOwnId(calls);
}

TEST_F(GroupCommitQueueTest, ConcurrentCallsAreEachStoredOnceUnderTheirOwnId) {
  gated_.Open();
  constexpr int kThreads = 16;
  constexpr int kPerThread = 50;
  std::vector<std::vector<Call>> calls(kThreads);
  {
    std::vector<std::jthread> threads;
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&, t] {
        for (int i = 0; i < kPerThread; ++i) {
          std::string payload = std::to_string(t) + "/" + std::to_string(i);
          auto id = queue_.Enqueue("p" + std::to_string(t), payload);
          calls[t].push_back(Call{std::move(payload), std::move(id)});
        }
      });
    }
  }
  std::vector<Call> all;
  for (auto& per_thread : calls) std::ranges::move(per_thread, std::back_inserter(all));
  ExpectEachStoredUnderItsOwnId(all);
  const auto sizes = gated_.batch_sizes();
  EXPECT_EQ(queue_.batches_sent(), sizes.size());
  size_t items = 0;
  for (size_t size : sizes) {
    EXPECT_LE(size, kMaxBatch);
    items += size;
  }
  EXPECT_EQ(items, size_t{kThreads * kPerThread}) << "every item left in exactly one batch";
}

TEST_F(GroupCommitQueueTest, ABadPayloadFailsItsOwnCallerOnly) {
  gated_.Open();
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
  EXPECT_EQ(Drain().size(), 150u);
}

TEST_F(GroupCommitQueueTest, AStoreOutageFailsTheCallersAndTheNextCallsSucceed) {
  gated_.Open();
  memory_.SetUnavailable(true);
  auto down = queue_.Enqueue("p", "x");
  ASSERT_FALSE(down);
  EXPECT_EQ(down.error().code, ErrorCode::kStoreUnavailable);
  memory_.SetUnavailable(false);
  auto up = queue_.Enqueue("p", "y");
  ASSERT_TRUE(up) << up.error().ToString();
  EXPECT_EQ(Drain(), (std::map<std::string, std::string>{{*up, "y"}}));
}

}  // namespace
}  // namespace chansync::queue
