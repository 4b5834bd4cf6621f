#pragma once

#include <condition_variable>
#include <mutex>
#include <vector>

#include "chansync/queue/forwarding_work_queue.h"

namespace chansync::queue::testing {

// A WorkQueue in front of another whose EnqueueBatch calls stop at a gate: each batch is
// recorded when it reaches the gate and goes on to `inner` only once the gate is open. A test
// holds a batch on its way to the store while other callers arrive, and sees which items
// travelled together. Every other call, Enqueue included, goes straight to `inner`.
//
// Thread-safe. `inner` must outlive this queue; a batch still held at the gate must be let
// through (Open) before it is destroyed.
class GatedWorkQueue final : public ForwardingWorkQueue {
 public:
  // The gate starts closed.
  explicit GatedWorkQueue(WorkQueue& inner);

  // Records the batch's size, waits until the gate is open, then forwards it.
  core::Result<std::vector<std::string>> EnqueueBatch(
      const std::vector<EnqueueItem>& items) override;

  // Lets the batches held at the gate, and every later one, through. Idempotent.
  void Open();
  // Blocks until at least `count` batches have reached the gate, held or let through.
  void WaitForBatches(size_t count) const;
  // The size of every batch that reached the gate, in order of arrival.
  std::vector<size_t> batch_sizes() const;

 private:
  mutable std::mutex mutex_;
  mutable std::condition_variable changed_;
  bool open_ = false;
  std::vector<size_t> batch_sizes_;
};

}  // namespace chansync::queue::testing
