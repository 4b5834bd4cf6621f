#include "spa_routes.h"

#include "chansync/pos/posting_wire.h"
#include "chansync/pos/spa_wire.h"
#include "chansync/postings/spa_postings.h"

namespace chansync::pos {
namespace {

template <typename Event>
core::Result<postings::SpaEvent> AsEvent(core::Result<Event> decoded) {
  if (!decoded) return std::unexpected(decoded.error());
  return postings::SpaEvent(std::move(*decoded));
}

core::Result<postings::SpaEvent> DecodeEvent(const MatchedRoute& route, std::string_view body) {
  const core::PropertyId& property = route.property;
  switch (route.route) {
    case PostingRoute::kSpaPaymentTaken:
      return AsEvent(wire::DecodeSpaPaymentTaken(body, property, route.order_id));
    case PostingRoute::kSpaOrderCheckedOut:
      return AsEvent(wire::DecodeSpaCheckOut(body, property, route.order_id));
    case PostingRoute::kSpaOrderRefunded:
      return AsEvent(wire::DecodeSpaRefund(body, property, route.order_id));
    case PostingRoute::kSpaMembershipPayment:
      return AsEvent(wire::DecodeMembershipPayment(body, property));
    case PostingRoute::kVoucherSold:
      return AsEvent(wire::DecodeVoucherSale(body, property, route.voucher_id));
    case PostingRoute::kVoucherRedeemed:
      return AsEvent(wire::DecodeVoucherRedemption(body, property, route.voucher_id));
    case PostingRoute::kVoucherServed:
      return AsEvent(wire::DecodeVoucherService(body, property, route.voucher_id));
    case PostingRoute::kVoucherRefunded:
      return AsEvent(wire::DecodeVoucherRefund(body, property, route.voucher_id));
    default:
      return core::Fail(core::ErrorCode::kInternal, "not a spa route");
  }
}

}  // namespace

channel::HttpAnswer AnswerSpaEvent(postings::PostingDesk& desk, const MatchedRoute& route,
                                   const channel::HttpRequest& request) {
  if (auto refused = channel::RefuseUnlessJson(request)) return std::move(*refused);
  auto event = DecodeEvent(route, request.body);
  if (!event) return channel::ErrorAnswer(event.error());
  auto accepted = postings::SpaPostings(desk).Post(*event);
  if (!accepted) return channel::ErrorAnswer(accepted.error());
  return {202, wire::EncodeAcceptedList(*accepted)};
}

}  // namespace chansync::pos
