#pragma once

#include <map>
#include <string>
#include <string_view>

#include "chansync/core/error.h"
#include "chansync/postings/business_date.h"
#include "chansync/postings/posting.h"

namespace chansync::postings {

// Where the PMS books a revenue centre's charges.
struct SalesOutlet {
  std::string outlet;            // the PMS's sales outlet
  std::string transaction_code;  // its transaction (revenue) code

  friend bool operator==(const SalesOutlet&, const SalesOutlet&) = default;
};

// A property's posting set-up: its closing time, its mapping tables and the spa switches.
struct PostingSetup {
  EndOfDay end_of_day;
  std::map<std::string, SalesOutlet> revenue_centres;  // revenue centre → sales outlet
  std::map<std::string, std::string> payment_types;    // payment type → PMS payment selector
  bool post_prepayments = false;
  bool reverse_deposit_on_checkout = false;
  bool post_offline_membership_payments = false;

  friend bool operator==(const PostingSetup&, const PostingSetup&) = default;
};

// What the PMS is told a posting is: a charge's outlet and transaction code, or a payment's
// selector.
struct PmsCode {
  std::string outlet;            // charges only
  std::string transaction_code;  // charges only
  std::string payment_selector;  // payments only

  friend bool operator==(const PmsCode&, const PmsCode&) = default;
};

// The PMS code of `posting` under `setup`. Never a guess: REVENUE_CENTRE_NOT_MAPPED or
// PAYMENT_TYPE_NOT_MAPPED naming the centre or type and the property when the table has no row.
core::Result<PmsCode> PmsCodeOf(const Posting& posting, const PostingSetup& setup);

// A spa's prepayments (SPEC §5) go through rows of payment_types like any other payment:
//   - a payment type set up as a prepayment is posted, when it is taken, under its deposit
//     selector, the row of the payment type DepositPaymentTypeOf(type) = "<type>.deposit"
//     ("card" → "SEL-CARD" books card payments taken at check-out, "card.deposit" → "DEP-CARD"
//     books card prepayments);
//   - the deposit ledger's two codes: kDepositPaymentType books the prepayment on the "Deposit"
//     account, kDepositRedemptionPaymentType its negative on "Deposit Redemption" at check-out.
// A missing row is PAYMENT_TYPE_NOT_MAPPED (PmsCodeOf), never the plain selector instead.
std::string DepositPaymentTypeOf(std::string_view payment_type);
inline constexpr std::string_view kDepositPaymentType = "deposit";
inline constexpr std::string_view kDepositRedemptionPaymentType = "deposit_redemption";

// INVALID_ARGUMENT naming the entry: keys identifiers, outlets, codes and selectors 1..64 of
// [A-Za-z0-9._-].
core::Status ValidatePostingSetup(const PostingSetup& setup);

}  // namespace chansync::postings
