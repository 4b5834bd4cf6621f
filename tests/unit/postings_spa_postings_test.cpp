#include <gtest/gtest.h>

#include "chansync/postings/spa_postings.h"
#include "postings_hub_fixture.h"

// The spa's events through the desk, on the hub's twins: the lodge's Deposit account is PF001,
// Deposit Redemption PF002; spa orders here are for the in-house guest S1 (folio F-S1).
namespace chansync::postings::hub_fixture {
namespace {

using core::ErrorCode;

class SpaPostingsTest : public HubTest {
 protected:
  SpaPostingsTest() {
    PostingSetup setup = MappedSetup();
    setup.revenue_centres["spa"] = {"OUT-SPA", "TC-300"};
    setup.payment_types["card.deposit"] = "DEP-CARD";
    setup.payment_types["deposit"] = "SEL-DEPOSIT";
    setup.payment_types["deposit_redemption"] = "SEL-REDEMPTION";
    setup.post_prepayments = true;
    EXPECT_TRUE(hub_.PutSetup(kLodge, setup));
  }

  static SpaOrder Order(int64_t paid = 5000) {
    return {.property = kLodge,
            .spa_id = "trybe",
            .order_id = "O1",
            .currency = "EUR",
            .target = {PostingTarget::Kind::kStay, "S1"},
            .lines = {{"spa", 5000}},
            .payments = {{.number = 1,
                          .amount_minor_units = paid,
                          .payment_type = "card",
                          .prepayment_type = true,
                          .taken_on = Day("2026-06-15")}}};
  }

  int64_t Cents(const char* folio) { return Balance(folio).minor_units; }

  SpaPostings spa_{hub_};
};

TEST_F(SpaPostingsTest, ThePrepaidOrderOfTheSeedMakesItsFourPostingsOnTheirDates) {
  const SpaOrder order = Order();
  auto paid = spa_.PaymentTaken(order, order.payments[0]);
  ASSERT_TRUE(paid) << paid.error().ToString();
  ASSERT_EQ(paid->size(), 2u);
  EXPECT_EQ((*paid)[0].business_date, Day("2026-06-15"));
  Drain();
  EXPECT_EQ(Cents("F-S1"), -5000);
  EXPECT_EQ(Cents("PF001"), -5000);

  auto checked_out = spa_.OrderCheckedOut(order, Day("2026-06-17"));
  ASSERT_TRUE(checked_out) << checked_out.error().ToString();
  ASSERT_EQ(checked_out->size(), 2u);
  for (const PostingAccepted& accepted : *checked_out) {
    EXPECT_EQ(accepted.business_date, Day("2026-06-17"));
  }
  Drain();
  for (const char* id : {"trybe:O1:101", "trybe:O1:201", "trybe:O1:301", "trybe:O1:401"}) {
    EXPECT_EQ(Record(id).state, PostingState::kPosted) << id;
  }
  EXPECT_EQ(Cents("F-S1"), 0);
  EXPECT_EQ(Cents("PF001"), -5000);
  EXPECT_EQ(Cents("PF002"), 5000);
  EXPECT_EQ(pms_.book().stats().postings, 4);
  auto deposit = pms_.book().FolioPostings(kLodge, "PF001");
  ASSERT_EQ(deposit->size(), 1u);
  EXPECT_EQ((*deposit)[0].request.code.payment_selector, "SEL-DEPOSIT");
}

TEST_F(SpaPostingsTest, EventsSentAgainAreDuplicatesAndBookNothingNew) {
  const SpaOrder order = Order();
  ASSERT_TRUE(spa_.PaymentTaken(order, order.payments[0]));
  ASSERT_TRUE(spa_.OrderCheckedOut(order, Day("2026-06-17")));
  Drain();
  auto paid_again = spa_.PaymentTaken(order, order.payments[0]);
  auto checked_out_again = spa_.OrderCheckedOut(order, Day("2026-06-17"));
  ASSERT_TRUE(paid_again);
  ASSERT_TRUE(checked_out_again);
  for (const auto* answers : {&*paid_again, &*checked_out_again}) {
    for (const PostingAccepted& accepted : *answers) {
      EXPECT_TRUE(accepted.duplicate) << accepted.id;
      EXPECT_EQ(accepted.state, PostingState::kPosted) << accepted.id;
    }
  }
  EXPECT_EQ(queue_.ready_count(), 0u);
  Drain();
  EXPECT_EQ(pms_.book().stats().postings, 4);
}

TEST_F(SpaPostingsTest, AnEventSentAgainWithOtherAmountsIsRefusedWhole) {
  const SpaOrder order = Order();
  ASSERT_TRUE(spa_.PaymentTaken(order, order.payments[0]));
  SpaOrder changed = Order(7000);
  auto refused = spa_.PaymentTaken(changed, changed.payments[0]);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kConflict);
  Drain();
  EXPECT_EQ(pms_.book().stats().postings, 2);
}

TEST_F(SpaPostingsTest, AnUnmappedDepositSelectorFailsAndIsForcedOnceMapped) {
  PostingSetup setup = *hub_.GetSetup(kLodge);
  setup.payment_types.erase("card.deposit");
  ASSERT_TRUE(hub_.PutSetup(kLodge, setup));
  const SpaOrder order = Order();
  ASSERT_TRUE(spa_.PaymentTaken(order, order.payments[0]));
  Drain();
  const PostingRecord failed = Record("trybe:O1:101");
  EXPECT_EQ(failed.state, PostingState::kFailed);
  EXPECT_EQ(failed.error_code, "PAYMENT_TYPE_NOT_MAPPED");
  EXPECT_EQ(Record("trybe:O1:201").state, PostingState::kPosted);

  setup.payment_types["card.deposit"] = "DEP-CARD";
  ASSERT_TRUE(hub_.PutSetup(kLodge, setup));
  auto forced = hub_.Force(kLodge, "trybe:O1:101");
  ASSERT_TRUE(forced) << forced.error().ToString();
  EXPECT_EQ(forced->state, PostingState::kPosted);
  EXPECT_EQ(Cents("F-S1"), -5000);
}

TEST_F(SpaPostingsTest, ARefundAfterCheckOutBringsEveryFolioBackToZero) {
  const SpaOrder order = Order();
  ASSERT_TRUE(spa_.PaymentTaken(order, order.payments[0]));
  ASSERT_TRUE(spa_.OrderCheckedOut(order, Day("2026-06-17")));
  auto refunded = spa_.OrderRefunded(order, Day("2026-06-17"), Day("2026-06-17"));
  ASSERT_TRUE(refunded) << refunded.error().ToString();
  EXPECT_EQ(refunded->size(), 4u);
  Drain();
  for (const char* folio : {"F-S1", "PF001", "PF002"}) EXPECT_EQ(Cents(folio), 0) << folio;
}

TEST_F(SpaPostingsTest, AnEventThatPostsNothingAnswersAnEmptyList) {
  SpaOrder order = Order();
  order.payments[0].prepayment_type = false;
  auto paid = spa_.PaymentTaken(order, order.payments[0]);
  ASSERT_TRUE(paid);
  EXPECT_TRUE(paid->empty());
  auto membership = spa_.MembershipPaymentTaken({.property = kLodge,
                                                 .spa_id = "trybe",
                                                 .payment_id = "M1",
                                                 .currency = "EUR",
                                                 .target = {PostingTarget::Kind::kStay, "S1"},
                                                 .amount_minor_units = 9900,
                                                 .payment_type = "card",
                                                 .revenue_centre = "spa",
                                                 .taken_on = Day("2026-06-15")});
  ASSERT_TRUE(membership);
  EXPECT_TRUE(membership->empty());
  EXPECT_EQ(queue_.ready_count(), 0u);
}

TEST_F(SpaPostingsTest, AVoucherSoldBelowItsValueRedeemedAndServedBooksItsPrice) {
  PostingSetup setup = *hub_.GetSetup(kLodge);
  for (const char* centre :
       {"vouchers", "voucher_redemption", "voucher_difference", "voucher_discount"}) {
    setup.revenue_centres[centre] = {"OUT-SPA", std::string("TC-") + centre};
  }
  ASSERT_TRUE(hub_.PutSetup(kLodge, setup));
  const Voucher voucher{.property = kLodge,
                        .spa_id = "trybe",
                        .voucher_id = "V1",
                        .currency = "EUR",
                        .target = {PostingTarget::Kind::kStay, "S1"},
                        .price_minor_units = 4000,
                        .value_minor_units = 5000};
  ASSERT_TRUE(spa_.VoucherSold(voucher, Day("2026-06-15")));
  ASSERT_TRUE(spa_.VoucherRedeemed(voucher, Day("2026-06-15")));
  auto served = spa_.VoucherServed(voucher, "spa", Day("2026-06-16"));
  ASSERT_TRUE(served) << served.error().ToString();
  EXPECT_EQ(served->size(), 3u);
  Drain();
  EXPECT_EQ(Cents("F-S1"), 4000);
  EXPECT_EQ(pms_.book().stats().postings, 2 + 3 + 3);
}

TEST_F(SpaPostingsTest, SubmitAllRefusesUndatedPostingsAndTwoPostingsWithOneId) {
  Posting undated = BarCharge("T1", 1, 100);
  auto refused = hub_.SubmitAll(kLodge, {undated});
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kInvalidArgument);
  const Posting dated = BarCharge("T1", 1, 100, "S1", "2026-06-15");
  auto twice = hub_.SubmitAll(kLodge, {dated, dated});
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().code, ErrorCode::kInvalidArgument);
  auto elsewhere = hub_.SubmitAll("other", {dated});
  ASSERT_FALSE(elsewhere);
  EXPECT_EQ(queue_.ready_count(), 0u);
}

}  // namespace
}  // namespace chansync::postings::hub_fixture
