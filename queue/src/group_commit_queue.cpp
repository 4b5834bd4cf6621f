#include "chansync/queue/group_commit_queue.h"

#include <optional>

namespace chansync::queue {

struct GroupCommitQueue::Waiter {
  EnqueueItem item;
  std::optional<core::Result<std::string>> result;
};

GroupCommitQueue::GroupCommitQueue(WorkQueue& inner, size_t max_batch)
    : inner_(inner), max_batch_(max_batch == 0 ? 1 : max_batch) {}

core::Result<std::string> GroupCommitQueue::Enqueue(std::string_view shard_key,
                                                    std::string_view payload) {
  Waiter self{EnqueueItem{std::string(shard_key), std::string(payload)}, std::nullopt};
  std::unique_lock lock(mutex_);
  waiting_.push_back(&self);
  while (!self.result) {
    if (!sending_) {
      SendLocked(lock);
    } else {
      settled_.wait(lock);
    }
  }
  return std::move(*self.result);
}

// Called with the lock held and no batch on its way; returns with the lock held. Sends the
// oldest waiters (the caller's own item among them unless more than max_batch_ are ahead, in
// which case its caller loops and sends again).
void GroupCommitQueue::SendLocked(std::unique_lock<std::mutex>& lock) {
  sending_ = true;
  std::vector<Waiter*> batch;
  while (!waiting_.empty() && batch.size() < max_batch_) {
    batch.push_back(waiting_.front());
    waiting_.pop_front();
  }
  ++batches_sent_;
  lock.unlock();

  std::vector<EnqueueItem> items;
  items.reserve(batch.size());
  for (const Waiter* waiter : batch) items.push_back(waiter->item);
  auto ids = inner_.EnqueueBatch(items);
  std::vector<core::Result<std::string>> results;
  results.reserve(batch.size());
  if (ids) {
    for (auto& id : *ids) results.emplace_back(std::move(id));
  } else if (ids.error().code == core::ErrorCode::kInvalidArgument && batch.size() > 1) {
    // Someone's payload is bad: nothing was stored, so each item goes alone and only the bad
    // one fails.
    for (const Waiter* waiter : batch) {
      results.push_back(inner_.Enqueue(waiter->item.shard_key, waiter->item.payload));
    }
  } else {
    for (size_t i = 0; i < batch.size(); ++i) results.emplace_back(std::unexpected(ids.error()));
  }

  lock.lock();
  for (size_t i = 0; i < batch.size(); ++i) batch[i]->result = std::move(results[i]);
  sending_ = false;
  settled_.notify_all();
}

core::Result<std::vector<std::string>> GroupCommitQueue::EnqueueBatch(
    const std::vector<EnqueueItem>& items) {
  return inner_.EnqueueBatch(items);
}

core::Result<std::vector<Message>> GroupCommitQueue::Claim(std::string_view consumer, size_t max,
                                                           std::chrono::milliseconds block) {
  return inner_.Claim(consumer, max, block);
}

core::Status GroupCommitQueue::Ack(const std::vector<Message>& messages) {
  return inner_.Ack(messages);
}

core::Status GroupCommitQueue::RetryLater(const Message& message, core::Timestamp due) {
  return inner_.RetryLater(message, due);
}

core::Status GroupCommitQueue::DeadLetter(const Message& message, std::string_view reason) {
  return inner_.DeadLetter(message, reason);
}

uint64_t GroupCommitQueue::batches_sent() const {
  std::lock_guard lock(mutex_);
  return batches_sent_;
}

}  // namespace chansync::queue
