#include "chansync/postings/spa_postings.h"

namespace chansync::postings {

SpaPostings::Accepted SpaPostings::PaymentTaken(const SpaOrder& order, const SpaPayment& payment) {
  ASSIGN_OR_RETURN(const PostingSetup setup, desk_.GetSetup(order.property));
  return Submit(order.property, PostingsOfPaymentTaken(order, payment, setup));
}

SpaPostings::Accepted SpaPostings::OrderCheckedOut(const SpaOrder& order,
                                                   core::CivilDate checked_out_on) {
  ASSIGN_OR_RETURN(const PostingSetup setup, desk_.GetSetup(order.property));
  return Submit(order.property, PostingsOfCheckOut(order, checked_out_on, setup));
}

SpaPostings::Accepted SpaPostings::OrderRefunded(const SpaOrder& order,
                                                 std::optional<core::CivilDate> checked_out_on,
                                                 core::CivilDate refunded_on) {
  ASSIGN_OR_RETURN(const PostingSetup setup, desk_.GetSetup(order.property));
  return Submit(order.property, PostingsOfRefund(order, checked_out_on, refunded_on, setup));
}

SpaPostings::Accepted SpaPostings::MembershipPaymentTaken(const OfflineMembershipPayment& payment) {
  ASSIGN_OR_RETURN(const PostingSetup setup, desk_.GetSetup(payment.property));
  return Submit(payment.property, PostingsOfMembershipPayment(payment, setup));
}

SpaPostings::Accepted SpaPostings::VoucherSold(const Voucher& voucher, core::CivilDate sold_on) {
  return Submit(voucher.property, PostingsOfVoucherSold(voucher, sold_on));
}

SpaPostings::Accepted SpaPostings::VoucherRedeemed(const Voucher& voucher,
                                                   core::CivilDate redeemed_on) {
  return Submit(voucher.property, PostingsOfVoucherRedeemed(voucher, redeemed_on));
}

SpaPostings::Accepted SpaPostings::VoucherServed(const Voucher& voucher,
                                                 const std::string& offer_centre,
                                                 core::CivilDate served_on) {
  return Submit(voucher.property, PostingsOfVoucherServed(voucher, offer_centre, served_on));
}

SpaPostings::Accepted SpaPostings::VoucherRefunded(const Voucher& voucher,
                                                   const std::optional<std::string>& served_centre,
                                                   core::CivilDate refunded_on) {
  return Submit(voucher.property, PostingsOfVoucherRefunded(voucher, served_centre, refunded_on));
}

SpaPostings::Accepted SpaPostings::Post(const SpaEvent& event) {
  struct Poster {
    SpaPostings& spa;
    Accepted operator()(const SpaPaymentTaken& e) { return spa.PaymentTaken(e.order, e.payment); }
    Accepted operator()(const SpaOrderCheckedOut& e) {
      return spa.OrderCheckedOut(e.order, e.checked_out_on);
    }
    Accepted operator()(const SpaOrderRefunded& e) {
      return spa.OrderRefunded(e.order, e.checked_out_on, e.refunded_on);
    }
    Accepted operator()(const OfflineMembershipPayment& e) { return spa.MembershipPaymentTaken(e); }
    Accepted operator()(const VoucherSale& e) { return spa.VoucherSold(e.voucher, e.sold_on); }
    Accepted operator()(const VoucherRedemption& e) {
      return spa.VoucherRedeemed(e.voucher, e.redeemed_on);
    }
    Accepted operator()(const VoucherService& e) {
      return spa.VoucherServed(e.voucher, e.offer_centre, e.served_on);
    }
    Accepted operator()(const VoucherRefund& e) {
      return spa.VoucherRefunded(e.voucher, e.served_centre, e.refunded_on);
    }
  };
  return std::visit(Poster{*this}, event);
}

SpaPostings::Accepted SpaPostings::Submit(const core::PropertyId& property,
                                          core::Result<std::vector<Posting>> postings) {
  if (!postings) return std::unexpected(postings.error());
  if (postings->empty()) return std::vector<PostingAccepted>{};
  return desk_.SubmitAll(property, std::move(*postings));
}

}  // namespace chansync::postings
