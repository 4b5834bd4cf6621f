#pragma once

#include <string_view>

#include "chansync/core/error.h"
#include "chansync/redis/redis.h"

namespace chansync::app {

// What an accepted reservation survives (docs/RELIABILITY.md, "Durability").
enum class Durability {
  kEverysec,    // the server's AOF fsyncs every second: a machine crash loses up to ~1 s
  kAlways,      // the server fsyncs every write before answering: checked at start
  kReplicated,  // each accepted batch waits for a replica's copy (WAIT 1)
};

// "everysec" | "always" | "replicated"; INVALID_ARGUMENT naming the three otherwise.
core::Result<Durability> ParseDurability(std::string_view text);

// At start: for kAlways, INVALID_ARGUMENT (a configuration error: serve does not start) unless
// the server says it runs with appendonly yes and appendfsync always; a server that will not say
// (CONFIG disabled) is refused too. chansync never changes the server's configuration itself:
// that belongs to whoever runs Redis, and a CONFIG SET not written to redis.conf would be lost
// at the server's next restart. STORE_UNAVAILABLE when Redis cannot be reached. Ok for the
// others.
core::Status CheckServerDurability(redis::RedisPool& redis, Durability durability);

}  // namespace chansync::app
