// What `chansync serve` checks when it starts, on real processes.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "chansync/test/chansync_server.h"
#include "chansync/test/redis_server.h"

namespace chansync {
namespace {

using ::testing::HasSubstr;

std::vector<std::string> Serve(const std::string& redis, const std::string& grpc,
                               const std::string& http) {
  return {test::BuiltBinary("app/chansync"),
          "serve",
          "--redis",
          redis,
          "--listen",
          grpc,
          "--http-listen",
          http,
          "--workers",
          "0"};
}

TEST(ServeStartupTest, ASecondInstanceOnTheSamePortsFailsToStart) {
  test::RedisServer redis;
  test::ChansyncServer first(redis.endpoint());

  auto same_grpc = test::RunCommand(Serve(redis.endpoint(), first.address(), "127.0.0.1:0"));
  EXPECT_NE(same_grpc.exit_code, 0);
  EXPECT_THAT(same_grpc.err, HasSubstr("cannot listen for gRPC on " + first.address()));
  EXPECT_THAT(same_grpc.err, HasSubstr("already in use"));

  auto same_http = test::RunCommand(Serve(redis.endpoint(), "127.0.0.1:0", first.http_address()));
  EXPECT_NE(same_http.exit_code, 0);
  EXPECT_THAT(same_http.err, HasSubstr("cannot listen for HTTP on " + first.http_address()));

  EXPECT_TRUE(first.process().running());
}

}  // namespace
}  // namespace chansync
