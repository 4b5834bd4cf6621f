#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "chansync/redis/key_space.h"

namespace chansync::redis {
namespace {

using core::ErrorCode;

// The hash tag Redis Cluster hashes a key on: the text between the first '{' and the next '}'.
std::string HashTagOf(const std::string& key) {
  const size_t open = key.find('{');
  if (open == std::string::npos) return "";
  const size_t close = key.find('}', open + 1);
  if (close == std::string::npos || close == open + 1) return "";
  return key.substr(open + 1, close - open - 1);
}

std::vector<std::string> EveryPropertyKey(const PropertyKeys& keys) {
  return {keys.Links(),
          keys.ChannelProducts(),
          keys.PmsCatalog(),
          keys.IntegrationRecord("secureholiday", "SH-1001"),
          keys.IntegrationIndex("sale:2026-09", "succeeded"),
          keys.IntegrationIndex("stay:2026-10", "pending"),
          keys.Check("chk-7f3a"),
          keys.Plan("sh", "SH-MH4"),
          keys.RefreshStatus(),
          keys.RefreshLease(),
          keys.NightlyRefresh()};
}

// Data stored before the key space existed must stay readable: these are the formats of
// docs/ARCHITECTURE.md "State in Redis" and queue/README.md.
TEST(KeySpaceTest, DefaultPrefixSpellsTheStoredFormats) {
  const KeySpace keys;
  EXPECT_EQ(keys.prefix(), "cs");
  EXPECT_EQ(keys.Properties(), "cs:properties");
  EXPECT_EQ(keys.Channels(), "cs:channels");

  const PropertyKeys riviera = keys.Property("riviera");
  EXPECT_EQ(riviera.hash_tag(), "{p:riviera}");
  EXPECT_EQ(riviera.Links(), "cs:{p:riviera}:links");
  EXPECT_EQ(riviera.ChannelProducts(), "cs:{p:riviera}:channel_products");
  EXPECT_EQ(riviera.PmsCatalog(), "cs:{p:riviera}:pms_catalog");
  EXPECT_EQ(riviera.IntegrationRecord("secureholiday", "SH-1001"),
            "cs:{p:riviera}:integ:secureholiday:SH-1001");
  EXPECT_EQ(riviera.IntegrationIndex("sale:2026-09", "failed"),
            "cs:{p:riviera}:integ:sale:2026-09:failed");
  EXPECT_EQ(riviera.IntegrationIndex("stay:2026-10", "succeeded"),
            "cs:{p:riviera}:integ:stay:2026-10:succeeded");
  EXPECT_EQ(riviera.Check("chk-7f3a"), "cs:{p:riviera}:check:chk-7f3a");
  EXPECT_EQ(riviera.Plan("sh", "SH-MH4"), "cs:{p:riviera}:plan:sh:SH-MH4");
  EXPECT_EQ(riviera.RefreshStatus(), "cs:{p:riviera}:refresh:status");
  EXPECT_EQ(riviera.RefreshLease(), "cs:{p:riviera}:refresh:lease");
  EXPECT_EQ(riviera.NightlyRefresh(), "cs:{p:riviera}:refresh:nightly");
}

TEST(KeySpaceTest, DefaultShardKeysSpellTheQueueFormats) {
  const ShardKeys shard = KeySpace().Shard(3);
  EXPECT_EQ(shard.Stream(), "cs:{q:3}:resv");
  EXPECT_EQ(shard.Delayed(), "cs:{q:3}:resv:delayed");
  EXPECT_EQ(shard.DeadLetters(), "cs:{q:3}:resv:dead");
  EXPECT_EQ(KeySpace().Shard(12, "postings").Stream(), "cs:{q:12}:postings");
}

TEST(KeySpaceTest, EveryKeyOfAPropertySharesItsHashTag) {
  for (const std::string& key : EveryPropertyKey(KeySpace().Property("lagoon-2"))) {
    EXPECT_EQ(HashTagOf(key), "p:lagoon-2") << key;
  }
  const auto prefixed = KeySpace::WithPrefix("t:suite.case");
  ASSERT_TRUE(prefixed.has_value());
  for (const std::string& key : EveryPropertyKey(prefixed->Property("lagoon-2"))) {
    EXPECT_EQ(HashTagOf(key), "p:lagoon-2") << key;
  }
}

TEST(KeySpaceTest, EveryKeyOfAShardSharesItsHashTag) {
  const ShardKeys shard = KeySpace().Shard(7);
  for (const std::string& key : {shard.Stream(), shard.Delayed(), shard.DeadLetters()}) {
    EXPECT_EQ(HashTagOf(key), "q:7") << key;
  }
}

TEST(KeySpaceTest, APrefixNamespacesEveryKey) {
  const auto space = KeySpace::WithPrefix("t:one");
  ASSERT_TRUE(space.has_value());
  EXPECT_EQ(space->prefix(), "t:one");
  EXPECT_EQ(space->Properties(), "t:one:properties");
  EXPECT_EQ(space->Channels(), "t:one:channels");
  EXPECT_EQ(space->Shard(0).Stream(), "t:one:{q:0}:resv");
  for (const std::string& key : EveryPropertyKey(space->Property("riviera"))) {
    EXPECT_TRUE(key.starts_with("t:one:{p:riviera}:")) << key;
  }
  // No key of one namespace is a key of the other.
  const auto other = KeySpace::WithPrefix("t:two");
  ASSERT_TRUE(other.has_value());
  const auto ours = EveryPropertyKey(space->Property("riviera"));
  for (const std::string& key : EveryPropertyKey(other->Property("riviera"))) {
    EXPECT_EQ(std::find(ours.begin(), ours.end(), key), ours.end()) << key;
  }
  EXPECT_NE(*space, *other);
  EXPECT_EQ(*KeySpace::WithPrefix("cs"), KeySpace());
}

TEST(KeySpaceTest, RefusesPrefixesThatBreakTheHashTag) {
  for (const char* bad : {"", "a{b", "a}b", "{x}"}) {
    const auto space = KeySpace::WithPrefix(bad);
    ASSERT_FALSE(space.has_value()) << bad;
    EXPECT_EQ(space.error().code, ErrorCode::kInvalidArgument) << bad;
  }
}

}  // namespace
}  // namespace chansync::redis
