#pragma once

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "chansync/core/error.h"

struct redisContext;

namespace chansync::redis {

// A Redis reply copied out of hiredis, so no hiredis type leaks past this header.
struct RedisReply {
  enum class Type { kNil, kString, kInteger, kArray, kStatus, kError };
  Type type = Type::kNil;
  std::string str;  // kString, kStatus, kError
  long long integer = 0;
  std::vector<RedisReply> elements;

  bool is_nil() const { return type == Type::kNil; }
  bool is_error() const { return type == Type::kError; }
};

// "host:port", "[::1]:port" or "unix:/path/to/redis.sock".
struct RedisEndpoint {
  std::string host;
  int port = 6379;
  std::string unix_socket;

  static core::Result<RedisEndpoint> Parse(std::string_view text);
  std::string ToString() const;
};

struct RedisOptions {
  std::chrono::milliseconds connect_timeout{1000};
  // Must exceed the BLOCK time of any blocking command sent on the connection.
  std::chrono::milliseconds command_timeout{3000};
  int pool_size = 8;
};

using RedisCommand = std::vector<std::string>;

// One connection. Not thread-safe. Connects lazily and, after an I/O error, drops the socket and
// reconnects on the next call; a command that failed on I/O is never resent here because only
// the caller knows whether it is idempotent.
class RedisConnection {
 public:
  RedisConnection(RedisEndpoint endpoint, RedisOptions options);
  ~RedisConnection();
  RedisConnection(const RedisConnection&) = delete;
  RedisConnection& operator=(const RedisConnection&) = delete;

  // STORE_UNAVAILABLE on connection or I/O failure; INTERNAL when Redis answers an error reply
  // (the message carries Redis's text, e.g. "NOSCRIPT ...").
  core::Result<RedisReply> Command(const RedisCommand& argv);
  // Sends all commands in one write and reads all replies: one round trip. Error replies stay
  // in place as kError elements; only I/O failure fails the whole call.
  core::Result<std::vector<RedisReply>> Pipeline(const std::vector<RedisCommand>& commands);

 private:
  core::Status EnsureConnected();
  std::unexpected<core::Error> DropWithError(std::string_view what);

  RedisEndpoint endpoint_;
  RedisOptions options_;
  redisContext* context_ = nullptr;
};

// A bounded, thread-safe pool of connections. Calls block while every connection is busy.
class RedisPool {
 public:
  RedisPool(RedisEndpoint endpoint, RedisOptions options);
  ~RedisPool();

  class Lease {
   public:
    Lease(RedisPool* pool, std::unique_ptr<RedisConnection> connection)
        : pool_(pool), connection_(std::move(connection)) {}
    Lease(Lease&&) = default;
    ~Lease();
    RedisConnection& operator*() { return *connection_; }
    RedisConnection* operator->() { return connection_.get(); }

   private:
    RedisPool* pool_;
    std::unique_ptr<RedisConnection> connection_;
  };

  // A connection for several dependent commands (WATCH ... EXEC) on the same socket.
  Lease Acquire();
  core::Result<RedisReply> Command(const RedisCommand& argv) { return Acquire()->Command(argv); }
  core::Result<std::vector<RedisReply>> Pipeline(const std::vector<RedisCommand>& commands) {
    return Acquire()->Pipeline(commands);
  }
  const RedisEndpoint& endpoint() const { return endpoint_; }
  const RedisOptions& options() const { return options_; }

 private:
  void Release(std::unique_ptr<RedisConnection> connection);

  RedisEndpoint endpoint_;
  RedisOptions options_;
  std::mutex mutex_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<RedisConnection>> idle_;
  int created_ = 0;
};

// A Lua script run by EVALSHA. It is loaded (SCRIPT LOAD) on first use and loaded again when
// Redis forgot it (NOSCRIPT after a restart or SCRIPT FLUSH). Thread-safe.
class RedisScript {
 public:
  explicit RedisScript(std::string source) : source_(std::move(source)) {}

  core::Result<RedisReply> Run(RedisPool& pool, const std::vector<std::string>& keys,
                               const std::vector<std::string>& args) const;
  core::Result<RedisReply> Run(RedisConnection& connection, const std::vector<std::string>& keys,
                               const std::vector<std::string>& args) const;
  // The EVALSHA command, for pipelines. Loads the script first if this process has not yet.
  core::Result<RedisCommand> EvalShaCommand(RedisConnection& connection,
                                            const std::vector<std::string>& keys,
                                            const std::vector<std::string>& args) const;

 private:
  core::Result<std::string> Sha1(RedisConnection& connection, bool reload) const;

  std::string source_;
  mutable std::mutex mutex_;
  mutable std::string sha1_;
};

}  // namespace chansync::redis
