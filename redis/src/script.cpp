#include "chansync/redis/script.h"

#include "chansync/redis/slot.h"

namespace chansync::redis {

core::Result<std::string> RedisScript::Sha1(RedisConnection& connection, bool reload,
                                            const CallOptions& call) const {
  std::lock_guard lock(mutex_);
  if (!sha1_.empty() && !reload) return sha1_;
  ASSIGN_OR_RETURN(auto reply, connection.Command({"SCRIPT", "LOAD", source_}, call));
  ASSIGN_OR_RETURN(auto sha1, reply.String());
  sha1_ = sha1;
  return sha1_;
}

core::Result<RedisCommand> RedisScript::EvalShaCommand(RedisConnection& connection,
                                                       const std::vector<std::string>& keys,
                                                       const std::vector<std::string>& args,
                                                       CallOptions call) const {
#ifndef NDEBUG
  RETURN_IF_ERROR(CheckSameSlot(keys));
#endif
  ASSIGN_OR_RETURN(auto sha, Sha1(connection, false, call));
  RedisCommand argv;
  argv.reserve(3 + keys.size() + args.size());
  argv.push_back("EVALSHA");
  argv.push_back(std::move(sha));
  argv.push_back(std::to_string(keys.size()));
  argv.insert(argv.end(), keys.begin(), keys.end());
  argv.insert(argv.end(), args.begin(), args.end());
  return argv;
}

core::Result<RedisReply> RedisScript::Run(RedisConnection& connection,
                                          const std::vector<std::string>& keys,
                                          const std::vector<std::string>& args,
                                          CallOptions call) const {
  ASSIGN_OR_RETURN(auto argv, EvalShaCommand(connection, keys, args, call));
  auto reply = connection.Command(argv, call);
  if (!reply && reply.error().message.find("NOSCRIPT") != std::string::npos) {
    RETURN_IF_ERROR(Sha1(connection, true, call));
    ASSIGN_OR_RETURN(argv, EvalShaCommand(connection, keys, args, call));
    reply = connection.Command(argv, call);
  }
  return reply;
}

core::Result<RedisReply> RedisScript::Run(RedisPool& pool, const std::vector<std::string>& keys,
                                          const std::vector<std::string>& args,
                                          CallOptions call) const {
  ASSIGN_OR_RETURN(auto lease, pool.AcquireFor(call));
  return Run(*lease, keys, args, call);
}

core::Result<std::vector<RedisReply>> PipelineScript(RedisConnection& connection,
                                                     const RedisScript& script,
                                                     const std::vector<ScriptCall>& calls) {
  std::vector<RedisCommand> commands;
  commands.reserve(calls.size());
  for (const auto& call : calls) {
    ASSIGN_OR_RETURN(auto command, script.EvalShaCommand(connection, call.keys, call.args));
    commands.push_back(std::move(command));
  }
  auto replies = connection.Pipeline(commands);
  if (!replies) return replies;
  for (size_t i = 0; i < replies->size(); ++i) {
    RedisReply& reply = (*replies)[i];
    if (!reply.is_error() || !reply.str.starts_with("NOSCRIPT")) continue;
    auto again = script.Run(connection, calls[i].keys, calls[i].args);
    if (again) {
      reply = std::move(*again);
    } else if (again.error().code == core::ErrorCode::kInternal) {
      reply.str = again.error().message;
    } else {
      return std::unexpected(again.error());
    }
  }
  return replies;
}

}  // namespace chansync::redis
