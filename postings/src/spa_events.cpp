#include "chansync/postings/spa_events.h"

namespace chansync::postings {
namespace {

struct PropertyOfEvent {
  const core::PropertyId& operator()(const SpaPaymentTaken& e) const { return e.order.property; }
  const core::PropertyId& operator()(const SpaOrderCheckedOut& e) const { return e.order.property; }
  const core::PropertyId& operator()(const SpaOrderRefunded& e) const { return e.order.property; }
  const core::PropertyId& operator()(const OfflineMembershipPayment& e) const { return e.property; }
  const core::PropertyId& operator()(const VoucherSale& e) const { return e.voucher.property; }
  const core::PropertyId& operator()(const VoucherRedemption& e) const {
    return e.voucher.property;
  }
  const core::PropertyId& operator()(const VoucherService& e) const { return e.voucher.property; }
  const core::PropertyId& operator()(const VoucherRefund& e) const { return e.voucher.property; }
};

}  // namespace

const core::PropertyId& PropertyOf(const SpaEvent& event) {
  return std::visit(PropertyOfEvent{}, event);
}

}  // namespace chansync::postings
