#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <stop_token>
#include <string>

#include "chansync/core/clock.h"
#include "chansync/core/error.h"
#include "chansync/postings/folio_pms_directory.h"
#include "chansync/postings/posting_log.h"
#include "chansync/postings/posting_properties.h"
#include "chansync/postings/posting_setup_store.h"

namespace chansync::queue {
class WorkQueue;
struct Message;
}  // namespace chansync::queue

namespace chansync::postings {

class PostingAttempts;

struct PostingWorkerOptions {
  std::string consumer = "postings-1";  // unique per process and thread in the consumer group
  size_t batch_size = 64;
  std::chrono::milliseconds block{200};  // how long one claim waits for work
  size_t max_in_flight = 8;              // PMS postings of one batch in flight at once
  std::chrono::milliseconds pms_deadline{5000};
  // A transient failure (PMS unavailable, deadline) is tried again after backoff_base,
  // doubling per attempt up to backoff_max, for as long as it lasts: a posting is never dropped.
  std::chrono::milliseconds backoff_base{500};
  std::chrono::milliseconds backoff_max{std::chrono::minutes(1)};
};

// The wait before the next try of a posting that has failed transiently `attempts` times (>= 1):
// backoff_base * 2^(attempts-1), capped at backoff_max.
std::chrono::milliseconds PostingBackoff(int64_t attempts, std::chrono::milliseconds base,
                                         std::chrono::milliseconds max);

// Takes postings off the postings queue and books them in the PMS: claims a batch, creates the
// record of a posting that has none (the hub crashed between queueing and recording), drops a
// copy whose record holds other content (it lost a CONFLICT) or is already posted, attempts the
// rest (PostingAttempts: set-up read once per property, PmsCodeOf, one PostMany per PMS with the
// posting id as the idempotency key), records every outcome in one pipeline, and only then
// settles the messages: transient failures are postponed with backoff (their record pending with
// the last error and attempts), the rest acknowledged. A crash anywhere before the ack only
// redelivers: the PMS answers a repeated key with its first receipt, so nothing is booked twice.
//
// Thread-safety: RunOnce/Run from one thread per instance; run several with distinct consumers.
class PostingWorker {
 public:
  PostingWorker(queue::WorkQueue& queue, PostingLog& log, PostingSetupStore& setups,
                PostingProperties& properties, FolioPmsDirectory& pms, const core::Clock& clock,
                PostingWorkerOptions options = {});
  ~PostingWorker();

  // Claims one batch and processes it; answers how many messages were handled.
  // STORE_UNAVAILABLE when Redis fails: nothing is acknowledged, the batch comes back.
  core::Result<size_t> RunOnce();
  // RunOnce until stop is requested, pausing kPauseAfterError on the clock after a failure.
  void Run(std::stop_token stop);
  static constexpr std::chrono::milliseconds kPauseAfterError{500};

 private:
  struct Item;
  core::Status LoadRecords(std::vector<Item>& items);

  queue::WorkQueue& queue_;
  PostingLog& log_;
  const core::Clock& clock_;
  const PostingWorkerOptions options_;
  std::unique_ptr<PostingAttempts> attempts_;
};

}  // namespace chansync::postings
