// The Redis client authenticates every connection it opens, the first and every reconnect.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "chansync/redis/redis.h"
#include "chansync/test/redis_server.h"

namespace chansync {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class RedisAuthTest : public ::testing::Test {
 protected:
  std::unique_ptr<redis::RedisPool> PoolAs(std::string user, std::string password) {
    redis::RedisOptions options;
    options.pool_size = 1;
    options.user = std::move(user);
    options.password = std::move(password);
    return std::make_unique<redis::RedisPool>(server_.parsed_endpoint(), options);
  }

  test::RedisServer server_{{.password = "right-password"}};
};

TEST_F(RedisAuthTest, AConnectionAuthenticatesAgainAfterItWasDropped) {
  auto pool = PoolAs("chansync", "right-password");
  ASSERT_TRUE(pool->Command({"SET", "k", "v"}).has_value());
  // Every client connection but the killer's is dropped, ours included.
  auto killer = server_.NewPool(1);
  ASSERT_TRUE(killer->Command({"CLIENT", "KILL", "USER", "chansync", "SKIPME", "yes"}).has_value());
  (void)pool->Command({"PING"});  // may see the dropped socket; the next call reconnects
  auto got = pool->Command({"GET", "k"});
  ASSERT_TRUE(got.has_value()) << got.error().ToString();
  EXPECT_EQ(got->str, "v");
}

TEST_F(RedisAuthTest, ARefusedPasswordIsStoreUnavailableWithoutThePassword) {
  auto pool = PoolAs("chansync", "wrong-password");
  auto refused = pool->Command({"PING"});
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, core::ErrorCode::kStoreUnavailable);
  EXPECT_THAT(refused.error().message, HasSubstr("AUTH as user chansync refused: WRONGPASS"));
  EXPECT_THAT(refused.error().message, Not(HasSubstr("wrong-password")));
}

TEST_F(RedisAuthTest, NoCredentialsAgainstAServerThatWantsThemIsStoreUnavailable) {
  auto pool = PoolAs("", "");
  auto refused = pool->Command({"PING"});
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, core::ErrorCode::kStoreUnavailable);
  EXPECT_THAT(refused.error().message, HasSubstr("requires authentication"));
}

}  // namespace
}  // namespace chansync
