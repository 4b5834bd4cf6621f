// What `chansync serve` checks when it starts, on real processes.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <httplib.h>

#include <chrono>
#include <string>
#include <vector>

#include "chansync/linking/redis_property_store.h"
#include "chansync/test/chansync_server.h"
#include "chansync/test/dates.h"
#include "chansync/test/redis_server.h"

namespace chansync {
namespace {

using namespace std::chrono_literals;
using ::testing::HasSubstr;

const std::string kReservation = R"({"channel_reservation_id": "SH-1", "property": "riviera",
    "arrival": ")" + test::DayOfMonthAhead(1) +
                                 R"(", "departure": ")" + test::DayOfMonthAhead(8) +
                                 R"(", "guest_name": "Jeanne Martin",
    "product": "SH-MH4", "price": {"amount_minor": 84900, "currency": "EUR"}})";

struct Answer {
  int status = 0;
  std::string body;
};

Answer Push(const test::ChansyncServer& server) {
  httplib::Client client("127.0.0.1", server.http_port());
  client.set_bearer_token_auth(server.key());
  auto res =
      client.Post("/v1/channels/secureholiday/reservations", kReservation, "application/json");
  if (!res) return {};
  return {res->status, res->body};
}

// Empties the store as a lost Redis would, but for the API keys: the service's own key must stay
// valid for the test to see what the store's readiness answers.
void FlushAllButKeys(test::RedisServer& redis) {
  auto pool = redis.NewPool(1);
  auto dumped = pool->Command({"DUMP", "cs:auth:keys"});
  ASSERT_TRUE(dumped.has_value());
  redis.FlushAll();
  ASSERT_TRUE(pool->Command({"RESTORE", "cs:auth:keys", "0", dumped->str}).has_value());
}

std::vector<std::string> WithDeclarations(std::vector<std::string> args = {}) {
  args.insert(args.end(),
              {"--declarations", test::SourcePath("deploy/local/riviera.json"), "--workers", "0"});
  return args;
}

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

TEST(ServeStartupTest, AStoreThatLostItsDeclarationsRefusesUntilTheyAreBack) {
  test::RedisServer redis;
  test::ChansyncServer server(redis.endpoint(), {"--workers", "0"});
  // Nothing declared yet: nothing can be integrated, so nothing is accepted.
  Answer refused = Push(server);
  EXPECT_EQ(refused.status, 503);
  EXPECT_THAT(refused.body, HasSubstr("STORE_NOT_READY"));

  // An admin creates the property (as the Admin service does): the next push is accepted.
  auto pool = redis.NewPool(1);
  linking::RedisPropertyStore store(*pool);
  ASSERT_TRUE(store.CreateChannel({"secureholiday", "SecureHoliday", ""}));
  ASSERT_TRUE(store.CreateProperty({.id = "riviera", .name = "Riviera", .timezone = "UTC"}));
  ASSERT_TRUE(store.SetChannelProducts("riviera", "secureholiday", {{.id = "SH-MH4"}}));
  EXPECT_EQ(Push(server).status, 202);

  FlushAllButKeys(redis);
  ASSERT_TRUE(test::WaitUntil([&] { return Push(server).status == 503; }, 5s)) << server.log();
  EXPECT_THAT(Push(server).body, HasSubstr("STORE_NOT_READY"));
}

TEST(ServeStartupTest, DeclarationsLostAreAppliedAgainFromTheFile) {
  test::RedisServer redis;
  test::ChansyncServer server(redis.endpoint(), WithDeclarations());
  EXPECT_EQ(Push(server).status, 202);
  FlushAllButKeys(redis);
  // Within a refresh the declarations are back, and pushes are accepted again.
  ASSERT_TRUE(test::WaitUntil(
      [&] {
        auto pool = redis.NewPool(1);
        auto exists = pool->Command({"HEXISTS", "cs:properties", "riviera"});
        return exists && exists->Integer().value_or(0) == 1;
      },
      5s))
      << server.log();
  EXPECT_EQ(Push(server).status, 202);
  EXPECT_THAT(server.log(), HasSubstr("lost its declarations"));
}

TEST(ServeStartupTest, DurabilityAlwaysRefusesAServerThatDoesNotFsyncEachWrite) {
  test::RedisServer everysec({.append_only = true});
  auto refused = test::RunCommand({test::BuiltBinary("app/chansync"), "serve", "--redis",
                                   everysec.endpoint(), "--listen", "127.0.0.1:0", "--http-listen",
                                   "127.0.0.1:0", "--durability", "always"});
  EXPECT_NE(refused.exit_code, 0);
  EXPECT_THAT(refused.err, HasSubstr("appendfsync always"));

  test::RedisServer always({.append_only = true, .extra_args = {"--appendfsync", "always"}});
  test::ChansyncServer server(always.endpoint(), WithDeclarations({"--durability", "always"}));
  EXPECT_EQ(Push(server).status, 202);
}

TEST(ServeStartupTest, DurabilityReplicatedAcceptsOnlyWhatAReplicaHolds) {
  test::RedisServer primary;
  test::ChansyncServer server(primary.endpoint(), WithDeclarations({"--durability", "replicated",
                                                                    "--replica-wait-ms", "300"}));
  // No replica: the push is not acknowledged.
  Answer unreplicated = Push(server);
  EXPECT_EQ(unreplicated.status, 503);
  EXPECT_THAT(unreplicated.body, HasSubstr("replicas"));

  test::RedisServer replica(
      {.extra_args = {"--replicaof", "127.0.0.1", std::to_string(primary.port())}});
  ASSERT_TRUE(test::WaitUntil([&] { return Push(server).status == 202; }, 10s)) << server.log();
  // What was accepted is on the replica.
  auto pool = replica.NewPool(1);
  int64_t on_replica = 0;
  for (int shard = 0; shard < 4; ++shard) {
    auto len = pool->Command({"XLEN", "cs:{q:" + std::to_string(shard) + "}:resv"});
    if (len) on_replica += len->Integer().value_or(0);
  }
  EXPECT_GE(on_replica, 1);
}

}  // namespace
}  // namespace chansync
