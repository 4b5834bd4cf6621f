#pragma once

#include <string>
#include <vector>

#include "chansync/core/error.h"
#include "chansync/redis/redis.h"

namespace chansync::queue {

// Lua scripts of RedisWorkQueue. Each touches the keys of one shard only (same hash tag).

// KEYS: stream, delayed, dead. ARGV: group, consumer, budget, now_ms, min_idle_ms, cursor,
// max_deliveries, shard, promote_limit. Promotes due retries, reclaims idle entries, reads new
// ones, dead-letters those over max_deliveries. Returns {cursor, more, last_delivered_id,
// next_due_ms, {id, payload, deliveries, tracking_id}...}; the last two are empty strings unless
// nothing was delivered.
const redis::RedisScript& ClaimScript();
// KEYS: stream, delayed. ARGV: group, id, due_ms, tracking_id, deliveries, payload.
const redis::RedisScript& RetryLaterScript();
// KEYS: stream, dead. ARGV: group, id, payload, reason, tracking_id, deliveries.
const redis::RedisScript& DeadLetterScript();
// KEYS: stream. ARGV: max_length, payload. XADD unless the stream is full (QUEUEFULL error).
const redis::RedisScript& BoundedAddScript();

using redis::PipelineScript;
using redis::ScriptCall;

// Maps a Redis error reply to an error code: transient states (full shard, loading, busy,
// failover) are STORE_UNAVAILABLE, anything else INTERNAL.
core::Error ReplyError(std::string_view context, std::string_view reply_text);

}  // namespace chansync::queue
