#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "chansync/redis/redis.h"
#include "commands.h"
#include "stats.h"

namespace chansync::loadgen {

// Pipelined XADD into a scratch stream: the ceiling for "accepted = on the Redis queue".
int BaselineXadd(const Flags& flags) {
  auto endpoint = redis::RedisEndpoint::Parse(flags.Get("redis", "127.0.0.1:6379"));
  if (!endpoint) {
    std::fprintf(stderr, "loadgen: %s\n", endpoint.error().message.c_str());
    return 1;
  }
  const double seconds = static_cast<double>(flags.GetInt("seconds", 5));
  const auto pipeline = static_cast<size_t>(flags.GetInt("pipeline", 64));
  const std::string payload(static_cast<size_t>(flags.GetInt("payload-bytes", 1024)), 'x');
  const std::string stream = "bench:scratch:" + flags.Get("run", "xadd");
  redis::RedisConnection redis(*endpoint, redis::RedisOptions{});
  std::vector<redis::RedisCommand> batch(pipeline, {"XADD", stream, "*", "p", payload});
  int64_t ops = 0;
  const auto start = std::chrono::steady_clock::now();
  while (SecondsSince(start) < seconds) {
    auto replies = redis.Pipeline(batch);
    if (!replies) {
      std::fprintf(stderr, "loadgen: XADD: %s\n", replies.error().ToString().c_str());
      return 1;
    }
    ops += static_cast<int64_t>(replies->size());
  }
  const double elapsed = SecondsSince(start);
  // Only tidies up a scratch stream: the figures are taken whether or not it goes.
  (void)redis.Command({"DEL", stream});
  JsonLine("baseline-xadd")
      .Number("ops", static_cast<double>(ops))
      .Number("seconds", elapsed)
      .Number("ops_per_s", static_cast<double>(ops) / elapsed)
      .Number("pipeline", static_cast<double>(pipeline))
      .Number("payload_bytes", static_cast<double>(payload.size()))
      .Print();
  return 0;
}

}  // namespace chansync::loadgen
