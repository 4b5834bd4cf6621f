#pragma once

#include "chansync/redis/redis.h"

namespace chansync::integration {

// The Lua scripts of RedisIntegrationLog. Each touches only keys passed in KEYS: the index keys
// it may need come with their names, "<month>:<class>" (e.g. "stay:2026-10:failed"), so a
// script finds a key by name and never builds one. A record whose stored header names an index
// the caller did not pass is answered "STALE <months of the stored header>" and left alone; the
// caller passes those months' keys too and runs the script again.

// KEYS: n record keys of one property, then the index keys. ARGV: n, then per record: member,
// score (sale ms), stored string, months, class; then the names of the index keys, in their
// order. Writes every record and moves it between indexes, or writes nothing and answers STALE.
// Answers n when written.
const redis::RedisScript& PutScript();

// KEYS[1]: record key, then the index keys. ARGV: member, seen updated_at ms, record JSON,
// class, sale ms, arrival, departure, then the names of the index keys, in their order.
// Compare-and-set on updated_at; the months
// stay and the record changes class index in each of them when its class changes. Answers OK,
// NOT_FOUND, CHANGED (updated_at differs), MOVED (sale time or stay differs) or STALE.
const redis::RedisScript& ReplaceScript();

}  // namespace chansync::integration
