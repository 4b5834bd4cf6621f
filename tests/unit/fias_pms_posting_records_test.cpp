#include <gtest/gtest.h>

#include <chrono>

#include "chansync/fias_pms/posting_records.h"

namespace chansync::fias_pms {
namespace {

postings::PmsPostingRequest Charge() {
  postings::PmsPostingRequest request;
  request.posting.property = "lodge";
  request.posting.kind = postings::PostingKind::kCharge;
  request.posting.amount = core::Money{1050, "EUR"};
  request.posting.tip_minor_units = 200;
  request.posting.revenue_centre = "spa";
  request.posting.source = {"spa", "T1", 1};
  request.posting.target = {postings::PostingTarget::Kind::kStay, "4711"};
  request.code = postings::PmsCode{.outlet = "SPA1", .transaction_code = "4100"};
  request.idempotency_key = "spa:T1:1";
  return request;
}

const auto kNoon = std::chrono::sys_days{std::chrono::year{2026} / 7 / 1} + std::chrono::hours(12);

TEST(FiasPostingRecordsTest, AGuestChargeIsAPrWithItsOutletTotalAndTip) {
  const fias::Record record = PostingRecordOf(Charge(), {"101", "4711"}, 42, kNoon);
  EXPECT_EQ(record.type(), "PR");
  EXPECT_EQ(record.GetOr("RN"), "101");
  EXPECT_EQ(record.GetOr("G#"), "4711");
  EXPECT_EQ(record.GetOr("TA"), "1250");
  EXPECT_EQ(record.GetOr("TP"), "200");
  EXPECT_EQ(record.GetOr("P#"), "42");
  EXPECT_EQ(record.GetOr("SO"), "SPA1");
  EXPECT_FALSE(record.Has("PM"));
  EXPECT_EQ(record.GetOr("CT"), "spa:T1:1");
  EXPECT_EQ(record.GetOr("WS"), "spa");
  EXPECT_EQ(record.GetOr("DA"), "260701");
  EXPECT_EQ(record.GetOr("TI"), "120000");
}

TEST(FiasPostingRecordsTest, AnAccountPaymentIsAPsWithItsSelector) {
  auto request = Charge();
  request.posting.kind = postings::PostingKind::kPayment;
  request.posting.tip_minor_units = 0;
  request.posting.amount.minor_units = -5000;
  request.code = postings::PmsCode{.payment_selector = "DEP-CARD"};
  const fias::Record record = PostingRecordOf(request, {"Deposit", ""}, 7, kNoon);
  EXPECT_EQ(record.type(), "PS");
  EXPECT_FALSE(record.Has("G#"));
  EXPECT_FALSE(record.Has("TP"));
  EXPECT_EQ(record.GetOr("TA"), "-5000");
  EXPECT_EQ(record.GetOr("PM"), "DEP-CARD");
  EXPECT_FALSE(record.Has("SO"));
}

TEST(FiasPostingRecordsTest, AnswerStatusesMapToThePortsErrors) {
  const auto request = Charge();
  auto pa = [](std::string status) {
    return fias::Record("PA").Set("P#", "42").Set("RN", "101").Set("G#", "4711").Set("AS", status);
  };
  auto ok = ReceiptOf(pa("OK"), request);
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->pms_posting_id, "42");
  EXPECT_EQ(ok->folio_id, "4711");
  EXPECT_EQ(ok->folio_balance.currency, "EUR");
  EXPECT_EQ(ReceiptOf(pa("UR"), request).error().code, core::ErrorCode::kNotFound);
  EXPECT_EQ(ReceiptOf(pa("NG"), request).error().code, core::ErrorCode::kNotFound);
  EXPECT_EQ(ReceiptOf(pa("NP"), request).error().code, core::ErrorCode::kStayNotChargeable);
  EXPECT_EQ(ReceiptOf(pa("IA"), request).error().code, core::ErrorCode::kPmsRejected);
  EXPECT_EQ(ReceiptOf(pa("XX"), request).error().code, core::ErrorCode::kPmsRejected);
  EXPECT_FALSE(IsRefusal(pa("OK")));
  EXPECT_TRUE(IsRefusal(pa("NP")));
}

}  // namespace
}  // namespace chansync::fias_pms
