// The `chansync` command line end to end: help, suggestions, global options and the
// configuration file of `chansync serve`, on the real binary.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "chansync/test/process.h"
#include "chansync/test/redis_server.h"

namespace chansync {
namespace {

using test::CommandResult;

CommandResult Chansync(std::vector<std::string> args) {
  args.insert(args.begin(), test::BuiltBinary("app/chansync"));
  return test::RunCommand(args, std::chrono::seconds(20));
}

std::string WriteFile(const test::TempDir& dir, const std::string& name, const std::string& text) {
  const std::string path = dir.path() + "/" + name;
  std::ofstream(path) << text;
  return path;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

struct HelpCase {
  std::vector<std::string> command;
  std::vector<std::string> names;  // flags or sub-commands its help must mention
};

TEST(CliHelpTest, EveryCommandsHelpExitsZeroAndNamesItsFlags) {
  const std::vector<HelpCase> cases = {
      {{"serve"},
       {"--config", "--print-config", "--listen", "--redis", "--workers", "--http-listen",
        "--lease-ttl-ms", "--pms-in-flight", "worker.count"}},
      {{"properties"}, {"--json", "--server", "--timeout"}},
      {{"channels"}, {"--json", "--server"}},
      {{"products"}, {"--property", "--channel", "--json"}},
      {{"options"}, {"--property", "--channel", "--product"}},
      {{"link"}, {"product", "option"}},
      {{"link", "product"}, {"--property", "--channel", "--product", "--pms-product"}},
      {{"link", "option"}, {"--option", "--pms-option"}},
      {{"unlink"}, {"product", "option"}},
      {{"unlink", "product"}, {"--property", "--channel", "--product"}},
      {{"unlink", "option"}, {"--option"}},
      {{"catalog"}, {"sync"}},
      {{"catalog", "sync"}, {"--property"}},
      {{"mode"}, {"--property", "--nightly", "--recheck", "--integration", "--multi-link", "MODE"}},
      {{"refresh"}, {"--property", "--timeout"}},
      {{"status"}, {"--property"}},
      {{"integrations"}, {"--property", "--month", "--by", "--failed", "--succeeded"}},
      {{"integration"}, {"show"}},
      {{"integration", "show"}, {"ID", "--json"}},
      {{"force"}, {"ID", "--allow-overbooking"}},
      {{"push"}, {"--channel", "FILE"}},
  };
  for (const auto& help_case : cases) {
    auto args = help_case.command;
    args.push_back("--help");
    const auto result = Chansync(args);
    const std::string name = args.front() + (args.size() > 2 ? " " + args[1] : "");
    EXPECT_EQ(result.exit_code, 0) << name << ": " << result.err;
    EXPECT_NE(result.out.find("Usage: chansync " + name), std::string::npos) << result.out;
    for (const auto& flag : help_case.names) {
      EXPECT_NE(result.out.find(flag), std::string::npos) << name << " lacks " << flag;
    }
  }
}

TEST(CliHelpTest, TopLevelHelpListsTheCommands) {
  for (const std::string word : {"--help", "help"}) {
    const auto result = Chansync({word});
    EXPECT_EQ(result.exit_code, 0) << word;
    for (const char* command : {"serve", "products", "link", "mode", "refresh", "integrations",
                                "force", "push", "--server"}) {
      EXPECT_NE(result.out.find(command), std::string::npos) << command << "\n" << result.out;
    }
  }
  EXPECT_EQ(Chansync({}).exit_code, 2);  // no command: the list, as a usage error
}

TEST(CliSuggestionTest, AMistypedCommandOrOptionGetsASuggestion) {
  const auto command = Chansync({"prodcts", "--property", "riviera"});
  EXPECT_EQ(command.exit_code, 2);
  EXPECT_NE(command.err.find("unknown command \"prodcts\"; did you mean \"products\"?"),
            std::string::npos)
      << command.err;

  const auto nested = Chansync({"link", "prodct", "--property", "riviera"});
  EXPECT_EQ(nested.exit_code, 2);
  EXPECT_NE(nested.err.find("did you mean \"link product\"?"), std::string::npos) << nested.err;

  const auto option = Chansync({"products", "--propety", "riviera"});
  EXPECT_EQ(option.exit_code, 2);
  EXPECT_NE(option.err.find("unknown option --propety; did you mean --property?"),
            std::string::npos)
      << option.err;

  const auto serve = Chansync({"serve", "--worker", "3"});
  EXPECT_EQ(serve.exit_code, 2);
  EXPECT_NE(serve.err.find("did you mean --workers?"), std::string::npos) << serve.err;

  const auto nothing_close = Chansync({"deploy"});
  EXPECT_EQ(nothing_close.exit_code, 2);
  EXPECT_NE(nothing_close.err.find("unknown command \"deploy\""), std::string::npos);
  EXPECT_EQ(nothing_close.err.find("did you mean"), std::string::npos) << nothing_close.err;
}

TEST(ServeConfigFileTest, TheFileAppliesAndAFlagOverridesIt) {
  test::TempDir dir;
  const std::string path = WriteFile(dir, "chansync.toml", R"(instance = "from-file"
[worker]
count = 5
batch_size = 32
[http]
threads = 3
)");
  const auto printed = Chansync({"serve", "--config", path, "--workers", "7", "--print-config"});
  ASSERT_EQ(printed.exit_code, 0) << printed.err;
  EXPECT_NE(printed.out.find("count = 7"), std::string::npos) << printed.out;  // the flag
  EXPECT_NE(printed.out.find("batch_size = 32"), std::string::npos) << printed.out;
  EXPECT_NE(printed.out.find("threads = 3"), std::string::npos) << printed.out;
  EXPECT_NE(printed.out.find("instance = 'from-file'"), std::string::npos) << printed.out;
  EXPECT_NE(printed.out.find("horizon_days = 365"), std::string::npos) << printed.out;
}

TEST(ServeConfigFileTest, TheExampleFileHoldsExactlyTheDefaults) {
  const auto defaults = Chansync({"serve", "--print-config"});
  ASSERT_EQ(defaults.exit_code, 0) << defaults.err;
  const auto example = Chansync(
      {"serve", "--config", test::SourcePath("deploy/chansync.example.toml"), "--print-config"});
  ASSERT_EQ(example.exit_code, 0) << example.err;
  EXPECT_EQ(example.out, defaults.out);
}

TEST(ServeConfigFileTest, AnUnknownKeyOrBadTypeStopsTheStartNamingFileAndLine) {
  test::TempDir dir;
  const std::string path = WriteFile(dir, "bad.toml", "[worker]\ncount = \"two\"\nbatchsize = 3\n");
  const auto result = Chansync({"serve", "--config", path});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find(path + ":2: worker.count must be an integer, got a string"),
            std::string::npos)
      << result.err;
  EXPECT_NE(result.err.find(path + ":3: unknown key worker.batchsize; did you mean "
                                   "worker.batch_size?"),
            std::string::npos)
      << result.err;

  const auto missing = Chansync({"serve", "--config", dir.path() + "/none.toml"});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("cannot read"), std::string::npos) << missing.err;
}

// A real start from a configuration file alone, then the admin CLI with --server before and
// after the command.
TEST(ServeConfigFileTest, ServeStartsFromTheFileAndGlobalOptionsGoEitherSide) {
  test::RedisServer redis;
  test::TempDir dir;
  const std::string ready = dir.path() + "/ready";
  const std::string path =
      WriteFile(dir, "chansync.toml",
                "declarations = \"" + test::SourcePath("deploy/local/riviera.json") + "\"\n" +
                    "ready_file = \"" + ready + "\"\n" + "log_level = \"warn\"\n" +
                    "[grpc]\nlisten = \"127.0.0.1:" + std::to_string(test::FreeTcpPort()) + "\"\n" +
                    "[http]\nlisten = \"127.0.0.1:0\"\n" + "[redis]\nendpoint = \"" +
                    redis.endpoint() + "\"\n" + "[worker]\ncount = 0\n" +
                    "[auth]\nbootstrap_admin_key_file = \"" + dir.path() + "/admin.key\"\n");
  test::ChildProcess serve({test::BuiltBinary("app/chansync"), "serve", "--config", path},
                           dir.path() + "/serve.log");
  ASSERT_TRUE(test::WaitUntil([&] { return !ReadFile(ready).empty() || !serve.running(); },
                              std::chrono::seconds(20)))
      << ReadFile(dir.path() + "/serve.log");
  std::istringstream lines(ReadFile(ready));
  std::string address;
  std::getline(lines, address);
  ASSERT_FALSE(address.empty()) << ReadFile(dir.path() + "/serve.log");

  // The first start made an admin key and wrote it where the configuration said.
  const std::string key_file = dir.path() + "/admin.key";
  const auto before =
      Chansync({"--server", address, "--key-file", key_file, "properties", "--json"});
  ASSERT_EQ(before.exit_code, 0) << before.err;
  EXPECT_NE(before.out.find("riviera"), std::string::npos) << before.out;
  const auto after = Chansync({"properties", "--server", address, "--key-file", key_file});
  ASSERT_EQ(after.exit_code, 0) << after.err;
  EXPECT_NE(after.out.find("riviera"), std::string::npos) << after.out;
  const auto nested = Chansync({"--timeout", "5", "--server", address, "--key-file", key_file,
                                "catalog", "sync", "--property", "nowhere"});
  EXPECT_EQ(nested.exit_code, 1) << nested.err;
  EXPECT_NE(nested.err.find("NOT_FOUND"), std::string::npos) << nested.err;

  EXPECT_EQ(serve.Stop(), 0);
}

}  // namespace
}  // namespace chansync
