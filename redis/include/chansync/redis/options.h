#pragma once

#include <chrono>
#include <optional>
#include <string>

namespace chansync::redis {

// How a pool and its connections behave. Every timeout must be positive.
struct RedisOptions {
  std::chrono::milliseconds connect_timeout{1000};
  // A call's deadline when it names none, counted from when it starts. Must exceed the BLOCK time
  // of any blocking command sent without a deadline of its own.
  std::chrono::milliseconds command_timeout{3000};
  int pool_size = 8;
  // How long RedisPool::Acquire waits for a free connection before it fails.
  std::chrono::milliseconds acquire_timeout{5000};
  // Credentials sent with AUTH on every new connection, so also after every reconnect: an ACL
  // user (empty: the default user) and its password (empty: no AUTH). The password is never
  // part of an error message or a log line.
  std::string user;
  std::string password;
};

// Per call: a command, a pipeline or a script run.
struct CallOptions {
  using Clock = std::chrono::steady_clock;

  // When the call must have read its last reply. Unset: command_timeout after the call starts.
  // One deadline serves every round trip of a call, so a script run that must load its script
  // first stays within it.
  std::optional<Clock::time_point> deadline;

  static CallOptions Within(std::chrono::milliseconds timeout) {
    return CallOptions{.deadline = Clock::now() + timeout};
  }
};

}  // namespace chansync::redis
