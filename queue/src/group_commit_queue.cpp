#include "chansync/queue/group_commit_queue.h"

#include <optional>
#include <utility>

namespace chansync::queue {
namespace {

core::Error ShuttingDown() {
  return core::Error{core::ErrorCode::kStoreUnavailable, "the ingest queue is shutting down"};
}

}  // namespace

GroupCommitQueue::GroupCommitQueue(WorkQueue& inner, size_t max_batch)
    : ForwardingWorkQueue(inner),
      max_batch_(max_batch == 0 ? 1 : max_batch),
      sender_([this] { SendLoop(); }) {}

GroupCommitQueue::~GroupCommitQueue() { Shutdown(); }

void GroupCommitQueue::Shutdown() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  arrived_.notify_all();
  if (sender_.joinable()) sender_.join();
}

core::Result<std::string> GroupCommitQueue::Enqueue(std::string_view shard_key,
                                                    std::string_view payload) {
  // The waiter's state lives on this stack frame; the completion only touches it under the
  // queue's mutex, and this frame leaves only after seeing the result under that mutex.
  std::optional<core::Result<std::string>> result;
  std::condition_variable settled;
  EnqueueAsync(EnqueueItem{std::string(shard_key), std::string(payload)},
               [this, &result, &settled](core::Result<std::string> stored) {
                 std::lock_guard lock(mutex_);
                 result = std::move(stored);
                 settled.notify_one();
               });
  std::unique_lock lock(mutex_);
  settled.wait(lock, [&] { return result.has_value(); });
  return std::move(*result);
}

void GroupCommitQueue::EnqueueAsync(EnqueueItem item, EnqueueCompletion done) {
  {
    std::lock_guard lock(mutex_);
    if (!stopping_) {
      pending_.push_back(Pending{std::move(item), std::move(done)});
      // The sender only waits when nothing is pending, so only the first arrival must wake it.
      if (pending_.size() == 1) arrived_.notify_one();
      return;
    }
  }
  done(std::unexpected(ShuttingDown()));
}

void GroupCommitQueue::SendLoop() {
  std::vector<Pending> batch;
  std::vector<EnqueueItem> items;
  std::unique_lock lock(mutex_);
  while (true) {
    arrived_.wait(lock, [&] { return stopping_ || !pending_.empty(); });
    if (stopping_) break;
    while (!pending_.empty() && batch.size() < max_batch_) {
      batch.push_back(std::move(pending_.front()));
      pending_.pop_front();
    }
    ++batches_sent_;
    lock.unlock();

    items.clear();
    for (auto& entry : batch) items.push_back(std::move(entry.item));
    auto results = Store(items);
    for (size_t i = 0; i < batch.size(); ++i) batch[i].done(std::move(results[i]));
    batch.clear();

    lock.lock();
  }
  std::deque<Pending> abandoned = std::exchange(pending_, {});
  lock.unlock();
  for (auto& entry : abandoned) entry.done(std::unexpected(ShuttingDown()));
}

// One result per item, in order.
std::vector<core::Result<std::string>> GroupCommitQueue::Store(
    const std::vector<EnqueueItem>& items) {
  std::vector<core::Result<std::string>> results;
  results.reserve(items.size());
  auto ids = inner().EnqueueBatch(items);
  if (ids && ids->size() != items.size()) {
    ids = core::Fail(core::ErrorCode::kInternal,
                     "the queue answered " + std::to_string(ids->size()) + " tracking ids for " +
                         std::to_string(items.size()) + " items");
  }
  if (ids) {
    for (auto& id : *ids) results.emplace_back(std::move(id));
  } else if (ids.error().code == core::ErrorCode::kInvalidArgument && items.size() > 1) {
    // Someone's payload is bad: nothing was stored, so each item goes alone and only the bad
    // one fails.
    for (const auto& item : items) results.push_back(inner().Enqueue(item.shard_key, item.payload));
  } else {
    for (size_t i = 0; i < items.size(); ++i) results.emplace_back(std::unexpected(ids.error()));
  }
  return results;
}

uint64_t GroupCommitQueue::batches_sent() const {
  std::lock_guard lock(mutex_);
  return batches_sent_;
}

size_t GroupCommitQueue::waiting() const {
  std::lock_guard lock(mutex_);
  return pending_.size();
}

bool GroupCommitQueue::stopping() const {
  std::lock_guard lock(mutex_);
  return stopping_;
}

}  // namespace chansync::queue
