#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "chansync/tools/flag_set.h"
#include "chansync/tools/server_flags.h"

namespace chansync::tools {
namespace {

// argv as main gets it, from words; argv[0] is the program.
class CommandLine {
 public:
  explicit CommandLine(std::vector<std::string> words) : words_(std::move(words)) {
    words_.insert(words_.begin(), "tool");
    for (auto& word : words_) pointers_.push_back(word.data());
  }
  int argc() const { return static_cast<int>(pointers_.size()); }
  char** argv() { return pointers_.data(); }

 private:
  std::vector<std::string> words_;
  std::vector<char*> pointers_;
};

struct Parsed {
  FlagSet::Outcome outcome;
  std::string error;
};

// The flags of a simulator: the server's, a required --data and a --rate in [0, 1].
struct ToolFlags {
  ToolFlags() {
    server.AddTo(flags);
    flags.String("--data", &data, /*required=*/true);
    flags.Double("--rate", 0, 1, &rate);
  }
  // Not copyable: the flag set writes into this object's members.
  ToolFlags(const ToolFlags&) = delete;

  Parsed Parse(std::vector<std::string> words) {
    CommandLine line(std::move(words));
    Parsed parsed;
    parsed.outcome = flags.Parse(line.argc(), line.argv(), &parsed.error);
    return parsed;
  }

  FlagSet flags;
  ServerFlags server;
  std::string data;
  double rate = 0;
};

class FlagSetTest : public ::testing::Test {
 protected:
  Parsed Parse(std::vector<std::string> words) { return tool_.Parse(std::move(words)); }

  ToolFlags tool_;
  ServerFlags& server_ = tool_.server;
  std::string& data_ = tool_.data;
  double& rate_ = tool_.rate;
};

TEST_F(FlagSetTest, ReadsEveryFlagIntoItsPlace) {
  auto parsed =
      Parse({"--data", "d.json", "--listen", "[::1]:8080", "--ready-file", "r", "--threads", "64",
             "--latency-ms", "5", "--keep-alive-s", "9", "--rate", "0.25"});
  ASSERT_EQ(parsed.outcome, FlagSet::Outcome::kOk) << parsed.error;
  EXPECT_EQ(data_, "d.json");
  EXPECT_EQ(server_.host, "::1");
  EXPECT_EQ(server_.port, 8080);
  EXPECT_EQ(server_.ready_file, "r");
  EXPECT_EQ(server_.threads, 64);
  EXPECT_EQ(server_.latency_ms, 5);
  EXPECT_EQ(server_.keep_alive_s, 9);
  EXPECT_DOUBLE_EQ(rate_, 0.25);
}

TEST_F(FlagSetTest, DefaultsStayWhenFlagsAreLeftOut) {
  ASSERT_EQ(Parse({"--data", "d.json"}).outcome, FlagSet::Outcome::kOk);
  EXPECT_EQ(server_.host, "127.0.0.1");
  EXPECT_EQ(server_.port, 0);
  EXPECT_EQ(server_.threads, 16);
  EXPECT_EQ(server_.keep_alive_s, 5);
}

TEST_F(FlagSetTest, HelpWinsOverEverythingBeforeIt) {
  EXPECT_EQ(Parse({"--help"}).outcome, FlagSet::Outcome::kHelp);
  EXPECT_EQ(Parse({"--threads", "2", "-h"}).outcome, FlagSet::Outcome::kHelp);
}

TEST_F(FlagSetTest, ErrorsNameTheFlag) {
  const std::vector<std::pair<std::vector<std::string>, std::string>> cases{
      {{"--data"}, "--data needs a value"},
      {{"--data", "d", "--bogus", "1"}, "unknown flag --bogus"},
      {{"--data", "d", "--threads", "0"}, "bad value for --threads: 0"},
      {{"--data", "d", "--threads", "4x"}, "bad value for --threads: 4x"},
      {{"--data", "d", "--rate", "1.5"}, "bad value for --rate: 1.5"},
      {{"--data", "d", "--rate", "nan"}, "bad value for --rate: nan"},
      {{"--data", "d", "--listen", "8080"}, "bad value for --listen: 8080"},
      {{"--data", "d", "--listen", "h:70000"}, "bad value for --listen: h:70000"},
      {{"--threads", "2"}, "--data is required"},
      {{"--data", ""}, "--data is required"},
  };
  for (const auto& [words, error] : cases) {
    auto parsed = ToolFlags().Parse(words);
    EXPECT_EQ(parsed.outcome, FlagSet::Outcome::kError) << error;
    EXPECT_EQ(parsed.error, error);
  }
}

TEST(ListenAddressTest, ShownAsParsedWithBracketsForIpv6) {
  std::string host;
  int port = -1;
  ASSERT_TRUE(ParseListenAddress("0.0.0.0:7481", &host, &port));
  EXPECT_EQ(ShowAddress(host, port), "0.0.0.0:7481");
  ASSERT_TRUE(ParseListenAddress("[::]:0", &host, &port));
  EXPECT_EQ(host, "::");
  EXPECT_EQ(ShowAddress(host, 9), "[::]:9");
  EXPECT_FALSE(ParseListenAddress(":80", &host, &port));
}

}  // namespace
}  // namespace chansync::tools
