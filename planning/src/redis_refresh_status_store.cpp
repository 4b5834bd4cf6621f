#include "chansync/planning/redis_refresh_status_store.h"

#include <charconv>
#include <map>
#include <string>

#include "chansync/redis/redis.h"

namespace chansync::planning {
namespace {

using std::chrono::duration_cast;
using std::chrono::milliseconds;

int64_t MillisOf(std::chrono::system_clock::time_point at) {
  return duration_cast<milliseconds>(at.time_since_epoch()).count();
}

redis::RedisCommand HsetOf(std::string key, const RefreshStatus& status) {
  const bool has_error = status.error.has_value();
  return {"HSET",
          std::move(key),
          "kind",
          std::string(RefreshKindName(status.kind)),
          "started_ms",
          std::to_string(MillisOf(status.started_at)),
          "finished_ms",
          std::to_string(MillisOf(status.finished_at)),
          "succeeded",
          status.succeeded ? "1" : "0",
          "error_code",
          has_error ? std::string(core::CodeName(status.error->code)) : "",
          "error_message",
          has_error ? status.error->message : "",
          "products",
          std::to_string(status.summary.products),
          "days",
          std::to_string(status.summary.days),
          "cells_changed",
          std::to_string(status.summary.cells_changed),
          "channels_pushed",
          std::to_string(status.summary.channels_pushed),
          "duration_ms",
          std::to_string(status.summary.duration.count()),
          "instance",
          status.instance};
}

bool ParseInt(const std::string& text, int64_t* value) {
  if (text.empty()) return false;
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, *value);
  return ec == std::errc() && ptr == end;
}

// nullopt for an empty hash (the property never refreshed).
core::Result<std::optional<RefreshStatus>> FromHash(const core::PropertyId& property,
                                                    const redis::RedisReply& reply) {
  auto unreadable = [&](const std::string& why) {
    return core::Fail(core::ErrorCode::kInternal,
                      "refresh status of " + property + " is unreadable: " + why);
  };
  if (reply.is_error()) return core::Fail(core::ErrorCode::kInternal, reply.str);
  auto pairs = reply.Pairs();
  if (!pairs) return unreadable("not a hash: " + pairs.error().message);
  if (pairs->empty()) return std::nullopt;
  std::map<std::string, std::string> fields;
  for (const auto& [name, value] : *pairs) fields.emplace(name, value);
  auto integer = [&](const char* name, int64_t* value) {
    auto it = fields.find(name);
    return it != fields.end() && ParseInt(it->second, value);
  };
  int64_t started = 0, finished = 0, succeeded = 0, products = 0, days = 0, cells = 0, channels = 0,
          duration = 0;
  if (!integer("started_ms", &started) || !integer("finished_ms", &finished) ||
      !integer("succeeded", &succeeded) || !integer("products", &products) ||
      !integer("days", &days) || !integer("cells_changed", &cells) ||
      !integer("channels_pushed", &channels) || !integer("duration_ms", &duration)) {
    return unreadable("a number is missing or malformed");
  }
  auto kind = ParseRefreshKind(fields["kind"]);
  if (!kind) return unreadable(kind.error().message);
  RefreshStatus status{
      .property = property,
      .kind = *kind,
      .started_at = std::chrono::system_clock::time_point(milliseconds(started)),
      .finished_at = std::chrono::system_clock::time_point(milliseconds(finished)),
      .succeeded = succeeded != 0,
      .summary = {.products = static_cast<int>(products),
                  .days = static_cast<int>(days),
                  .cells_changed = cells,
                  .channels_pushed = static_cast<int>(channels),
                  .duration = milliseconds(duration)},
      .instance = fields["instance"],
  };
  const std::string& code_name = fields["error_code"];
  if (!code_name.empty()) {
    core::ErrorCode code;
    if (!core::ParseCodeName(code_name, &code)) return unreadable("unknown code " + code_name);
    status.error = core::Error{code, fields["error_message"]};
  }
  return status;
}

}  // namespace

RedisRefreshStatusStore::RedisRefreshStatusStore(redis::RedisPool& pool, redis::KeySpace keys)
    : pool_(pool), keys_(std::move(keys)) {}

core::Status RedisRefreshStatusStore::Record(const RefreshStatus& status) {
  ASSIGN_OR_RETURN(auto reply,
                   pool_.Command(HsetOf(keys_.Property(status.property).RefreshStatus(), status)));
  return core::Ok();
}

core::Result<std::optional<RefreshStatus>> RedisRefreshStatusStore::Get(
    const core::PropertyId& property) {
  ASSIGN_OR_RETURN(auto reply,
                   pool_.Command({"HGETALL", keys_.Property(property).RefreshStatus()}));
  return FromHash(property, reply);
}

core::Result<std::vector<RefreshStatus>> RedisRefreshStatusStore::GetMany(
    const std::vector<core::PropertyId>& properties) {
  std::vector<RefreshStatus> statuses;
  if (properties.empty()) return statuses;
  std::vector<redis::RedisCommand> commands;
  commands.reserve(properties.size());
  for (const auto& property : properties)
    commands.push_back({"HGETALL", keys_.Property(property).RefreshStatus()});
  ASSIGN_OR_RETURN(auto replies, pool_.Pipeline(commands));
  for (size_t i = 0; i < properties.size(); ++i) {
    ASSIGN_OR_RETURN(auto status, FromHash(properties[i], (replies)[i]));
    if (status) statuses.push_back(std::move(*status));
  }
  return statuses;
}

}  // namespace chansync::planning
