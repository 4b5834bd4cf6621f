#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "chansync/pms/curl_folio_client.h"
#include "chansync/test/pmssim.h"

namespace chansync::pms {
namespace {

using core::CivilDate;
using core::ErrorCode;
using postings::CheckInState;
using postings::PmsPostingRequest;
using postings::Posting;
using postings::PostingKind;
using postings::PostingTarget;
using ::testing::HasSubstr;

constexpr char kData[] = R"({"properties": [{
  "id": "lodge", "name": "Lodge", "products": [{"id": "room", "name": "Room", "units": 40}],
  "folios": {
    "currency": "EUR", "business_date": "2026-06-15",
    "accounts": ["Deposit", "Deposit Redemption"],
    "stays": [
      {"id": "S1", "first_name": "Jeanne", "last_name": "Dupont", "room": "214",
       "state": "checked_in", "arrival": "2026-06-14", "departure": "2026-06-18",
       "folio_id": "F1"},
      {"id": "S2", "first_name": "Marc", "last_name": "Dupuis", "room": "215",
       "company": "ACME", "state": "checked_in", "charge_transfers_allowed": false,
       "arrival": "2026-06-14", "departure": "2026-06-18", "folio_id": "F2"},
      {"id": "S3", "first_name": "Ana", "last_name": "Lopez", "room": "102",
       "state": "checked_out", "arrival": "2026-06-10", "departure": "2026-06-14",
       "folio_id": "F3"},
      {"id": "S4", "first_name": "Paul", "last_name": "Durand", "room": "",
       "state": "expected", "arrival": "2026-08-01", "departure": "2026-08-05",
       "folio_id": "F4"}]}
}]})";

CivilDate Day(const char* text) { return *CivilDate::Parse(text); }

PmsPostingRequest Charge(std::string stay, int line, int64_t amount,
                         const char* date = "2026-06-15") {
  Posting posting{.property = "lodge",
                  .kind = PostingKind::kCharge,
                  .amount = {amount, "EUR"},
                  .tip_minor_units = amount > 0 ? 100 : 0,
                  .revenue_centre = "bar",
                  .business_date = Day(date),
                  .source = {"till-1", "T-" + std::to_string(line), line},
                  .target = {PostingTarget::Kind::kStay, std::move(stay)}};
  const std::string key = "lodge:" + posting.Id();
  return {posting, {.outlet = "OUT-BAR", .transaction_code = "TC-200"}, key};
}

class FolioClientTest : public ::testing::Test {
 protected:
  std::unique_ptr<CurlFolioClient> Client() {
    auto client = CurlFolioClient::Make({.base_url = sim_.base_url()});
    EXPECT_TRUE(client);
    return std::move(*client);
  }

  core::Money BalanceOf(const std::string& folio_id) {
    auto folios = client_->ListFolios("lodge");
    EXPECT_TRUE(folios) << folios.error().ToString();
    for (const auto& folio : folios.value_or(std::vector<postings::Folio>{})) {
      if (folio.id == folio_id) return folio.balance;
    }
    ADD_FAILURE() << "no folio " << folio_id;
    return {};
  }

  test::PmsSimProcess sim_{kData};
  std::unique_ptr<CurlFolioClient> client_ = Client();
};

TEST_F(FolioClientTest, SearchFindsStaysByPartOfNameRoomOrCompanyInAnyState) {
  auto found = client_->SearchStays("lodge", "dup");
  ASSERT_TRUE(found) << found.error().ToString();
  ASSERT_EQ(found->size(), 2u);
  EXPECT_EQ((*found)[0].id, "S1");
  EXPECT_EQ((*found)[1].id, "S2");
  EXPECT_FALSE((*found)[1].charge_transfers_allowed);
  EXPECT_EQ((*client_->SearchStays("lodge", "acme"))[0].company, "ACME");
  EXPECT_EQ(client_->SearchStays("lodge", "21")->size(), 2u);
  auto lopez = client_->SearchStays("lodge", "lopez");
  ASSERT_EQ(lopez->size(), 1u);
  EXPECT_EQ((*lopez)[0].state, CheckInState::kCheckedOut);

  auto stay = client_->GetStay("lodge", "S1");
  ASSERT_TRUE(stay);
  EXPECT_EQ(stay->room, "214");
  EXPECT_EQ(stay->dates.departure, Day("2026-06-18"));
  EXPECT_EQ(client_->GetStay("lodge", "nobody").error().code, ErrorCode::kNotFound);
}

TEST_F(FolioClientTest, APostingIsBookedOnceAndMovesTheBalance) {
  const PmsPostingRequest charge = Charge("S1", 1, 1250);
  auto receipt = client_->Post(charge);
  ASSERT_TRUE(receipt) << receipt.error().ToString();
  EXPECT_EQ(receipt->folio_id, "F1");
  EXPECT_EQ(receipt->folio_balance, (core::Money{1350, "EUR"}));  // amount and tip

  auto replay = client_->Post(charge);
  ASSERT_TRUE(replay);
  EXPECT_EQ(replay->pms_posting_id, receipt->pms_posting_id);
  EXPECT_EQ(BalanceOf("F1"), (core::Money{1350, "EUR"}));
  EXPECT_THAT(sim_.Call("/admin/stats"), HasSubstr(R"("postings":1,"posting_replays":1)"));

  PmsPostingRequest reused = charge;
  reused.posting.amount.minor_units = 999;
  auto refused = client_->Post(reused);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kPmsRejected);
  EXPECT_THAT(refused.error().message, HasSubstr("IDEMPOTENCY_KEY_REUSED"));
}

TEST_F(FolioClientTest, AVoidAndAPaymentToAnInternalAccountSettleTheBalances) {
  const PmsPostingRequest charge = Charge("S1", 1, 1250);
  ASSERT_TRUE(client_->Post(charge));
  PmsPostingRequest voided = charge;
  voided.posting = postings::VoidOf(charge.posting, Day("2026-06-16"));
  voided.idempotency_key = "lodge:" + voided.posting.Id();
  ASSERT_TRUE(client_->Post(voided));
  EXPECT_EQ(BalanceOf("F1"), (core::Money{0, "EUR"}));

  PmsPostingRequest deposit = charge;
  deposit.posting.kind = PostingKind::kPayment;
  deposit.posting.revenue_centre.clear();
  deposit.posting.payment_type = "card";
  deposit.posting.tip_minor_units = 0;
  deposit.posting.amount.minor_units = 5000;
  deposit.posting.source = {"spa", "ORDER-9", 1};
  deposit.posting.target = {PostingTarget::Kind::kAccount, "Deposit"};
  deposit.code = {.payment_selector = "SEL-DEP"};
  deposit.idempotency_key = "lodge:spa:ORDER-9:1";
  auto receipt = client_->Post(deposit);
  ASSERT_TRUE(receipt) << receipt.error().ToString();
  EXPECT_EQ(receipt->folio_balance, (core::Money{-5000, "EUR"}));
}

TEST_F(FolioClientTest, StaysThatCannotBeChargedAreRefusedWithTheirOwnCode) {
  for (const char* stay : {"S2", "S3"}) {
    auto refused = client_->Post(Charge(stay, 1, 500));
    ASSERT_FALSE(refused) << stay;
    EXPECT_EQ(refused.error().code, ErrorCode::kStayNotChargeable) << stay;
  }
  // A refund for the future stay is booked on its arrival date, not before.
  auto early = client_->Post(Charge("S4", 2, -500));
  ASSERT_FALSE(early);
  EXPECT_EQ(early.error().code, ErrorCode::kStayNotChargeable);
  ASSERT_TRUE(client_->Post(Charge("S4", 3, -500, "2026-08-01")));
  EXPECT_EQ(BalanceOf("F4"), (core::Money{-500, "EUR"}));
  EXPECT_THAT(sim_.Call("/admin/stats"), HasSubstr(R"("postings_not_chargeable":3)"));

  // Checking the guest in through the PMS makes the stay chargeable.
  sim_.Call("/admin/properties/lodge/stays",
            R"({"id": "S3", "first_name": "Ana", "last_name": "Lopez", "room": "102",
                "state": "checked_in", "arrival": "2026-06-10", "departure": "2026-06-20",
                "folio_id": "F3"})");
  EXPECT_TRUE(client_->Post(Charge("S3", 4, 500)));
}

TEST_F(FolioClientTest, PostManyBooksEachOnceOverOneMultiHandle) {
  std::vector<PmsPostingRequest> requests;
  for (int line = 1; line <= 40; ++line) requests.push_back(Charge("S1", line, 100 * line));
  requests.push_back(Charge("S2", 99, 100));  // not chargeable: fails alone
  auto results = client_->PostMany(requests, 8);
  ASSERT_EQ(results.size(), requests.size());
  int64_t expected = 0;
  for (int line = 1; line <= 40; ++line) {
    ASSERT_TRUE(results[line - 1]) << results[line - 1].error().ToString();
    expected += 100 * line + 100;
  }
  EXPECT_EQ(results.back().error().code, ErrorCode::kStayNotChargeable);
  client_->PostMany(requests, 8);  // a retry of the whole batch books nothing more
  EXPECT_EQ(BalanceOf("F1"), (core::Money{expected, "EUR"}));
  EXPECT_THAT(sim_.Call("/admin/stats"), HasSubstr(R"("postings":40,"posting_replays":40)"));
}

TEST_F(FolioClientTest, BusinessDateAndRevenueSummaries) {
  EXPECT_EQ(*client_->BusinessDate("lodge"), Day("2026-06-15"));
  sim_.Call("/admin/properties/lodge/business-date", R"({"business_date": "2026-06-16"})");
  EXPECT_EQ(*client_->BusinessDate("lodge"), Day("2026-06-16"));

  postings::RevenueSummary summary{
      .business_date = Day("2026-06-15"),
      .lines = {{.pos_id = "till-1",
                 .revenue_centre = "bar",
                 .code = {.outlet = "OUT-BAR", .transaction_code = "TC-200"},
                 .amount = {1250, "EUR"},
                 .tip_minor_units = 100,
                 .postings = 1}},
      .idempotency_key = "lodge:eod:2026-06-15"};
  ASSERT_TRUE(client_->PostRevenueSummary("lodge", summary));
  ASSERT_TRUE(client_->PostRevenueSummary("lodge", summary));  // once, however often sent
  EXPECT_THAT(sim_.Call("/admin/stats"), HasSubstr(R"("revenue_summaries":1)"));
  EXPECT_THAT(sim_.Call("/v1/properties/lodge/revenue-summaries"),
              HasSubstr(R"("amount":{"amount":1250,"currency":"EUR"})"));
}

TEST_F(FolioClientTest, AnOutageIsPmsUnavailableAndAPostingWithoutKeyIsNeverSent) {
  PmsPostingRequest keyless = Charge("S1", 1, 100);
  keyless.idempotency_key.clear();
  EXPECT_EQ(client_->Post(keyless).error().code, ErrorCode::kInvalidArgument);
  sim_.Call("/admin/faults", R"({"down": true})");
  auto down = client_->Post(Charge("S1", 1, 100));
  ASSERT_FALSE(down);
  EXPECT_EQ(down.error().code, ErrorCode::kPmsUnavailable);
  sim_.Call("/admin/faults", R"({"down": false})");
  EXPECT_TRUE(client_->Post(Charge("S1", 1, 100)));
  EXPECT_THAT(sim_.Call("/admin/stats"), HasSubstr(R"("postings":1,)"));
}

}  // namespace
}  // namespace chansync::pms
