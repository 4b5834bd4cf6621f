#pragma once

#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

#include "chansync/queue/forwarding_work_queue.h"

namespace chansync::queue {

// A WorkQueue whose single enqueues, when they arrive together, go to the store as one
// EnqueueBatch (group commit): one sender thread sends the oldest pending items in one round
// trip; the items that arrive meanwhile leave together in the next. A lone item is sent as soon
// as the sender is free, so it waits about one thread hand-off longer than with the inner queue.
//
// Each enqueue keeps its contract: it completes only once its own payload is stored, with its
// own tracking id. A batch that fails for bad input is retried item by item, so one caller's
// oversized payload fails that caller alone; a store failure fails every caller of the batch
// (each may retry; the worker integrates a revision once). Every other call, EnqueueBatch
// included, goes straight to `inner`.
//
// Shutdown (Shutdown or destruction): the batch on its way completes as usual; items still
// waiting, and any enqueued afterwards, fail with STORE_UNAVAILABLE. No completion runs after
// Shutdown returns.
//
// Thread-safety: as WorkQueue. `inner` must outlive this queue.
class GroupCommitQueue final : public ForwardingWorkQueue {
 public:
  // `max_batch` bounds how many items leave in one batch. Starts the sender thread.
  explicit GroupCommitQueue(WorkQueue& inner, size_t max_batch = 256);
  // Shutdown.
  ~GroupCommitQueue() override;

  // Stops the sender as described above and waits for it. Idempotent; not to be called from a
  // completion, nor from two threads at once.
  void Shutdown();

  GroupCommitQueue(const GroupCommitQueue&) = delete;
  GroupCommitQueue& operator=(const GroupCommitQueue&) = delete;

  // Blocks until the item's batch is stored (or failed).
  core::Result<std::string> Enqueue(std::string_view shard_key, std::string_view payload) override;
  // Never blocks on the store: `done` runs on the sender thread once the item's batch is stored
  // (or failed), or on the caller's thread when the queue is shutting down.
  void EnqueueAsync(EnqueueItem item, EnqueueCompletion done) override;

  // How many store batches single enqueues have gone out in (for tests and statistics).
  uint64_t batches_sent() const;
  // How many enqueued items wait for the next batch: accepted by Enqueue/EnqueueAsync, not yet
  // handed to the store (the batch on its way is not counted). A snapshot that may be stale
  // when it returns; a growing count means the store falls behind the callers. 0 once the
  // sender has stopped.
  size_t waiting() const;
  // True once Shutdown has begun (or destruction): from then on every enqueue is refused at
  // once, on the caller's thread, with STORE_UNAVAILABLE. Never turns false again.
  bool stopping() const;

 private:
  struct Pending {
    EnqueueItem item;
    EnqueueCompletion done;
  };
  void SendLoop();
  std::vector<core::Result<std::string>> Store(const std::vector<EnqueueItem>& items);

  const size_t max_batch_;
  mutable std::mutex mutex_;
  std::condition_variable arrived_;
  std::deque<Pending> pending_;
  bool stopping_ = false;
  uint64_t batches_sent_ = 0;
  std::thread sender_;  // last: started once everything it reads is constructed
};

}  // namespace chansync::queue
