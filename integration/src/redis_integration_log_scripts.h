#pragma once

#include "chansync/redis/redis.h"

namespace chansync::integration {

// The Lua scripts of RedisIntegrationLog. Each touches only keys passed in KEYS and never builds
// a key name. A record whose stored header names an index the caller did not pass is answered
// "STALE <tokens>" and left alone; the caller passes the keys the tokens name too and runs the
// script again.

// KEYS: n record keys of one property; then, per record in order, the index key of its class
// for each of its months, in the order of its months; then the indexes records may leave.
// ARGV: n, then per record: member, score (sale ms), stored string, months, class; then the
// names of the leaving index keys, "<month>:<class>" (e.g. "stay:2026-10:failed"), in their
// order. Writes every record and moves it between indexes, or writes nothing and answers
// "STALE <name> ...", naming every index a record must leave that was not passed. Answers n
// when written.
const redis::RedisScript& PutScript();

// KEYS[1]: record key, then the index keys of every class of the months the caller knows.
// ARGV: member, seen updated_at ms, record JSON, class, sale ms, arrival, departure, then the
// names of the index keys, "<month>:<class>", in their order. Compare-and-set on updated_at; the
// months stay and the record changes class index in each of them when its class changes.
// Answers OK, NOT_FOUND, CHANGED (updated_at differs), MOVED (sale time or stay differs) or
// "STALE <month> ...", naming the stored header's months that were not passed.
const redis::RedisScript& ReplaceScript();

}  // namespace chansync::integration
