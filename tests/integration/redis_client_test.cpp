#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "chansync/redis/redis.h"
#include "chansync/test/redis_server.h"

namespace chansync {
namespace {

using namespace std::chrono_literals;
using redis::RedisReply;

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

TEST_F(RedisClientTest, RepliesKeepEveryShapeRedisSends) {
  auto pool = server_->NewPool();
  ASSERT_TRUE(pool->Command({"XADD", "k:s", "1-1", "a", "1", "b", std::string(3000, 'x')}));
  ASSERT_TRUE(pool->Command({"XADD", "k:s", "2-1", "c", ""}));
  ASSERT_TRUE(pool->Command({"HSET", "k:h", "f", "v"}));
  auto replies = pool->Pipeline({{"XRANGE", "k:s", "-", "+"},
                                 {"HMGET", "k:h", "f", "missing"},
                                 {"PING"},
                                 {"XRANGE", "k:s", "3", "+"},
                                 {"XREAD", "COUNT", "1", "STREAMS", "k:s", "$"},
                                 {"EVAL", "return {1, {2, {'deep'}}, 'x'}", "0"},
                                 {"LPUSH", "k:h", "1"}});
  ASSERT_TRUE(replies.has_value()) << replies.error().ToString();
  ASSERT_EQ(replies->size(), 7u);

  const RedisReply& range = (*replies)[0];
  ASSERT_EQ(range.type, RedisReply::Type::kArray);
  ASSERT_EQ(range.elements.size(), 2u);
  EXPECT_EQ(range.elements[0].elements[0].str, "1-1");
  ASSERT_EQ(range.elements[0].elements[1].elements.size(), 4u);
  EXPECT_EQ(range.elements[0].elements[1].elements[3].str, std::string(3000, 'x'));
  EXPECT_EQ(range.elements[1].elements[1].elements[1].type, RedisReply::Type::kString);
  EXPECT_EQ(range.elements[1].elements[1].elements[1].str, "");

  const RedisReply& fields = (*replies)[1];
  ASSERT_EQ(fields.elements.size(), 2u);
  EXPECT_EQ(fields.elements[0].str, "v");
  EXPECT_TRUE(fields.elements[1].is_nil());

  EXPECT_EQ((*replies)[2].type, RedisReply::Type::kStatus);
  EXPECT_EQ((*replies)[2].str, "PONG");
  EXPECT_EQ((*replies)[3].type, RedisReply::Type::kArray);
  EXPECT_TRUE((*replies)[3].elements.empty());
  EXPECT_TRUE((*replies)[4].is_nil());  // a nil array

  const RedisReply& nested = (*replies)[5];
  ASSERT_EQ(nested.elements.size(), 3u);
  EXPECT_EQ(nested.elements[0].integer, 1);
  EXPECT_EQ(nested.elements[1].elements[1].elements[0].str, "deep");
  EXPECT_EQ(nested.elements[2].str, "x");
  EXPECT_TRUE((*replies)[6].is_error());
  EXPECT_NE((*replies)[6].str.find("WRONGTYPE"), std::string::npos);
}

TEST_F(RedisClientTest, ErrorReplyIsAFailureForSingleCommands) {
  auto pool = server_->NewPool();
  auto reply = pool->Command({"NOSUCHCOMMAND"});
  ASSERT_FALSE(reply.has_value());
  EXPECT_EQ(reply.error().code, core::ErrorCode::kInternal);
}

TEST_F(RedisClientTest, ScriptsReloadAfterFlush) {
  auto pool = server_->NewPool();
  redis::RedisScript script("return redis.call('INCRBY', KEYS[1], ARGV[1])");
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

TEST_F(RedisClientTest, CallMissingItsDeadlineFailsAndDropsTheConnection) {
  redis::RedisConnection connection(server_->parsed_endpoint(), redis::RedisOptions{});
  auto other = server_->NewPool(1);
  ASSERT_TRUE(connection.Command({"SET", "k:fresh", "fresh"}).has_value());

  const auto start = std::chrono::steady_clock::now();
  auto blocked = connection.Command({"BLPOP", "k:late", "5"}, redis::CallOptions::Within(100ms));
  const auto took = std::chrono::steady_clock::now() - start;
  ASSERT_FALSE(blocked.has_value());
  EXPECT_EQ(blocked.error().code, core::ErrorCode::kStoreUnavailable);
  EXPECT_NE(blocked.error().message.find("deadline exceeded"), std::string::npos)
      << blocked.error().message;
  EXPECT_GE(took, 100ms);
  EXPECT_LT(took, 2s);

  // Had the socket been kept, Redis would hand it this element as the late BLPOP reply, and the
  // GET below would read that instead of its own answer.
  ASSERT_TRUE(other->Command({"RPUSH", "k:late", "stale"}).has_value());
  auto fresh = connection.Command({"GET", "k:fresh"});
  ASSERT_TRUE(fresh.has_value()) << fresh.error().ToString();
  EXPECT_EQ(fresh->String().value(), "fresh");
  EXPECT_EQ(other->Command({"LLEN", "k:late"})->Integer().value(), 1);
}

TEST_F(RedisClientTest, DeadlineBoundsPipelinesAndScripts) {
  auto pool = server_->NewPool(1);
  auto pipeline =
      pool->Pipeline({{"PING"}, {"BLPOP", "k:never", "5"}}, redis::CallOptions::Within(100ms));
  ASSERT_FALSE(pipeline.has_value());
  EXPECT_EQ(pipeline.error().code, core::ErrorCode::kStoreUnavailable);

  // Blocking commands do not block inside scripts, so this one keeps Redis busy for 300 ms.
  redis::RedisScript script(R"lua(
local function now_us()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000000 + tonumber(t[2])
end
local until_us = now_us() + tonumber(ARGV[1]) * 1000
while now_us() < until_us do end
return 1
)lua");
  auto run = script.Run(*pool, {}, {"300"}, redis::CallOptions::Within(100ms));
  ASSERT_FALSE(run.has_value());
  EXPECT_EQ(run.error().code, core::ErrorCode::kStoreUnavailable);

  const redis::CallOptions past{.deadline = std::chrono::steady_clock::now() - 1ms};
  auto late = pool->Command({"PING"}, past);
  ASSERT_FALSE(late.has_value());
  EXPECT_NE(late.error().message.find("deadline passed before sending"), std::string::npos);

  // Without a deadline of its own a call gets the pool's command timeout and succeeds.
  EXPECT_EQ(pool->Command({"PING"})->String().value(), "PONG");
}

TEST_F(RedisClientTest, AcquireGivesUpWhenEveryConnectionIsHeld) {
  redis::RedisOptions options;
  options.pool_size = 1;
  options.acquire_timeout = 150ms;
  redis::RedisPool pool(server_->parsed_endpoint(), options);
  {
    auto held = pool.Acquire();
    ASSERT_TRUE(held.has_value());
    const auto start = std::chrono::steady_clock::now();
    auto starved = pool.Command({"PING"});
    const auto took = std::chrono::steady_clock::now() - start;
    ASSERT_FALSE(starved.has_value());
    EXPECT_EQ(starved.error().code, core::ErrorCode::kStoreUnavailable);
    EXPECT_EQ(starved.error().message, "no Redis connection free after 150 ms, pool of 1");
    EXPECT_GE(took, 150ms);
    EXPECT_LT(took, 2s);
    EXPECT_FALSE(pool.Acquire(10ms).has_value());
  }
  EXPECT_EQ(pool.Command({"PING"})->String().value(), "PONG");
}

TEST(RedisClientDownTest, UnreachableServerIsStoreUnavailable) {
  redis::RedisOptions options;
  options.connect_timeout = std::chrono::milliseconds(200);
  redis::RedisPool pool(*redis::RedisEndpoint::Parse("unix:/nonexistent/redis.sock"), options);
  auto reply = pool.Command({"PING"});
  ASSERT_FALSE(reply.has_value());
  EXPECT_EQ(reply.error().code, core::ErrorCode::kStoreUnavailable);
}

TEST(RedisEndpointTest, ParsesForms) {
  EXPECT_EQ(redis::RedisEndpoint::Parse("127.0.0.1:6380")->port, 6380);
  EXPECT_EQ(redis::RedisEndpoint::Parse("[::1]:6380")->host, "::1");
  EXPECT_EQ(redis::RedisEndpoint::Parse("unix:/tmp/r.sock")->unix_socket, "/tmp/r.sock");
  EXPECT_FALSE(redis::RedisEndpoint::Parse("localhost").has_value());
  EXPECT_FALSE(redis::RedisEndpoint::Parse("h:99999").has_value());
}

}  // namespace
}  // namespace chansync
