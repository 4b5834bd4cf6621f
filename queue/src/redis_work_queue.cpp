#include "chansync/queue/redis_work_queue.h"

#include <algorithm>
#include <charconv>
#include <map>
#include <optional>
#include <span>
#include <string_view>

#include "redis_queue_scripts.h"

namespace chansync::queue {
namespace {

using core::ErrorCode;
using redis::RedisReply;

// Longest single BLOCK sent; a longer Claim wait is a loop of these, so the blocking
// connections' command timeout stays bounded.
constexpr std::chrono::milliseconds kBlockSlice{2000};
// Due retries promoted per shard and claim pass; more wait for the next pass.
constexpr int kPromoteLimit = 100;
// Rounds of a claim pass; a round refills the budget from shards that still have work.
constexpr int kMaxRoundsPerShard = 2;
// While fresh entries keep coming, claims read them with plain XREADGROUPs and run the claim
// script (due retries, abandoned entries) at most this long apart; a claim that finds nothing
// fresh runs it at once.
constexpr std::chrono::milliseconds kFullPassEvery{100};
// On top of WAIT's own timeout, for the XADDs and the round trip around it.
constexpr std::chrono::milliseconds kReplicaWaitSlack{2000};

int64_t SteadyNanos() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

int64_t ToMillis(core::Timestamp t) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}

std::optional<int64_t> ParseMillis(std::string_view text) {
  if (text.empty()) return std::nullopt;
  double value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size()) return std::nullopt;
  return static_cast<int64_t>(value);
}

// Lua's tonumber of a "prior" field: a number, else nothing.
int64_t PriorDeliveries(std::optional<std::string_view> text) {
  if (!text) return 0;
  auto millis = ParseMillis(*text);
  return millis.value_or(0);
}

// A reply reader's complaint, said of the command that answered.
core::Error BadReply(std::string_view what, const core::Error& error) {
  return core::Error{ErrorCode::kInternal,
                     "unexpected redis reply to " + std::string(what) + ": " + error.message};
}

// The claim script's answer for one shard (see ClaimScript).
struct ClaimScriptReply {
  std::string_view cursor;
  bool more = false;
  std::string_view last_delivered;
  std::string_view next_due_ms;
  std::span<const RedisReply> entries;
};

core::Result<ClaimScriptReply> ReadClaimScriptReply(const RedisReply& reply) {
  ASSIGN_OR_RETURN(const auto fields, reply.ArrayAtLeast(4));
  ClaimScriptReply out;
  ASSIGN_OR_RETURN(out.cursor, fields[0].String());
  ASSIGN_OR_RETURN(const long long more, fields[1].Integer());
  out.more = more != 0;
  ASSIGN_OR_RETURN(out.last_delivered, fields[2].String());
  ASSIGN_OR_RETURN(out.next_due_ms, fields[3].String());
  out.entries = fields.subspan(4);
  return out;
}

// {id, payload, deliveries, tracking_id}, one message the claim script delivered.
core::Result<Message> ReadClaimedMessage(int shard, const RedisReply& entry) {
  ASSIGN_OR_RETURN(const auto fields, entry.Array(4));
  ASSIGN_OR_RETURN(const std::string_view id, fields[0].String());
  ASSIGN_OR_RETURN(const std::string_view payload, fields[1].String());
  ASSIGN_OR_RETURN(const long long deliveries, fields[2].Integer());
  ASSIGN_OR_RETURN(const std::string_view tracking_id, fields[3].String());
  return Message{.id = std::string(id),
                 .shard = shard,
                 .payload = std::string(payload),
                 .deliveries = deliveries,
                 .tracking_id = std::string(tracking_id)};
}

// The entries of an XREADGROUP of one stream that read something: [[stream, entries]].
core::Result<std::span<const RedisReply>> ReadGroupEntries(const RedisReply& reply) {
  ASSIGN_OR_RETURN(const auto streams, reply.Array(1));
  ASSIGN_OR_RETURN(const auto stream, streams[0].Array(2));
  return stream[1].Array();
}

// One stream entry, [id, [field, value, ...]], with the fields the queue writes.
struct StreamEntry {
  std::string_view id;
  std::optional<std::string_view> payload;
  std::optional<std::string_view> origin;
  std::optional<std::string_view> prior;
};

core::Result<StreamEntry> ReadStreamEntry(const RedisReply& reply) {
  ASSIGN_OR_RETURN(const auto parts, reply.Array(2));
  StreamEntry entry;
  ASSIGN_OR_RETURN(entry.id, parts[0].String());
  ASSIGN_OR_RETURN(const redis::StringPairs fields, parts[1].Pairs());
  for (const auto& [name, value] : fields) {
    if (name == "payload") entry.payload = value;
    if (name == "origin") entry.origin = value;
    if (name == "prior") entry.prior = value;
  }
  return entry;
}

core::Status CheckConsumer(std::string_view consumer) {
  if (consumer.empty()) return core::Fail(ErrorCode::kInvalidArgument, "consumer name is empty");
  return core::Ok();
}

bool HasHashTagBraces(std::string_view text) {
  return text.find('{') != std::string_view::npos || text.find('}') != std::string_view::npos;
}

}  // namespace

struct RedisWorkQueue::ShardPass {
  int shard = 0;
  bool more = false;
  std::string last_delivered;
  std::optional<int64_t> next_due_ms;
  std::vector<Message> messages;
};

struct RedisWorkQueue::ClaimPass {
  std::vector<Message> messages;
  std::vector<std::string> last_delivered;  // per shard, for the wake-up read
  std::optional<int64_t> next_due_ms;
};

core::Result<std::unique_ptr<RedisWorkQueue>> RedisWorkQueue::Open(redis::RedisPool& pool,
                                                                   const core::Clock& clock,
                                                                   RedisWorkQueueOptions options) {
  const auto invalid = [](std::string message) {
    return core::Fail(ErrorCode::kInvalidArgument, "work queue options: " + std::move(message));
  };
  if (options.stream.empty() || options.group.empty()) {
    return invalid("stream and group must not be empty");
  }
  if (HasHashTagBraces(options.stream)) {
    return invalid("stream must not contain '{' or '}' (the shard is the hash tag)");
  }
  if (options.shards < 1 || options.shards > 1024) return invalid("shards must be in 1..1024");
  if (options.reclaim_idle.count() < 1) return invalid("reclaim_idle must be positive");
  if (options.max_deliveries < 1) return invalid("max_deliveries must be at least 1");
  if (options.replicas_to_wait_for < 0 || options.replica_wait.count() <= 0) {
    return invalid("replicas_to_wait_for must not be negative and replica_wait must be positive");
  }
  if (options.max_length < 0) return invalid("max_length must not be negative");
  if (options.max_payload_bytes < 1) return invalid("max_payload_bytes must be positive");
  if (options.blocking_connections < 1) return invalid("blocking_connections must be positive");

  std::unique_ptr<RedisWorkQueue> queue(new RedisWorkQueue(pool, clock, std::move(options)));
  ASSIGN_OR_RETURN(auto lease, pool.Acquire());
  RETURN_IF_ERROR(queue->EnsureGroups(*lease));
  return queue;
}

RedisWorkQueue::RedisWorkQueue(redis::RedisPool& pool, const core::Clock& clock,
                               RedisWorkQueueOptions options)
    : pool_(pool), clock_(clock), options_(std::move(options)) {
  redis::RedisOptions blocking = pool.options();
  blocking.command_timeout = pool.options().command_timeout + kBlockSlice;
  blocking.pool_size = options_.blocking_connections;
  blocking_pool_ = std::make_unique<redis::RedisPool>(pool.endpoint(), blocking);
  reclaim_cursors_.assign(options_.shards, "0-0");
}

RedisWorkQueue::~RedisWorkQueue() = default;

redis::ShardKeys RedisWorkQueue::ShardKeysOf(int shard) const {
  return options_.keys.Shard(shard, options_.stream);
}
std::string RedisWorkQueue::StreamKey(int shard) const { return ShardKeysOf(shard).Stream(); }
std::string RedisWorkQueue::DelayedKey(int shard) const { return ShardKeysOf(shard).Delayed(); }
std::string RedisWorkQueue::DeadLetterKey(int shard) const {
  return ShardKeysOf(shard).DeadLetters();
}

core::Status RedisWorkQueue::EnsureGroups(redis::RedisConnection& connection) {
  std::vector<redis::RedisCommand> commands;
  for (int shard = 0; shard < options_.shards; ++shard) {
    // From id 0: acknowledged entries are deleted, so everything in a stream is unsettled work,
    // including entries added while the group was missing (e.g. after a restart without AOF).
    commands.push_back({"XGROUP", "CREATE", StreamKey(shard), options_.group, "0", "MKSTREAM"});
  }
  ASSIGN_OR_RETURN(auto replies, connection.Pipeline(commands));
  for (const auto& reply : replies) {
    if (reply.is_error() && !reply.str.starts_with("BUSYGROUP")) {
      return std::unexpected(ReplyError("creating consumer group", reply.str));
    }
  }
  return core::Ok();
}

core::Status RedisWorkQueue::CheckPayload(std::string_view payload) const {
  if (payload.empty()) return core::Fail(ErrorCode::kInvalidArgument, "payload is empty");
  if (payload.size() > options_.max_payload_bytes) {
    return core::Fail(ErrorCode::kInvalidArgument, "payload of " + std::to_string(payload.size()) +
                                                       " bytes exceeds " +
                                                       std::to_string(options_.max_payload_bytes));
  }
  return core::Ok();
}

core::Status RedisWorkQueue::CheckMessage(const Message& message) const {
  if (message.shard < 0 || message.shard >= options_.shards) {
    return core::Fail(ErrorCode::kInvalidArgument,
                      "message shard " + std::to_string(message.shard) + " is not in 0.." +
                          std::to_string(options_.shards - 1));
  }
  if (!IsValidEntryId(message.id)) {
    return core::Fail(ErrorCode::kInvalidArgument,
                      "message id \"" + message.id + "\" is not a stream entry id");
  }
  if (!message.tracking_id.empty()) {
    if (auto parsed = ParseTrackingId(message.tracking_id); !parsed) {
      return std::unexpected(parsed.error());
    }
  }
  if (message.deliveries < 0) {
    return core::Fail(ErrorCode::kInvalidArgument, "message deliveries must not be negative");
  }
  return core::Ok();
}

redis::RedisCommand RedisWorkQueue::AddCommand(int shard, std::string_view payload) const {
  return {"XADD", StreamKey(shard), "*", "payload", std::string(payload)};
}

redis::RedisCommand RedisWorkQueue::WaitCommand() const {
  return {"WAIT", std::to_string(options_.replicas_to_wait_for),
          std::to_string(options_.replica_wait.count())};
}

core::Status RedisWorkQueue::CheckReplicated(const RedisReply& reply) const {
  if (reply.is_error()) return std::unexpected(ReplyError("WAIT", reply.str));
  auto replicas = reply.Integer();
  if (!replicas) return std::unexpected(BadReply("WAIT", replicas.error()));
  if (*replicas < options_.replicas_to_wait_for) {
    return core::Fail(ErrorCode::kStoreUnavailable,
                      "enqueued on the primary but confirmed by " + std::to_string(*replicas) +
                          " of " + std::to_string(options_.replicas_to_wait_for) +
                          " replicas within " + std::to_string(options_.replica_wait.count()) +
                          " ms");
  }
  return core::Ok();
}

core::Result<std::string> RedisWorkQueue::Enqueue(std::string_view shard_key,
                                                  std::string_view payload) {
  ASSIGN_OR_RETURN(auto ids,
                   EnqueueBatch({EnqueueItem{std::string(shard_key), std::string(payload)}}));
  return std::move(ids.front());
}

core::Result<std::vector<std::string>> RedisWorkQueue::EnqueueBatch(
    const std::vector<EnqueueItem>& items) {
  std::vector<int> shards;
  shards.reserve(items.size());
  for (size_t i = 0; i < items.size(); ++i) {
    if (auto ok = CheckPayload(items[i].payload); !ok) {
      return core::Fail(ok.error().code, "item " + std::to_string(i) + ": " + ok.error().message);
    }
    shards.push_back(ShardFor(items[i].shard_key, options_.shards));
  }
  if (items.empty()) return std::vector<std::string>{};

  ASSIGN_OR_RETURN(auto lease, pool_.Acquire());
  const bool wait_for_replicas = options_.replicas_to_wait_for > 0;
  core::Result<std::vector<RedisReply>> replies;
  if (options_.max_length == 0) {
    std::vector<redis::RedisCommand> commands;
    commands.reserve(items.size() + 1);
    for (size_t i = 0; i < items.size(); ++i) {
      commands.push_back(AddCommand(shards[i], items[i].payload));
    }
    if (!wait_for_replicas) {
      replies = lease->Pipeline(commands);
    } else {
      // WAIT rides in the same round trip: it covers every write this connection made before it.
      commands.push_back(WaitCommand());
      replies = lease->Pipeline(
          commands, redis::CallOptions::Within(options_.replica_wait + kReplicaWaitSlack));
      if (replies) {
        RETURN_IF_ERROR(CheckReplicated(replies->back()));
        replies->pop_back();
      }
    }
  } else {
    std::vector<ScriptCall> calls;
    calls.reserve(items.size());
    for (size_t i = 0; i < items.size(); ++i) {
      calls.push_back(
          {{StreamKey(shards[i])}, {std::to_string(options_.max_length), items[i].payload}});
    }
    replies = PipelineScript(*lease, BoundedAddScript(), calls);
    if (replies && wait_for_replicas) {
      ASSIGN_OR_RETURN(
          auto waited,
          lease->Command(WaitCommand(),
                         redis::CallOptions::Within(options_.replica_wait + kReplicaWaitSlack)));
      RETURN_IF_ERROR(CheckReplicated(waited));
    }
  }
  if (!replies) return std::unexpected(replies.error());

  std::vector<std::string> ids;
  ids.reserve(items.size());
  for (size_t i = 0; i < items.size(); ++i) {
    const RedisReply& reply = (*replies)[i];
    if (reply.is_error()) return std::unexpected(ReplyError("enqueue", reply.str));
    auto id = reply.String();
    if (!id) return std::unexpected(BadReply("XADD", id.error()));
    ids.push_back(FormatTrackingId(shards[i], *id));
  }
  return ids;
}

core::Result<std::vector<RedisWorkQueue::ShardPass>> RedisWorkQueue::RunShardScripts(
    const std::string& consumer, const std::vector<int>& shards,
    const std::vector<size_t>& budgets) {
  const std::string now_ms = std::to_string(ToMillis(clock_.Now()));
  const std::string min_idle = std::to_string(options_.reclaim_idle.count());
  std::vector<ScriptCall> calls;
  {
    std::lock_guard lock(cursor_mutex_);
    for (size_t i = 0; i < shards.size(); ++i) {
      const int shard = shards[i];
      calls.push_back({{StreamKey(shard), DelayedKey(shard), DeadLetterKey(shard)},
                       {options_.group, consumer, std::to_string(budgets[i]), now_ms, min_idle,
                        reclaim_cursors_[shard], std::to_string(options_.max_deliveries),
                        std::to_string(shard), std::to_string(kPromoteLimit)}});
    }
  }

  ASSIGN_OR_RETURN(auto lease, pool_.Acquire());
  ASSIGN_OR_RETURN(auto replies, PipelineScript(*lease, ClaimScript(), calls));
  const bool missing_group = std::any_of(replies.begin(), replies.end(), [](const auto& r) {
    return r.is_error() && r.str.find("NOGROUP") != std::string::npos;
  });
  if (missing_group) {
    // The groups vanished (Redis restarted without persistence, or the keys were deleted):
    // recreate them and run the pass again. The scripts write nothing before the failing call
    // except promotions, which are complete by then.
    RETURN_IF_ERROR(EnsureGroups(*lease));
    ASSIGN_OR_RETURN(replies, PipelineScript(*lease, ClaimScript(), calls));
  }

  std::vector<ShardPass> passes;
  passes.reserve(shards.size());
  for (size_t i = 0; i < shards.size(); ++i) {
    const RedisReply& reply = replies[i];
    if (reply.is_error()) return std::unexpected(ReplyError("claim", reply.str));
    auto script = ReadClaimScriptReply(reply);
    if (!script) return std::unexpected(BadReply("claim script", script.error()));
    ShardPass pass;
    pass.shard = shards[i];
    pass.more = script->more;
    pass.last_delivered = script->last_delivered;
    pass.next_due_ms = ParseMillis(script->next_due_ms);
    pass.messages.reserve(script->entries.size());
    for (const RedisReply& entry : script->entries) {
      auto message = ReadClaimedMessage(shards[i], entry);
      if (!message) return std::unexpected(BadReply("claim script entry", message.error()));
      pass.messages.push_back(std::move(*message));
    }
    {
      std::lock_guard lock(cursor_mutex_);
      reclaim_cursors_[shards[i]] = script->cursor;
    }
    passes.push_back(std::move(pass));
  }
  return passes;
}

core::Result<std::vector<RedisWorkQueue::ShardPass>> RedisWorkQueue::RunShardReads(
    const std::string& consumer, const std::vector<int>& shards,
    const std::vector<size_t>& budgets) {
  std::vector<redis::RedisCommand> commands;
  commands.reserve(shards.size());
  for (size_t i = 0; i < shards.size(); ++i) {
    commands.push_back({"XREADGROUP", "GROUP", options_.group, consumer, "COUNT",
                        std::to_string(budgets[i]), "STREAMS", StreamKey(shards[i]), ">"});
  }
  ASSIGN_OR_RETURN(auto replies, pool_.Pipeline(commands));

  std::vector<ShardPass> passes;
  passes.reserve(shards.size());
  bool missing_group = false;
  for (size_t i = 0; i < shards.size(); ++i) {
    const RedisReply& reply = replies[i];
    ShardPass pass;
    pass.shard = shards[i];
    if (reply.is_error()) {
      // The other shards' entries are already delivered to this consumer: keep them, recreate
      // the groups below, and let the next full pass read this shard.
      if (reply.str.find("NOGROUP") == std::string::npos) {
        return std::unexpected(ReplyError("claim", reply.str));
      }
      missing_group = true;
      passes.push_back(std::move(pass));
      continue;
    }
    if (reply.is_nil()) {
      passes.push_back(std::move(pass));
      continue;
    }
    auto entries = ReadGroupEntries(reply);
    if (!entries) return std::unexpected(BadReply("XREADGROUP", entries.error()));
    pass.more = entries->size() >= budgets[i];
    for (const RedisReply& raw : *entries) {
      auto entry = ReadStreamEntry(raw);
      if (!entry) return std::unexpected(BadReply("XREADGROUP entry", entry.error()));
      Message message{.id = std::string(entry->id),
                      .shard = shards[i],
                      .payload = std::string(entry->payload.value_or(std::string_view())),
                      .deliveries = 1 + PriorDeliveries(entry->prior),
                      .tracking_id = entry->origin ? std::string(*entry->origin)
                                                   : FormatTrackingId(shards[i], entry->id)};
      std::string reason;
      if (!entry->payload) {
        reason = "malformed entry: no payload field";
      } else if (message.deliveries > options_.max_deliveries) {
        reason = "delivered " + std::to_string(message.deliveries) +
                 " times, more than max_deliveries " + std::to_string(options_.max_deliveries);
      }
      if (reason.empty()) {
        pass.messages.push_back(std::move(message));
      } else if (auto settled = SettleAsDead(message, reason); !settled) {
        return std::unexpected(settled.error());
      }
    }
    passes.push_back(std::move(pass));
  }
  if (missing_group) {
    ASSIGN_OR_RETURN(auto lease, pool_.Acquire());
    RETURN_IF_ERROR(EnsureGroups(*lease));
  }
  return passes;
}

core::Result<RedisWorkQueue::ClaimPass> RedisWorkQueue::RunClaimPass(const std::string& consumer,
                                                                     size_t max, PassKind kind) {
  const int shard_count = options_.shards;
  ClaimPass result;
  result.last_delivered.assign(shard_count, "");
  std::vector<bool> explored(shard_count, false);
  std::vector<bool> more(shard_count, false);
  // Rotating the first shard spreads a small budget fairly over the shards.
  const int first = static_cast<int>(next_first_shard_.fetch_add(1) % shard_count);
  size_t remaining = max;
  for (int round = 0; remaining > 0 && round < kMaxRoundsPerShard * shard_count + 1; ++round) {
    std::vector<int> candidates;
    for (int k = 0; k < shard_count; ++k) {
      const int shard = (first + k) % shard_count;
      if (!explored[shard] || more[shard]) candidates.push_back(shard);
    }
    if (candidates.empty()) break;
    if (candidates.size() > remaining) candidates.resize(remaining);
    std::vector<size_t> budgets(candidates.size(), remaining / candidates.size());
    for (size_t i = 0; i < remaining % candidates.size(); ++i) ++budgets[i];

    ASSIGN_OR_RETURN(auto passes, kind == PassKind::kFull
                                      ? RunShardScripts(consumer, candidates, budgets)
                                      : RunShardReads(consumer, candidates, budgets));
    for (auto& pass : passes) {
      explored[pass.shard] = true;
      more[pass.shard] = pass.more;
      result.last_delivered[pass.shard] = pass.last_delivered;
      if (pass.next_due_ms && (!result.next_due_ms || *pass.next_due_ms < *result.next_due_ms)) {
        result.next_due_ms = pass.next_due_ms;
      }
      remaining -= std::min(remaining, pass.messages.size());
      std::move(pass.messages.begin(), pass.messages.end(), std::back_inserter(result.messages));
    }
  }
  return result;
}

core::Status RedisWorkQueue::WaitForNewEntries(const std::vector<std::string>& last_delivered,
                                               std::chrono::milliseconds wait) {
  // A plain XREAD from each group's last-delivered id wakes on the first undelivered entry but
  // takes nothing; the next claim pass then claims within the caller's budget.
  redis::RedisCommand command{"XREAD",  "COUNT", "1", "BLOCK", std::to_string(wait.count()),
                              "STREAMS"};
  for (int shard = 0; shard < options_.shards; ++shard) command.push_back(StreamKey(shard));
  for (const auto& id : last_delivered) command.push_back(id.empty() ? "$" : id);
  // Waiting for a blocking connection is waiting too: when none is free in time, the claim loop
  // looks again as it would after a BLOCK that timed out.
  auto lease = blocking_pool_->Acquire(wait);
  if (!lease) return core::Ok();
  ASSIGN_OR_RETURN(auto reply, (*lease)->Command(command));
  return core::Ok();
}

core::Result<std::vector<Message>> RedisWorkQueue::Claim(std::string_view consumer, size_t max,
                                                         std::chrono::milliseconds block) {
  if (auto ok = CheckConsumer(consumer); !ok) return std::unexpected(ok.error());
  if (max == 0) return std::vector<Message>{};
  const std::string consumer_name(consumer);
  // Waiting is real I/O time, so it uses the steady clock; due times use the injected clock.
  const auto deadline = std::chrono::steady_clock::now() + block;
  for (;;) {
    const int64_t now_ns = SteadyNanos();
    const int64_t every_ns = std::chrono::nanoseconds(kFullPassEvery).count();
    int64_t due_ns = next_full_pass_ns_.load();
    const bool full_due =
        now_ns >= due_ns && next_full_pass_ns_.compare_exchange_strong(due_ns, now_ns + every_ns);
    ASSIGN_OR_RETURN(auto pass, RunClaimPass(consumer_name, max,
                                             full_due ? PassKind::kFull : PassKind::kReadOnly));
    if (!pass.messages.empty()) return std::move(pass.messages);
    if (!full_due) {
      // Nothing fresh: due retries or abandoned entries may be waiting, and a wait needs what
      // only the full pass reports.
      next_full_pass_ns_.store(SteadyNanos() + every_ns);
      ASSIGN_OR_RETURN(pass, RunClaimPass(consumer_name, max, PassKind::kFull));
      if (!pass.messages.empty()) return std::move(pass.messages);
    }
    const auto now = std::chrono::steady_clock::now();
    if (now >= deadline) return std::vector<Message>{};
    auto wait = std::min(std::chrono::duration_cast<std::chrono::milliseconds>(deadline - now),
                         kBlockSlice);
    if (pass.next_due_ms) {
      const int64_t until_due = *pass.next_due_ms - ToMillis(clock_.Now());
      wait = std::min(wait, std::chrono::milliseconds(std::max<int64_t>(until_due, 0)));
    }
    if (wait.count() < 1) continue;  // BLOCK 0 would wait forever
    if (auto woke = WaitForNewEntries(pass.last_delivered, wait); !woke) {
      return std::unexpected(woke.error());
    }
  }
}

core::Status RedisWorkQueue::Ack(const std::vector<Message>& messages) {
  std::map<int, std::vector<std::string>> ids_by_shard;
  for (const auto& message : messages) {
    if (auto ok = CheckMessage(message); !ok) return ok;
    ids_by_shard[message.shard].push_back(message.id);
  }
  if (ids_by_shard.empty()) return core::Ok();
  // Per shard one transaction of plain commands, XACK then XDEL of the same ids: cheaper than a
  // script calling both once per id. Deleting unconditionally is safe because every way of
  // settling an entry deletes it, so an id this consumer no longer owns is already gone.
  std::vector<redis::RedisCommand> commands;
  commands.reserve(ids_by_shard.size() * 4);
  for (auto& [shard, ids] : ids_by_shard) {
    const std::string stream = StreamKey(shard);
    redis::RedisCommand ack{"XACK", stream, options_.group};
    redis::RedisCommand del{"XDEL", stream};
    ack.insert(ack.end(), ids.begin(), ids.end());
    del.insert(del.end(), std::make_move_iterator(ids.begin()), std::make_move_iterator(ids.end()));
    commands.push_back({"MULTI"});
    commands.push_back(std::move(ack));
    commands.push_back(std::move(del));
    commands.push_back({"EXEC"});
  }
  ASSIGN_OR_RETURN(auto replies, pool_.Pipeline(commands));
  for (size_t i = 3; i < replies.size(); i += 4) {
    const redis::RedisReply& exec = replies[i];
    if (exec.is_error()) return std::unexpected(ReplyError("ack", exec.str));
    auto steps = exec.ArrayOrNil();
    if (!steps) return std::unexpected(BadReply("EXEC", steps.error()));
    for (const auto& step : *steps) {
      if (step.is_error()) return std::unexpected(ReplyError("ack", step.str));
    }
    // A command refused while queued (say, out of memory) aborts the transaction: EXEC then
    // answers EXECABORT, caught above, and nothing was applied.
  }
  return core::Ok();
}

core::Status RedisWorkQueue::RunSettleScript(const redis::RedisScript& script,
                                             std::vector<std::string> keys,
                                             std::vector<std::string> args) {
  auto reply = script.Run(pool_, keys, args);
  if (!reply) {
    if (reply.error().code == ErrorCode::kInternal) {
      return std::unexpected(ReplyError("settle", reply.error().message));
    }
    return std::unexpected(reply.error());
  }
  return core::Ok();
}

core::Status RedisWorkQueue::RetryLater(const Message& message, core::Timestamp due) {
  if (auto ok = CheckMessage(message); !ok) return ok;
  const std::string tracking_id = message.tracking_id.empty()
                                      ? FormatTrackingId(message.shard, message.id)
                                      : message.tracking_id;
  return RunSettleScript(RetryLaterScript(), {StreamKey(message.shard), DelayedKey(message.shard)},
                         {options_.group, message.id, std::to_string(ToMillis(due)), tracking_id,
                          std::to_string(message.deliveries), message.payload});
}

core::Status RedisWorkQueue::DeadLetter(const Message& message, std::string_view reason) {
  if (auto ok = CheckMessage(message); !ok) return ok;
  return SettleAsDead(message, reason);
}

core::Status RedisWorkQueue::SettleAsDead(const Message& message, std::string_view reason) {
  const std::string tracking_id = message.tracking_id.empty()
                                      ? FormatTrackingId(message.shard, message.id)
                                      : message.tracking_id;
  return RunSettleScript(DeadLetterScript(),
                         {StreamKey(message.shard), DeadLetterKey(message.shard)},
                         {options_.group, message.id, message.payload, std::string(reason),
                          tracking_id, std::to_string(message.deliveries)});
}

}  // namespace chansync::queue
