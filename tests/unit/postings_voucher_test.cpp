#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "chansync/postings/voucher_postings.h"

namespace chansync::postings {
namespace {

core::CivilDate Day(const char* text) { return *core::CivilDate::Parse(text); }

Voucher GiftVoucher(int64_t price, int64_t value) {
  return {.property = "lodge",
          .spa_id = "trybe",
          .voucher_id = "V9",
          .currency = "EUR",
          .target = {PostingTarget::Kind::kAccount, "Spa"},
          .price_minor_units = price,
          .value_minor_units = value};
}

// What each revenue centre received, and in which posting lines.
struct Moves {
  std::map<std::string, int64_t> by_centre;
  std::vector<int> lines;
  int64_t total = 0;
};

Moves MovesOf(const core::Result<std::vector<Posting>>& postings) {
  EXPECT_TRUE(postings) << postings.error().ToString();
  Moves moves;
  for (const Posting& posting : postings.value_or(std::vector<Posting>{})) {
    EXPECT_EQ(posting.kind, PostingKind::kCharge);
    EXPECT_EQ(posting.source.ticket_id, "voucher.V9");
    moves.by_centre[posting.revenue_centre] += posting.amount.minor_units;
    moves.lines.push_back(posting.source.line);
    moves.total += posting.amount.minor_units;
  }
  return moves;
}

using Centres = std::map<std::string, int64_t>;

TEST(VoucherTest, SoldAtItsValueGoesToVouchers) {
  const Moves sold = MovesOf(PostingsOfVoucherSold(GiftVoucher(5000, 5000), Day("2026-06-01")));
  EXPECT_EQ(sold.by_centre, (Centres{{"vouchers", 5000}}));
  EXPECT_EQ(sold.lines, (std::vector<int>{1}));
}

TEST(VoucherTest, SoldBelowItsValueRecordsTheVoucherDifference) {
  const Moves sold = MovesOf(PostingsOfVoucherSold(GiftVoucher(4000, 5000), Day("2026-06-01")));
  EXPECT_EQ(sold.by_centre, (Centres{{"vouchers", 5000}, {"voucher_difference", -1000}}));
  EXPECT_EQ(sold.total, 4000);  // the sale brings what the buyer paid
}

TEST(VoucherTest, RedeemedAtItsValueMovesFromVoucherRedemptionIntoVouchers) {
  const Moves redeemed =
      MovesOf(PostingsOfVoucherRedeemed(GiftVoucher(5000, 5000), Day("2026-06-10")));
  EXPECT_EQ(redeemed.by_centre, (Centres{{"voucher_redemption", -5000}, {"vouchers", 5000}}));
  EXPECT_EQ(redeemed.lines, (std::vector<int>{11, 12}));
}

TEST(VoucherTest, RedeemedBelowItsValueTakesBackTheSalesDifference) {
  const Moves redeemed =
      MovesOf(PostingsOfVoucherRedeemed(GiftVoucher(4000, 5000), Day("2026-06-10")));
  EXPECT_EQ(
      redeemed.by_centre,
      (Centres{{"voucher_redemption", -5000}, {"vouchers", 4000}, {"voucher_difference", 1000}}));
  EXPECT_EQ(redeemed.total, 0);
}

TEST(VoucherTest, ServedAtItsValueMovesFromVouchersToTheOffer) {
  const Moves served =
      MovesOf(PostingsOfVoucherServed(GiftVoucher(5000, 5000), "spa", Day("2026-06-12")));
  EXPECT_EQ(served.by_centre, (Centres{{"vouchers", -5000}, {"spa", 5000}}));
  EXPECT_EQ(served.lines, (std::vector<int>{21, 22}));
}

TEST(VoucherTest, ServedWhenItCostLessThanItsValueRecordsTheVoucherDiscount) {
  const Moves served =
      MovesOf(PostingsOfVoucherServed(GiftVoucher(4000, 5000), "spa", Day("2026-06-12")));
  EXPECT_EQ(served.by_centre,
            (Centres{{"vouchers", -4000}, {"spa", 5000}, {"voucher_discount", -1000}}));
  EXPECT_EQ(served.total, 0);
}

TEST(VoucherTest, ServedWhenItCostMoreThanItsValueKeepsTheGapAsDifference) {
  const Moves served =
      MovesOf(PostingsOfVoucherServed(GiftVoucher(6000, 5000), "spa", Day("2026-06-12")));
  EXPECT_EQ(served.by_centre,
            (Centres{{"vouchers", -6000}, {"spa", 5000}, {"voucher_difference", 1000}}));
}

TEST(VoucherTest, OnceServedTheOfferCarriesTheValueLessTheDiscountAndVouchersCancelOut) {
  const Voucher voucher = GiftVoucher(4000, 5000);
  Centres net;
  for (const auto& moves : {MovesOf(PostingsOfVoucherSold(voucher, Day("2026-06-01"))),
                            MovesOf(PostingsOfVoucherRedeemed(voucher, Day("2026-06-10"))),
                            MovesOf(PostingsOfVoucherServed(voucher, "spa", Day("2026-06-12")))}) {
    for (const auto& [centre, amount] : moves.by_centre) net[centre] += amount;
  }
  EXPECT_EQ(net, (Centres{{"spa", 5000},
                          {"voucher_difference", 0},
                          {"voucher_discount", -1000},
                          {"voucher_redemption", -5000},
                          {"vouchers", 5000}}));
}

TEST(VoucherTest, ARefundAfterTheServiceReversesRedemptionAndOfferAndHoldsTheVoucherAgain) {
  for (const int64_t price : {5000, 4000}) {
    const Voucher voucher = GiftVoucher(price, 5000);
    const Moves refund = MovesOf(PostingsOfVoucherRefunded(voucher, "spa", Day("2026-06-20")));
    EXPECT_EQ(refund.by_centre.at("voucher_redemption"), 5000) << price;
    EXPECT_EQ(refund.by_centre.at("spa"), -5000) << price;
    EXPECT_EQ(refund.total, 0) << price;
    EXPECT_EQ(refund.lines.front(), 5011) << price;

    Centres net;
    for (const auto& moves :
         {MovesOf(PostingsOfVoucherSold(voucher, Day("2026-06-01"))),
          MovesOf(PostingsOfVoucherRedeemed(voucher, Day("2026-06-10"))),
          MovesOf(PostingsOfVoucherServed(voucher, "spa", Day("2026-06-12"))), refund}) {
      for (const auto& [centre, amount] : moves.by_centre) net[centre] += amount;
    }
    const Moves sold = MovesOf(PostingsOfVoucherSold(voucher, Day("2026-06-01")));
    for (const auto& [centre, amount] : net) {
      const auto it = sold.by_centre.find(centre);
      EXPECT_EQ(amount, it == sold.by_centre.end() ? 0 : it->second) << centre << " " << price;
    }
  }
}

TEST(VoucherTest, ARefundBeforeTheServiceReversesTheRedemptionOnly) {
  const Moves refund =
      MovesOf(PostingsOfVoucherRefunded(GiftVoucher(4000, 5000), std::nullopt, Day("2026-06-11")));
  EXPECT_EQ(
      refund.by_centre,
      (Centres{{"voucher_redemption", 5000}, {"vouchers", -4000}, {"voucher_difference", -1000}}));
  EXPECT_EQ(refund.lines, (std::vector<int>{5011, 5012, 5013}));
}

TEST(VoucherTest, AVoucherOutOfShapeIsRefused) {
  auto free = PostingsOfVoucherSold(GiftVoucher(0, 5000), Day("2026-06-01"));
  ASSERT_FALSE(free);
  EXPECT_EQ(free.error().code, core::ErrorCode::kInvalidArgument);
  EXPECT_NE(free.error().message.find("price"), std::string::npos);
  EXPECT_FALSE(PostingsOfVoucherServed(GiftVoucher(5000, 5000), "", Day("2026-06-12")));
  EXPECT_FALSE(PostingsOfVoucherRedeemed(GiftVoucher(5000, 5000), core::CivilDate()));
}

}  // namespace
}  // namespace chansync::postings
