#pragma once

#include <condition_variable>
#include <deque>
#include <mutex>

#include "chansync/queue/work_queue.h"

namespace chansync::queue {

// A WorkQueue whose single Enqueue calls, when they arrive together, go to the store as one
// EnqueueBatch (group commit): while one batch is on its way, the calls that arrive wait and
// leave together in the next, in one round trip instead of one each. A call that finds no batch
// on its way is sent at once, so a lone caller waits no longer than with the inner queue.
//
// Each Enqueue keeps its contract: it returns only once its own payload is stored, with its own
// tracking id. A batch that fails for bad input is retried item by item, so one caller's
// oversized payload fails that caller alone; a store failure fails every caller of the batch
// (each may retry; the worker integrates a revision once). Everything else is passed through.
//
// Thread-safety: as WorkQueue. `inner` must outlive this queue.
class GroupCommitQueue final : public WorkQueue {
 public:
  // `max_batch` bounds how many calls leave in one batch.
  explicit GroupCommitQueue(WorkQueue& inner, size_t max_batch = 256);

  core::Result<std::string> Enqueue(std::string_view shard_key, std::string_view payload) override;
  core::Result<std::vector<std::string>> EnqueueBatch(
      const std::vector<EnqueueItem>& items) override;
  core::Result<std::vector<Message>> Claim(std::string_view consumer, size_t max,
                                           std::chrono::milliseconds block) override;
  core::Status Ack(const std::vector<Message>& messages) override;
  core::Status RetryLater(const Message& message, core::Timestamp due) override;
  core::Status DeadLetter(const Message& message, std::string_view reason) override;

  // How many store batches Enqueue calls have gone out in (for tests and statistics).
  uint64_t batches_sent() const;

 private:
  struct Waiter;
  void SendLocked(std::unique_lock<std::mutex>& lock);

  WorkQueue& inner_;
  const size_t max_batch_;
  mutable std::mutex mutex_;
  std::condition_variable settled_;
  std::deque<Waiter*> waiting_;
  bool sending_ = false;
  uint64_t batches_sent_ = 0;
};

}  // namespace chansync::queue
