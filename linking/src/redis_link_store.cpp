#include "chansync/linking/redis_link_store.h"

#include <charconv>
#include <string>

namespace chansync::linking {
namespace {

using core::ErrorCode;
using core::Fail;

constexpr std::string_view kVersionField = "version";

// Returns -1 when the version moved, else the new version. Removals run before puts
// (LinkStore contract). Versions are compared as strings so no Lua number rounding applies.
const redis::RedisScript kApplyScript(R"lua(
local current = redis.call('HGET', KEYS[1], 'version') or '0'
if current ~= ARGV[1] then return -1 end
local removals = tonumber(ARGV[2])
for i = 3, 2 + removals do redis.call('HDEL', KEYS[1], ARGV[i]) end
for i = 3 + removals, #ARGV, 2 do redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) end
return redis.call('HINCRBY', KEYS[1], 'version', 1)
)lua");

std::string ProductField(const ProductLink& link) {
  return "p|" + link.channel + "|" + link.channel_product;
}

std::string OptionField(const OptionLink& link) {
  return "o|" + link.channel + "|" + link.channel_product + "|" + link.channel_option;
}

// Splits "a|b|c" into exactly `count` non-empty parts.
bool SplitField(std::string_view field, size_t count, std::vector<std::string>* parts) {
  parts->clear();
  size_t start = 0;
  while (true) {
    const size_t bar = field.find('|', start);
    parts->emplace_back(field.substr(start, bar == std::string_view::npos ? bar : bar - start));
    if (parts->back().empty()) return false;
    if (bar == std::string_view::npos) break;
    start = bar + 1;
  }
  return parts->size() == count;
}

core::Status CheckProperty(const core::PropertyId& property) {
  return core::ValidateId("property", property);
}

// Ids become parts of hash fields; a malformed one could forge another link's field.
core::Status CheckChange(const LinkChange& change) {
  auto product = [](const ProductLink& link) -> core::Status {
    if (auto s = core::ValidateId("channel", link.channel); !s) return s;
    return core::ValidateId("channel_product", link.channel_product);
  };
  auto option = [](const OptionLink& link) -> core::Status {
    if (auto s = core::ValidateId("channel", link.channel); !s) return s;
    if (auto s = core::ValidateId("channel_product", link.channel_product); !s) return s;
    return core::ValidateId("channel_option", link.channel_option);
  };
  for (const auto& link : change.put_products) {
    if (auto s = product(link); !s) return s;
    if (auto s = core::ValidateId("pms_product", link.pms_product); !s) return s;
  }
  for (const auto& link : change.remove_products) {
    if (auto s = product(link); !s) return s;
  }
  for (const auto& link : change.put_options) {
    if (auto s = option(link); !s) return s;
    if (auto s = core::ValidateId("pms_option", link.pms_option); !s) return s;
  }
  for (const auto& link : change.remove_options) {
    if (auto s = option(link); !s) return s;
  }
  return core::Ok();
}

// An HGETALL reply of a links hash.
core::Result<LinkSnapshot> ParseSnapshot(const core::PropertyId& property,
                                         const redis::RedisReply& reply) {
  auto fields = reply.Pairs();
  if (!fields) {
    return Fail(ErrorCode::kInternal,
                "links of \"" + property + "\": " + std::move(fields).error().message);
  }
  LinkSnapshot snapshot;
  std::vector<std::string> parts;
  for (const auto& [field, value] : *fields) {
    auto corrupt = [&] {
      return Fail(ErrorCode::kInternal, "stored link \"" + std::string(field) +
                                            "\" of property \"" + property + "\" is corrupt");
    };
    if (field == kVersionField) {
      const auto [end, ec] =
          std::from_chars(value.data(), value.data() + value.size(), snapshot.version);
      if (ec != std::errc() || end != value.data() + value.size()) return corrupt();
    } else if (field.starts_with("p|") && SplitField(field, 3, &parts) && !value.empty()) {
      snapshot.products.push_back({parts[1], parts[2], std::string(value)});
    } else if (field.starts_with("o|") && SplitField(field, 4, &parts) && !value.empty()) {
      snapshot.options.push_back({parts[1], parts[2], parts[3], std::string(value)});
    } else {
      return corrupt();
    }
  }
  return snapshot;
}

}  // namespace

RedisLinkStore::RedisLinkStore(redis::RedisPool& pool, redis::KeySpace keys)
    : pool_(pool), keys_(std::move(keys)) {}

std::string RedisLinkStore::LinksKey(const core::PropertyId& property) const {
  return keys_.Property(property).Links();
}

core::Result<LinkSnapshot> RedisLinkStore::Load(const core::PropertyId& property) {
  RETURN_IF_ERROR(CheckProperty(property));
  ASSIGN_OR_RETURN(auto reply, pool_.Command({"HGETALL", LinksKey(property)}));
  return ParseSnapshot(property, reply);
}

core::Result<std::vector<LinkSnapshot>> RedisLinkStore::LoadMany(
    const std::vector<core::PropertyId>& properties) {
  std::vector<redis::RedisCommand> commands;
  commands.reserve(properties.size());
  for (const auto& property : properties) {
    RETURN_IF_ERROR(CheckProperty(property));
    commands.push_back({"HGETALL", LinksKey(property)});
  }
  std::vector<LinkSnapshot> snapshots;
  if (commands.empty()) return snapshots;
  ASSIGN_OR_RETURN(auto replies, pool_.Pipeline(commands));
  snapshots.reserve(properties.size());
  for (size_t i = 0; i < properties.size(); ++i) {
    ASSIGN_OR_RETURN(auto snapshot, ParseSnapshot(properties[i], (replies)[i]));
    snapshots.push_back(std::move(snapshot));
  }
  return snapshots;
}

core::Status RedisLinkStore::Apply(const core::PropertyId& property, uint64_t expected_version,
                                   const LinkChange& change) {
  if (auto valid = CheckProperty(property); !valid) return valid;
  if (auto valid = CheckChange(change); !valid) return valid;
  std::vector<std::string> args;
  args.reserve(2 + change.remove_products.size() + change.remove_options.size() +
               2 * (change.put_products.size() + change.put_options.size()));
  args.push_back(std::to_string(expected_version));
  args.push_back(std::to_string(change.remove_products.size() + change.remove_options.size()));
  for (const auto& link : change.remove_products) args.push_back(ProductField(link));
  for (const auto& link : change.remove_options) args.push_back(OptionField(link));
  for (const auto& link : change.put_products) {
    args.push_back(ProductField(link));
    args.push_back(link.pms_product);
  }
  for (const auto& link : change.put_options) {
    args.push_back(OptionField(link));
    args.push_back(link.pms_option);
  }
  ASSIGN_OR_RETURN(auto reply, kApplyScript.Run(pool_, {LinksKey(property)}, args));
  ASSIGN_OR_RETURN(const long long version, reply.Integer());
  if (version < 0) {
    return Fail(ErrorCode::kConflict, "links of property \"" + property +
                                          "\" changed since version " +
                                          std::to_string(expected_version));
  }
  return core::Ok();
}

}  // namespace chansync::linking
