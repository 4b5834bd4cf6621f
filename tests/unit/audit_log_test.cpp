#include <gtest/gtest.h>

#include "chansync/audit/testing/in_memory_audit_log.h"

namespace chansync::audit {
namespace {

using namespace std::chrono_literals;

AuditEntry Entry(core::Timestamp at, std::string key, std::string action) {
  return {.at = at, .key_id = std::move(key), .action = std::move(action), .outcome = "OK"};
}

TEST(AuditLogTest, QueriesFilterByTimeKeyAndActionAndKeepTheNewest) {
  testing::InMemoryAuditLog log;
  const core::Timestamp t0{std::chrono::hours(24 * 20000)};
  ASSERT_TRUE(log.Append(Entry(t0, "a", "link")));
  ASSERT_TRUE(log.Append(Entry(t0 + 1s, "b", "set_gateway")));
  ASSERT_TRUE(log.Append(Entry(t0 + 2s, "a", "set_gateway")));
  ASSERT_TRUE(log.Append(Entry(t0 + 3s, "a", "link")));

  auto by_key = log.List({.since = t0, .key_id = "a"});
  ASSERT_TRUE(by_key.has_value());
  ASSERT_EQ(by_key->size(), 3u);
  EXPECT_EQ(by_key->front().at, t0);  // oldest first
  auto by_action = log.List({.since = t0, .action = "set_gateway"});
  ASSERT_EQ(by_action->size(), 2u);
  auto recent = log.List({.since = t0 + 2s});
  ASSERT_EQ(recent->size(), 2u);
  auto newest = log.List({.since = t0, .limit = 1});
  ASSERT_EQ(newest->size(), 1u);
  EXPECT_EQ(newest->front().at, t0 + 3s);
}

}  // namespace
}  // namespace chansync::audit
