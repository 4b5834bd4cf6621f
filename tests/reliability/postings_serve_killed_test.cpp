// `chansync serve` killed (SIGKILL) while 4 tills charge 1,000 postings to 50 in-house guests,
// then started again: every accepted posting is booked in the PMS exactly once, and each folio's
// balance is the sum of what was charged to it, to the cent.
#include <gtest/gtest.h>
#include <signal.h>

#include <iostream>

#include "census.h"
#include "estate.h"
#include "posting_census.h"
#include "tills.h"

namespace chansync::test::reliability {
namespace {

using namespace std::chrono_literals;

constexpr int kGuests = 50;
constexpr int kTills = 4;
constexpr int kPostingsPerTill = 250;
constexpr int kPostings = kTills * kPostingsPerTill;
constexpr int kKillAfterAccepted = 400;

std::string StayId(int guest) { return "S" + std::to_string(guest); }
std::string FolioId(int guest) { return "F" + std::to_string(guest); }

// riviera's guests in pmssim: kGuests checked in, rooms 101.., each with a guest folio.
std::string FiftyGuestsInHouse() {
  std::string stays;
  for (int g = 0; g < kGuests; ++g) {
    stays += (g == 0 ? "" : ", ") + std::string(R"({"id": ")") + StayId(g) +
             R"(", "first_name": "Guest", "last_name": "Number)" + std::to_string(g) +
             R"(", "room": ")" + std::to_string(101 + g) +
             R"(", "state": "checked_in", "arrival": "2020-01-01", "departure": "2099-01-01",
              "folio_id": ")" +
             FolioId(g) + R"("})";
  }
  return R"({"currency": "EUR", "stays": [)" + stays + "]}";
}

// Till t's tickets of two lines (food, then bar), each ticket charged to one guest; amounts
// spread from 1.01 to 91.00 EUR, a tip on one line in nine.
std::vector<std::vector<TillPosting>> FourTills() {
  std::vector<std::vector<TillPosting>> tills(kTills);
  for (int t = 0; t < kTills; ++t) {
    const std::string pos_id = "till-" + std::to_string(t + 1);
    for (int n = 0; n < kPostingsPerTill; ++n) {
      const int ticket = n / 2;
      const int guest = (t * kPostingsPerTill / 2 + ticket) % kGuests;
      const int64_t amount = 101 + (t * 7919 + n * 104729) % 9000;
      const int64_t tip = n % 9 == 0 ? 50 + 25 * (n % 4) : 0;
      tills[t].push_back(RoomCharge(pos_id, "T" + std::to_string(1000 + ticket), n % 2 + 1,
                                    n % 2 == 0 ? "food" : "bar", amount, tip, StayId(guest),
                                    FolioId(guest)));
    }
  }
  return tills;
}

class PostingsServeKilledTest : public ::testing::TestWithParam<int> {};

TEST_P(PostingsServeKilledTest, EveryAcceptedPostingIsBookedOnceToTheCentAfterARestart) {
  Estate estate({.folios = FiftyGuestsInHouse()});
  // The new process takes over what the killed one had claimed once it has been idle 1 s.
  const std::vector<std::string> flags{"--reclaim-idle-ms", "1000"};
  auto server = estate.StartServer(flags);
  const CommandResult setup =
      server->Cli({"posting-setup", "--property", kProperty, "--revenue-centre",
                   "food=OUT-REST:TC-100", "--revenue-centre", "bar=OUT-BAR:TC-200"});
  ASSERT_EQ(setup.exit_code, 0) << setup.out << setup.err;
  const std::string pos_key = estate.MakeKey({"--role", "pos", "--property", kProperty});
  ASSERT_TRUE(pos_key.starts_with("csk_")) << pos_key;

  // A PMS slow to answer, so that postings accepted but not yet booked are waiting, or in
  // flight, when serve is killed.
  estate.pms().Call("/admin/faults", R"({"latency_ms": 20})");
  std::atomic<int> http_port{server->http_port()};
  RetryingTills tills(FourTills(), kProperty, pos_key, http_port, 20ms);
  ASSERT_TRUE(WaitUntil([&] { return tills.accepted() >= kKillAfterAccepted; }, 30s));
  server->process().Stop(SIGKILL);
  const int64_t accepted_at_kill = tills.accepted();
  const int64_t pms_at_kill = TakeFolioCensus(estate.pms(), kProperty).postings;
  server = estate.StartServer(flags);
  http_port = server->http_port();
  tills.Join();
  ASSERT_EQ(tills.accepted(), kPostings);

  const std::set<std::string> days = tills.BusinessDates();
  const bool settled = WaitUntilSettled(http_port, pos_key, kProperty, days, kPostings, 40s);
  const FolioCensus pms = TakeFolioCensus(estate.pms(), kProperty);
  const auto states = PostingStates(http_port, pos_key, kProperty, days);

  std::map<std::string, int64_t> owed;  // by folio
  Figures figures{.scenario = "postings serve SIGKILL", .run = GetParam()};
  figures.pushed = tills.attempts();
  figures.accepted = tills.accepted();
  figures.in_pms = static_cast<int64_t>(pms.booked.size());
  figures.duplicates = pms.Duplicates();
  int64_t failed = 0;
  for (const auto& till : tills.tills()) {
    for (const TillPosting& posting : till) {
      owed[posting.folio_id] += posting.owed;
      const auto state = states.find(posting.id);
      const bool posted = state != states.end() && state->second == "posted";
      figures.in_log += posted;
      failed += state != states.end() && state->second == "failed";
      figures.lost += !posted && !pms.booked.contains(posting.id);
    }
  }
  figures.detail = "killed after " + std::to_string(accepted_at_kill) + " accepted, " +
                   std::to_string(pms_at_kill) + " in the PMS; PMS postings " +
                   std::to_string(pms.postings) + ", replays " + std::to_string(pms.replays) +
                   "; resends answered duplicate " + std::to_string(tills.answered_duplicate()) +
                   "; failed " + std::to_string(failed);
  std::cout << figures.Line() << '\n';

  EXPECT_TRUE(settled) << server->log();
  EXPECT_LT(pms_at_kill, kPostings) << "the kill came after the work was done";
  ExpectEachOnce(figures, kPostings);
  EXPECT_EQ(failed, 0);
  EXPECT_EQ(states.size(), static_cast<size_t>(kPostings)) << "postings the tills never sent";
  EXPECT_EQ(pms.postings, kPostings);
  for (int g = 0; g < kGuests; ++g) {
    EXPECT_EQ(pms.balances.at(FolioId(g)), owed[FolioId(g)]) << FolioId(g);
  }
  EXPECT_EQ(pms.balances.size(), static_cast<size_t>(kGuests)) << "a folio nobody charged";
}

INSTANTIATE_TEST_SUITE_P(ThreeRuns, PostingsServeKilledTest, ::testing::Values(1, 2, 3));

}  // namespace
}  // namespace chansync::test::reliability
