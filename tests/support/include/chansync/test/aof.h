#pragma once

#include <cstdint>
#include <string>

#include "chansync/test/redis_server.h"

namespace chansync::test {

// A point in a redis-server's append-only file: the incremental AOF (Redis 7's multi-part
// layout, named by appendonlydir's manifest) and its size at that moment. Everything Redis
// answered before the mark was taken is in the file before it: Redis writes its AOF buffer
// before it sends the replies of the commands in it, whatever its fsync policy.
struct AofMark {
  std::string incremental_path;
  uintmax_t size = 0;
};

// Marks the current end of `redis`'s incremental AOF. The server must run with appendonly yes
// and without automatic rewrites (--auto-aof-rewrite-percentage 0), which would start a new file.
AofMark MarkAof(const RedisServer& redis);

// Cuts the incremental AOF back to `mark`, emulating a machine that lost every write made after
// it (page cache never fsynced). Only while the server is down (after RedisServer::Kill).
// Returns how many bytes were cut off.
uintmax_t CutAofBackTo(const AofMark& mark);

}  // namespace chansync::test
