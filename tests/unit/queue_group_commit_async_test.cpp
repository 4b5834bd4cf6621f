#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "chansync/channel/ingestor.h"
#include "chansync/core/reservation_json.h"
#include "chansync/core/testing/fake_clock.h"
#include "chansync/queue/group_commit_queue.h"
#include "chansync/queue/testing/gated_work_queue.h"
#include "chansync/queue/testing/in_memory_work_queue.h"

namespace chansync::queue {
namespace {

using namespace std::chrono_literals;
using core::ErrorCode;

// Collects completions by name; counts every call so a second completion shows up.
class Completions {
 public:
  EnqueueCompletion For(std::string name) {
    return [this, name = std::move(name)](core::Result<std::string> result) {
      std::lock_guard lock(mutex_);
      ++calls_[name];
      results_.insert_or_assign(name, std::move(result));
      done_.notify_all();
    };
  }
  void WaitFor(size_t count) {
    std::unique_lock lock(mutex_);
    ASSERT_TRUE(done_.wait_for(lock, 10s, [&] { return results_.size() >= count; }))
        << results_.size() << " of " << count << " completions";
  }
  size_t size() const {
    std::lock_guard lock(mutex_);
    return results_.size();
  }
  core::Result<std::string> Get(const std::string& name) const {
    std::lock_guard lock(mutex_);
    return results_.at(name);
  }
  // True when every name completed exactly once.
  bool EachOnce() const {
    std::lock_guard lock(mutex_);
    for (const auto& [name, calls] : calls_) {
      if (calls != 1) return false;
    }
    return true;
  }

 private:
  mutable std::mutex mutex_;
  std::condition_variable done_;
  std::map<std::string, core::Result<std::string>> results_;
  std::map<std::string, int> calls_;
};

class GroupCommitAsyncTest : public ::testing::Test {
 protected:
  std::map<std::string, std::string> StoredByTrackingId() {
    std::map<std::string, std::string> stored;
    auto claimed = memory_.Claim("c", 100000, 0ms);
    EXPECT_TRUE(claimed);
    for (const auto& m : claimed.value_or(std::vector<Message>{})) {
      stored.emplace(m.tracking_id, m.payload);
    }
    return stored;
  }

  core::testing::FakeClock clock_;
  testing::InMemoryWorkQueue memory_{clock_};
  testing::GatedWorkQueue gated_{memory_};
  Completions completions_;
};

TEST_F(GroupCommitAsyncTest, TheCallerDoesNotWaitForTheStore) {
  GroupCommitQueue queue(gated_, 64);
  queue.EnqueueAsync({"riviera", "first"}, completions_.For("first"));
  gated_.WaitForBatches(1);
  EXPECT_EQ(completions_.size(), 0u) << "completed before its batch was stored";
  gated_.Open();
  completions_.WaitFor(1);
  auto id = completions_.Get("first");
  ASSERT_TRUE(id) << id.error().ToString();
  EXPECT_EQ(StoredByTrackingId().at(*id), "first");
}

TEST_F(GroupCommitAsyncTest, ItemsArrivingDuringABatchLeaveTogetherInOrder) {
  GroupCommitQueue queue(gated_, 64);
  queue.EnqueueAsync({"riviera", "p0"}, completions_.For("p0"));
  gated_.WaitForBatches(1);
  for (int i = 1; i <= 10; ++i) {
    const std::string name = "p" + std::to_string(i);
    queue.EnqueueAsync({"riviera", name}, completions_.For(name));
  }
  gated_.Open();
  completions_.WaitFor(11);
  EXPECT_EQ(gated_.batch_sizes(), (std::vector<size_t>{1, 10}));
  EXPECT_EQ(queue.batches_sent(), 2u);
  EXPECT_TRUE(completions_.EachOnce());

  auto stored = StoredByTrackingId();
  ASSERT_EQ(stored.size(), 11u);
  std::optional<TrackingId> previous;
  for (int i = 0; i <= 10; ++i) {
    const std::string name = "p" + std::to_string(i);
    auto id = completions_.Get(name);
    ASSERT_TRUE(id) << id.error().ToString();
    EXPECT_EQ(stored.at(*id), name) << "each caller gets its own item's id";
    auto parsed = ParseTrackingId(*id);
    ASSERT_TRUE(parsed);
    // One shard key: the stream keeps the order in which the items were enqueued.
    if (previous) {
      EXPECT_EQ(parsed->shard, previous->shard);
      EXPECT_TRUE(parsed->entry_id != previous->entry_id);
    }
    previous = *parsed;
  }
  auto claimed_in_order = [&] {
    std::vector<std::string> order;
    for (int i = 0; i <= 10; ++i) order.push_back(*completions_.Get("p" + std::to_string(i)));
    return order;
  }();
  auto sorted = claimed_in_order;
  std::sort(sorted.begin(), sorted.end(), [](const std::string& a, const std::string& b) {
    auto x = ParseTrackingId(a)->entry_id;
    auto y = ParseTrackingId(b)->entry_id;
    auto split = [](const std::string& e) {
      const auto dash = e.find('-');
      return std::pair{std::stoll(e.substr(0, dash)), std::stoll(e.substr(dash + 1))};
    };
    return split(x) < split(y);
  });
  EXPECT_EQ(claimed_in_order, sorted) << "entry ids follow the enqueue order";
}

TEST_F(GroupCommitAsyncTest, ABadPayloadFailsItsOwnCallerOnly) {
  GroupCommitQueue queue(gated_, 64);
  queue.EnqueueAsync({"riviera", "before"}, completions_.For("before"));
  gated_.WaitForBatches(1);
  queue.EnqueueAsync({"riviera", "good-1"}, completions_.For("good-1"));
  queue.EnqueueAsync({"riviera", ""}, completions_.For("empty"));
  queue.EnqueueAsync({"riviera", "good-2"}, completions_.For("good-2"));
  gated_.Open();
  completions_.WaitFor(4);
  EXPECT_TRUE(completions_.EachOnce());
  auto bad = completions_.Get("empty");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, ErrorCode::kInvalidArgument);
  auto stored = StoredByTrackingId();
  EXPECT_EQ(stored.size(), 3u);
  for (const char* name : {"before", "good-1", "good-2"}) {
    auto id = completions_.Get(name);
    ASSERT_TRUE(id) << name << ": " << id.error().ToString();
    EXPECT_EQ(stored.at(*id), name);
  }
}

TEST_F(GroupCommitAsyncTest, AStoreFailureFailsTheWholeBatchAndTheNextOneSucceeds) {
  GroupCommitQueue queue(gated_, 64);
  queue.EnqueueAsync({"riviera", "a"}, completions_.For("a"));
  gated_.WaitForBatches(1);
  memory_.SetUnavailable(true);
  queue.EnqueueAsync({"riviera", "b"}, completions_.For("b"));
  queue.EnqueueAsync({"azur", "c"}, completions_.For("c"));
  gated_.Open();
  completions_.WaitFor(3);
  for (const char* name : {"a", "b", "c"}) {
    auto result = completions_.Get(name);
    ASSERT_FALSE(result) << name;
    EXPECT_EQ(result.error().code, ErrorCode::kStoreUnavailable);
  }
  memory_.SetUnavailable(false);
  queue.EnqueueAsync({"riviera", "d"}, completions_.For("d"));
  completions_.WaitFor(4);
  EXPECT_TRUE(completions_.Get("d"));
  EXPECT_TRUE(completions_.EachOnce());
  EXPECT_EQ(StoredByTrackingId().size(), 1u);
}

TEST_F(GroupCommitAsyncTest, ShutdownFinishesTheBatchOnItsWayAndFailsTheRest) {
  GroupCommitQueue queue(gated_, 64);
  queue.EnqueueAsync({"riviera", "on-its-way"}, completions_.For("on-its-way"));
  gated_.WaitForBatches(1);
  for (int i = 0; i < 5; ++i) {
    const std::string name = "waiting-" + std::to_string(i);
    queue.EnqueueAsync({"riviera", name}, completions_.For(name));
  }
  EXPECT_EQ(queue.waiting(), 5u);
  EXPECT_FALSE(queue.stopping());
  std::jthread stop([&] { queue.Shutdown(); });
  while (!queue.stopping()) std::this_thread::yield();
  // Shutdown has begun but its batch is still held: a newcomer is refused at once, on this
  // thread. Only then is the batch on its way let through.
  queue.EnqueueAsync({"riviera", "late"}, completions_.For("late"));
  EXPECT_EQ(completions_.size(), 1u);
  gated_.Open();
  stop.join();
  ASSERT_EQ(completions_.size(), 7u) << "all completed before Shutdown returned";
  EXPECT_TRUE(completions_.EachOnce());
  EXPECT_EQ(queue.waiting(), 0u);
  auto stored = completions_.Get("on-its-way");
  ASSERT_TRUE(stored) << stored.error().ToString();
  std::vector<std::string> refused;
  for (int i = 0; i < 5; ++i) refused.push_back("waiting-" + std::to_string(i));
  refused.push_back("late");
  for (const auto& name : refused) {
    auto failed = completions_.Get(name);
    ASSERT_FALSE(failed) << name;
    EXPECT_EQ(failed.error().code, ErrorCode::kStoreUnavailable);
  }
  EXPECT_EQ(gated_.batch_sizes(), (std::vector<size_t>{1}));
  EXPECT_EQ(StoredByTrackingId().size(), 1u);

  queue.EnqueueAsync({"riviera", "after"}, completions_.For("after"));
  auto after = completions_.Get("after");
  ASSERT_FALSE(after) << "refused at once after Shutdown";
  EXPECT_EQ(after.error().code, ErrorCode::kStoreUnavailable);
}

TEST_F(GroupCommitAsyncTest, ConcurrentAsyncAndBlockingCallersEachGetTheirOwnId) {
  gated_.Open();
  GroupCommitQueue queue(gated_, 32);
  constexpr int kThreads = 8;
  constexpr int kPerThread = 200;
  std::vector<std::vector<std::pair<std::string, std::string>>> blocking(kThreads);
  {
    std::vector<std::jthread> threads;
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&, t] {
        for (int i = 0; i < kPerThread; ++i) {
          const std::string name = std::to_string(t) + "/" + std::to_string(i);
          if (t % 2 == 0) {
            queue.EnqueueAsync({"p" + std::to_string(t), name}, completions_.For(name));
          } else {
            auto id = queue.Enqueue("p" + std::to_string(t), name);
            ASSERT_TRUE(id) << id.error().ToString();
            blocking[t].emplace_back(name, *id);
          }
        }
      });
    }
  }
  completions_.WaitFor(kThreads / 2 * kPerThread);
  EXPECT_TRUE(completions_.EachOnce());
  auto stored = StoredByTrackingId();
  ASSERT_EQ(stored.size(), size_t{kThreads * kPerThread});
  for (int t = 0; t < kThreads; t += 2) {
    for (int i = 0; i < kPerThread; ++i) {
      const std::string name = std::to_string(t) + "/" + std::to_string(i);
      auto id = completions_.Get(name);
      ASSERT_TRUE(id) << id.error().ToString();
      EXPECT_EQ(stored.at(*id), name);
    }
  }
  for (const auto& per_thread : blocking) {
    for (const auto& [name, id] : per_thread) EXPECT_EQ(stored.at(id), name);
  }
  for (size_t size : gated_.batch_sizes()) EXPECT_LE(size, 32u);
}

core::Reservation ValidReservation() {
  auto r = core::ReservationFromJson(R"({
    "channel": "secureholiday", "channel_reservation_id": "SH-1001", "property": "riviera",
    "arrival": "2026-09-01", "departure": "2026-09-08", "guest_name": "Jeanne Martin",
    "product": "SH-MH4", "price": {"amount_minor": 84900, "currency": "EUR"}})");
  EXPECT_TRUE(r.has_value());
  return *r;
}

TEST_F(GroupCommitAsyncTest, PushAsyncAcceptsThroughTheGroupCommitAndRefusesInvalidInline) {
  gated_.Open();
  GroupCommitQueue queue(gated_, 64);
  // Received a little before the stay, inside the window the Ingestor accepts.
  const core::testing::FakeClock received(*core::ParseTimestamp("2026-08-15T09:30:00Z"));
  channel::Ingestor ingestor(queue, received);

  std::optional<core::Result<channel::Acceptance>> refused;
  core::Reservation invalid = ValidReservation();
  invalid.guest_name.clear();
  ingestor.PushAsync(invalid, [&](core::Result<channel::Acceptance> r) { refused = std::move(r); });
  ASSERT_TRUE(refused.has_value()) << "an invalid reservation is answered before PushAsync returns";
  ASSERT_FALSE(*refused);
  EXPECT_EQ(refused->error().code, ErrorCode::kInvalidReservation);

  std::mutex mutex;
  std::condition_variable done;
  std::optional<core::Result<channel::Acceptance>> accepted;
  ingestor.PushAsync(ValidReservation(), [&](core::Result<channel::Acceptance> r) {
    std::lock_guard lock(mutex);
    accepted = std::move(r);
    done.notify_all();
  });
  {
    std::unique_lock lock(mutex);
    ASSERT_TRUE(done.wait_for(lock, 10s, [&] { return accepted.has_value(); }));
  }
  ASSERT_TRUE(*accepted) << (*accepted).error().ToString();
  EXPECT_EQ((*accepted)->id, "riviera/secureholiday/SH-1001");
  auto stored = StoredByTrackingId();
  ASSERT_EQ(stored.size(), 1u);
  EXPECT_TRUE(stored.contains((*accepted)->tracking_id));
}

}  // namespace
}  // namespace chansync::queue
