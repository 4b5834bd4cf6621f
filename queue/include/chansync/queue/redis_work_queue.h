#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "chansync/core/clock.h"
#include "chansync/queue/work_queue.h"
#include "chansync/redis/key_space.h"
#include "chansync/redis/redis.h"

namespace chansync::queue {

struct RedisWorkQueueOptions {
  redis::KeySpace keys;
  // Shard n lives in keys.Shard(n, stream): "<prefix>:{q:<n>}:<stream>" and the keys beside it.
  std::string stream{redis::KeySpace::kReservationStream};
  int shards = 4;
  std::string group = "workers";
  // A message pending this long at one consumer is presumed abandoned and handed to another.
  std::chrono::milliseconds reclaim_idle{30000};
  // A message is dead-lettered instead of being delivered a (max_deliveries + 1)-th time.
  int64_t max_deliveries = 5;
  // Per-shard cap on outstanding entries; 0 = none. Acknowledged entries are deleted, so a
  // stream holds only unsettled work and trimming it would lose accepted reservations: when a
  // shard is full, Enqueue refuses with STORE_UNAVAILABLE instead (backpressure).
  int64_t max_length = 0;
  size_t max_payload_bytes = 1 << 20;
  // Replicas that must hold an enqueued batch before it counts as stored (Redis WAIT, sent in
  // the same pipeline as the XADDs); 0 = the primary's own write is enough. When fewer replicas
  // confirm within `replica_wait`, the enqueue fails STORE_UNAVAILABLE: the entries are on the
  // primary (and will be integrated), but the caller is not told they are safe.
  int replicas_to_wait_for = 0;
  std::chrono::milliseconds replica_wait{1000};
  // Connections reserved for blocking reads, opened lazily; each Claim that waits holds one, so
  // size it to the number of threads that claim concurrently in this process.
  int blocking_connections = 8;
};

// WorkQueue on Redis Streams, one stream per shard with a consumer group. Per shard, beside the
// stream (redis::ShardKeys): Delayed() (sorted set of retries scored by due time in ms, from the
// injected clock) and DeadLetters() (dead-letter stream with fields payload, reason,
// original_id, deliveries). All keys of a shard share the hash tag {q:<n>}. Acknowledged
// entries are deleted from the stream. The reclaim idle time is measured by Redis. While fresh
// entries keep coming, due retries and abandoned entries are taken at most ~100 ms late: the
// claim script that handles them runs that often and whenever a claim finds nothing fresh.
class RedisWorkQueue final : public WorkQueue {
 public:
  // Validates `options` (INVALID_ARGUMENT) and creates the consumer groups (idempotent;
  // STORE_UNAVAILABLE when Redis is down). `pool` and `clock` must outlive the queue. A second
  // pool of options.blocking_connections connections, with a command timeout longer than any
  // BLOCK it sends, is opened on the same endpoint for waiting claims. No call holds more than
  // one connection of `pool` at a time, so a pool of one serves the queue.
  static core::Result<std::unique_ptr<RedisWorkQueue>> Open(redis::RedisPool& pool,
                                                            const core::Clock& clock,
                                                            RedisWorkQueueOptions options = {});
  ~RedisWorkQueue() override;

  core::Result<std::string> Enqueue(std::string_view shard_key, std::string_view payload) override;
  core::Result<std::vector<std::string>> EnqueueBatch(
      const std::vector<EnqueueItem>& items) override;
  core::Result<std::vector<Message>> Claim(std::string_view consumer, size_t max,
                                           std::chrono::milliseconds block) override;
  core::Status Ack(const std::vector<Message>& messages) override;
  core::Status RetryLater(const Message& message, core::Timestamp due) override;
  core::Status DeadLetter(const Message& message, std::string_view reason) override;

  // Key names, for operators and tests.
  redis::ShardKeys ShardKeysOf(int shard) const;
  std::string StreamKey(int shard) const;
  std::string DelayedKey(int shard) const;
  std::string DeadLetterKey(int shard) const;
  const RedisWorkQueueOptions& options() const { return options_; }

 private:
  struct ShardPass;
  struct ClaimPass;

  RedisWorkQueue(redis::RedisPool& pool, const core::Clock& clock, RedisWorkQueueOptions options);

  // Creates the missing consumer groups on `connection`, the caller's: a claim pass that finds
  // its groups gone recreates them while it holds its lease, and waiting for a second lease
  // could wait forever once every connection of the pool is held that way.
  core::Status EnsureGroups(redis::RedisConnection& connection);
  core::Status CheckPayload(std::string_view payload) const;
  core::Status CheckMessage(const Message& message) const;
  redis::RedisCommand AddCommand(int shard, std::string_view payload) const;
  redis::RedisCommand WaitCommand() const;
  // Checks WAIT's answer: how many replicas hold the batch.
  core::Status CheckReplicated(const redis::RedisReply& reply) const;
  // A full pass runs the claim script per shard: due retries promoted, abandoned entries
  // reclaimed, fresh entries read, and what a waiting claim needs. A read pass only reads fresh
  // entries with plain XREADGROUPs; Claim runs it between full passes.
  enum class PassKind { kFull, kReadOnly };
  core::Result<ClaimPass> RunClaimPass(const std::string& consumer, size_t max, PassKind kind);
  core::Result<std::vector<ShardPass>> RunShardScripts(const std::string& consumer,
                                                       const std::vector<int>& shards,
                                                       const std::vector<size_t>& budgets);
  core::Result<std::vector<ShardPass>> RunShardReads(const std::string& consumer,
                                                     const std::vector<int>& shards,
                                                     const std::vector<size_t>& budgets);
  // DeadLetter without checking the message: also settles a fresh entry the claim script would
  // not deliver (no payload, or past max_deliveries), whose origin field is the entry's own.
  core::Status SettleAsDead(const Message& message, std::string_view reason);
  core::Status WaitForNewEntries(const std::vector<std::string>& last_delivered,
                                 std::chrono::milliseconds wait);
  core::Status RunSettleScript(const redis::RedisScript& script, std::vector<std::string> keys,
                               std::vector<std::string> args);

  redis::RedisPool& pool_;
  const core::Clock& clock_;
  const RedisWorkQueueOptions options_;
  std::unique_ptr<redis::RedisPool> blocking_pool_;
  std::mutex cursor_mutex_;
  std::vector<std::string> reclaim_cursors_;
  std::atomic<unsigned> next_first_shard_{0};
  // Steady-clock nanoseconds at which the next Claim runs a full pass whatever it finds.
  std::atomic<int64_t> next_full_pass_ns_{0};
};

}  // namespace chansync::queue
