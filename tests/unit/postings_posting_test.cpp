#include "chansync/postings/posting.h"

#include <gtest/gtest.h>

#include <numeric>
#include <string>
#include <vector>

#include "chansync/postings/ticket.h"

namespace chansync::postings {
namespace {

using core::CivilDate;
using core::ErrorCode;

CivilDate Date(const std::string& text) { return *CivilDate::Parse(text); }

Posting BarCharge() {
  return Posting{
      .property = "hotel-1",
      .kind = PostingKind::kCharge,
      .amount = {1250, "EUR"},
      .tip_minor_units = 200,
      .revenue_centre = "bar",
      .business_date = Date("2026-06-15"),
      .source = {"till-1", "T-1001", 1},
      .target = {PostingTarget::Kind::kStay, "R-214"},
  };
}

void ExpectRefused(const Posting& posting, const std::string& field) {
  auto status = ValidatePosting(posting);
  ASSERT_FALSE(status) << field;
  EXPECT_EQ(status.error().code, ErrorCode::kInvalidArgument) << field;
  EXPECT_NE(status.error().message.find(field), std::string::npos) << status.error().message;
}

TEST(PostingsPostingTest, TheIdComesFromTheSourceAlone) {
  Posting charge = BarCharge();
  EXPECT_EQ(charge.Id(), "till-1:T-1001:1");
  Posting resent = charge;
  resent.amount.minor_units = 9999;  // a different body from the same source is the same posting
  resent.business_date = Date("2026-06-16");
  EXPECT_EQ(resent.Id(), charge.Id());
  Posting next_line = charge;
  next_line.source.line = 2;
  EXPECT_NE(next_line.Id(), charge.Id());
}

TEST(PostingsPostingTest, AVoidIsTheNegativeOfItsPostingUnderItsOwnId) {
  const Posting charge = BarCharge();
  const Posting voided = VoidOf(charge, Date("2026-06-16"));
  EXPECT_EQ(voided.amount, (core::Money{-1250, "EUR"}));
  EXPECT_EQ(voided.tip_minor_units, -200);
  EXPECT_EQ(voided.revenue_centre, "bar");
  EXPECT_EQ(voided.target, charge.target);
  EXPECT_EQ(voided.business_date, Date("2026-06-16"));
  EXPECT_EQ(voided.voids, "till-1:T-1001:1");
  EXPECT_EQ(voided.Id(), "till-1:T-1001:1:void");
  EXPECT_TRUE(ValidatePosting(voided));
  // Voiding twice gives the same void: it too is made at most once.
  EXPECT_EQ(VoidOf(charge, Date("2026-06-16")).Id(), voided.Id());
}

TEST(PostingsPostingTest, AValidChargeAndPaymentPass) {
  EXPECT_TRUE(ValidatePosting(BarCharge()));
  Posting payment = BarCharge();
  payment.kind = PostingKind::kPayment;
  payment.revenue_centre.clear();
  payment.payment_type = "card";
  payment.target = {PostingTarget::Kind::kAccount, "Deposit Redemption"};
  EXPECT_TRUE(ValidatePosting(payment));
  Posting refund = BarCharge();
  refund.amount.minor_units = -500;
  refund.tip_minor_units = 0;
  EXPECT_TRUE(ValidatePosting(refund));
}

TEST(PostingsPostingTest, BadFieldsAreRefusedByName) {
  Posting posting = BarCharge();
  posting.property = "hotel 1";
  ExpectRefused(posting, "property");
  posting = BarCharge();
  posting.source.ticket_id = "";
  ExpectRefused(posting, "source.ticket_id");
  posting = BarCharge();
  posting.source.line = 0;
  ExpectRefused(posting, "source.line");
  posting = BarCharge();
  posting.source.line = 10000;
  ExpectRefused(posting, "source.line");
  posting = BarCharge();
  posting.amount.minor_units = 0;
  ExpectRefused(posting, "amount");
  posting = BarCharge();
  posting.amount.minor_units = kMaxPostingMinorUnits + 1;
  ExpectRefused(posting, "amount");
  posting = BarCharge();
  posting.amount.currency = "eur";
  ExpectRefused(posting, "currency");
  posting = BarCharge();
  posting.tip_minor_units = -1;
  ExpectRefused(posting, "tip");
  posting = BarCharge();
  posting.revenue_centre.clear();
  ExpectRefused(posting, "revenue_centre");
  posting = BarCharge();
  posting.payment_type = "card";
  ExpectRefused(posting, "payment_type");
  posting = BarCharge();
  posting.target.id = "R 214";
  ExpectRefused(posting, "target.id");
  posting = BarCharge();
  posting.voids = "till-1:T-9999:1";
  ExpectRefused(posting, "voids the posting of its own source");
}

TEST(PostingsPostingTest, KindsAndTargetsHaveStableNames) {
  EXPECT_EQ(PostingKindName(PostingKind::kPayment), "payment");
  EXPECT_EQ(*ParsePostingKind("charge"), PostingKind::kCharge);
  EXPECT_FALSE(ParsePostingKind("Charge"));
  EXPECT_EQ(TargetKindName(PostingTarget::Kind::kAccount), "account");
  EXPECT_EQ(*ParseTargetKind("stay"), PostingTarget::Kind::kStay);
}

// --- A ticket split between the room and other tenders --------------------------------------

RoomChargeTicket Dinner() {
  return RoomChargeTicket{
      .property = "hotel-1",
      .pos_id = "resto",
      .ticket_id = "T-77",
      .currency = "EUR",
      .business_date = Date("2026-06-15"),
      .target = {PostingTarget::Kind::kStay, "R-214"},
      .lines = {{"food", 6000}, {"wine", 3000}, {"food", 1000}},
      .charged_minor_units = 10000,
      .tip_minor_units = 500,
  };
}

int64_t SumOf(const std::vector<Posting>& postings) {
  return std::accumulate(postings.begin(), postings.end(), int64_t{0},
                         [](int64_t sum, const Posting& p) { return sum + p.amount.minor_units; });
}

TEST(PostingsTicketTest, AWholeTicketToTheRoomPostsEachLineUnderItsCentre) {
  auto charges = ChargesOfTicket(Dinner());
  ASSERT_TRUE(charges) << charges.error().ToString();
  ASSERT_EQ(charges->size(), 3u);
  EXPECT_EQ((*charges)[0].amount.minor_units, 6000);
  EXPECT_EQ((*charges)[0].revenue_centre, "food");
  EXPECT_EQ((*charges)[0].tip_minor_units, 500);
  EXPECT_EQ((*charges)[1].revenue_centre, "wine");
  EXPECT_EQ((*charges)[1].tip_minor_units, 0);
  EXPECT_EQ((*charges)[2].Id(), "resto:T-77:3");
}

TEST(PostingsTicketTest, APartialPaymentSharesTheRoomPartInProportionToTheCent) {
  RoomChargeTicket ticket = Dinner();
  ticket.charged_minor_units = 3333;  // the rest was paid by card at the till
  auto charges = ChargesOfTicket(ticket);
  ASSERT_TRUE(charges);
  ASSERT_EQ(charges->size(), 3u);
  EXPECT_EQ(SumOf(*charges), 3333);
  // Exact shares 1999.8, 999.9, 333.3: the two cents left go to the largest remainders.
  EXPECT_EQ((*charges)[0].amount.minor_units, 2000);
  EXPECT_EQ((*charges)[1].amount.minor_units, 1000);
  EXPECT_EQ((*charges)[2].amount.minor_units, 333);
}

TEST(PostingsTicketTest, ALineWhoseShareRoundsToNothingIsLeftOut) {
  RoomChargeTicket ticket = Dinner();
  ticket.lines = {{"food", 9999}, {"wine", 1}};
  ticket.charged_minor_units = 10;
  auto charges = ChargesOfTicket(ticket);
  ASSERT_TRUE(charges);
  ASSERT_EQ(charges->size(), 1u);
  EXPECT_EQ((*charges)[0].amount.minor_units, 10);
}

TEST(PostingsTicketTest, ShareInProportionAlwaysAddsUp) {
  const std::vector<int64_t> weights = {3, 3, 3, 1, 10'000'000'000};
  for (int64_t total : std::vector<int64_t>{1, 7, 100, 3333, 99'999, 10'000'000'000}) {
    const std::vector<int64_t> parts = ShareInProportion(total, weights);
    EXPECT_EQ(std::accumulate(parts.begin(), parts.end(), int64_t{0}), total) << total;
  }
  EXPECT_EQ(ShareInProportion(2, {1, 1, 1}), (std::vector<int64_t>{1, 1, 0}));
}

TEST(PostingsTicketTest, MalformedTicketsAreRefused) {
  RoomChargeTicket ticket = Dinner();
  ticket.charged_minor_units = 10001;
  EXPECT_FALSE(ChargesOfTicket(ticket));
  ticket = Dinner();
  ticket.charged_minor_units = 0;
  EXPECT_FALSE(ChargesOfTicket(ticket));
  ticket = Dinner();
  ticket.lines.clear();
  EXPECT_FALSE(ChargesOfTicket(ticket));
  ticket = Dinner();
  ticket.lines[1].amount_minor_units = -5;
  EXPECT_FALSE(ChargesOfTicket(ticket));
  ticket = Dinner();
  ticket.tip_minor_units = -1;
  EXPECT_FALSE(ChargesOfTicket(ticket));
  ticket = Dinner();
  ticket.lines[0].revenue_centre = "";
  auto charges = ChargesOfTicket(ticket);
  ASSERT_FALSE(charges);
  EXPECT_NE(charges.error().message.find("revenue_centre"), std::string::npos);
}

}  // namespace
}  // namespace chansync::postings
