#pragma once

#include "chansync/core/error.h"
#include "chansync/postings/spa_events.h"
#include "chansync/v1/postings.pb.h"

namespace chansync::api {

// chansync.v1 SpaService requests -> the spa's events (postings/spa_events.h), for the property
// the request names. INVALID_ARGUMENT naming the field ("order.target.kind: STAY or ACCOUNT",
// "payment.taken_on: expected a date as YYYY-MM-DD", "checked_out_on: is required") for the wire
// form only: target kinds set, dates given and well formed. Amounts, payment numbers and
// identifiers are SpaPostings' to check, as every posting's are.
core::Result<postings::SpaPaymentTaken> SpaEventFromProto(
    const v1::SpaPaymentTakenRequest& request);
core::Result<postings::SpaOrderCheckedOut> SpaEventFromProto(
    const v1::SpaOrderCheckedOutRequest& request);
core::Result<postings::SpaOrderRefunded> SpaEventFromProto(
    const v1::SpaOrderRefundedRequest& request);
core::Result<postings::OfflineMembershipPayment> SpaEventFromProto(
    const v1::MembershipPaymentTakenRequest& request);
core::Result<postings::VoucherSale> SpaEventFromProto(const v1::VoucherSoldRequest& request);
core::Result<postings::VoucherRedemption> SpaEventFromProto(
    const v1::VoucherRedeemedRequest& request);
core::Result<postings::VoucherService> SpaEventFromProto(const v1::VoucherServedRequest& request);
core::Result<postings::VoucherRefund> SpaEventFromProto(const v1::VoucherRefundedRequest& request);

}  // namespace chansync::api
