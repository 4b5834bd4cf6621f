#include "chansync/queue/testing/in_memory_work_queue.h"

#include <charconv>

namespace chansync::queue::testing {
namespace {

using core::ErrorCode;

int64_t ToMillis(core::Timestamp t) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}

}  // namespace

InMemoryWorkQueue::InMemoryWorkQueue(const core::Clock& clock, InMemoryWorkQueueOptions options)
    : clock_(clock), options_(options), shards_(std::max(options.shards, 1)) {}

void InMemoryWorkQueue::SetUnavailable(bool unavailable) {
  std::lock_guard lock(mutex_);
  unavailable_ = unavailable;
}

core::Status InMemoryWorkQueue::CheckAvailable() const {
  if (unavailable_) return core::Fail(ErrorCode::kStoreUnavailable, "work queue is unavailable");
  return core::Ok();
}

core::Status InMemoryWorkQueue::CheckPayload(std::string_view payload) const {
  if (payload.empty()) return core::Fail(ErrorCode::kInvalidArgument, "payload is empty");
  if (payload.size() > options_.max_payload_bytes) {
    return core::Fail(ErrorCode::kInvalidArgument, "payload too large");
  }
  return core::Ok();
}

core::Result<InMemoryWorkQueue::EntryId> InMemoryWorkQueue::CheckMessage(
    const Message& message) const {
  if (message.shard < 0 || message.shard >= static_cast<int>(shards_.size())) {
    return core::Fail(ErrorCode::kInvalidArgument, "message shard out of range");
  }
  if (!IsValidEntryId(message.id)) {
    return core::Fail(ErrorCode::kInvalidArgument, "message id is not a stream entry id");
  }
  if (!message.tracking_id.empty() && !ParseTrackingId(message.tracking_id)) {
    return core::Fail(ErrorCode::kInvalidArgument, "message tracking id is malformed");
  }
  if (message.deliveries < 0) {
    return core::Fail(ErrorCode::kInvalidArgument, "message deliveries must not be negative");
  }
  const auto dash = message.id.find('-');
  EntryId id;
  std::from_chars(message.id.data(), message.id.data() + dash, id.ms);
  std::from_chars(message.id.data() + dash + 1, message.id.data() + message.id.size(), id.seq);
  return id;
}

InMemoryWorkQueue::EntryId InMemoryWorkQueue::AddLocked(int shard, Entry entry) {
  Shard& s = shards_[shard];
  const int64_t now_ms = ToMillis(clock_.Now());
  EntryId id = now_ms > s.last_generated.ms
                   ? EntryId{now_ms, 0}
                   : EntryId{s.last_generated.ms, s.last_generated.seq + 1};
  s.last_generated = id;
  s.entries.emplace(id, std::move(entry));
  return id;
}

core::Result<std::string> InMemoryWorkQueue::Enqueue(std::string_view shard_key,
                                                     std::string_view payload) {
  ASSIGN_OR_RETURN(auto ids,
                   EnqueueBatch({EnqueueItem{std::string(shard_key), std::string(payload)}}));
  return std::move(ids.front());
}

core::Result<std::vector<std::string>> InMemoryWorkQueue::EnqueueBatch(
    const std::vector<EnqueueItem>& items) {
  for (const auto& item : items) {
    RETURN_IF_ERROR(CheckPayload(item.payload));
  }
  std::vector<std::string> ids;
  {
    std::lock_guard lock(mutex_);
    RETURN_IF_ERROR(CheckAvailable());
    for (const auto& item : items) {
      const int shard = ShardFor(item.shard_key, static_cast<int>(shards_.size()));
      const EntryId id = AddLocked(shard, Entry{item.payload, 0, {}});
      ids.push_back(FormatTrackingId(shard, std::to_string(id.ms) + "-" + std::to_string(id.seq)));
    }
  }
  enqueued_.notify_all();
  return ids;
}

std::optional<Message> InMemoryWorkQueue::DeliverLocked(int shard, EntryId id, int64_t deliveries) {
  const Entry& entry = shards_[shard].entries.at(id);
  const std::string entry_id = std::to_string(id.ms) + "-" + std::to_string(id.seq);
  Message message{.id = entry_id,
                  .shard = shard,
                  .payload = entry.payload,
                  .deliveries = deliveries + entry.prior_deliveries,
                  .tracking_id = entry.tracking_id.empty() ? FormatTrackingId(shard, entry_id)
                                                           : entry.tracking_id};
  if (message.deliveries <= options_.max_deliveries) return message;
  dead_letters_.push_back({shard, message.payload,
                           "delivered " + std::to_string(message.deliveries) +
                               " times, more than max_deliveries " +
                               std::to_string(options_.max_deliveries),
                           message.tracking_id, message.deliveries});
  SettleLocked(shard, id);
  return std::nullopt;
}

void InMemoryWorkQueue::SettleLocked(int shard, EntryId id) {
  shards_[shard].pending.erase(id);
  shards_[shard].entries.erase(id);
}

void InMemoryWorkQueue::ClaimReadyLocked(const std::string& consumer, size_t max,
                                         std::vector<Message>& out) {
  const int64_t now_ms = ToMillis(clock_.Now());
  const auto steady_now = clock_.SteadyNow();
  for (size_t shard = 0; shard < shards_.size(); ++shard) {
    auto& delayed = shards_[shard].delayed;
    while (!delayed.empty() && delayed.begin()->first <= now_ms) {
      AddLocked(static_cast<int>(shard), std::move(delayed.begin()->second));
      delayed.erase(delayed.begin());
    }
  }
  for (size_t shard = 0; shard < shards_.size() && out.size() < max; ++shard) {
    auto& pending = shards_[shard].pending;
    for (auto it = pending.begin(); it != pending.end() && out.size() < max;) {
      const EntryId id = it->first;
      Pending& p = it->second;
      ++it;  // DeliverLocked may erase the current element
      if (steady_now - p.delivered_at < options_.reclaim_idle) continue;
      p.consumer = consumer;
      p.delivered_at = steady_now;
      ++p.deliveries;
      if (auto message = DeliverLocked(static_cast<int>(shard), id, p.deliveries)) {
        out.push_back(std::move(*message));
      }
    }
  }
  for (size_t shard = 0; shard < shards_.size() && out.size() < max; ++shard) {
    Shard& s = shards_[shard];
    auto it = s.entries.upper_bound(s.last_delivered);
    while (it != s.entries.end() && out.size() < max) {
      const EntryId id = it->first;
      ++it;
      s.last_delivered = id;
      s.pending[id] = Pending{consumer, steady_now, 1};
      if (auto message = DeliverLocked(static_cast<int>(shard), id, 1)) {
        out.push_back(std::move(*message));
      }
    }
  }
}

core::Result<std::vector<Message>> InMemoryWorkQueue::Claim(std::string_view consumer, size_t max,
                                                            std::chrono::milliseconds block) {
  if (consumer.empty()) return core::Fail(ErrorCode::kInvalidArgument, "consumer name is empty");
  std::vector<Message> out;
  std::unique_lock lock(mutex_);
  RETURN_IF_ERROR(CheckAvailable());
  if (max == 0) return out;
  ClaimReadyLocked(std::string(consumer), max, out);
  if (out.empty() && block.count() > 0) {
    ++blocked_claims_;
    claim_blocked_.notify_all();
    enqueued_.wait_for(lock, block);
    --blocked_claims_;
    RETURN_IF_ERROR(CheckAvailable());
    ClaimReadyLocked(std::string(consumer), max, out);
  }
  return out;
}

void InMemoryWorkQueue::WaitForBlockedClaims(size_t count) const {
  std::unique_lock lock(mutex_);
  claim_blocked_.wait(lock, [&] { return blocked_claims_ >= count; });
}

core::Status InMemoryWorkQueue::Ack(const std::vector<Message>& messages) {
  std::lock_guard lock(mutex_);
  if (auto ok = CheckAvailable(); !ok) return ok;
  std::vector<EntryId> ids;
  for (const auto& message : messages) {
    ASSIGN_OR_RETURN(auto id, CheckMessage(message));
    ids.push_back(id);
  }
  for (size_t i = 0; i < messages.size(); ++i) {
    if (shards_[messages[i].shard].pending.contains(ids[i]))
      SettleLocked(messages[i].shard, ids[i]);
  }
  return core::Ok();
}

core::Status InMemoryWorkQueue::RetryLater(const Message& message, core::Timestamp due) {
  std::lock_guard lock(mutex_);
  if (auto ok = CheckAvailable(); !ok) return ok;
  ASSIGN_OR_RETURN(auto id, CheckMessage(message));
  Shard& s = shards_[message.shard];
  if (!s.pending.contains(id)) return core::Ok();
  s.delayed.emplace(ToMillis(due),
                    Entry{message.payload, message.deliveries,
                          message.tracking_id.empty() ? FormatTrackingId(message.shard, message.id)
                                                      : message.tracking_id});
  SettleLocked(message.shard, id);
  return core::Ok();
}

core::Status InMemoryWorkQueue::DeadLetter(const Message& message, std::string_view reason) {
  std::lock_guard lock(mutex_);
  if (auto ok = CheckAvailable(); !ok) return ok;
  ASSIGN_OR_RETURN(auto id, CheckMessage(message));
  if (!shards_[message.shard].pending.contains(id)) return core::Ok();
  dead_letters_.push_back({message.shard, message.payload, std::string(reason),
                           message.tracking_id.empty() ? FormatTrackingId(message.shard, message.id)
                                                       : message.tracking_id,
                           message.deliveries});
  SettleLocked(message.shard, id);
  return core::Ok();
}

std::vector<DeadLetterRecord> InMemoryWorkQueue::dead_letters() const {
  std::lock_guard lock(mutex_);
  return dead_letters_;
}

size_t InMemoryWorkQueue::ready_count() const {
  std::lock_guard lock(mutex_);
  size_t count = 0;
  for (const auto& s : shards_) {
    count += std::distance(s.entries.upper_bound(s.last_delivered), s.entries.end());
  }
  return count;
}

size_t InMemoryWorkQueue::pending_count() const {
  std::lock_guard lock(mutex_);
  size_t count = 0;
  for (const auto& s : shards_) count += s.pending.size();
  return count;
}

size_t InMemoryWorkQueue::pending_count(std::string_view consumer) const {
  std::lock_guard lock(mutex_);
  size_t count = 0;
  for (const auto& s : shards_) {
    for (const auto& [id, p] : s.pending) count += p.consumer == consumer ? 1 : 0;
  }
  return count;
}

size_t InMemoryWorkQueue::delayed_count() const {
  std::lock_guard lock(mutex_);
  size_t count = 0;
  for (const auto& s : shards_) count += s.delayed.size();
  return count;
}

}  // namespace chansync::queue::testing
