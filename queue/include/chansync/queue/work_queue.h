#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "chansync/core/error.h"
#include "chansync/core/reservation.h"

namespace chansync::queue {

// One delivery of a queued payload to a consumer.
struct Message {
  std::string id;           // stream entry id of this delivery, e.g. "1732350000000-0"
  int shard = 0;            // which shard stream it came from
  std::string payload;      // opaque bytes (the ingest layer stores JSON)
  int64_t deliveries = 1;   // deliveries so far, this one included, across RetryLater rounds
  std::string tracking_id;  // "<shard>/<entry id>" answered by Enqueue; stable across RetryLater
};

struct EnqueueItem {
  std::string shard_key;
  std::string payload;
};

// Receives an asynchronous enqueue's tracking id, or why nothing may be assumed stored.
using EnqueueCompletion = std::move_only_function<void(core::Result<std::string>)>;

// A tracking id split into its parts, so an operator can find the entry in Redis.
struct TrackingId {
  int shard = 0;
  std::string entry_id;  // "<ms>-<seq>"

  friend bool operator==(const TrackingId&, const TrackingId&) = default;
};

// "<shard>/<entry id>".
std::string FormatTrackingId(int shard, std::string_view entry_id);
// INVALID_ARGUMENT unless `text` is "<shard>/<ms>-<seq>" with non-negative decimal numbers.
core::Result<TrackingId> ParseTrackingId(std::string_view text);
// True for a stream entry id "<ms>-<seq>".
bool IsValidEntryId(std::string_view entry_id);
// The shard of `shard_key` among `shards` (> 0): FNV-1a 64 modulo shards. Stable across
// processes and versions, so the same key always lands on the same stream.
int ShardFor(std::string_view shard_key, int shards);

// The reservation work queue: producers enqueue payloads; consumers claim batches, process them
// and settle each message exactly one way: Ack, RetryLater or DeadLetter. Delivery is
// at-least-once: a message whose consumer stalls past the reclaim idle time is handed to another
// consumer, so workers must be idempotent. All methods are thread-safe.
//
// Errors: STORE_UNAVAILABLE when the backing store cannot be reached (retry with backoff);
// INVALID_ARGUMENT for bad input (empty consumer, empty or oversized payload, a message that
// did not come from this queue); INTERNAL when the store rejects a command.
class WorkQueue {
 public:
  virtual ~WorkQueue() = default;

  // Durable when it returns OK: the payload is stored. Returns the tracking id
  // "<shard>/<entry id>". On error nothing may be assumed stored.
  virtual core::Result<std::string> Enqueue(std::string_view shard_key,
                                            std::string_view payload) = 0;

  // Enqueue without making the caller wait for the store where the implementation can: `done`
  // is called exactly once, with what Enqueue would have returned, possibly on another thread
  // and possibly before this returns. This default calls Enqueue and then `done` on the caller's
  // thread.
  virtual void EnqueueAsync(EnqueueItem item, EnqueueCompletion done) {
    done(Enqueue(item.shard_key, item.payload));
  }

  // Enqueue for many items in one round trip. Ids come back in input order. On error, some items
  // may already be stored; enqueueing the batch again can then duplicate them.
  virtual core::Result<std::vector<std::string>> EnqueueBatch(
      const std::vector<EnqueueItem>& items) = 0;

  // Up to `max` messages for `consumer`. First, delayed retries whose due time has come are made
  // visible; then messages idle longer than the reclaim idle time at another consumer (presumed
  // dead) are taken over; then new messages. When none is ready, waits up to `block` for new
  // ones (zero: never waits). A message whose deliveries would exceed the maximum goes to the
  // dead-letter stream instead of being returned. Returns an empty vector when nothing came.
  virtual core::Result<std::vector<Message>> Claim(std::string_view consumer, size_t max,
                                                   std::chrono::milliseconds block) = 0;

  // Settles processed messages: they are removed from the queue for good. Messages already
  // settled (e.g. by a consumer that took them over) are ignored. One round trip per call.
  virtual core::Status Ack(const std::vector<Message>& messages) = 0;

  // Atomically schedules the payload again at `due` and settles the original. The next delivery
  // keeps the tracking id and counts `message.deliveries` before it. No effect when the message
  // is already settled.
  virtual core::Status RetryLater(const Message& message, core::Timestamp due) = 0;

  // RetryLater without counting this delivery towards the maximum: for a message set aside
  // untried because where it goes is known to be down. It may be set aside any number of times
  // without being taken for a poison message, which only deliveries that were tried can make.
  core::Status Postpone(const Message& message, core::Timestamp due) {
    Message untried = message;
    untried.deliveries = message.deliveries > 0 ? message.deliveries - 1 : 0;
    return RetryLater(untried, due);
  }

  // Atomically records the message in the dead-letter stream with `reason` (payload, reason,
  // original tracking id, deliveries) and settles it. No effect when it is already settled.
  virtual core::Status DeadLetter(const Message& message, std::string_view reason) = 0;
};

}  // namespace chansync::queue
