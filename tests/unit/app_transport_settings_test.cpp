// The transport rules `chansync serve` applies before it opens anything: plain text only on
// loopback, plain http:// only to loopback, switches, credentials from a file.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "listen_policy.h"
#include "outbound_endpoint_policy.h"
#include "serve_config.h"
#include "serve_config_toml.h"

namespace chansync::app {
namespace {

using ::testing::HasSubstr;

TEST(ListenPolicyTest, LoopbackIsLocalhostAnd127Slash8AndColonColon1) {
  for (const char* host : {"localhost", "127.0.0.1", "127.1.2.3", "::1"}) {
    EXPECT_TRUE(IsLoopbackHost(host)) << host;
  }
  for (const char* host : {"0.0.0.0", "::", "", "10.0.0.1", "128.0.0.1", "example.com", "::2"}) {
    EXPECT_FALSE(IsLoopbackHost(host)) << host;
  }
}

TEST(ListenPolicyTest, PlainTextOffLoopbackNeedsACertificateOrInsecureListen) {
  ServeConfig config;
  EXPECT_TRUE(CheckListenAddresses(config).has_value()) << "the defaults are loopback";

  config.http_listen = "0.0.0.0:7480";
  auto refused = CheckListenAddresses(config);
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, core::ErrorCode::kInvalidArgument);
  EXPECT_THAT(refused.error().message, HasSubstr("--http-listen 0.0.0.0:7480"));
  EXPECT_THAT(refused.error().message, HasSubstr("--insecure-listen"));

  config.tls_cert = "cert.pem";
  EXPECT_FALSE(CheckListenAddresses(config).has_value()) << "a certificate needs its key";
  config.tls_key = "key.pem";
  EXPECT_TRUE(CheckListenAddresses(config).has_value());

  config = ServeConfig{};
  config.grpc_listen = "[::]:7400";
  EXPECT_THAT(CheckListenAddresses(config).error().message, HasSubstr("--listen [::]:7400"));
  config.insecure_listen = true;
  EXPECT_TRUE(CheckListenAddresses(config).has_value());

  config = ServeConfig{};
  config.grpc_listen = "unix:/run/chansync/grpc.sock";
  EXPECT_TRUE(CheckListenAddresses(config).has_value()) << "a unix socket is local";
}

TEST(OutboundEndpointPolicyTest, PlainHttpOnlyToLoopbackUnlessAllowed) {
  for (const char* url : {"", "https://portal.example/p", "http://127.0.0.1:7482/p",
                          "http://localhost/p", "http://[::1]:8080/p"}) {
    EXPECT_TRUE(CheckOutboundEndpoint("channel c planning endpoint", url, false).has_value())
        << url;
  }
  auto refused =
      CheckOutboundEndpoint("property riviera PMS endpoint", "http://pms.example:8081", false);
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, core::ErrorCode::kInvalidArgument);
  EXPECT_THAT(refused.error().message,
              HasSubstr("property riviera PMS endpoint http://pms.example:8081"));
  EXPECT_THAT(refused.error().message, HasSubstr("--insecure-outbound"));
  EXPECT_TRUE(CheckOutboundEndpoint("x", "http://pms.example:8081", true).has_value());
}

TEST(TransportSettingsTest, SwitchesAreFlagsWithoutValueAndBooleansInTheFile) {
  auto from_flags = BuildServeConfig(std::nullopt, Args({}, {{"insecure-listen", "true"},
                                                             {"insecure-outbound", "true"},
                                                             {"rate-limit-per-channel", "0"}}));
  ASSERT_TRUE(from_flags.has_value()) << from_flags.error().message;
  EXPECT_TRUE(from_flags->insecure_listen);
  EXPECT_TRUE(from_flags->insecure_outbound);
  EXPECT_EQ(from_flags->rate_limit_per_channel, 0);

  auto from_file = BuildServeConfig(ConfigText{"chansync.toml", R"(
[tls]
insecure_listen = true
cert = "/etc/chansync/cert.pem"
key = "/etc/chansync/key.pem"
[outbound]
ca_file = "/etc/ssl/portals.pem"
[redis]
user = "chansync"
password_file = "/etc/chansync/redis.pass"
[ingest]
rate_limit_per_channel = 50
rate_limit_burst = 100
)"},
                                    Args());
  ASSERT_TRUE(from_file.has_value()) << from_file.error().message;
  EXPECT_TRUE(from_file->insecure_listen);
  EXPECT_FALSE(from_file->insecure_outbound);
  EXPECT_EQ(from_file->tls_cert, "/etc/chansync/cert.pem");
  EXPECT_EQ(from_file->tls_key, "/etc/chansync/key.pem");
  EXPECT_EQ(from_file->tls_ca_file, "/etc/ssl/portals.pem");
  EXPECT_EQ(from_file->redis_user, "chansync");
  EXPECT_EQ(from_file->redis_password_file, "/etc/chansync/redis.pass");
  EXPECT_EQ(from_file->rate_limit_per_channel, 50);
  EXPECT_EQ(from_file->rate_limit_burst, 100);

  auto wrong_type =
      BuildServeConfig(ConfigText{"chansync.toml", "[tls]\ninsecure_listen = \"yes\"\n"}, Args());
  ASSERT_FALSE(wrong_type.has_value());
  EXPECT_THAT(
      wrong_type.error().message,
      HasSubstr("chansync.toml:2: tls.insecure_listen must be true or false, got a string"));
}

TEST(TransportSettingsTest, PrintedConfigurationReadsBackTheSame) {
  ServeConfig config;
  config.insecure_outbound = true;
  config.rate_limit_burst = 7;
  auto again = BuildServeConfig(ConfigText{"printed.toml", ServeConfigToToml(config)}, Args());
  ASSERT_TRUE(again.has_value()) << again.error().message;
  EXPECT_EQ(*again, config);
}

}  // namespace
}  // namespace chansync::app
