// `chansync serve` killed (SIGKILL) while 5,000 reservations arrive from three channels at
// once, then started again: every accepted reservation is integrated exactly once.
#include <gtest/gtest.h>
#include <signal.h>

#include <iostream>
#include <set>

#include "census.h"
#include "pusher.h"

namespace chansync::test::reliability {
namespace {

using namespace std::chrono_literals;

constexpr int kReservations = 5000;
constexpr int kKillAfterAccepted = 2000;

std::vector<RetryingPusher::Item> FiveThousandFromThreeChannels(int run) {
  std::vector<RetryingPusher::Item> items;
  for (int n = 0; n < kReservations; ++n) {
    const Channel& channel = Channels()[n % Channels().size()];
    const std::string id = "K" + std::to_string(run) + "-" + std::to_string(n);
    items.push_back({channel, id, ReservationJson(channel, id)});
  }
  return items;
}

class ServeKilledTest : public ::testing::TestWithParam<int> {};

TEST_P(ServeKilledTest, EveryAcceptedReservationIsIntegratedOnceAfterARestart) {
  Estate estate;
  // The new process takes over what the killed one had claimed once it has been idle 1 s.
  const std::vector<std::string> flags{"--reclaim-idle-ms", "1000"};
  auto server = estate.StartServer(flags);
  std::atomic<int> http_port{server->http_port()};
  RetryingPusher pusher(FiveThousandFromThreeChannels(GetParam()), http_port,
                        {.threads = 6, .retry_after = 20ms});

  ASSERT_TRUE(WaitUntil([&] { return pusher.accepted() >= kKillAfterAccepted; }, 60s));
  server->process().Stop(SIGKILL);
  const int64_t accepted_at_kill = pusher.accepted();
  const int64_t pms_creates_at_kill = TakePmsCensus(estate.pms()).creates;
  server = estate.StartServer(flags);
  http_port = server->http_port();
  pusher.Join();
  ASSERT_EQ(pusher.accepted(), kReservations);

  const std::vector<ReservationRef> refs = RefsOf(pusher.items());
  const bool settled = WaitUntilIntegrated(estate.log(), refs, 120s);
  const PmsCensus pms = TakePmsCensus(estate.pms());
  const auto records = ReadLog(estate.log(), refs);
  Figures figures{.scenario = "serve SIGKILL", .run = GetParam()};
  figures.pushed = pusher.attempts();
  figures.accepted = pusher.accepted();
  figures.CountHoldings(pms, refs, records);
  std::set<std::string> pms_ids;
  for (const auto& record : records) {
    if (IsIntegrated(record)) pms_ids.insert(record->pms_reservation_id);
  }
  figures.detail = "killed after " + std::to_string(accepted_at_kill) + " accepted, " +
                   std::to_string(pms_creates_at_kill) + " in the PMS; PMS creates " +
                   std::to_string(pms.creates) + "; dead letters " +
                   std::to_string(estate.DeadLetters());
  std::cout << figures.Line() << '\n';

  EXPECT_TRUE(settled) << server->log();
  EXPECT_LT(pms_creates_at_kill, kReservations) << "the kill came after the work was done";
  ExpectEachOnce(figures, kReservations);
  EXPECT_EQ(pms.reservations, static_cast<size_t>(kReservations));
  EXPECT_EQ(pms.creates, kReservations);
  EXPECT_EQ(pms_ids.size(), static_cast<size_t>(kReservations)) << "two records share a booking";
  EXPECT_EQ(estate.DeadLetters(), 0);
}

INSTANTIATE_TEST_SUITE_P(ThreeRuns, ServeKilledTest, ::testing::Values(1, 2, 3));

}  // namespace
}  // namespace chansync::test::reliability
