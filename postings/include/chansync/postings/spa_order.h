#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "chansync/core/civil_date.h"
#include "chansync/core/error.h"
#include "chansync/core/ids.h"
#include "chansync/postings/mappings.h"
#include "chansync/postings/posting.h"

namespace chansync::postings {

// A payment the spa system took for an order.
struct SpaPayment {
  int number = 1;  // the payment's rank within its order, 1..99, as the spa system numbers it
  int64_t amount_minor_units = 0;  // > 0
  std::string payment_type;
  // The spa system has the type set up as a prepayment (posted when taken, not at check-out).
  bool prepayment_type = false;
  core::CivilDate taken_on;
};

// One line of a spa order: what was sold, under the revenue centre of its offer.
struct SpaOrderLine {
  std::string revenue_centre;
  int64_t amount_minor_units = 0;  // > 0
};

// A spa order as the spa system knows it. Its postings are named by the spa system (pos), the
// order (ticket) and a line number per kind of posting (see SpaLine), so a replayed event makes
// the same postings, booked once.
struct SpaOrder {
  core::PropertyId property;
  std::string spa_id;    // the spa system, the postings' point of sale
  std::string order_id;  // the postings' ticket
  std::string currency;
  // The folio its revenue and its payments are booked on: the guest's stay, or the internal
  // account the spa books its walk-in guests on.
  PostingTarget target;
  std::vector<SpaOrderLine> lines;   // lines 1..99, in order
  std::vector<SpaPayment> payments;  // every payment taken so far
};

// Line numbers of an order's postings: a range per kind, plus the payment's number or the order
// line's rank. A refund posts the negative of each posting under its line plus kRefund.
struct SpaLine {
  static constexpr int kDepositSelector = 100;  // (a) a prepayment on its deposit selector
  static constexpr int kDepositAccount = 200;   // (b) the prepayment on the "Deposit" account
  static constexpr int kRedemption = 300;       // (c) its negative on "Deposit Redemption"
  static constexpr int kRevenue = 400;          // (d) an order line's revenue
  static constexpr int kPaidAtCheckOut = 500;   // a payment that is no prepayment
  static constexpr int kReversedDeposit = 600;  // the deposit reversed at check-out
  static constexpr int kRefund = 5000;
  static constexpr int kMaxRank = 99;
};

// Whether `payment` is posted when it is taken: the property posts prepayments and the spa
// system has its type set up as one. Any other payment is posted at the order's check-out.
bool PostedWhenTaken(const SpaPayment& payment, const PostingSetup& setup);

// The postings of a payment taken: for one posted when taken (PostedWhenTaken), dated the day it
// was taken, (a) a payment on the order's folio under its deposit selector
// (DepositPaymentTypeOf) and (b) a payment on the "Deposit" account under kDepositPaymentType;
// none for any other payment. INVALID_ARGUMENT naming the field for an order or a payment out of
// shape.
core::Result<std::vector<Posting>> PostingsOfPaymentTaken(const SpaOrder& order,
                                                          const SpaPayment& payment,
                                                          const PostingSetup& setup);

// The postings of the order's check-out, all dated the check-out date, whatever the order's
// date: for each payment posted when taken, (c) its negative on "Deposit Redemption" under
// kDepositRedemptionPaymentType and, with reverse_deposit_on_checkout, its negative on
// "Deposit" under its deposit selector; for each other payment, the payment on the order's folio
// under its own type; and (d) each line's revenue, a charge on the order's folio under the
// line's revenue centre.
core::Result<std::vector<Posting>> PostingsOfCheckOut(const SpaOrder& order,
                                                      core::CivilDate checked_out_on,
                                                      const PostingSetup& setup);

// The postings of the order's refund, dated `refunded_on`: the negative of every posting its
// payments made and, when it was checked out (`checked_out_on`), of its check-out's.
core::Result<std::vector<Posting>> PostingsOfRefund(const SpaOrder& order,
                                                    std::optional<core::CivilDate> checked_out_on,
                                                    core::CivilDate refunded_on,
                                                    const PostingSetup& setup);

// A payment entered by hand in the spa system for a membership.
struct OfflineMembershipPayment {
  core::PropertyId property;
  std::string spa_id;
  std::string payment_id;  // the postings' ticket is "membership.<payment_id>"
  std::string currency;
  PostingTarget target;
  int64_t amount_minor_units = 0;
  std::string payment_type;
  std::string revenue_centre;  // the membership fees' revenue centre
  core::CivilDate taken_on;
};

// With post_offline_membership_payments on, the payment under its type (line 1) and the
// membership fee's revenue under its revenue centre (line 2), both on its folio; nothing with the
// switch off.
core::Result<std::vector<Posting>> PostingsOfMembershipPayment(
    const OfflineMembershipPayment& payment, const PostingSetup& setup);

}  // namespace chansync::postings
