#include <gtest/gtest.h>

#include <chrono>

#include "chansync/core/clock.h"
#include "chansync/queue/redis_work_queue.h"
#include "chansync/test/key_space.h"
#include "chansync/test/redis_server.h"

namespace chansync::queue {
namespace {

using namespace std::chrono_literals;

// The queue on a pool of a single connection: no call may wait for a second connection while
// it holds the first. A short acquire timeout turns such a wait into a failure, not a hang.
class QueuePoolOfOneRedisTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { server_ = new test::RedisServer(); }
  static void TearDownTestSuite() { delete server_; }

  void SetUp() override {
    redis::RedisOptions options;
    options.pool_size = 1;
    options.acquire_timeout = 500ms;
    pool_ = std::make_unique<redis::RedisPool>(server_->parsed_endpoint(), options);
    auto queue =
        RedisWorkQueue::Open(*pool_, clock_, {.keys = test::KeySpaceOfCurrentTest(), .shards = 2});
    ASSERT_TRUE(queue.has_value()) << queue.error().ToString();
    queue_ = std::move(*queue);
  }

  void DestroyGroups() {
    for (int shard = 0; shard < 2; ++shard) {
      ASSERT_TRUE(pool_->Command({"XGROUP", "DESTROY", queue_->StreamKey(shard), "workers"}));
    }
  }

  // Enqueues `payload`, claims it as the only message and acks it.
  void RoundTrip(const std::string& payload, std::chrono::milliseconds block) {
    ASSERT_TRUE(queue_->Enqueue("k", payload).has_value());
    auto claimed = queue_->Claim("w", 10, block);
    ASSERT_TRUE(claimed.has_value()) << claimed.error().ToString();
    ASSERT_EQ(claimed->size(), 1u);
    EXPECT_EQ((*claimed)[0].payload, payload);
    EXPECT_TRUE(queue_->Ack(*claimed).has_value());
  }

  static test::RedisServer* server_;
  core::SystemClock clock_;
  std::unique_ptr<redis::RedisPool> pool_;
  std::unique_ptr<RedisWorkQueue> queue_;
};
test::RedisServer* QueuePoolOfOneRedisTest::server_ = nullptr;

// The first claim runs the claim script, which finds the groups gone.
TEST_F(QueuePoolOfOneRedisTest, ClaimScriptRecreatesLostGroupsOnItsOwnConnection) {
  DestroyGroups();
  RoundTrip("survives", 0ms);
}

// A claim right after another reads with plain XREADGROUPs, which find the groups gone.
TEST_F(QueuePoolOfOneRedisTest, PlainReadsRecreateLostGroupsAndClaimAfterwards) {
  RoundTrip("before", 0ms);
  DestroyGroups();
  RoundTrip("after", 200ms);
}

}  // namespace
}  // namespace chansync::queue
