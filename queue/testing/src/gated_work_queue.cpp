#include "chansync/queue/testing/gated_work_queue.h"

namespace chansync::queue::testing {

GatedWorkQueue::GatedWorkQueue(WorkQueue& inner) : ForwardingWorkQueue(inner) {}

core::Result<std::vector<std::string>> GatedWorkQueue::EnqueueBatch(
    const std::vector<EnqueueItem>& items) {
  {
    std::unique_lock lock(mutex_);
    batch_sizes_.push_back(items.size());
    changed_.notify_all();
    changed_.wait(lock, [&] { return open_; });
  }
  return ForwardingWorkQueue::EnqueueBatch(items);
}

void GatedWorkQueue::Open() {
  std::lock_guard lock(mutex_);
  open_ = true;
  changed_.notify_all();
}

void GatedWorkQueue::WaitForBatches(size_t count) const {
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [&] { return batch_sizes_.size() >= count; });
}

std::vector<size_t> GatedWorkQueue::batch_sizes() const {
  std::lock_guard lock(mutex_);
  return batch_sizes_;
}

}  // namespace chansync::queue::testing
