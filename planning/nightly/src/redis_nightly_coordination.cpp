#include "chansync/planning/nightly/redis_nightly_coordination.h"

#include <charconv>

#include "chansync/redis/redis.h"

namespace chansync::planning::nightly {
namespace {

// Owner compared before touching the lease: between our GET and our PEXPIRE/DEL nobody else can
// run, which two separate commands would not guarantee.
const redis::RedisScript kRenewScript(R"lua(
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0
)lua");

const redis::RedisScript kReleaseScript(R"lua(
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
)lua");

// "YYYY-MM-DD" strings compare like the dates they name, so the done date only moves forward
// even when two instances finish out of order.
const redis::RedisScript kMarkDoneScript(R"lua(
local current = redis.call('HGET', KEYS[1], 'done')
if not current or current < ARGV[1] then
  redis.call('HSET', KEYS[1], 'done', ARGV[1])
end
redis.call('HDEL', KEYS[1], 'retry_at')
return 1
)lua");

// Both keys carry the property's hash tag, so one script may touch both in a Cluster.
const redis::RedisScript kMarkDoneAndReleaseScript(R"lua(
local current = redis.call('HGET', KEYS[1], 'done')
if not current or current < ARGV[1] then
  redis.call('HSET', KEYS[1], 'done', ARGV[1])
end
redis.call('HDEL', KEYS[1], 'retry_at')
if redis.call('GET', KEYS[2]) == ARGV[2] then
  redis.call('DEL', KEYS[2])
end
return 1
)lua");

core::Status CheckLeaseArgs(const core::PropertyId& property, const std::string& owner,
                            std::chrono::milliseconds ttl) {
  if (auto valid = core::ValidateId("property", property); !valid) return valid;
  if (owner.empty()) return core::Fail(core::ErrorCode::kInvalidArgument, "lease owner is empty");
  if (ttl < std::chrono::milliseconds(1)) {
    return core::Fail(core::ErrorCode::kInvalidArgument, "lease ttl must be at least 1 ms");
  }
  return core::Ok();
}

core::Result<NightlyState> DecodeState(const core::PropertyId& property,
                                       const redis::RedisReply& reply) {
  auto unreadable = [&](std::string_view why) {
    return core::Fail(core::ErrorCode::kInternal,
                      "nightly state of " + property + " is unreadable: " + std::string(why));
  };
  if (reply.is_error()) return core::Fail(core::ErrorCode::kInternal, reply.str);
  auto fields = reply.Array(2);
  if (!fields) return unreadable(fields.error().message);
  auto done = (*fields)[0].StringOrNil();
  auto retry = (*fields)[1].StringOrNil();
  if (!done) return unreadable(done.error().message);
  if (!retry) return unreadable(retry.error().message);
  NightlyState state;
  if (*done) {
    auto date = core::CivilDate::Parse(**done);
    if (!date) return unreadable("done date \"" + std::string(**done) + "\"");
    state.last_done = *date;
  }
  if (*retry) {
    const std::string_view text = **retry;
    int64_t millis = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), millis);
    if (ec != std::errc() || end != text.data() + text.size()) {
      return unreadable("retry_at \"" + std::string(text) + "\"");
    }
    state.retry_not_before = std::chrono::system_clock::time_point(
        std::chrono::duration_cast<std::chrono::system_clock::duration>(
            std::chrono::milliseconds(millis)));
  }
  return state;
}

redis::RedisCommand StateCommand(std::string state_key) {
  return {"HMGET", std::move(state_key), "done", "retry_at"};
}

}  // namespace

std::string RedisNightlyCoordination::LeaseKey(const core::PropertyId& property) const {
  return keys_.Property(property).RefreshLease();
}

std::string RedisNightlyCoordination::StateKey(const core::PropertyId& property) const {
  return keys_.Property(property).NightlyRefresh();
}

core::Result<bool> RedisNightlyCoordination::TryAcquireLease(const core::PropertyId& property,
                                                             const std::string& owner,
                                                             std::chrono::milliseconds ttl) {
  RETURN_IF_ERROR(CheckLeaseArgs(property, owner, ttl));
  ASSIGN_OR_RETURN(auto reply, pool_.Command({"SET", LeaseKey(property), owner, "NX", "PX",
                                              std::to_string(ttl.count())}));
  return !reply.is_nil();
}

core::Result<bool> RedisNightlyCoordination::RenewLease(const core::PropertyId& property,
                                                        const std::string& owner,
                                                        std::chrono::milliseconds ttl) {
  RETURN_IF_ERROR(CheckLeaseArgs(property, owner, ttl));
  ASSIGN_OR_RETURN(auto reply, kRenewScript.Run(pool_, {LeaseKey(property)},
                                                {owner, std::to_string(ttl.count())}));
  ASSIGN_OR_RETURN(const long long renewed, reply.Integer());
  return renewed == 1;
}

core::Status RedisNightlyCoordination::ReleaseLease(const core::PropertyId& property,
                                                    const std::string& owner) {
  if (auto valid = core::ValidateId("property", property); !valid) return valid;
  ASSIGN_OR_RETURN(auto reply, kReleaseScript.Run(pool_, {LeaseKey(property)}, {owner}));
  return core::Ok();
}

core::Result<std::optional<core::CivilDate>> RedisNightlyCoordination::LastNightlyDone(
    const core::PropertyId& property) {
  ASSIGN_OR_RETURN(auto states, States({property}));
  return states.front().last_done;
}

core::Status RedisNightlyCoordination::MarkNightlyDone(const core::PropertyId& property,
                                                       core::CivilDate date) {
  if (auto valid = core::ValidateId("property", property); !valid) return valid;
  ASSIGN_OR_RETURN(auto reply, kMarkDoneScript.Run(pool_, {StateKey(property)}, {date.ToString()}));
  return core::Ok();
}

core::Result<std::optional<std::chrono::system_clock::time_point>>
RedisNightlyCoordination::RetryNotBefore(const core::PropertyId& property) {
  ASSIGN_OR_RETURN(auto states, States({property}));
  return states.front().retry_not_before;
}

core::Status RedisNightlyCoordination::SetRetryNotBefore(const core::PropertyId& property,
                                                         std::chrono::system_clock::time_point at) {
  if (auto valid = core::ValidateId("property", property); !valid) return valid;
  const auto millis =
      std::chrono::duration_cast<std::chrono::milliseconds>(at.time_since_epoch()).count();
  ASSIGN_OR_RETURN(auto reply,
                   pool_.Command({"HSET", StateKey(property), "retry_at", std::to_string(millis)}));
  return core::Ok();
}

core::Result<std::vector<NightlyState>> RedisNightlyCoordination::States(
    const std::vector<core::PropertyId>& properties) {
  std::vector<NightlyState> states;
  if (properties.empty()) return states;
  std::vector<redis::RedisCommand> commands;
  commands.reserve(properties.size());
  for (const auto& property : properties) {
    RETURN_IF_ERROR(core::ValidateId("property", property));
    commands.push_back(StateCommand(StateKey(property)));
  }
  ASSIGN_OR_RETURN(auto replies, pool_.Pipeline(commands));
  states.reserve(properties.size());
  for (size_t i = 0; i < properties.size(); ++i) {
    ASSIGN_OR_RETURN(auto state, DecodeState(properties[i], (replies)[i]));
    states.push_back(std::move(state));
  }
  return states;
}

core::Result<std::optional<NightlyState>> RedisNightlyCoordination::TryAcquireLeaseAndReadState(
    const core::PropertyId& property, const std::string& owner, std::chrono::milliseconds ttl) {
  RETURN_IF_ERROR(CheckLeaseArgs(property, owner, ttl));
  ASSIGN_OR_RETURN(
      auto replies,
      pool_.Pipeline({{"SET", LeaseKey(property), owner, "NX", "PX", std::to_string(ttl.count())},
                      StateCommand(StateKey(property))}));
  const redis::RedisReply& set = replies[0];
  if (set.is_error()) return core::Fail(core::ErrorCode::kInternal, set.str);
  if (set.is_nil()) return std::nullopt;
  auto state = DecodeState(property, replies[1]);
  if (!state) {
    // Do not keep a lease we cannot use: the caller sees only the error.
    (void)ReleaseLease(property, owner);
    return std::unexpected(state.error());
  }
  return *state;
}

core::Status RedisNightlyCoordination::MarkNightlyDoneAndRelease(const core::PropertyId& property,
                                                                 const std::string& owner,
                                                                 core::CivilDate date) {
  if (auto valid = core::ValidateId("property", property); !valid) return valid;
  ASSIGN_OR_RETURN(auto reply,
                   kMarkDoneAndReleaseScript.Run(pool_, {StateKey(property), LeaseKey(property)},
                                                 {date.ToString(), owner}));
  return core::Ok();
}

}  // namespace chansync::planning::nightly
