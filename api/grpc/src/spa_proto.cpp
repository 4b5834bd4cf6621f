#include "chansync/api/grpc/spa_proto.h"

#include "chansync/api/grpc/posting_proto.h"

namespace chansync::api {
namespace {

core::Result<core::CivilDate> RequiredDate(std::string_view field, const std::string& text) {
  ASSIGN_OR_RETURN(const auto date, OptionalDateFromProto(field, text));
  if (!date) {
    return std::unexpected(
        core::Error{core::ErrorCode::kInvalidArgument, std::string(field) + ": is required"});
  }
  return *date;
}

core::Result<postings::SpaPayment> PaymentFromProto(const std::string& field,
                                                    const v1::SpaPayment& payment) {
  postings::SpaPayment out;
  out.number = payment.number();
  out.amount_minor_units = payment.amount_minor_units();
  out.payment_type = payment.payment_type();
  out.prepayment_type = payment.prepayment();
  ASSIGN_OR_RETURN(out.taken_on, RequiredDate(field + ".taken_on", payment.taken_on()));
  return out;
}

core::Result<postings::SpaOrder> OrderFromProto(const std::string& property,
                                                const v1::SpaOrder& order) {
  postings::SpaOrder out;
  out.property = property;
  out.spa_id = order.spa_id();
  out.order_id = order.order_id();
  out.currency = order.currency();
  ASSIGN_OR_RETURN(out.target, TargetFromProto("order.target", order.target()));
  for (const v1::SpaOrderLine& line : order.lines()) {
    out.lines.push_back({line.revenue_centre(), line.amount_minor_units()});
  }
  for (int i = 0; i < order.payments_size(); ++i) {
    ASSIGN_OR_RETURN(auto payment, PaymentFromProto("order.payments[" + std::to_string(i) + "]",
                                                    order.payments(i)));
    out.payments.push_back(std::move(payment));
  }
  return out;
}

core::Result<postings::Voucher> VoucherFromProto(const std::string& property,
                                                 const v1::Voucher& voucher) {
  postings::Voucher out;
  out.property = property;
  out.spa_id = voucher.spa_id();
  out.voucher_id = voucher.voucher_id();
  out.currency = voucher.currency();
  ASSIGN_OR_RETURN(out.target, TargetFromProto("voucher.target", voucher.target()));
  out.price_minor_units = voucher.price_minor_units();
  out.value_minor_units = voucher.value_minor_units();
  return out;
}

}  // namespace

core::Result<postings::SpaPaymentTaken> SpaEventFromProto(
    const v1::SpaPaymentTakenRequest& request) {
  postings::SpaPaymentTaken event;
  ASSIGN_OR_RETURN(event.order, OrderFromProto(request.property_id(), request.order()));
  ASSIGN_OR_RETURN(event.payment, PaymentFromProto("payment", request.payment()));
  return event;
}

core::Result<postings::SpaOrderCheckedOut> SpaEventFromProto(
    const v1::SpaOrderCheckedOutRequest& request) {
  postings::SpaOrderCheckedOut event;
  ASSIGN_OR_RETURN(event.order, OrderFromProto(request.property_id(), request.order()));
  ASSIGN_OR_RETURN(event.checked_out_on, RequiredDate("checked_out_on", request.checked_out_on()));
  return event;
}

core::Result<postings::SpaOrderRefunded> SpaEventFromProto(
    const v1::SpaOrderRefundedRequest& request) {
  postings::SpaOrderRefunded event;
  ASSIGN_OR_RETURN(event.order, OrderFromProto(request.property_id(), request.order()));
  ASSIGN_OR_RETURN(event.checked_out_on,
                   OptionalDateFromProto("checked_out_on", request.checked_out_on()));
  ASSIGN_OR_RETURN(event.refunded_on, RequiredDate("refunded_on", request.refunded_on()));
  return event;
}

core::Result<postings::OfflineMembershipPayment> SpaEventFromProto(
    const v1::MembershipPaymentTakenRequest& request) {
  postings::OfflineMembershipPayment out;
  out.property = request.property_id();
  out.spa_id = request.spa_id();
  out.payment_id = request.payment_id();
  out.currency = request.currency();
  ASSIGN_OR_RETURN(out.target, TargetFromProto("target", request.target()));
  out.amount_minor_units = request.amount_minor_units();
  out.payment_type = request.payment_type();
  out.revenue_centre = request.revenue_centre();
  ASSIGN_OR_RETURN(out.taken_on, RequiredDate("taken_on", request.taken_on()));
  return out;
}

core::Result<postings::VoucherSale> SpaEventFromProto(const v1::VoucherSoldRequest& request) {
  postings::VoucherSale event;
  ASSIGN_OR_RETURN(event.voucher, VoucherFromProto(request.property_id(), request.voucher()));
  ASSIGN_OR_RETURN(event.sold_on, RequiredDate("sold_on", request.sold_on()));
  return event;
}

core::Result<postings::VoucherRedemption> SpaEventFromProto(
    const v1::VoucherRedeemedRequest& request) {
  postings::VoucherRedemption event;
  ASSIGN_OR_RETURN(event.voucher, VoucherFromProto(request.property_id(), request.voucher()));
  ASSIGN_OR_RETURN(event.redeemed_on, RequiredDate("redeemed_on", request.redeemed_on()));
  return event;
}

core::Result<postings::VoucherService> SpaEventFromProto(const v1::VoucherServedRequest& request) {
  postings::VoucherService event;
  ASSIGN_OR_RETURN(event.voucher, VoucherFromProto(request.property_id(), request.voucher()));
  event.offer_centre = request.offer_revenue_centre();
  ASSIGN_OR_RETURN(event.served_on, RequiredDate("served_on", request.served_on()));
  return event;
}

core::Result<postings::VoucherRefund> SpaEventFromProto(const v1::VoucherRefundedRequest& request) {
  postings::VoucherRefund event;
  ASSIGN_OR_RETURN(event.voucher, VoucherFromProto(request.property_id(), request.voucher()));
  if (!request.served_revenue_centre().empty()) {
    event.served_centre = request.served_revenue_centre();
  }
  ASSIGN_OR_RETURN(event.refunded_on, RequiredDate("refunded_on", request.refunded_on()));
  return event;
}

}  // namespace chansync::api
