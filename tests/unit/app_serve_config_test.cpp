// `chansync serve` configuration: built-in defaults < configuration file < flags.
#include <gtest/gtest.h>

#include "chansync/channel/http_ingest_server.h"
#include "chansync/integration/integration_worker.h"
#include "chansync/planning/planning_refresher.h"
#include "chansync/queue/redis_work_queue.h"
#include "serve_config.h"
#include "serve_config_toml.h"

namespace chansync::app {
namespace {

ServeConfig Build(const std::string& toml, std::map<std::string, std::string> flags = {}) {
  auto config = BuildServeConfig(ConfigText{"chansync.toml", toml}, Args({}, std::move(flags)));
  EXPECT_TRUE(config.has_value()) << config.error().message;
  return config.value_or(ServeConfig{});
}

std::string Error(const std::string& toml, std::map<std::string, std::string> flags = {}) {
  auto config = BuildServeConfig(ConfigText{"chansync.toml", toml}, Args({}, std::move(flags)));
  if (config) return "no error";
  EXPECT_EQ(config.error().code, core::ErrorCode::kInvalidArgument);
  return config.error().message;
}

TEST(ServeConfigTest, DefaultsAreTheEnginesOwn) {
  auto config = BuildServeConfig(std::nullopt, Args());
  ASSERT_TRUE(config.has_value());
  EXPECT_EQ(*config, ServeConfig{});
  const integration::IntegrationWorkerOptions worker;
  EXPECT_EQ(config->batch_size, static_cast<int64_t>(worker.batch_size));
  EXPECT_EQ(config->pms_in_flight, static_cast<int64_t>(worker.parallelism));
  EXPECT_EQ(config->pms_attempts, worker.max_pms_attempts);
  EXPECT_EQ(config->pms_backoff_ms, worker.backoff_base.count());
  EXPECT_EQ(config->reclaim_idle_ms, queue::RedisWorkQueueOptions{}.reclaim_idle.count());
  EXPECT_EQ(config->horizon_days, planning::PlanningRefresherOptions{}.horizon_days);
  EXPECT_EQ(config->http_threads, channel::HttpIngestOptions{}.worker_threads);
  EXPECT_EQ(config->http_idle_timeout_s, channel::HttpIngestOptions{}.idle_timeout_seconds);
  EXPECT_EQ(config->http_header_timeout_s, channel::HttpIngestOptions{}.header_timeout_seconds);
  EXPECT_EQ(config->http_body_timeout_s, channel::HttpIngestOptions{}.body_timeout_seconds);
  EXPECT_EQ(config->grpc_listen, "127.0.0.1:7400");
  EXPECT_EQ(config->workers, 2);
}

TEST(ServeConfigTest, TheFileOverridesDefaultsAndFlagsOverrideTheFile) {
  const std::string file = R"(
instance = "paris-1"
[worker]
count = 4
batch_size = 16
[http]
listen = "0.0.0.0:8080"
[planning]
horizon_days = 90
)";
  const ServeConfig from_file = Build(file);
  EXPECT_EQ(from_file.instance, "paris-1");
  EXPECT_EQ(from_file.workers, 4);
  EXPECT_EQ(from_file.batch_size, 16);
  EXPECT_EQ(from_file.http_listen, "0.0.0.0:8080");
  EXPECT_EQ(from_file.horizon_days, 90);
  EXPECT_EQ(from_file.pms_attempts, ServeConfig{}.pms_attempts);  // not in the file

  const ServeConfig flagged =
      Build(file, {{"workers", "6"}, {"http-listen", "127.0.0.1:0"}, {"log-level", "debug"}});
  EXPECT_EQ(flagged.workers, 6);
  EXPECT_EQ(flagged.http_listen, "127.0.0.1:0");
  EXPECT_EQ(flagged.log_level, "debug");
  EXPECT_EQ(flagged.batch_size, 16);  // the file's, no flag
  EXPECT_EQ(flagged.instance, "paris-1");
}

TEST(ServeConfigTest, HttpRequestTimeoutsComeFromTheFileOrFlags) {
  const std::string file = "[http]\nheader_timeout_s = 4\nbody_timeout_s = 12\n";
  EXPECT_EQ(Build(file).http_header_timeout_s, 4);
  EXPECT_EQ(Build(file).http_body_timeout_s, 12);
  const ServeConfig flagged =
      Build(file, {{"http-header-timeout-s", "2"}, {"http-body-timeout-s", "3"}});
  EXPECT_EQ(flagged.http_header_timeout_s, 2);
  EXPECT_EQ(flagged.http_body_timeout_s, 3);
  EXPECT_NE(Error("[http]\nheader_timeout_s = 0\n"), "no error");
  EXPECT_NE(Error("", {{"http-body-timeout-s", "3601"}}), "no error");
}

TEST(ServeConfigTest, AnUnknownKeyOrTableNamesTheLineAndTheClosestKey) {
  EXPECT_EQ(Error("[worker]\ncount = 3\ncuont = 3\n"),
            "chansync.toml:3: unknown key worker.cuont; did you mean worker.count?");
  EXPECT_EQ(Error("log_level = \"info\"\n\n[wrker]\ncount = 3\n"),
            "chansync.toml:3: unknown table [wrker]; did you mean [worker]?");
  EXPECT_EQ(Error("colour = \"red\"\n"), "chansync.toml:1: unknown key colour");
  EXPECT_EQ(Error("worker = 3\n"), "chansync.toml:1: worker must be a table ([worker])");
}

TEST(ServeConfigTest, AWrongTypeOrRangeNamesTheKeyAndTheLine) {
  EXPECT_EQ(Error("[worker]\ncount = \"4\"\n"),
            "chansync.toml:2: worker.count must be an integer, got a string");
  EXPECT_EQ(Error("[grpc]\n\nlisten = 7400\n"),
            "chansync.toml:3: grpc.listen must be a string, got an integer");
  EXPECT_EQ(Error("[worker]\ncount = 65\n"),
            "chansync.toml:2: worker.count must be an integer from 0 to 64");
  EXPECT_EQ(Error("[http]\nlisten = \"localhost\"\n"),
            "chansync.toml:2: http.listen takes HOST:PORT, got \"localhost\"");
  EXPECT_EQ(Error("[worker\ncount = 1\n").substr(0, 16), "chansync.toml:1:");
}

TEST(ServeConfigTest, EveryProblemOfAFileIsReportedInFileOrder) {
  EXPECT_EQ(Error("zebra = 1\n[worker]\ncount = -1\n[planning]\nhorizon_days = \"x\"\n"),
            "chansync.toml:1: unknown key zebra\n"
            "chansync.toml:3: worker.count must be an integer from 0 to 64\n"
            "chansync.toml:5: planning.horizon_days must be an integer, got a string");
}

TEST(ServeConfigTest, ABadFlagNamesTheFlag) {
  EXPECT_EQ(Error("", {{"workers", "abc"}}), "--workers must be an integer from 0 to 64");
  EXPECT_EQ(Error("", {{"check-deadline-ms", "2s"}}),
            "--check-deadline-ms must be an integer from 1 to 60000");
  EXPECT_EQ(Error("", {{"http-listen", "nowhere"}}),
            "--http-listen takes HOST:PORT, got \"nowhere\"");
  // A flag fixes nothing the file got wrong: the file is read first.
  EXPECT_EQ(Error("[worker]\ncount = 99\n", {{"workers", "1"}}),
            "chansync.toml:2: worker.count must be an integer from 0 to 64");
}

TEST(ServeConfigTest, PrintedConfigurationReadsBackTheSame) {
  ServeConfig config;
  config.instance = "it's \"quoted\"";
  config.workers = 9;
  config.redis = "unix:/run/redis.sock";
  config.lease_ttl_ms = 1234;
  const std::string printed = ServeConfigToToml(config);
  EXPECT_NE(printed.find("[worker]"), std::string::npos) << printed;
  ServeConfig read;
  ASSERT_TRUE(ApplyTomlConfig(ConfigText{"printed.toml", printed}, read).has_value()) << printed;
  EXPECT_EQ(read, config);
}

}  // namespace
}  // namespace chansync::app
