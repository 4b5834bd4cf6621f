#pragma once

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <vector>

#include "chansync/core/error.h"
#include "chansync/redis/connection.h"
#include "chansync/redis/endpoint.h"
#include "chansync/redis/options.h"
#include "chansync/redis/reply.h"

namespace chansync::redis {

// A bounded, thread-safe pool of connections, opened on demand up to options.pool_size.
//
// A caller waits at most options.acquire_timeout for a free connection, then gets
// STORE_UNAVAILABLE. Never acquire a second connection while holding a lease: with every
// connection leased out that way, no one can ever be served.
class RedisPool {
 public:
  RedisPool(RedisEndpoint endpoint, RedisOptions options);
  ~RedisPool();

  // One connection, given back to the pool when the lease ends.
  class Lease {
   public:
    Lease(RedisPool* pool, std::unique_ptr<RedisConnection> connection)
        : pool_(pool), connection_(std::move(connection)) {}
    Lease(Lease&&) = default;
    Lease& operator=(Lease&&) = delete;
    ~Lease();
    RedisConnection& operator*() { return *connection_; }
    RedisConnection* operator->() { return connection_.get(); }

   private:
    RedisPool* pool_;
    std::unique_ptr<RedisConnection> connection_;
  };

  // A connection for several dependent calls on the same socket (WATCH ... EXEC, a pipeline of
  // scripts). STORE_UNAVAILABLE when none is free within options.acquire_timeout, or within
  // `wait` for the second form.
  core::Result<Lease> Acquire();
  core::Result<Lease> Acquire(std::chrono::milliseconds wait);
  // As Acquire, but gives up at the call's deadline if that comes first.
  core::Result<Lease> AcquireFor(const CallOptions& call);

  // One call on a connection of the pool (AcquireFor, then the connection's call). Errors as
  // RedisConnection's, and AcquireFor's.
  core::Result<RedisReply> Command(const RedisCommand& argv, CallOptions call = {});
  core::Result<std::vector<RedisReply>> Pipeline(const std::vector<RedisCommand>& commands,
                                                 CallOptions call = {});

  const RedisEndpoint& endpoint() const { return endpoint_; }
  const RedisOptions& options() const { return options_; }

 private:
  using Clock = CallOptions::Clock;

  core::Result<Lease> AcquireUntil(Clock::time_point give_up, Clock::time_point asked_at);
  void Release(std::unique_ptr<RedisConnection> connection);

  RedisEndpoint endpoint_;
  RedisOptions options_;
  std::mutex mutex_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<RedisConnection>> idle_;
  int created_ = 0;
};

}  // namespace chansync::redis
