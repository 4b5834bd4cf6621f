#pragma once

#include <memory>
#include <string>
#include <vector>

#include "chansync/redis/redis.h"
#include "chansync/test/process.h"

namespace chansync::test {

// A real redis-server for one test suite: its own temp dir, listening on a unix socket there
// (and on a free TCP port on 127.0.0.1 for processes that want host:port). No persistence
// unless asked, so tests stay fast.
class RedisServer {
 public:
  struct Options {
    bool append_only = false;
    // Appended to redis-server's command line: "--appendfsync", "always", "--replicaof", ...
    std::vector<std::string> extra_args;
    // With a password, the server knows one ACL user, `user` with `password` and every right,
    // and its default user is off: every client must AUTH. The pools it hands out do.
    std::string user = "chansync";
    std::string password;
  };
  RedisServer() : RedisServer(Options{}) {}
  explicit RedisServer(Options options);
  ~RedisServer();

  // "unix:/tmp/.../redis.sock", for RedisEndpoint::Parse and for --redis flags.
  std::string endpoint() const { return "unix:" + socket_path_; }
  std::string tcp_endpoint() const { return "127.0.0.1:" + std::to_string(port_); }
  int port() const { return port_; }
  redis::RedisEndpoint parsed_endpoint() const;
  // A new pool on this server, with its credentials when it has some.
  std::unique_ptr<redis::RedisPool> NewPool(int size = 4) const;
  // The password the server was started with (empty: none); the --redis-password-file given to
  // `chansync serve` holds it.
  const std::string& password() const { return options_.password; }
  const std::string& user() const { return options_.user; }
  void FlushAll();
  void Kill();  // SIGKILL, to test what survives a crash
  // Starts it again after Kill, on the same port, socket and directory (so on the same AOF),
  // and waits until it answers PING (it answers LOADING while it replays the AOF).
  void Restart();
  pid_t pid() const { return process_.pid(); }
  const std::string& dir() const { return dir_.path(); }

 private:
  void Start();

  TempDir dir_;
  Options options_;
  std::string socket_path_;
  int port_ = 0;
  ChildProcess process_;
};

}  // namespace chansync::test
