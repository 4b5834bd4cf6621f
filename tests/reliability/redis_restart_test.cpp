// redis-server killed (SIGKILL) while reservations arrive, and started again on the same port
// with the same append-only file: what was answered 202 is integrated exactly once, and what
// arrived while it was down was refused STORE_UNAVAILABLE (the portal retries), never accepted.
#include <gtest/gtest.h>

#include <iostream>
#include <set>

#include "census.h"
#include "pusher.h"

namespace chansync::test::reliability {
namespace {

using namespace std::chrono_literals;

constexpr int kReservations = 3000;
constexpr int kKillAfterAccepted = 800;

// appendfsync policy, run.
class RedisRestartTest : public ::testing::TestWithParam<std::tuple<std::string, int>> {};

TEST_P(RedisRestartTest, EveryAcceptedReservationIsIntegratedOnceAndNoneIsAcceptedWhileDown) {
  const auto& [fsync, run] = GetParam();
  Estate estate(
      {.redis = {.append_only = true,
                 .extra_args = {"--appendfsync", fsync, "--auto-aof-rewrite-percentage", "0"}}});
  // Entries claimed before the crash are handed out again once idle 1 s.
  auto server = estate.StartServer({"--durability", fsync, "--reclaim-idle-ms", "1000"});
  std::atomic<int> http_port{server->http_port()};
  std::vector<RetryingPusher::Item> items;
  for (int n = 0; n < kReservations; ++n) {
    const Channel& channel = Channels()[n % Channels().size()];
    const std::string id = "B" + std::to_string(run) + "-" + std::to_string(n);
    items.push_back({channel, id, ReservationJson(channel, id)});
  }
  RetryingPusher pusher(std::move(items), http_port,
                        {.threads = 4, .between = 2ms, .retry_after = 50ms});

  ASSERT_TRUE(WaitUntil([&] { return pusher.accepted() >= kKillAfterAccepted; }, 60s));
  estate.redis().Kill();
  // A push whose XADD Redis had already answered may still get its 202 just after the kill.
  std::this_thread::sleep_for(200ms);
  const int64_t accepted_at_kill = pusher.accepted();
  std::this_thread::sleep_for(1s);
  const int64_t accepted_while_down = pusher.accepted() - accepted_at_kill;
  estate.redis().Restart();
  pusher.Join();
  ASSERT_EQ(pusher.accepted(), kReservations);

  const std::vector<ReservationRef> refs = RefsOf(pusher.items());
  const bool settled = WaitUntilIntegrated(estate.log(), refs, 120s);
  const PmsCensus pms = TakePmsCensus(estate.pms());
  const auto records = ReadLog(estate.log(), refs);
  Figures figures{.scenario = "redis-server SIGKILL, appendfsync " + fsync, .run = run};
  figures.pushed = pusher.attempts();
  figures.accepted = pusher.accepted();
  figures.CountHoldings(pms, refs, records);
  std::string refusals;
  for (const auto& [answer, count] : pusher.Refusals()) {
    refusals += (refusals.empty() ? "" : ", ") + std::to_string(count) + " x " + answer;
  }
  figures.detail = "killed after " + std::to_string(accepted_at_kill) + " accepted; refused " +
                   refusals + "; PMS creates " + std::to_string(pms.creates);
  std::cout << figures.Line() << '\n';

  EXPECT_TRUE(settled) << server->log();
  EXPECT_EQ(accepted_while_down, 0) << "accepted while Redis was down";
  ASSERT_FALSE(pusher.Refusals().empty()) << "no push met Redis down";
  for (const auto& [answer, count] : pusher.Refusals()) {
    EXPECT_EQ(answer, "503 STORE_UNAVAILABLE") << count << " answers";
  }
  ExpectEachOnce(figures, kReservations);
  EXPECT_EQ(pms.creates, kReservations);
  EXPECT_EQ(estate.DeadLetters(), 0);
}

INSTANTIATE_TEST_SUITE_P(ThreeRunsEach, RedisRestartTest,
                         ::testing::Combine(::testing::Values("everysec", "always"),
                                            ::testing::Values(1, 2, 3)));

}  // namespace
}  // namespace chansync::test::reliability
