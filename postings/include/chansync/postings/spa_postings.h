#pragma once

#include <optional>
#include <string>
#include <vector>

#include "chansync/core/civil_date.h"
#include "chansync/core/error.h"
#include "chansync/postings/posting_desk.h"
#include "chansync/postings/spa_events.h"
#include "chansync/postings/spa_order.h"
#include "chansync/postings/voucher_postings.h"

namespace chansync::postings {

// What a spa system (Trybe) sends, turned into postings (spa_order.h, voucher_postings.h) under
// the property's current set-up and handed to the desk, all of an event or none (SubmitAll).
// Every event's postings are named by the event alone, so an event sent again is answered as
// duplicates and booked once. An event that posts nothing (a payment posted at check-out, a
// membership payment with the switch off) answers an empty list.
//
// Errors: INVALID_ARGUMENT naming the field for an event out of shape; the desk's otherwise
// (NOT_FOUND for an unknown property, CONFLICT when an event is sent again with other amounts,
// STORE_UNAVAILABLE). An unmapped revenue centre or payment type is accepted and recorded failed
// (REVENUE_CENTRE_NOT_MAPPED / PAYMENT_TYPE_NOT_MAPPED), to be forced once the row is set.
//
// Thread-safe as the desk is; the desk must outlive it.
class SpaPostings {
 public:
  using Accepted = core::Result<std::vector<PostingAccepted>>;

  explicit SpaPostings(PostingDesk& desk) : desk_(desk) {}

  Accepted PaymentTaken(const SpaOrder& order, const SpaPayment& payment);
  Accepted OrderCheckedOut(const SpaOrder& order, core::CivilDate checked_out_on);
  Accepted OrderRefunded(const SpaOrder& order, std::optional<core::CivilDate> checked_out_on,
                         core::CivilDate refunded_on);
  Accepted MembershipPaymentTaken(const OfflineMembershipPayment& payment);

  Accepted VoucherSold(const Voucher& voucher, core::CivilDate sold_on);
  Accepted VoucherRedeemed(const Voucher& voucher, core::CivilDate redeemed_on);
  Accepted VoucherServed(const Voucher& voucher, const std::string& offer_centre,
                         core::CivilDate served_on);
  Accepted VoucherRefunded(const Voucher& voucher, const std::optional<std::string>& served_centre,
                           core::CivilDate refunded_on);

  // Any of the events above, as the front ends decode them (spa_events.h).
  Accepted Post(const SpaEvent& event);

 private:
  Accepted Submit(const core::PropertyId& property, core::Result<std::vector<Posting>> postings);

  PostingDesk& desk_;
};

}  // namespace chansync::postings
