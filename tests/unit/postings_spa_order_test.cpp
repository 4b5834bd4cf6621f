#include <gtest/gtest.h>

#include "chansync/postings/folio.h"
#include "chansync/postings/spa_order.h"

namespace chansync::postings {
namespace {

using core::ErrorCode;

core::CivilDate Day(const char* text) { return *core::CivilDate::Parse(text); }

const PostingTarget kSpaAccount{PostingTarget::Kind::kAccount, "Spa"};
const PostingTarget kDeposit{PostingTarget::Kind::kAccount, std::string(kDepositAccount)};
const PostingTarget kRedemption{PostingTarget::Kind::kAccount,
                                std::string(kDepositRedemptionAccount)};

PostingSetup Prepayments() {
  PostingSetup setup;
  setup.post_prepayments = true;
  return setup;
}

SpaPayment CardPayment(int number = 1, int64_t amount = 5000, bool prepayment = true) {
  return {.number = number,
          .amount_minor_units = amount,
          .payment_type = "card",
          .prepayment_type = prepayment,
          .taken_on = Day("2026-06-15")};
}

SpaOrder Order(std::vector<SpaPayment> payments = {CardPayment()}) {
  return {.property = "lodge",
          .spa_id = "trybe",
          .order_id = "O1",
          .currency = "EUR",
          .target = kSpaAccount,
          .lines = {{"spa", 5000}},
          .payments = std::move(payments)};
}

Posting Payment(int line, int64_t amount, const std::string& type, PostingTarget target,
                const char* date) {
  return {.property = "lodge",
          .kind = PostingKind::kPayment,
          .amount = {amount, "EUR"},
          .payment_type = type,
          .business_date = Day(date),
          .source = {"trybe", "O1", line},
          .target = std::move(target)};
}

Posting Charge(int line, int64_t amount, const std::string& centre, const char* date) {
  return {.property = "lodge",
          .kind = PostingKind::kCharge,
          .amount = {amount, "EUR"},
          .revenue_centre = centre,
          .business_date = Day(date),
          .source = {"trybe", "O1", line},
          .target = kSpaAccount};
}

TEST(SpaOrderTest, APrepaymentGoesAtOnceToItsDepositSelectorAndToTheDepositAccount) {
  auto postings = PostingsOfPaymentTaken(Order(), CardPayment(), Prepayments());
  ASSERT_TRUE(postings) << postings.error().ToString();
  const std::vector<Posting> expected = {
      Payment(101, 5000, "card.deposit", kSpaAccount, "2026-06-15"),
      Payment(201, 5000, "deposit", kDeposit, "2026-06-15"),
  };
  EXPECT_EQ(*postings, expected);
}

TEST(SpaOrderTest, CheckOutRedeemsTheDepositAndBooksTheRevenueOnTheCheckOutDate) {
  auto postings = PostingsOfCheckOut(Order(), Day("2026-06-17"), Prepayments());
  ASSERT_TRUE(postings) << postings.error().ToString();
  const std::vector<Posting> expected = {
      Payment(301, -5000, "deposit_redemption", kRedemption, "2026-06-17"),
      Charge(401, 5000, "spa", "2026-06-17"),
  };
  EXPECT_EQ(*postings, expected);
}

TEST(SpaOrderTest, APaymentThatIsNoPrepaymentIsPostedUnderItsOwnTypeAtCheckOut) {
  const SpaOrder order = Order({CardPayment(1, 5000, /*prepayment=*/false)});
  auto taken = PostingsOfPaymentTaken(order, order.payments[0], Prepayments());
  ASSERT_TRUE(taken);
  EXPECT_TRUE(taken->empty());
  auto checked_out = PostingsOfCheckOut(order, Day("2026-06-17"), Prepayments());
  ASSERT_TRUE(checked_out);
  const std::vector<Posting> expected = {
      Payment(501, 5000, "card", kSpaAccount, "2026-06-17"),
      Charge(401, 5000, "spa", "2026-06-17"),
  };
  EXPECT_EQ(*checked_out, expected);
}

TEST(SpaOrderTest, WithPrepaymentsOffAPrepaymentTypeWaitsForTheCheckOutToo) {
  const PostingSetup off;
  auto taken = PostingsOfPaymentTaken(Order(), CardPayment(), off);
  ASSERT_TRUE(taken);
  EXPECT_TRUE(taken->empty());
  auto checked_out = PostingsOfCheckOut(Order(), Day("2026-06-17"), off);
  ASSERT_TRUE(checked_out);
  ASSERT_EQ(checked_out->size(), 2u);
  EXPECT_EQ((*checked_out)[0], Payment(501, 5000, "card", kSpaAccount, "2026-06-17"));
}

TEST(SpaOrderTest, ReverseDepositOnCheckOutPostsTheNegativeOnTheDepositSelector) {
  PostingSetup setup = Prepayments();
  setup.reverse_deposit_on_checkout = true;
  auto postings = PostingsOfCheckOut(Order(), Day("2026-06-17"), setup);
  ASSERT_TRUE(postings);
  const std::vector<Posting> expected = {
      Payment(301, -5000, "deposit_redemption", kRedemption, "2026-06-17"),
      Payment(601, -5000, "card.deposit", kDeposit, "2026-06-17"),
      Charge(401, 5000, "spa", "2026-06-17"),
  };
  EXPECT_EQ(*postings, expected);
}

TEST(SpaOrderTest, LinesAndPaymentsAreNumberedByTheirRankSoAReplayIsTheSamePostings) {
  SpaOrder order = Order({CardPayment(1, 3000), CardPayment(2, 2000, /*prepayment=*/false)});
  order.lines = {{"spa", 4000}, {"retail", 1000}};
  auto second = PostingsOfPaymentTaken(order, CardPayment(2, 2000), Prepayments());
  ASSERT_TRUE(second);
  ASSERT_EQ(second->size(), 2u);
  EXPECT_EQ((*second)[0].Id(), "trybe:O1:102");
  EXPECT_EQ((*second)[1].Id(), "trybe:O1:202");

  auto checked_out = PostingsOfCheckOut(order, Day("2026-06-17"), Prepayments());
  ASSERT_TRUE(checked_out);
  std::vector<std::string> ids;
  for (const Posting& posting : *checked_out) ids.push_back(posting.Id());
  EXPECT_EQ(ids, (std::vector<std::string>{"trybe:O1:301", "trybe:O1:502", "trybe:O1:401",
                                           "trybe:O1:402"}));
  EXPECT_EQ(PostingsOfCheckOut(order, Day("2026-06-17"), Prepayments()).value(), *checked_out);
}

TEST(SpaOrderTest, ARefundPostsTheNegativeOfWhatWasPostedOnTheRefundDate) {
  auto before = PostingsOfRefund(Order(), std::nullopt, Day("2026-06-16"), Prepayments());
  ASSERT_TRUE(before) << before.error().ToString();
  const std::vector<Posting> expected_before = {
      Payment(5101, -5000, "card.deposit", kSpaAccount, "2026-06-16"),
      Payment(5201, -5000, "deposit", kDeposit, "2026-06-16"),
  };
  EXPECT_EQ(*before, expected_before);

  auto after = PostingsOfRefund(Order(), Day("2026-06-17"), Day("2026-06-20"), Prepayments());
  ASSERT_TRUE(after);
  const std::vector<Posting> expected_after = {
      Payment(5101, -5000, "card.deposit", kSpaAccount, "2026-06-20"),
      Payment(5201, -5000, "deposit", kDeposit, "2026-06-20"),
      Payment(5301, 5000, "deposit_redemption", kRedemption, "2026-06-20"),
      Charge(5401, -5000, "spa", "2026-06-20"),
  };
  EXPECT_EQ(*after, expected_after);
}

TEST(SpaOrderTest, ARefundOfAnOrderNeverPostedPostsNothing) {
  auto refund = PostingsOfRefund(Order(), std::nullopt, Day("2026-06-16"), PostingSetup{});
  ASSERT_TRUE(refund);
  EXPECT_TRUE(refund->empty());
}

TEST(SpaOrderTest, OfflineMembershipPaymentsArePostedOnlyWithTheirSwitchOn) {
  const OfflineMembershipPayment payment{.property = "lodge",
                                         .spa_id = "trybe",
                                         .payment_id = "M7",
                                         .currency = "EUR",
                                         .target = kSpaAccount,
                                         .amount_minor_units = 9900,
                                         .payment_type = "cash",
                                         .revenue_centre = "membership",
                                         .taken_on = Day("2026-06-15")};
  PostingSetup setup;
  auto off = PostingsOfMembershipPayment(payment, setup);
  ASSERT_TRUE(off);
  EXPECT_TRUE(off->empty());

  setup.post_offline_membership_payments = true;
  auto on = PostingsOfMembershipPayment(payment, setup);
  ASSERT_TRUE(on) << on.error().ToString();
  ASSERT_EQ(on->size(), 2u);
  EXPECT_EQ((*on)[0].Id(), "trybe:membership.M7:1");
  EXPECT_EQ((*on)[0].kind, PostingKind::kPayment);
  EXPECT_EQ((*on)[0].payment_type, "cash");
  EXPECT_EQ((*on)[1].kind, PostingKind::kCharge);
  EXPECT_EQ((*on)[1].revenue_centre, "membership");
  EXPECT_EQ((*on)[1].amount.minor_units, 9900);
}

TEST(SpaOrderTest, EventsOutOfShapeAreRefusedNamingTheField) {
  auto no_number = PostingsOfPaymentTaken(Order(), CardPayment(0), Prepayments());
  ASSERT_FALSE(no_number);
  EXPECT_EQ(no_number.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(no_number.error().message.find("payment.number"), std::string::npos);

  auto no_amount = PostingsOfPaymentTaken(Order(), CardPayment(1, 0), Prepayments());
  ASSERT_FALSE(no_amount);
  EXPECT_NE(no_amount.error().message.find("payment.amount"), std::string::npos);

  auto undated = PostingsOfCheckOut(Order(), core::CivilDate(), Prepayments());
  ASSERT_FALSE(undated);
  EXPECT_NE(undated.error().message.find("checked_out_on"), std::string::npos);

  SpaOrder no_lines = Order();
  no_lines.lines.clear();
  EXPECT_FALSE(PostingsOfCheckOut(no_lines, Day("2026-06-17"), Prepayments()));
}

TEST(SpaOrderTest, ADepositSelectorIsARowOfItsOwnNeverThePlainSelector) {
  PostingSetup setup = Prepayments();
  setup.payment_types["card"] = "SEL-CARD";
  auto postings = PostingsOfPaymentTaken(Order(), CardPayment(), setup);
  ASSERT_TRUE(postings);
  auto unmapped = PmsCodeOf(postings->front(), setup);
  ASSERT_FALSE(unmapped);
  EXPECT_EQ(unmapped.error().code, ErrorCode::kPaymentTypeNotMapped);
  EXPECT_NE(unmapped.error().message.find("card.deposit"), std::string::npos);

  setup.payment_types[DepositPaymentTypeOf("card")] = "DEP-CARD";
  auto mapped = PmsCodeOf(postings->front(), setup);
  ASSERT_TRUE(mapped);
  EXPECT_EQ(mapped->payment_selector, "DEP-CARD");
}

}  // namespace
}  // namespace chansync::postings
