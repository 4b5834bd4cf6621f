#include "chansync/postings/posting_worker.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <map>
#include <optional>

#include "chansync/queue/work_queue.h"
#include "posting_attempts.h"
#include "posting_json.h"

namespace chansync::postings {

// One claimed message and what the batch decides for it.
struct PostingWorker::Item {
  queue::Message message;
  Posting posting;                      // as queued
  std::optional<PostingRecord> record;  // as stored, once loaded
  std::optional<size_t> attempt;        // its index among the batch's attempts
};

std::chrono::milliseconds PostingBackoff(int64_t attempts, std::chrono::milliseconds base,
                                         std::chrono::milliseconds max) {
  std::chrono::milliseconds wait = base;
  for (int64_t i = 1; i < attempts && wait < max; ++i) wait *= 2;
  return std::min(wait, max);
}

PostingWorker::PostingWorker(queue::WorkQueue& queue, PostingLog& log, PostingSetupStore& setups,
                             PostingProperties& properties, FolioPmsDirectory& pms,
                             const core::Clock& clock, PostingWorkerOptions options)
    : queue_(queue),
      log_(log),
      clock_(clock),
      options_(std::move(options)),
      attempts_(std::make_unique<PostingAttempts>(setups, properties, pms, clock,
                                                  options_.max_in_flight, options_.pms_deadline)) {}

PostingWorker::~PostingWorker() = default;

// Reads the records of the batch (one read per property) and creates the missing ones pending
// from their queued posting, in one pipeline.
core::Status PostingWorker::LoadRecords(std::vector<Item>& items) {
  std::map<core::PropertyId, std::vector<size_t>> by_property;
  for (size_t i = 0; i < items.size(); ++i) by_property[items[i].posting.property].push_back(i);
  std::vector<PostingRecord> missing;
  std::vector<size_t> missing_items;
  const core::Timestamp now = clock_.Now();
  for (const auto& [property, indexes] : by_property) {
    std::vector<std::string> ids;
    for (size_t i : indexes) ids.push_back(items[i].posting.Id());
    ASSIGN_OR_RETURN(auto records, log_.GetMany(property, ids));
    for (size_t k = 0; k < indexes.size(); ++k) {
      Item& item = items[indexes[k]];
      if (records[k]) {
        item.record = std::move(records[k]);
        continue;
      }
      PostingRecord record;
      record.posting = item.posting;
      record.accepted_at = now;
      record.updated_at = now;
      missing.push_back(std::move(record));
      missing_items.push_back(indexes[k]);
    }
  }
  if (missing.empty()) return core::Ok();
  ASSIGN_OR_RETURN(auto inserted, log_.InsertMany(missing));
  for (size_t k = 0; k < missing_items.size(); ++k) {
    items[missing_items[k]].record = std::move(inserted[k].record);
  }
  return core::Ok();
}

core::Result<size_t> PostingWorker::RunOnce() {
  ASSIGN_OR_RETURN(auto messages,
                   queue_.Claim(options_.consumer, options_.batch_size, options_.block));
  if (messages.empty()) return size_t{0};
  std::vector<Item> items;
  for (queue::Message& message : messages) {
    auto posting = json::DecodePosting(message.payload);
    if (!posting) {
      RETURN_IF_ERROR(queue_.DeadLetter(message, posting.error().ToString()));
      continue;
    }
    items.push_back({std::move(message), std::move(*posting), std::nullopt, std::nullopt});
  }
  RETURN_IF_ERROR(LoadRecords(items));

  // What to attempt: each posting once per batch, unless it is booked already or its record
  // holds another posting of the same id (this copy lost a CONFLICT and must never be sent).
  std::vector<PostingRecord> to_attempt;
  std::map<std::string, size_t> attempt_of;
  for (Item& item : items) {
    const PostingRecord& record = *item.record;
    if (record.state == PostingState::kPosted) continue;
    if (record.posting != item.posting) {
      spdlog::warn("postings: dropping a queued copy of {} / {} that lost to other content",
                   item.posting.property, item.posting.Id());
      continue;
    }
    const std::string key = item.posting.property + "/" + item.posting.Id();
    auto [it, added] = attempt_of.emplace(key, to_attempt.size());
    if (added) to_attempt.push_back(record);
    item.attempt = it->second;
  }
  std::vector<AttemptOutcome> outcomes = attempts_->Run(to_attempt);
  std::vector<PostingRecord> updates;
  updates.reserve(outcomes.size());
  for (const AttemptOutcome& outcome : outcomes) updates.push_back(outcome.record);
  RETURN_IF_ERROR(log_.UpdateMany(updates));

  std::vector<queue::Message> done;
  std::vector<bool> postponed(outcomes.size(), false);
  for (Item& item : items) {
    if (!item.attempt || !outcomes[*item.attempt].retry) {
      done.push_back(std::move(item.message));
      continue;
    }
    // One copy carries the retry; others of the same posting in the batch are settled.
    if (postponed[*item.attempt]) {
      done.push_back(std::move(item.message));
      continue;
    }
    postponed[*item.attempt] = true;
    const PostingRecord& record = outcomes[*item.attempt].record;
    const auto wait = PostingBackoff(std::max<int64_t>(record.attempts, 1), options_.backoff_base,
                                     options_.backoff_max);
    // Postponed, not retried: an outage must not make a posting look like a poison message.
    RETURN_IF_ERROR(queue_.Postpone(item.message, clock_.Now() + wait));
  }
  RETURN_IF_ERROR(queue_.Ack(done));
  return messages.size();
}

void PostingWorker::Run(std::stop_token stop) {
  while (!stop.stop_requested()) {
    auto handled = RunOnce();
    if (handled) continue;
    spdlog::warn("postings worker {}: {}", options_.consumer, handled.error().ToString());
    clock_.WaitFor(kPauseAfterError, stop);
  }
}

}  // namespace chansync::postings
