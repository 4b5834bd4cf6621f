#pragma once

#include "chansync/queue/work_queue.h"

namespace chansync::queue {

// A WorkQueue that hands every call, unchanged, to another one: the base of decorators, which
// override only the calls they change.
//
// Thread-safety: as `inner`, which must outlive this queue.
class ForwardingWorkQueue : public WorkQueue {
 public:
  explicit ForwardingWorkQueue(WorkQueue& inner);

  core::Result<std::string> Enqueue(std::string_view shard_key, std::string_view payload) override;
  void EnqueueAsync(EnqueueItem item, EnqueueCompletion done) override;
  core::Result<std::vector<std::string>> EnqueueBatch(
      const std::vector<EnqueueItem>& items) override;
  core::Result<std::vector<Message>> Claim(std::string_view consumer, size_t max,
                                           std::chrono::milliseconds block) override;
  core::Status Ack(const std::vector<Message>& messages) override;
  core::Status RetryLater(const Message& message, core::Timestamp due) override;
  core::Status DeadLetter(const Message& message, std::string_view reason) override;

 protected:
  WorkQueue& inner() const { return inner_; }

 private:
  WorkQueue& inner_;
};

}  // namespace chansync::queue
