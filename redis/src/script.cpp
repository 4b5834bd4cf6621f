#include "chansync/redis/script.h"

#include "chansync/redis/slot.h"

namespace chansync::redis {

core::Result<std::string> RedisScript::Sha1(RedisConnection& connection, bool reload,
                                            const CallOptions& call) const {
  std::lock_guard lock(mutex_);
  if (!sha1_.empty() && !reload) return sha1_;
  auto reply = connection.Command({"SCRIPT", "LOAD", source_}, call);
  if (!reply) return std::unexpected(reply.error());
  auto sha1 = reply->String();
  if (!sha1) return std::unexpected(sha1.error());
  sha1_ = *sha1;
  return sha1_;
}

core::Result<RedisCommand> RedisScript::EvalShaCommand(RedisConnection& connection,
                                                       const std::vector<std::string>& keys,
                                                       const std::vector<std::string>& args,
                                                       CallOptions call) const {
#ifndef NDEBUG
  if (auto same = CheckSameSlot(keys); !same) return std::unexpected(same.error());
#endif
  auto sha = Sha1(connection, false, call);
  if (!sha) return std::unexpected(sha.error());
  RedisCommand argv;
  argv.reserve(3 + keys.size() + args.size());
  argv.push_back("EVALSHA");
  argv.push_back(std::move(*sha));
  argv.push_back(std::to_string(keys.size()));
  argv.insert(argv.end(), keys.begin(), keys.end());
  argv.insert(argv.end(), args.begin(), args.end());
  return argv;
}

core::Result<RedisReply> RedisScript::Run(RedisConnection& connection,
                                          const std::vector<std::string>& keys,
                                          const std::vector<std::string>& args,
                                          CallOptions call) const {
  auto argv = EvalShaCommand(connection, keys, args, call);
  if (!argv) return std::unexpected(argv.error());
  auto reply = connection.Command(*argv, call);
  if (!reply && reply.error().message.find("NOSCRIPT") != std::string::npos) {
    if (auto sha = Sha1(connection, true, call); !sha) return std::unexpected(sha.error());
    argv = EvalShaCommand(connection, keys, args, call);
    if (!argv) return std::unexpected(argv.error());
    reply = connection.Command(*argv, call);
  }
  return reply;
}

core::Result<RedisReply> RedisScript::Run(RedisPool& pool, const std::vector<std::string>& keys,
                                          const std::vector<std::string>& args,
                                          CallOptions call) const {
  auto lease = pool.AcquireFor(call);
  if (!lease) return std::unexpected(lease.error());
  return Run(**lease, keys, args, call);
}

}  // namespace chansync::redis
