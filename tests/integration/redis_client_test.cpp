#include <gtest/gtest.h>

#include <thread>

#include "chansync/core/redis.h"
#include "chansync/test/redis_server.h"

namespace chansync {
namespace {

using core::RedisReply;

class RedisClientTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { server_ = new test::RedisServer(); }
  static void TearDownTestSuite() { delete server_; }
  static test::RedisServer* server_;
};
test::RedisServer* RedisClientTest::server_ = nullptr;

TEST_F(RedisClientTest, CommandsAndPipelinesRoundTripBinaryValues) {
  auto pool = server_->NewPool();
  const std::string binary("a\0b\r\nc", 6);
  ASSERT_TRUE(pool->Command({"SET", "k:bin", binary}).has_value());
  auto got = pool->Command({"GET", "k:bin"});
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(got->str, binary);

  auto replies =
      pool->Pipeline({{"INCR", "k:n"}, {"INCR", "k:n"}, {"HGET", "k:bin", "x"}, {"GET", "nope"}});
  ASSERT_TRUE(replies.has_value());
  ASSERT_EQ(replies->size(), 4u);
  EXPECT_EQ((*replies)[1].integer, 2);
  EXPECT_TRUE((*replies)[2].is_error());  // WRONGTYPE stays in place
  EXPECT_TRUE((*replies)[3].is_nil());
}

TEST_F(RedisClientTest, ErrorReplyIsAFailureForSingleCommands) {
  auto pool = server_->NewPool();
  auto reply = pool->Command({"NOSUCHCOMMAND"});
  ASSERT_FALSE(reply.has_value());
  EXPECT_EQ(reply.error().code, core::ErrorCode::kInternal);
}

TEST_F(RedisClientTest, ScriptsReloadAfterFlush) {
  auto pool = server_->NewPool();
  core::RedisScript script("return redis.call('INCRBY', KEYS[1], ARGV[1])");
  ASSERT_EQ(script.Run(*pool, {"k:script"}, {"5"})->integer, 5);
  ASSERT_TRUE(pool->Command({"SCRIPT", "FLUSH"}).has_value());
  auto again = script.Run(*pool, {"k:script"}, {"2"});
  ASSERT_TRUE(again.has_value()) << again.error().ToString();
  EXPECT_EQ(again->integer, 7);
}

TEST_F(RedisClientTest, PoolIsSafeUnderConcurrentUse) {
  auto pool = server_->NewPool(3);
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 200; ++i)
        ASSERT_TRUE(pool->Command({"INCR", "k:concurrent"}).has_value());
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(pool->Command({"GET", "k:concurrent"})->str, "1600");
}

TEST(RedisClientDownTest, UnreachableServerIsStoreUnavailable) {
  core::RedisOptions options;
  options.connect_timeout = std::chrono::milliseconds(200);
  core::RedisPool pool(*core::RedisEndpoint::Parse("unix:/nonexistent/redis.sock"), options);
  auto reply = pool.Command({"PING"});
  ASSERT_FALSE(reply.has_value());
  EXPECT_EQ(reply.error().code, core::ErrorCode::kStoreUnavailable);
}

TEST(RedisEndpointTest, ParsesForms) {
  EXPECT_EQ(core::RedisEndpoint::Parse("127.0.0.1:6380")->port, 6380);
  EXPECT_EQ(core::RedisEndpoint::Parse("[::1]:6380")->host, "::1");
  EXPECT_EQ(core::RedisEndpoint::Parse("unix:/tmp/r.sock")->unix_socket, "/tmp/r.sock");
  EXPECT_FALSE(core::RedisEndpoint::Parse("localhost").has_value());
  EXPECT_FALSE(core::RedisEndpoint::Parse("h:99999").has_value());
}

}  // namespace
}  // namespace chansync
