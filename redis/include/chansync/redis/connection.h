#pragma once

#include <chrono>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "chansync/core/error.h"
#include "chansync/redis/endpoint.h"
#include "chansync/redis/options.h"
#include "chansync/redis/reply.h"

struct redisContext;

namespace chansync::redis {

using RedisCommand = std::vector<std::string>;

// One connection. Not thread-safe. Connects lazily and, after an I/O error or a missed deadline,
// drops the socket and reconnects on the next call, so a reply left half-read is never taken for
// the next call's. A command that failed on I/O is never resent here because only the caller
// knows whether it is idempotent.
//
// A call that misses its deadline answers STORE_UNAVAILABLE, like a lost connection: callers
// retry both the same way, with backoff. A deadline already past when the call starts fails it
// before anything is sent.
class RedisConnection {
 public:
  RedisConnection(RedisEndpoint endpoint, RedisOptions options);
  ~RedisConnection();
  RedisConnection(const RedisConnection&) = delete;
  RedisConnection& operator=(const RedisConnection&) = delete;

  // STORE_UNAVAILABLE on connection or I/O failure, a missed deadline, refused credentials or
  // a server that wants credentials (NOAUTH); INTERNAL when Redis answers another error reply
  // (the message carries Redis's text, e.g. "NOSCRIPT ...").
  core::Result<RedisReply> Command(const RedisCommand& argv, CallOptions call = {});
  // Sends all commands in one write and reads all replies: one round trip. Error replies stay
  // in place as kError elements; only I/O failure or a missed deadline fails the whole call.
  core::Result<std::vector<RedisReply>> Pipeline(const std::vector<RedisCommand>& commands,
                                                 CallOptions call = {});

 private:
  using Clock = CallOptions::Clock;

  core::Result<std::vector<RedisReply>> RoundTrip(std::span<const RedisCommand> commands,
                                                  CallOptions call);
  // Connects, then authenticates with the options' credentials (STORE_UNAVAILABLE naming the
  // user and Redis's refusal, never the password, when AUTH is refused).
  core::Status EnsureConnected();
  core::Status Authenticate();
  core::Status Send(Clock::time_point deadline);
  core::Result<RedisReply> Receive(Clock::time_point deadline);
  core::Status LimitNextWait(Clock::time_point deadline);
  std::unexpected<core::Error> DropAfterFailedIo(Clock::time_point deadline);
  std::unexpected<core::Error> DropWithError(std::string_view what);

  RedisEndpoint endpoint_;
  RedisOptions options_;
  redisContext* context_ = nullptr;
  // What the socket's send and receive timeouts are set to.
  std::chrono::microseconds socket_timeout_{0};
};

}  // namespace chansync::redis
