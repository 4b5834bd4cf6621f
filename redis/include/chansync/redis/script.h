#pragma once

#include <mutex>
#include <string>
#include <vector>

#include "chansync/core/error.h"
#include "chansync/redis/connection.h"
#include "chansync/redis/options.h"
#include "chansync/redis/pool.h"
#include "chansync/redis/reply.h"

namespace chansync::redis {

// A Lua script run by EVALSHA. It is loaded (SCRIPT LOAD) on first use and loaded again when
// Redis forgot it (NOSCRIPT after a restart or SCRIPT FLUSH). Thread-safe.
//
// A script must touch only the keys it is given, and they must share one Cluster slot. Debug
// builds check the slot of every call's keys and fail a call that mixes slots with INTERNAL
// naming two of its keys, before anything is sent.
class RedisScript {
 public:
  explicit RedisScript(std::string source) : source_(std::move(source)) {}

  // Errors as RedisConnection::Command's. A deadline in `call` covers the load and the run again
  // after NOSCRIPT too; without one, each round trip gets command_timeout.
  core::Result<RedisReply> Run(RedisPool& pool, const std::vector<std::string>& keys,
                               const std::vector<std::string>& args, CallOptions call = {}) const;
  core::Result<RedisReply> Run(RedisConnection& connection, const std::vector<std::string>& keys,
                               const std::vector<std::string>& args, CallOptions call = {}) const;
  // The EVALSHA command, for pipelines. Loads the script first if this process has not yet.
  core::Result<RedisCommand> EvalShaCommand(RedisConnection& connection,
                                            const std::vector<std::string>& keys,
                                            const std::vector<std::string>& args,
                                            CallOptions call = {}) const;

 private:
  core::Result<std::string> Sha1(RedisConnection& connection, bool reload,
                                 const CallOptions& call) const;

  std::string source_;
  mutable std::mutex mutex_;
  mutable std::string sha1_;
};

// One call of a script in a pipeline.
struct ScriptCall {
  std::vector<std::string> keys;
  std::vector<std::string> args;
};

// Runs `calls` of one script in a single pipeline. Error replies stay in place, except NOSCRIPT
// (Redis restarted or flushed its scripts), which is healed by loading the script and running
// that call again: a NOSCRIPT call never ran.
core::Result<std::vector<RedisReply>> PipelineScript(RedisConnection& connection,
                                                     const RedisScript& script,
                                                     const std::vector<ScriptCall>& calls);

}  // namespace chansync::redis
