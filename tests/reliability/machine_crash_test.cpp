// The machine under redis-server crashes: Redis comes back from its append-only file as the
// disk held it. With appendfsync everysec the last second of writes is gone (the AOF is cut back
// to its size a second before the crash); with always, nothing answered was left unsynced (the
// AOF is kept whole). chansync is frozen (SIGSTOP) from just before the crash until Redis is
// back, so the test can see what the store lost before anything repairs it. Then the channel
// modifies half of the reservations whose records were lost, cancels the other half, and sends
// new ones: the PMS must end with no second booking, no ghost booking, and every reservation
// the log lost but the PMS held adopted.
#include <gtest/gtest.h>
#include <signal.h>

#include <iostream>
#include <set>

#include "census.h"
#include "chansync/test/aof.h"
#include "chansync/test/dates.h"
#include "pusher.h"

namespace chansync::test::reliability {
namespace {

using namespace std::chrono_literals;

constexpr int kReservations = 4000;
constexpr int kMarkAfterAccepted = 1000;
constexpr int kNewAfterTheCrash = 300;
constexpr int kModifiedDepartureDay = 5;

std::vector<RetryingPusher::Item> Reservations(const std::string& prefix, int count) {
  std::vector<RetryingPusher::Item> items;
  for (int n = 0; n < count; ++n) {
    const Channel& channel = Channels()[n % Channels().size()];
    const std::string id = prefix + std::to_string(n);
    items.push_back({channel, id, ReservationJson(channel, id)});
  }
  return items;
}

const Channel& ChannelNamed(const std::string& id) {
  for (const Channel& channel : Channels()) {
    if (channel.id == id) return channel;
  }
  throw std::invalid_argument("unknown channel " + id);
}

// --durability (and appendfsync), run.
class MachineCrashTest : public ::testing::TestWithParam<std::tuple<std::string, int>> {};

TEST_P(MachineCrashTest, NoSecondBookingNoGhostBookingAndLostRecordsAreAdopted) {
  const auto& [durability, run] = GetParam();
  const bool loses_last_second = durability == "everysec";
  Estate estate({.redis = {.append_only = true,
                           .extra_args = {"--appendfsync", durability,
                                          "--auto-aof-rewrite-percentage", "0"}}});
  auto server = estate.StartServer({"--durability", durability, "--reclaim-idle-ms", "1000"});
  std::atomic<int> http_port{server->http_port()};
  // A slow PMS: a backlog builds up in the queue, so the crash meets accepted reservations not
  // yet in the PMS.
  estate.pms().Call("/admin/faults", R"({"latency_ms": 20})");
  const std::string prefix = "C" + std::to_string(run) + "-";
  RetryingPusher before(Reservations(prefix, kReservations), http_port,
                        {.threads = 4, .between = 1ms});

  // The crash: a second after the mark, while reservations arrive and are integrated.
  ASSERT_TRUE(WaitUntil([&] { return before.accepted() >= kMarkAfterAccepted; }, 60s));
  const int64_t accepted_before_mark = before.accepted();
  const AofMark mark = MarkAof(estate.redis());
  std::this_thread::sleep_for(1s);
  before.Stop();
  before.Join();
  kill(server->process().pid(), SIGSTOP);
  estate.redis().Kill();
  const uintmax_t cut = loses_last_second ? CutAofBackTo(mark) : 0;
  estate.redis().Restart();
  estate.pms().Call("/admin/faults", R"({"latency_ms": 0})");

  // What the store lost: records of reservations the PMS holds.
  const std::vector<ReservationRef> refs = RefsOf(before.items());
  PmsCensus pms = TakePmsCensus(estate.pms());
  const PmsCensus pms_at_crash = pms;
  auto records = ReadLog(estate.log(), refs);
  std::vector<size_t> lost_records;
  for (size_t i = 0; i < refs.size(); ++i) {
    if (pms.Find(refs[i]) != nullptr && !IsIntegrated(records[i])) lost_records.push_back(i);
  }
  kill(server->process().pid(), SIGCONT);

  // The channel goes on: modifications and cancellations of those, and new reservations.
  std::vector<RetryingPusher::Item> after = Reservations("N" + prefix, kNewAfterTheCrash);
  for (size_t k = 0; k < lost_records.size(); ++k) {
    const ReservationRef& ref = refs[lost_records[k]];
    const bool modify = k % 2 == 0;
    after.push_back({ChannelNamed(ref.channel), ref.id,
                     ReservationJson(ChannelNamed(ref.channel), ref.id,
                                     {.revision = 2,
                                      .status = modify ? "modified" : "cancelled",
                                      .departure_day = modify ? kModifiedDepartureDay : 8})});
  }
  RetryingPusher follow_up(after, http_port, {.threads = 4});
  follow_up.Join();
  ASSERT_EQ(follow_up.accepted(), static_cast<int64_t>(after.size()));

  auto followed_up_done = [&] {
    const auto done = ReadLog(estate.log(), RefsOf(after));
    for (size_t i = 0; i < done.size(); ++i) {
      const int64_t revision = i < kNewAfterTheCrash ? 1 : 2;
      if (!IsIntegrated(done[i]) || done[i]->integrated_revision != revision) return false;
    }
    return true;
  };
  const bool settled =
      WaitUntil([&] { return followed_up_done() && estate.Outstanding() == 0; }, 120s);

  pms = TakePmsCensus(estate.pms());
  records = ReadLog(estate.log(), refs);
  Figures figures{.scenario = "machine crash, --durability " + durability, .run = run};
  figures.pushed = before.attempts() + follow_up.attempts();
  figures.accepted = before.accepted() + follow_up.accepted();
  figures.in_pms = static_cast<int64_t>(pms.held.size());
  figures.duplicates = static_cast<int64_t>(pms.Duplicates());
  int64_t lost_before_mark = 0, backlog_at_crash = 0;
  for (size_t i = 0; i < refs.size(); ++i) {
    if (before.AcceptedAs(i) < 0) continue;
    backlog_at_crash += pms_at_crash.Find(refs[i]) == nullptr;
    const bool lost = !IsIntegrated(records[i]) && pms.Find(refs[i]) == nullptr;
    figures.lost += lost;
    lost_before_mark += lost && before.AcceptedAs(i) < accepted_before_mark;
  }
  const std::vector<RetryingPusher::Item> new_ones(after.begin(),
                                                   after.begin() + kNewAfterTheCrash);
  for (const auto& record : ReadLog(estate.log(), RefsOf(new_ones))) {
    figures.in_log += IsIntegrated(record);
  }
  for (const auto& record : records) figures.in_log += IsIntegrated(record);

  int ghosts = 0, stale_stays = 0, not_adopted = 0;
  for (size_t k = 0; k < lost_records.size(); ++k) {
    const size_t i = lost_records[k];
    const PmsHolding* held = pms.Find(refs[i]);
    ASSERT_NE(held, nullptr);
    not_adopted += !IsIntegrated(records[i]) || records[i]->pms_reservation_id != held->pms_id;
    if (k % 2 == 0) {
      stale_stays +=
          held->status != "confirmed" || held->departure != DayOfMonthAhead(kModifiedDepartureDay);
    } else {
      ghosts += held->status != "cancelled";
    }
  }
  figures.detail = "AOF cut by " + std::to_string(cut) + " bytes; " +
                   std::to_string(lost_records.size()) +
                   " reservations the PMS held without an integrated record after the crash, then "
                   "modified or cancelled: " +
                   std::to_string(not_adopted) + " not adopted, " + std::to_string(ghosts) +
                   " ghost bookings, " + std::to_string(stale_stays) + " stale stays; " +
                   std::to_string(figures.lost) +
                   " accepted reservations lost from the queue (accepted in the last second, of " +
                   std::to_string(backlog_at_crash) +
                   " not yet in the PMS at the crash); "
                   "PMS creates " +
                   std::to_string(pms.creates);
  std::cout << figures.Line() << '\n';

  EXPECT_TRUE(settled) << server->log();
  EXPECT_EQ(figures.duplicates, 0);
  EXPECT_EQ(pms.creates, static_cast<int64_t>(pms.held.size())) << "a reservation created twice";
  EXPECT_EQ(ghosts, 0);
  EXPECT_EQ(stale_stays, 0);
  EXPECT_EQ(not_adopted, 0);
  EXPECT_EQ(lost_before_mark, 0) << "lost what was answered before the last second";
  if (!loses_last_second) {
    EXPECT_EQ(figures.lost, 0);
    EXPECT_EQ(cut, 0u);
  }
  EXPECT_EQ(estate.DeadLetters(), 0);
}

INSTANTIATE_TEST_SUITE_P(ThreeRunsEach, MachineCrashTest,
                         ::testing::Combine(::testing::Values("everysec", "always"),
                                            ::testing::Values(1, 2, 3)));

}  // namespace
}  // namespace chansync::test::reliability
