// What `chansync serve` refuses at start to keep its transport safe: plain text off loopback,
// Redis credentials that do not open the store.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <string>
#include <vector>

#include "chansync/test/chansync_server.h"
#include "chansync/test/process.h"
#include "chansync/test/redis_server.h"

namespace chansync {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

std::vector<std::string> Serve(const std::string& redis, std::vector<std::string> extra) {
  std::vector<std::string> argv{
      test::BuiltBinary("app/chansync"), "serve", "--redis", redis, "--workers", "0"};
  argv.insert(argv.end(), extra.begin(), extra.end());
  return argv;
}

std::string WriteFile(const test::TempDir& dir, const std::string& name, const std::string& text) {
  const std::string path = dir.path() + "/" + name;
  std::ofstream(path) << text;
  return path;
}

TEST(ServeListenPolicyTest, WithoutACertificateOnlyLoopbackIsServed) {
  for (const std::vector<std::string>& listen :
       {std::vector<std::string>{"--listen", "0.0.0.0:0", "--http-listen", "127.0.0.1:0"},
        std::vector<std::string>{"--listen", "127.0.0.1:0", "--http-listen", "[::]:0"}}) {
    // No Redis is needed: the address is refused before anything is opened.
    auto refused = test::RunCommand(Serve("127.0.0.1:1", listen));
    EXPECT_EQ(refused.exit_code, 2);
    EXPECT_THAT(refused.err, HasSubstr(listen[1] == "0.0.0.0:0" ? "--listen 0.0.0.0:0"
                                                                : "--http-listen [::]:0"));
    EXPECT_THAT(refused.err, HasSubstr("not a loopback address"));
    EXPECT_THAT(refused.err, HasSubstr("--insecure-listen"));
  }
}

TEST(ServeListenPolicyTest, InsecureListenServesPlainTextOnEveryAddress) {
  test::RedisServer redis;
  test::ChansyncServer server(redis.endpoint(),
                              {"--insecure-listen", "--http-listen", "0.0.0.0:0"});
  EXPECT_TRUE(server.process().running());
  EXPECT_THAT(server.http_address(), HasSubstr("0.0.0.0:"));
}

class ServeRedisAuthTest : public ::testing::Test {
 protected:
  static constexpr const char* kPassword = "s3cr3t-redis-pass";
  test::RedisServer redis_{{.password = kPassword}};
  test::TempDir dir_;
};

TEST_F(ServeRedisAuthTest, TheRightPasswordOpensTheStoreAndIsNeverLogged) {
  const std::string password_file = WriteFile(dir_, "redis.pass", std::string(kPassword) + "\n");
  test::ChansyncServer server(
      redis_.endpoint(), {"--redis-user", redis_.user(), "--redis-password-file", password_file});
  auto channels = server.Cli({"channels"});
  EXPECT_EQ(channels.exit_code, 0) << channels.err;
  EXPECT_THAT(server.log(), Not(HasSubstr(kPassword)));
}

TEST_F(ServeRedisAuthTest, AWrongPasswordStopsTheStartNamingTheUser) {
  const std::string password_file = WriteFile(dir_, "redis.pass", "not-the-password\n");
  auto refused = test::RunCommand(Serve(
      redis_.endpoint(), {"--redis-user", redis_.user(), "--redis-password-file", password_file}));
  EXPECT_NE(refused.exit_code, 0);
  EXPECT_THAT(refused.err, HasSubstr("STORE_UNAVAILABLE"));
  EXPECT_THAT(refused.err, HasSubstr("AUTH as user chansync refused"));
  EXPECT_THAT(refused.err, HasSubstr("WRONGPASS"));
  EXPECT_THAT(refused.err, Not(HasSubstr("not-the-password")));
}

TEST_F(ServeRedisAuthTest, NoPasswordAtAllSaysTheStoreWantsOne) {
  auto refused = test::RunCommand(Serve(redis_.endpoint(), {}));
  EXPECT_NE(refused.exit_code, 0);
  EXPECT_THAT(refused.err, HasSubstr("STORE_UNAVAILABLE"));
  EXPECT_THAT(refused.err, HasSubstr("requires authentication"));
}

TEST_F(ServeRedisAuthTest, AnEmptyPasswordFileIsABadSetting) {
  const std::string password_file = WriteFile(dir_, "redis.pass", "\n");
  auto refused =
      test::RunCommand(Serve(redis_.endpoint(), {"--redis-password-file", password_file}));
  EXPECT_NE(refused.exit_code, 0);
  EXPECT_THAT(refused.err, HasSubstr("--redis-password-file"));
  EXPECT_THAT(refused.err, HasSubstr("is empty"));
}

TEST(ServeOutboundPolicyTest, PlainHttpToAnotherHostIsRefusedUnlessInsecureOutbound) {
  test::RedisServer redis;
  test::TempDir dir;
  const std::string declarations = WriteFile(dir, "declarations.json", R"({"channels": [
    {"id": "far", "name": "Far portal", "planning_endpoint": "http://portal.example/planning"}],
    "properties": []})");
  auto refused = test::RunCommand(Serve(redis.endpoint(), {"--declarations", declarations}));
  EXPECT_NE(refused.exit_code, 0);
  EXPECT_THAT(refused.err,
              HasSubstr("channel far planning endpoint http://portal.example/planning"));
  EXPECT_THAT(refused.err, HasSubstr("--insecure-outbound"));

  test::ChansyncServer allowed(redis.endpoint(),
                               {"--declarations", declarations, "--insecure-outbound"});
  auto channels = allowed.Cli({"channels"});
  EXPECT_EQ(channels.exit_code, 0) << channels.err;
  EXPECT_THAT(channels.out, HasSubstr("http://portal.example/planning"));
}

}  // namespace
}  // namespace chansync
