#pragma once

#include <chrono>
#include <compare>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "chansync/core/clock.h"
#include "chansync/queue/work_queue.h"

namespace chansync::queue::testing {

struct InMemoryWorkQueueOptions {
  int shards = 4;
  // Measured with the injected clock's SteadyNow, so a FakeClock drives reclaims.
  std::chrono::milliseconds reclaim_idle{30000};
  int64_t max_deliveries = 5;
  size_t max_payload_bytes = 1 << 20;
};

struct DeadLetterRecord {
  int shard = 0;
  std::string payload;
  std::string reason;
  std::string original_id;  // tracking id answered by Enqueue
  int64_t deliveries = 0;
};

// The WorkQueue contract in memory, for unit tests: same shard hashing, tracking ids, reclaim
// after the idle time, max deliveries, delayed retries (due by the clock's Now) and dead
// letters. Claim waits up to `block` in real time only when nothing is ready; unit tests pass
// zero. Thread-safe.
class InMemoryWorkQueue final : public WorkQueue {
 public:
  // `clock` must outlive the queue.
  explicit InMemoryWorkQueue(const core::Clock& clock, InMemoryWorkQueueOptions options = {});

  core::Result<std::string> Enqueue(std::string_view shard_key, std::string_view payload) override;
  core::Result<std::vector<std::string>> EnqueueBatch(
      const std::vector<EnqueueItem>& items) override;
  core::Result<std::vector<Message>> Claim(std::string_view consumer, size_t max,
                                           std::chrono::milliseconds block) override;
  core::Status Ack(const std::vector<Message>& messages) override;
  core::Status RetryLater(const Message& message, core::Timestamp due) override;
  core::Status DeadLetter(const Message& message, std::string_view reason) override;

  // While set, every call fails with STORE_UNAVAILABLE, as when Redis is down.
  void SetUnavailable(bool unavailable);
  // Blocks until at least `count` Claim calls are waiting for an entry, so a test enqueues
  // knowing the claim already waits.
  void WaitForBlockedClaims(size_t count) const;

  std::vector<DeadLetterRecord> dead_letters() const;
  size_t ready_count() const;    // enqueued, never delivered
  size_t pending_count() const;  // delivered, not yet settled
  size_t pending_count(std::string_view consumer) const;
  size_t delayed_count() const;  // waiting in RetryLater
  size_t unsettled_count() const { return ready_count() + pending_count() + delayed_count(); }

 private:
  struct EntryId {
    int64_t ms = 0;
    int64_t seq = 0;
    friend auto operator<=>(const EntryId&, const EntryId&) = default;
  };
  struct Entry {
    std::string payload;
    int64_t prior_deliveries = 0;
    std::string tracking_id;  // empty: this entry's own
  };
  struct Pending {
    std::string consumer;
    std::chrono::steady_clock::time_point delivered_at;
    int64_t deliveries = 0;
  };
  struct Shard {
    std::map<EntryId, Entry> entries;
    std::map<EntryId, Pending> pending;
    std::multimap<int64_t, Entry> delayed;  // by due ms
    EntryId last_generated;
    EntryId last_delivered;
  };

  core::Status CheckAvailable() const;
  core::Status CheckPayload(std::string_view payload) const;
  core::Result<EntryId> CheckMessage(const Message& message) const;
  EntryId AddLocked(int shard, Entry entry);
  // Returns the message, or nothing after dead-lettering it for too many deliveries.
  std::optional<Message> DeliverLocked(int shard, EntryId id, int64_t deliveries);
  void SettleLocked(int shard, EntryId id);
  void ClaimReadyLocked(const std::string& consumer, size_t max, std::vector<Message>& out);

  const core::Clock& clock_;
  const InMemoryWorkQueueOptions options_;
  mutable std::mutex mutex_;
  std::condition_variable enqueued_;
  mutable std::condition_variable claim_blocked_;
  size_t blocked_claims_ = 0;
  std::vector<Shard> shards_;
  std::vector<DeadLetterRecord> dead_letters_;
  bool unavailable_ = false;
};

}  // namespace chansync::queue::testing
