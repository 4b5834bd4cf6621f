#pragma once

#include <string>
#include <string_view>

#include "chansync/core/error.h"
#include "chansync/core/ids.h"
#include "chansync/postings/spa_events.h"

// The JSON bodies of the spa routes (docs/postings-api.md, "Spa events"). As posting_wire.h:
// decoders take a body from outside, never throw, refuse with INVALID_ARGUMENT naming the field
// ("payment.taken_on: expected a date as YYYY-MM-DD"), accept unknown extra fields and take the
// property, and the order or voucher, from the path (a body naming another one is refused). They
// check the wire form, amounts above zero and payment numbers 1..99; the postings' own rules
// (identifiers, currency) are the desk's.
//
// Every body names the spa system and the folio: {"spa_id", "currency", "target": {"kind": "stay"|
// "account", "id"}}; amounts are integers in minor units, dates YYYY-MM-DD.
namespace chansync::pos::wire {

// Orders: the body's order is {... "lines": [{"revenue_centre", "amount_minor_units"}] (optional),
// "payments": [payment...] (optional)}, a payment {"number", "amount_minor_units", "payment_type",
// "prepayment": bool (optional), "taken_on"}.
//   POST spa/orders/{order}/payments   the order plus "payment": payment
//   POST spa/orders/{order}/check-out  the order plus "checked_out_on"
//   POST spa/orders/{order}/refund     the order plus "refunded_on", "checked_out_on" (optional:
//                                      refunded before its check-out)
core::Result<postings::SpaPaymentTaken> DecodeSpaPaymentTaken(std::string_view json,
                                                              const core::PropertyId& property,
                                                              std::string_view order_id);
core::Result<postings::SpaOrderCheckedOut> DecodeSpaCheckOut(std::string_view json,
                                                             const core::PropertyId& property,
                                                             std::string_view order_id);
core::Result<postings::SpaOrderRefunded> DecodeSpaRefund(std::string_view json,
                                                         const core::PropertyId& property,
                                                         std::string_view order_id);

// POST spa/membership-payments: {"spa_id", "currency", "target", "payment_id",
// "amount_minor_units", "payment_type", "revenue_centre", "taken_on"}.
core::Result<postings::OfflineMembershipPayment> DecodeMembershipPayment(
    std::string_view json, const core::PropertyId& property);

// Vouchers: the body's voucher is {... "price_minor_units", "value_minor_units"}.
//   POST spa/vouchers/{voucher}/sale        plus "sold_on"
//   POST spa/vouchers/{voucher}/redemption  plus "redeemed_on"
//   POST spa/vouchers/{voucher}/service     plus "offer_revenue_centre", "served_on"
//   POST spa/vouchers/{voucher}/refund      plus "refunded_on", "served_revenue_centre"
//                                           (optional: refunded before its service date)
core::Result<postings::VoucherSale> DecodeVoucherSale(std::string_view json,
                                                      const core::PropertyId& property,
                                                      std::string_view voucher_id);
core::Result<postings::VoucherRedemption> DecodeVoucherRedemption(std::string_view json,
                                                                  const core::PropertyId& property,
                                                                  std::string_view voucher_id);
core::Result<postings::VoucherService> DecodeVoucherService(std::string_view json,
                                                            const core::PropertyId& property,
                                                            std::string_view voucher_id);
core::Result<postings::VoucherRefund> DecodeVoucherRefund(std::string_view json,
                                                          const core::PropertyId& property,
                                                          std::string_view voucher_id);

// The body of the route `event` is sent to, plus "property" and its "order_id" or "voucher_id",
// which the decoders check against the path. Never fails.
std::string EncodeSpaEvent(const postings::SpaEvent& event);

}  // namespace chansync::pos::wire
