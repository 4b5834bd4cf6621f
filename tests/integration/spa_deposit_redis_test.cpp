#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "chansync/postings/spa_postings.h"
#include "chansync/test/process.h"
#include "postings_redis_fixture.h"
#include "sim_folio_postings.h"

// The Trybe deposit scenario of the spa's help article (SPEC §5), end to end: the spa's events
// through SpaPostings and the postings hub into Redis, then PostingWorker into a real pmssim.
namespace chansync::postings {
namespace {

using namespace std::chrono_literals;

constexpr char kPaidOn[] = "2026-06-15";
constexpr char kCheckedOutOn[] = "2026-06-17";

// The lodge's internal accounts: Deposit is PF001, Deposit Redemption PF002, and the spa books
// its walk-in guests' orders on the Spa account, PF003.
std::string SimData() {
  return R"({"properties": [{"id": "lodge", "name": "Lodge",
    "products": [{"id": "room", "name": "Room", "units": 10}],
    "folios": {"currency": "EUR", "business_date": "2026-06-15",
               "accounts": ["Deposit", "Deposit Redemption", "Spa"], "stays": []}}]})";
}

PostingSetup SpaSetup() {
  PostingSetup setup;
  setup.revenue_centres["spa"] = {"OUT-SPA", "TC-300"};
  setup.payment_types["card"] = "SEL-CARD";
  setup.payment_types["card.deposit"] = "DEP-CARD";
  setup.payment_types["deposit"] = "SEL-DEPOSIT";
  setup.payment_types["deposit_redemption"] = "SEL-REDEMPTION";
  setup.post_prepayments = true;
  return setup;
}

using Booked = test::BookedPosting;

class SpaDepositRedisTest : public PostingsRedisTest {
 protected:
  SpaDepositRedisTest() : PostingsRedisTest(SimData(), SpaSetup()) {}

  static SpaOrder Order() {
    return {.property = "lodge",
            .spa_id = "trybe",
            .order_id = "O1",
            .currency = "EUR",
            .target = {PostingTarget::Kind::kAccount, "Spa"},
            .lines = {{"spa", 5000}},
            .payments = {{.number = 1,
                          .amount_minor_units = 5000,
                          .payment_type = "card",
                          .prepayment_type = true,
                          .taken_on = *core::CivilDate::Parse(kPaidOn)}}};
  }

  // Every event of the scenario, as the spa sends it; answers how many postings were new.
  int SendEvents() {
    const SpaOrder order = Order();
    int fresh = 0;
    for (const auto& answers :
         {spa_.PaymentTaken(order, order.payments[0]),
          spa_.OrderCheckedOut(order, *core::CivilDate::Parse(kCheckedOutOn))}) {
      EXPECT_TRUE(answers) << answers.error().ToString();
      for (const PostingAccepted& accepted : answers.value_or(std::vector<PostingAccepted>{})) {
        if (!accepted.duplicate) ++fresh;
      }
    }
    return fresh;
  }

  std::vector<Booked> BookedOn(const std::string& folio) {
    return test::BookedOn(sim_, "lodge", folio);
  }

  int64_t PostedOn(const char* date) {
    auto day = hub_.Day("lodge", *core::CivilDate::Parse(date), std::nullopt);
    return day ? day->posted : -1;
  }

  SpaPostings spa_{hub_};
};

TEST_F(SpaDepositRedisTest, FiftyEurosPrepaidAndCheckedOutTwoDaysLaterMakeTheSeedsFourPostings) {
  std::vector<std::jthread> workers = StartWorkers(1);
  EXPECT_EQ(SendEvents(), 4);
  ASSERT_TRUE(
      test::WaitUntil([&] { return PostedOn(kPaidOn) == 2 && PostedOn(kCheckedOutOn) == 2; }, 30s))
      << PostedOn(kPaidOn) << " and " << PostedOn(kCheckedOutOn) << " posted";

  const std::vector<Booked> spa = {
      {"trybe:O1:101", "payment", 5000, kPaidOn, "DEP-CARD"},
      {"trybe:O1:401", "charge", 5000, kCheckedOutOn, "TC-300"},
  };
  const std::vector<Booked> deposit = {{"trybe:O1:201", "payment", 5000, kPaidOn, "SEL-DEPOSIT"}};
  const std::vector<Booked> redemption = {
      {"trybe:O1:301", "payment", -5000, kCheckedOutOn, "SEL-REDEMPTION"}};
  EXPECT_EQ(BookedOn("PF003"), spa);
  EXPECT_EQ(BookedOn("PF001"), deposit);
  EXPECT_EQ(BookedOn("PF002"), redemption);
  const std::map<std::string, int64_t> balances = {{"PF001", -5000}, {"PF002", 5000}, {"PF003", 0}};
  EXPECT_EQ(Balances(), balances);

  // The spa sends every event again: duplicates, nothing queued, nothing booked.
  EXPECT_EQ(SendEvents(), 0);
  std::this_thread::sleep_for(1500ms);  // longer than the worker takes to deliver a posting
  EXPECT_EQ(PostedOn(kPaidOn), 2);
  EXPECT_EQ(PostedOn(kCheckedOutOn), 2);
  EXPECT_EQ(Balances(), balances);
  const std::string stats = sim_.Call("/admin/stats");
  EXPECT_NE(stats.find(R"("postings":4,)"), std::string::npos) << stats;
  EXPECT_NE(stats.find(R"("posting_replays":0,)"), std::string::npos) << stats;
}

}  // namespace
}  // namespace chansync::postings
