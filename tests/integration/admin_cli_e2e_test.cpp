// End to end: a real `chansync serve` on a real redis-server, driven by the `chansync` CLI.
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <fstream>
#include <map>
#include <memory>

#include "chansync/test/chansync_server.h"
#include "chansync/test/process.h"
#include "chansync/test/redis_server.h"

namespace chansync {
namespace {

using test::CommandResult;

class AdminCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    redis_ = std::make_unique<test::RedisServer>();
    server_ = std::make_unique<test::ChansyncServer>(
        redis_->endpoint(),
        std::vector<std::string>{"--declarations", test::SourcePath("deploy/local/riviera.json")});
  }

  CommandResult Cli(std::vector<std::string> args) { return server_->Cli(std::move(args)); }

  static rapidjson::Document Json(const std::string& text) {
    rapidjson::Document doc;
    doc.Parse(text.c_str());
    EXPECT_FALSE(doc.HasParseError()) << text;
    return doc;
  }

  std::unique_ptr<test::RedisServer> redis_;
  std::unique_ptr<test::ChansyncServer> server_;
};

TEST_F(AdminCliTest, ProductsShowBothSidesWithTheirLinkState) {
  auto result = Cli({"products", "--property", "riviera"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("SH-MH4"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("already linked"), std::string::npos);
  EXPECT_NE(result.out.find("mh-6p"), std::string::npos);

  auto json = Cli({"products", "--property", "riviera", "--json"});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  auto doc = Json(json.out);
  int linked = 0, free = 0;
  for (const auto& cp : doc["channel_products"].GetArray()) {
    const std::string state = cp["state"].GetString();
    if (state == "LINK_STATE_LINKED") ++linked;
    if (state == "LINK_STATE_FREE") ++free;
    if (std::string(cp["product"]["id"].GetString()) == "SH-MH4") {
      EXPECT_STREQ(cp["pms_product_id"].GetString(), "mh-4p");
    }
  }
  EXPECT_EQ(linked, 2);  // the two links the declarations file makes
  EXPECT_EQ(free, 3);
}

TEST_F(AdminCliTest, LinkUnlinkAndTheLinkOnceRule) {
  auto link = Cli({"link", "product", "--property", "riviera", "--channel", "secureholiday",
                   "--product", "SH-MH6", "--pms-product", "mh-6p"});
  ASSERT_EQ(link.exit_code, 0) << link.err;
  EXPECT_NE(link.out.find("SH-MH6 -> mh-6p"), std::string::npos) << link.out;

  // A channel product links once.
  auto again = Cli({"link", "product", "--property", "riviera", "--channel", "secureholiday",
                    "--product", "SH-MH6", "--pms-product", "chalet"});
  EXPECT_EQ(again.exit_code, 1);
  EXPECT_NE(again.err.find("PRODUCT_ALREADY_LINKED"), std::string::npos) << again.err;

  // A PMS product links once while multi-link is off...
  auto taken = Cli({"link", "product", "--property", "riviera", "--channel", "campingfrance",
                    "--product", "CF-1001", "--pms-product", "mh-6p"});
  EXPECT_EQ(taken.exit_code, 1);
  EXPECT_NE(taken.err.find("PMS_PRODUCT_ALREADY_LINKED"), std::string::npos) << taken.err;

  // ...and several times once it is on; then it cannot be turned off while in use.
  ASSERT_EQ(Cli({"mode", "--property", "riviera", "--multi-link", "on"}).exit_code, 0);
  auto shared = Cli({"link", "product", "--property", "riviera", "--channel", "campingfrance",
                     "--product", "CF-1001", "--pms-product", "mh-6p"});
  ASSERT_EQ(shared.exit_code, 0) << shared.err;
  auto off = Cli({"mode", "--property", "riviera", "--multi-link", "off"});
  EXPECT_EQ(off.exit_code, 1);
  EXPECT_NE(off.err.find("PMS_PRODUCT_ALREADY_LINKED"), std::string::npos) << off.err;

  auto option = Cli({"link", "option", "--property", "riviera", "--channel", "secureholiday",
                     "--product", "SH-MH6", "--option", "SH-BEBE", "--pms-option", "baby-kit"});
  ASSERT_EQ(option.exit_code, 0) << option.err;
  auto options = Cli({"options", "--property", "riviera", "--channel", "secureholiday", "--product",
                      "SH-MH6", "--json"});
  ASSERT_EQ(options.exit_code, 0) << options.err;
  auto doc = Json(options.out);
  bool bebe_linked = false;
  for (const auto& o : doc["channel_options"].GetArray()) {
    if (std::string(o["option"]["id"].GetString()) == "SH-BEBE") {
      bebe_linked = std::string(o["state"].GetString()) == "LINK_STATE_LINKED";
    }
  }
  EXPECT_TRUE(bebe_linked);

  auto unlink = Cli({"unlink", "product", "--property", "riviera", "--channel", "secureholiday",
                     "--product", "SH-MH6"});
  ASSERT_EQ(unlink.exit_code, 0) << unlink.err;
  EXPECT_NE(unlink.out.find("1 option links removed"), std::string::npos) << unlink.out;
  auto option_gone = Cli(
      {"options", "--property", "riviera", "--channel", "secureholiday", "--product", "SH-MH6"});
  EXPECT_EQ(option_gone.exit_code, 1);
  EXPECT_NE(option_gone.err.find("PRODUCT_NOT_LINKED"), std::string::npos) << option_gone.err;
}

TEST_F(AdminCliTest, ModeAndLevelsSwitchAtOnceAndSurviveARestart) {
  auto show = Cli({"mode", "--property", "riviera", "--json"});
  ASSERT_EQ(show.exit_code, 0) << show.err;
  EXPECT_STREQ(Json(show.out)["mode"].GetString(), "GATEWAY_MODE_PMS");

  auto classic = Cli({"mode", "--property", "riviera", "classic", "--recheck", "off"});
  ASSERT_EQ(classic.exit_code, 0) << classic.err;
  EXPECT_NE(classic.out.find("classic (0)"), std::string::npos) << classic.out;

  // The declarations file is applied again at start but never overwrites an admin's change.
  server_.reset();
  server_ = std::make_unique<test::ChansyncServer>(
      redis_->endpoint(),
      std::vector<std::string>{"--declarations", test::SourcePath("deploy/local/riviera.json")});
  auto after = Json(Cli({"mode", "--property", "riviera", "--json"}).out);
  EXPECT_STREQ(after["mode"].GetString(), "GATEWAY_MODE_CLASSIC");
  EXPECT_FALSE(after["levels"]["availability_recheck"].GetBool());
  EXPECT_TRUE(after["levels"]["auto_integration"].GetBool());
}

TEST_F(AdminCliTest, ErrorsPrintTheCodeAndExitNonZero) {
  auto unknown = Cli({"products", "--property", "nowhere"});
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_NE(unknown.err.find("NOT_FOUND"), std::string::npos) << unknown.err;

  auto missing = Cli({"link", "product", "--property", "riviera"});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("--channel is required"), std::string::npos) << missing.err;

  auto bad_mode = Cli({"mode", "--property", "riviera", "turbo"});
  EXPECT_EQ(bad_mode.exit_code, 2);
  EXPECT_NE(bad_mode.err.find("INVALID_ARGUMENT"), std::string::npos);

  auto unknown_flag = Cli({"products", "--property", "riviera", "--colour", "red"});
  EXPECT_EQ(unknown_flag.exit_code, 2);
  EXPECT_NE(unknown_flag.err.find("unknown option --colour"), std::string::npos);
}

// Properties are applied side by side at start: every one must land whole, with its links,
// and a property whose link breaks a rule only gets a warning.
TEST(ServeDeclarationsTest, ManyPropertiesAreAllAppliedWithTheirLinksAndAgainIdempotently) {
  constexpr int kProperties = 24;
  test::TempDir dir;
  const std::string path = dir.path() + "/many.json";
  {
    std::ofstream out(path);
    out << R"({"channels": [{"id": "sh", "name": "SecureHoliday"}], "properties": [)";
    for (int p = 0; p < kProperties; ++p) {
      const std::string id = "prop" + std::to_string(p);
      out << (p > 0 ? "," : "") << R"({"id": ")" << id << R"(", "name": ")" << id
          << R"(", "timezone": "Europe/Paris", "mode": "pms",
            "pms": {"endpoint": "http://127.0.0.1:1", "gateway_id": "G", "credentials": ""},
            "pms_catalog": {"products": [{"id": "u0", "name": "U0", "units": 2},
                                         {"id": "u1", "name": "U1", "units": 2}], "options": []},
            "channel_products": {"sh": [{"id": "c0", "name": "C0", "options": []},
                                        {"id": "c1", "name": "C1", "options": []},
                                        {"id": "c2", "name": "C2", "options": []}]},
            "links": [{"channel": "sh", "channel_product": "c0", "pms_product": "u0"},
                      {"channel": "sh", "channel_product": "c1", "pms_product": "u1"},
                      {"channel": "sh", "channel_product": "c2", "pms_product": "u1"}]})";
    }
    out << "]}";
  }
  test::RedisServer redis;
  auto check = [&](test::ChansyncServer& server) {
    auto listed = server.Cli({"properties", "--json"});
    ASSERT_EQ(listed.exit_code, 0) << listed.err;
    rapidjson::Document doc;
    doc.Parse(listed.out.c_str());
    ASSERT_FALSE(doc.HasParseError()) << listed.out;
    ASSERT_EQ(doc["properties"].Size(), size_t{kProperties}) << listed.out;
    for (int p = 0; p < kProperties; ++p) {
      auto products = server.Cli({"products", "--property", "prop" + std::to_string(p), "--json"});
      ASSERT_EQ(products.exit_code, 0) << products.err;
      rapidjson::Document board;
      board.Parse(products.out.c_str());
      std::map<std::string, std::string> links;
      for (const auto& cp : board["channel_products"].GetArray()) {
        if (std::string(cp["state"].GetString()) == "LINK_STATE_LINKED") {
          links[cp["product"]["id"].GetString()] = cp["pms_product_id"].GetString();
        }
      }
      // c2 -> u1 is refused: u1 is taken by c1 and multi-link is off.
      EXPECT_EQ(links, (std::map<std::string, std::string>{{"c0", "u0"}, {"c1", "u1"}}))
          << "prop" << p;
    }
  };
  {
    test::ChansyncServer first(redis.endpoint(), {"--declarations", path, "--workers", "0"});
    check(first);
  }
  test::ChansyncServer again(redis.endpoint(), {"--declarations", path, "--workers", "0"});
  check(again);
}

TEST(ServeFlagsTest, MalformedNumbersAreRefusedNotReadAsZero) {
  for (const std::vector<std::string>& flag :
       std::vector<std::vector<std::string>>{{"--workers", "abc"},
                                             {"--workers", "65"},
                                             {"--pms-attempts", "0"},
                                             {"--batch-size", "0"},
                                             {"--pms-in-flight", "257"},
                                             {"--check-deadline-ms", "2s"}}) {
    std::vector<std::string> argv{test::BuiltBinary("app/chansync"), "serve"};
    argv.insert(argv.end(), flag.begin(), flag.end());
    auto result = test::RunCommand(argv, std::chrono::seconds(10));
    EXPECT_EQ(result.exit_code, 2) << flag[0] << " " << flag[1];
    EXPECT_NE(result.err.find(flag[0] + " must be an integer"), std::string::npos) << result.err;
  }
}

TEST(AdminCliNoServerTest, UnreachableServerIsAClearError) {
  const int port = test::FreeTcpPort();
  auto result =
      test::RunCommand({test::BuiltBinary("app/chansync"), "products", "--property", "riviera",
                        "--server", "127.0.0.1:" + std::to_string(port), "--timeout", "2"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("SERVER_UNAVAILABLE"), std::string::npos) << result.err;
}

}  // namespace
}  // namespace chansync
