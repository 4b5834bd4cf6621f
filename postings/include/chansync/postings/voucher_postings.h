#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "chansync/core/civil_date.h"
#include "chansync/core/error.h"
#include "chansync/core/ids.h"
#include "chansync/postings/posting.h"

namespace chansync::postings {

// The revenue centres a spa's vouchers move through (SPEC §5), rows of revenue_centres like any
// other: what a voucher is worth while it is held (Vouchers), what paying with it takes out
// (Voucher redemption), and where a price other than the value is accounted for.
inline constexpr std::string_view kVouchersCentre = "vouchers";
inline constexpr std::string_view kVoucherRedemptionCentre = "voucher_redemption";
inline constexpr std::string_view kVoucherDifferenceCentre = "voucher_difference";
inline constexpr std::string_view kVoucherDiscountCentre = "voucher_discount";

// A voucher sold by the spa system, redeemed whole on one order. Its postings are named by the
// spa system (pos), "voucher.<voucher_id>" (ticket) and a line per moment (see VoucherLine).
struct Voucher {
  core::PropertyId property;
  std::string spa_id;
  std::string voucher_id;
  std::string currency;
  PostingTarget target;           // the folio its revenue is booked on
  int64_t price_minor_units = 0;  // what the buyer paid, > 0
  int64_t value_minor_units = 0;  // what it pays for, > 0
};

struct VoucherLine {
  static constexpr int kSold = 1;       // 1 Vouchers, 2 Voucher difference
  static constexpr int kRedeemed = 11;  // 11 Voucher redemption, 12 Vouchers, 13 difference
  static constexpr int kServed = 21;    // 21 Vouchers, 22 the offer, 23 discount or difference
  static constexpr int kRefund = 5000;  // added to the line of each posting a refund reverses
};

// Every moment's postings are charges on the voucher's folio under the centres named. With p the
// price and v the value, a sale brings p of revenue and every later moment moves it between
// centres (its postings add up to 0), so that once served the offer carries v, Voucher discount
// p - v, and Vouchers and Voucher redemption cancel out.

// 1. Sold: +v to Vouchers and p - v to Voucher difference (when p != v).
core::Result<std::vector<Posting>> PostingsOfVoucherSold(const Voucher& voucher,
                                                         core::CivilDate sold_on);

// 2. Redeemed to pay an order: -v from Voucher redemption, +p into Vouchers and v - p to Voucher
// difference (when p != v), taking back the sale's difference.
core::Result<std::vector<Posting>> PostingsOfVoucherRedeemed(const Voucher& voucher,
                                                             core::CivilDate redeemed_on);

// 3. On the service date: -p from Vouchers and +v to the offer's revenue centre; p - v to
// Voucher discount when the voucher cost less than its value (to Voucher difference when more).
core::Result<std::vector<Posting>> PostingsOfVoucherServed(const Voucher& voucher,
                                                           const std::string& offer_centre,
                                                           core::CivilDate served_on);

// 4. The order it paid is refunded: the negative of the redemption's postings and, when it was
// served (`served_centre`, the offer's revenue centre), of the service's, dated `refunded_on`.
// The voucher is then held again, as after its sale.
core::Result<std::vector<Posting>> PostingsOfVoucherRefunded(
    const Voucher& voucher, const std::optional<std::string>& served_centre,
    core::CivilDate refunded_on);

}  // namespace chansync::postings
