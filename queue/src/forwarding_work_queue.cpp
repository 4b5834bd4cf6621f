#include "chansync/queue/forwarding_work_queue.h"

#include <utility>

namespace chansync::queue {

ForwardingWorkQueue::ForwardingWorkQueue(WorkQueue& inner) : inner_(inner) {}

core::Result<std::string> ForwardingWorkQueue::Enqueue(std::string_view shard_key,
                                                       std::string_view payload) {
  return inner_.Enqueue(shard_key, payload);
}

void ForwardingWorkQueue::EnqueueAsync(EnqueueItem item, EnqueueCompletion done) {
  inner_.EnqueueAsync(std::move(item), std::move(done));
}

core::Result<std::vector<std::string>> ForwardingWorkQueue::EnqueueBatch(
    const std::vector<EnqueueItem>& items) {
  return inner_.EnqueueBatch(items);
}

core::Result<std::vector<Message>> ForwardingWorkQueue::Claim(std::string_view consumer, size_t max,
                                                              std::chrono::milliseconds block) {
  return inner_.Claim(consumer, max, block);
}

core::Status ForwardingWorkQueue::Ack(const std::vector<Message>& messages) {
  return inner_.Ack(messages);
}

core::Status ForwardingWorkQueue::RetryLater(const Message& message, core::Timestamp due) {
  return inner_.RetryLater(message, due);
}

core::Status ForwardingWorkQueue::DeadLetter(const Message& message, std::string_view reason) {
  return inner_.DeadLetter(message, reason);
}

}  // namespace chansync::queue
