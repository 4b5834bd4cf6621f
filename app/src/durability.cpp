#include "durability.h"

#include <string>

namespace chansync::app {
namespace {

// CONFIG GET <name> answers [name, value].
core::Result<std::string> ServerSetting(redis::RedisPool& redis, const std::string& name) {
  ASSIGN_OR_RETURN(auto reply, redis.Command({"CONFIG", "GET", name}));
  if (reply.is_error()) {
    return core::Fail(
        core::ErrorCode::kInvalidArgument,
        "--durability always: cannot read the server's " + name + " (" + reply.str + ")");
  }
  ASSIGN_OR_RETURN(auto pair, reply.Array(2));
  ASSIGN_OR_RETURN(auto value, pair[1].String());
  return std::string(value);
}

}  // namespace

core::Result<Durability> ParseDurability(std::string_view text) {
  if (text == "everysec") return Durability::kEverysec;
  if (text == "always") return Durability::kAlways;
  if (text == "replicated") return Durability::kReplicated;
  return core::Fail(core::ErrorCode::kInvalidArgument,
                    "takes everysec, always or replicated, got \"" + std::string(text) + "\"");
}

core::Status CheckServerDurability(redis::RedisPool& redis, Durability durability) {
  if (durability != Durability::kAlways) return core::Ok();
  ASSIGN_OR_RETURN(const std::string append_only, ServerSetting(redis, "appendonly"));
  ASSIGN_OR_RETURN(const std::string fsync, ServerSetting(redis, "appendfsync"));
  if (append_only != "yes" || fsync != "always") {
    return core::Fail(core::ErrorCode::kInvalidArgument,
                      "--durability always needs a Redis server with appendonly yes and "
                      "appendfsync always; it has appendonly " +
                          append_only + " and appendfsync " + fsync);
  }
  return core::Ok();
}

}  // namespace chansync::app
